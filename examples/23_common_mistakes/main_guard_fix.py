"""
Fix: the main guard
===================

The script of the previous lesson, with its main code under
``if __name__ == "__main__":``. It now prints the same under every start method.
"""

# %%
# Only the function stays at the top level, where a child that imports the module
# finds it. The code that starts the clerk runs only in the main program.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]


def send_invoice(customer):
    print(f"clerk: invoice sent to {customer}")


if __name__ == "__main__":
    clerk = multiprocessing.Process(target=send_invoice, args=("Ada",), name="clerk")
    clerk.start()
    clerk.join()
    print(f"main: the clerk ended with exit code {clerk.exitcode}")

# %%
# When a ``spawn`` child imports the module, ``__name__`` is ``"__mp_main__"``, so
# the guarded block does not run again. Under ``forkserver`` the same holds for the
# process that imports it: the fork server, once, from Python 3.13.8 and 3.14.1 on
# (its children are copies of it), and each child before. Put everything that
# starts processes, and everything that should happen once, under the guard; define
# the functions that children run at the top level.

# %%
# .. try-this::
#    :change: if __name__ == "__main__":
#    :to: if __name__ != "__mp_main__":
#
#    Write the guard the other way round: ``if __name__ != "__mp_main__":``. Does
#    the clerk still work under every start method?
#
#    .. answer::
#
#       Yes, it prints the same everywhere: whatever imports the script for a
#       ``spawn`` or ``forkserver`` child (the child, or the fork server) imports
#       it as ``__mp_main__``, so the test is false there too, and a ``fork``
#       child never imports it. But keep ``== "__main__"``: when another
#       module imports your script, its ``__name__`` is the module's own name, and
#       this guard would start a clerk on import.
