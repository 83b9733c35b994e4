"""
Mistake: functions defined in a console
=======================================

**What you see:** in an interactive console, a notebook or ``python -c``, each child
prints ``Can't get attribute 'label' on <module '__main__' ...>`` (from Python 3.14:
``module '__main__' has no attribute 'label'``) and ends with exit code 1, under
``forkserver`` and ``spawn``. To see it on Linux with Python up to 3.13, as macOS
and Windows readers do, call ``multiprocessing.set_start_method("spawn")`` first in
the console.

Functions typed into an interactive console, a notebook cell or ``python -c`` live
in a ``__main__`` module that has no file. A ``spawn`` or ``forkserver`` child
cannot find them.
"""

# %%
# To show this for real, the lesson starts a second Python with ``python -c`` and
# gives it the code below, as an IDE console would run it. The lesson passes its
# start method on, and bounds every wait.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing
import os
import subprocess
import sys

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]

CONSOLE = """
import multiprocessing, sys
multiprocessing.set_start_method(sys.argv[1])

def label(parcel):
    print(f"labeller: parcel {parcel} labelled")

labeller = multiprocessing.Process(target=label, args=(3,), name="labeller")
labeller.start()
labeller.join(timeout=20)
print(f"console: the labeller ended with exit code {labeller.exitcode}")
"""

if __name__ == "__main__":
    method = multiprocessing.get_start_method()
    subprocess.run([sys.executable, "-B", "-c", CONSOLE, method], timeout=60)

# %%
# Why it happens
# --------------
# The parent sends the target to a ``spawn`` or ``forkserver`` child by name,
# ``__main__.label``. The child then imports the parent's main module from its file,
# but a console's ``__main__`` has no file, so the child's ``__main__`` has no
# ``label``, and the child fails with an ``AttributeError``: "module '__main__' has
# no attribute 'label'" from Python 3.14 on, "Can't get attribute 'label' on
# <module '__main__' ...>" up to Python 3.13. With a ``Pool``,
# a worker that fails this way is replaced by a new one that fails again, and the
# program hangs. Under ``fork`` the child is a copy that already has ``label``.
#
# The fix
# -------
# Put the functions that children run in a file, a module, and import it in the
# console. Here the lesson writes ``shipping.py`` into its working folder, runs the
# console again, and removes the file.

SHIPPING = """
def label(parcel):
    print(f"labeller: parcel {parcel} labelled")
"""

FIXED = """
import multiprocessing, sys
from shipping import label
multiprocessing.set_start_method(sys.argv[1])

labeller = multiprocessing.Process(target=label, args=(3,), name="labeller")
labeller.start()
labeller.join(timeout=20)
print(f"console: the labeller ended with exit code {labeller.exitcode}")
"""

if __name__ == "__main__":
    with open("shipping.py", "w", encoding="utf-8") as module:
        module.write(SHIPPING)
    subprocess.run([sys.executable, "-B", "-c", FIXED, method], timeout=60)
    os.remove("shipping.py")

# %%
# .. try-this::
#    :change: SHIPPING = """
#    :to: SHIPPING = """\nprint("shipping: imported")
#    :start-method: spawn
#
#    Let ``shipping.py`` say when it is imported, and run the lesson under
#    ``spawn``. How many times is it imported by the fixed console and its
#    labeller?
#
#    .. answer::
#
#       Twice: once by the console's ``from shipping import label``, and once more
#       by the labeller, which gets the name ``shipping.label`` and imports
#       ``shipping`` to find it. Under ``fork`` it is imported once: the child is a
#       copy that already has the module.
