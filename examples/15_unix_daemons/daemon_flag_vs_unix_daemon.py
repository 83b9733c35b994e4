"""
``daemon=True`` is not a Unix daemon
====================================

Two different things share the name "daemon". ``multiprocessing``'s ``daemon=True``
only marks a child that the main program terminates when it ends. A Unix daemon is
a service detached from its terminal and from the program that started it. This
lesson starts one of each and compares them. POSIX only (Linux, macOS).
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import sys
import time
from multiprocessing import Pipe, get_context

if os.name != "posix":
    sys.exit("This lesson needs Linux or macOS: Windows has no os.fork().")


def facts(main_pid):
    return f"{os.getppid() == main_pid!s:<16}{os.getsid(0) != os.getsid(main_pid)}"


def daemonic_child(main_pid, conn):
    conn.send(facts(main_pid))
    time.sleep(60)  # until the main program ends and terminates me


def unix_daemon(main_pid, write_end):
    if (first := os.fork()) > 0:
        os.waitpid(first, 0)
        return
    os.setsid()
    if os.fork() > 0:
        os._exit(0)
    while os.getppid() == first:  # wait until my parent has gone
        time.sleep(0.01)
    os.write(write_end, facts(main_pid).encode())
    os._exit(0)  # this one has no work to do: it stops at once


# %%
# Each child answers two questions about itself: is my parent the main program,
# and do I have a session of my own (no terminal)? The Unix daemon is made with
# the double fork of the earlier lesson; it answers and exits. The daemonic child is
# started with ``spawn`` whatever the default start method: with ``forkserver``, its
# parent would be the fork server, not the main program.

if __name__ == "__main__":
    read_end, write_end = os.pipe()
    sys.stdout.flush()  # a fork copies unwritten output: write it first
    unix_daemon(os.getpid(), write_end)
    os.close(write_end)
    from_daemon = os.read(read_end, 100).decode()
    mine, theirs = Pipe()
    spawn = get_context("spawn")  # with forkserver, the server would be its parent
    child = spawn.Process(
        target=daemonic_child, args=(os.getpid(), theirs), name="daemonic child"
    )
    child.daemon = True
    child.start()
    print("                     parent is main  own session")
    print(f"daemon=True child:   {mine.recv()}")
    print(f"Unix daemon:         {from_daemon}")
    print("main: my code ends; multiprocessing now terminates the daemonic child")

# %%
# The ``daemon=True`` child is an ordinary child: the main program is its parent,
# and it shares the main program's session and terminal. Its only difference from
# other children is that ``multiprocessing`` terminates it when the main program
# ends normally. The Unix daemon's parent is not the main program (it is an
# orphan, adopted by another process), and it has a session of its own, so closing
# the terminal does not stop it. In Chinese, 守护进程 usually means the second kind.

# %%
# .. try-this::
#    :change: child.daemon = True
#    :to: child.daemon = False
#    :expect: timeout
#    :timeout: 8
#
#    Make the child an ordinary one with ``child.daemon = False``. Does the table
#    change? And how does the program end?
#
#    .. answer::
#
#       The table stays the same, but the program does not end with its code:
#       ``multiprocessing`` now waits for the child instead of terminating it, and
#       the child sleeps for 60 s. (The printed labels are only text: they still say
#       "daemon=True".) The program was stopped after 8 s; in a terminal it
#       ends a minute later, or when you press Ctrl-C.
