"""
Fix: a module-level target
==========================

The packer of the previous lesson, with its function moved to the top level of the
module. Now it works under every start method.
"""

# %%
# A function at the top level has a name that the child can import, here
# ``__main__.pack``. What the local function took from ``main()`` is now passed in
# ``args``.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]


def pack(order):
    print(f"packer: order {order} packed")


def main():
    packer = multiprocessing.Process(target=pack, args=(7,), name="packer")
    packer.start()
    packer.join()
    print("main: all orders packed")


if __name__ == "__main__":
    main()

# %%
# The same goes for a ``lambda``: write a ``def`` at the top level instead. To fix
# some arguments in advance, use :func:`functools.partial` on a top-level function,
# which pickles well.

# %%
# .. try-this::
#    :change: print("main: all orders packed")
#    :to: print(f"main: pickle sends {pack.__module__}.{pack.__qualname__}")
#
#    Let the main program print the name that pickle sends for ``pack``: its module
#    and its qualified name. What is it now?
#
#    .. answer::
#
#       ``__main__.pack``: the module, then the name at its top level. A
#       ``spawn`` child imports the main module as ``__mp_main__`` (under
#       ``forkserver``, the fork server or the child does) and finds ``pack``
#       there. In the previous lesson the name
#       was ``main.<locals>.pack``, which no import can find.
