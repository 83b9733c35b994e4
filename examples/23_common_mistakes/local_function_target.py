"""
Mistake: a local function as the target
=======================================

**What you see:** ``Can't pickle local object 'main.<locals>.pack'`` when the
process starts (from Python 3.14, a ``PicklingError``; ``Can't get local object`` in
3.13), under ``forkserver`` and ``spawn``; under ``fork`` it works. To see it on
Linux with Python up to 3.13, as macOS and Windows readers do, call
``multiprocessing.set_start_method("spawn")`` first in the main block.

A function defined inside another function (or a ``lambda``) works as a target
under ``fork``, and cannot be sent to the child under ``forkserver`` and ``spawn``.
"""

# %%
# The packing code keeps its helper close to where it is used, inside ``main()``.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]
# sphinx_gallery_expect = {"forkserver": {"3.11": "AttributeError", "3.14": "PicklingError"}, "spawn": {"3.11": "AttributeError", "3.14": "PicklingError"}}


def main():
    def pack(order):
        print(f"packer: order {order} packed")

    packer = multiprocessing.Process(target=pack, args=(7,), name="packer")
    packer.start()
    packer.join()
    print("main: all orders packed")


if __name__ == "__main__":
    main()

# %%
# Why it happens
# --------------
# A ``spawn`` or ``forkserver`` child is a new interpreter, or a copy of one. The
# parent sends it the target and its arguments with :mod:`pickle`, and pickle does
# not send a function's code: it sends its name, here ``main.<locals>.pack``, for
# the child to import. A function that lives inside another function has no name
# that an import can find, so ``start()`` fails in the parent, before any child
# exists. What it raises depends on your Python version: an ``AttributeError`` up
# to Python 3.13 ("Can't pickle local object 'main.<locals>.pack'" in 3.11 and
# 3.12, "Can't get local object 'main.<locals>.pack'" in 3.13); from Python 3.14 on,
# a ``PicklingError``, "Can't pickle local object <function main.<locals>.pack at
# ...>", followed by notes that say where pickle met it ("when serializing
# multiprocessing.context.Process object"). A ``lambda`` inside ``main()`` fails
# exactly the same way; a ``lambda`` at the top level of the module fails with a
# ``PicklingError`` on every version, as its name ``<lambda>`` is found nowhere.
# A class defined inside a function fails too; an argument that pickle cannot
# send, such as an open file or a ``threading.Lock``, fails with a ``TypeError``.
# Under ``fork`` nothing is pickled: the child is a copy that already has the
# function.
#
# The fix is in the next lesson.

# %%
# .. try-this::
#    :change: def main():
#    :to: def main():\n    global pack  # pack becomes a name of the module
#    :start-method: spawn
#
#    Add ``global pack`` at the top of ``main()``, so that ``def pack`` makes a name
#    of the module. Does the packer work under ``spawn`` now?
#
#    .. answer::
#
#       Not yet. ``start()`` no longer fails: pickle sends the name
#       ``__main__.pack``, which exists in the main program once ``main()`` has run.
#       But the child imports the script afresh and never calls ``main()``, so its
#       module has no ``pack``: the child fails with ``AttributeError`` and exit code
#       1, and the main program, which does not check, says all orders were packed.
#       A target must exist after a plain import of its module.
