"""
A Process subclass with its own run()
=====================================

Instead of ``Process(target=...)``, you can subclass ``Process`` and override its
``run()`` method: ``run()`` is what the new process executes. This lesson shows
why you must call ``start()``, not ``run()``.
"""

# %%
# start() runs run() in a new process
# -----------------------------------
# ``current_process()`` returns the ``Process`` object of the process that calls
# it; in the main program, its name is ``MainProcess``. A subclass gets default
# names like ``Greeter-1``, made from the class name and a counter.

# sphinx_gallery_teaches = ["current_process"]
# sphinx_gallery_forward = []

import os
from multiprocessing import Process, current_process


class Greeter(Process):
    def run(self):
        where = current_process().name
        print(f"run() of {self.name}: executing in {where}, pid {os.getpid()}")


if __name__ == "__main__":
    print(f"main program: pid {os.getpid()}")
    greeter = Greeter()
    greeter.start()
    greeter.join()

# %%
# ``start()`` created a new process, and that process called ``run()``. So
# ``run()`` executed in the child ``Greeter-1``, with a pid different from the main
# program's.
#
# Calling run() yourself
# ----------------------
# ``run()`` is an ordinary method. If you call it directly, no process is created:
# the main program executes it itself, like any other method call.

if __name__ == "__main__":
    greeter = Greeter()
    greeter.run()  # a plain method call: no new process!

# %%
# This time ``run()`` executed in ``MainProcess``, with the main program's pid,
# and the main program had to wait until it returned. Always call ``start()``: it
# creates the process, and the new process calls ``run()`` for you.

# %%
# .. try-this::
#    :change: greeter.start()
#    :to: greeter.start()\ngreeter.run()
#
#    In the first part, call ``greeter.run()`` right after ``greeter.start()``.
#    Before you look: how many "run() of" lines does the first part print, and in
#    which processes do they execute?
#
#    .. answer::
#
#       Two lines, both of ``Greeter-1``: one executed in the child process
#       ``Greeter-1``, with its own pid, the other in ``MainProcess``, with the main
#       program's pid. ``self.name`` is the name of the object; ``current_process()``
#       tells which process really runs the code. Which line comes first depends on
#       the scheduler.
