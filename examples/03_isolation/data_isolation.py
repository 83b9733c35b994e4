"""
Each process has its own memory
===============================

A child process that changes a global variable changes only its own copy. This
lesson shows that the parent does not see the change.
"""

# %%
# A child changes a global variable
# ---------------------------------
# The module defines ``total = 100``. The child adds 1 and prints the result. After
# ``join()``, when the child has finished, the parent prints its own ``total``.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["start methods"]

from multiprocessing import Process

total = 100


def add_one():
    global total
    total += 1
    print(f"child: total = {total}")


if __name__ == "__main__":
    child = Process(target=add_one, name="child")
    child.start()
    child.join()
    print(f"parent: total = {total}")

# %%
# The child saw ``total`` go from 100 to 101, but the parent still has 100, even
# though the child had already finished.
#
# Why? Each process has its own memory. The child starts with its own copy of the
# program's data: with the ``fork`` start method it gets a copy of the parent's
# memory; with ``spawn`` the module is imported again in a fresh Python
# interpreter, which runs ``total = 100`` itself; with ``forkserver`` the child is
# a copy of a clean server process, the fork server, which imported the module and
# ran ``total = 100`` itself (up to Python 3.13.7 and in 3.14.0, each child
# imported the module again). Either way, from then on the two ``total`` variables
# have nothing to do with each other: changing one never changes the other. (A
# *start method* is the way ``multiprocessing`` creates a child process; a later
# lesson compares the three:
# :ref:`sphx_glr_examples_11_start_methods_start_methods.py`.)
#
# This is a protection, not a bug: one process cannot corrupt the data of another.
# When processes need to exchange data, they send it to each other, through pipes
# or sockets provided by the operating system. ``multiprocessing`` wraps these in
# easy tools such as ``Queue`` and ``Pipe``, which later lessons present.
#
# Common mistake: counting on a module-level variable that the main program
# changed; see :ref:`sphx_glr_examples_23_common_mistakes_module_state.py`.

# %%
# .. try-this::
#    :change: child.join()
#    :to: child.join()\nchild = Process(target=add_one)\nchild.start()\nchild.join()
#
#    After the first child has finished, start a second child with the same
#    function. Before you look: does the second child print 101 or 102?
#
#    .. answer::
#
#       101. The second child starts from its own copy of the program's data, and
#       in the parent ``total`` is still 100: the first child's change stayed in the
#       first child's memory and ended with it. This holds under every start method.
