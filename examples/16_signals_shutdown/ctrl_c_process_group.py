"""
Ctrl-C reaches every process of the group
=========================================

When you press Ctrl-C, the terminal sends ``SIGINT`` to every process of the
foreground *process group*: the main program and all the children it started,
at once. This lesson sends that signal itself and shows what each process does.
POSIX only (Linux, macOS); Windows delivers Ctrl-C differently.

.. index:: ! signal
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import signal
import sys
import time
from multiprocessing import Pipe, Process

if os.name != "posix":
    sys.exit("This lesson needs Linux or macOS: Windows has no os.killpg().")


def work(name, ready):
    try:
        ready.send("ready")  # a pipe: no lock to leave half taken
        time.sleep(10)
    except KeyboardInterrupt:  # Python turns SIGINT into KeyboardInterrupt
        print(f"{name}: got Ctrl-C (SIGINT), stopping my work")
    finally:
        print(f"{name}: in my finally block, cleaning up")


# %%
# First the main program makes a process group of its own, if it does not lead one
# yet, so that the signal reaches this program and its children, and nothing else
# (a ``make`` or a shell script that ran it, for instance). Children join their
# parent's group when they start. When both workers are ready, the main program
# sends ``SIGINT`` to its own group with ``os.killpg()``, exactly as Ctrl-C would.
#
# Careful: a new group is not the terminal's *foreground* process group, the one
# that Ctrl-C reaches. Under ``make`` or a script, a Ctrl-C that you type then
# reaches ``make`` but no longer this program or its workers. (Run from a shell
# prompt, the program already leads the foreground group, and nothing changes.)
# Call ``os.setpgid(0, 0)`` only in a program that sends its own signals, as here.

if __name__ == "__main__":
    if os.getpgid(0) != os.getpid():
        os.setpgid(0, 0)  # a new group, led by this process
    pipes = [Pipe(duplex=False) for n in (1, 2)]
    workers = [
        Process(target=work, args=(f"worker {n}", send), name=f"worker {n}")
        for n, (_, send) in enumerate(pipes, start=1)
    ]
    for worker in workers:
        worker.start()
    try:
        for ready, _ in pipes:
            ready.recv()  # wait until this worker is in its try block
        os.killpg(os.getpgid(0), signal.SIGINT)  # what Ctrl-C does
        time.sleep(10)
    except KeyboardInterrupt:
        print("main: got Ctrl-C (SIGINT) too, waiting for my workers")
    for worker in workers:
        worker.join()
        print(f"main: {worker.name} ended with exit code {worker.exitcode}")

# %%
# All three processes got the signal, each raised ``KeyboardInterrupt`` where it
# was, and each ran its ``finally`` block. The workers' lines may come in another
# order: they were interrupted at the same moment. The workers caught the
# exception, so they ended with exit code 0; a worker that did not would print a
# traceback and end with exit code 1.
#
# So with Ctrl-C, the main program does not have to stop its children: they got
# the signal too. Its job is to wait for them with ``join()``. A child that must
# not be interrupted in the middle of something can ignore ``SIGINT`` with
# ``signal.signal(signal.SIGINT, signal.SIG_IGN)`` and wait for the main program
# to tell it to stop, for example with a stop ``Event``.

# %%
# .. try-this::
#    :change: signal.SIGINT)  # what Ctrl-C does
#    :to: signal.SIGTERM)  # what kill -TERM does
#    :expect: exit -15
#
#    Send ``SIGTERM`` to the group instead of ``SIGINT``. Which ``except`` and
#    ``finally`` blocks run now?
#
#    .. answer::
#
#       None, and nothing is printed at all. Python turns only ``SIGINT`` into an
#       exception; ``SIGTERM``, with no handler, ends each of the three processes at
#       once. The program ends killed by the signal (a shell shows the exit status
#       143, that is 128 + 15).
