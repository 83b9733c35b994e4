"""
Homework: a TCP server with one process per client
==================================================

**The task.** Write a program ``server.py``, run as ``python server.py PORT``,
that listens on 127.0.0.1 on that port and serves each client in its own
process, so that a slow or silent client never keeps the others waiting. The
protocol: a client sends one line of text; the server answers with one line
that contains that text in upper case (add the pid that served it), then closes
the connection. The server runs until you press Ctrl-C. Then it closes its
listening socket, stops its child processes and exits; started again at once on
the same port, it works. While it runs, it leaves no zombie children.

**How it is checked.** The :doc:`next lesson's <check_the_homework>` checker
starts your server itself, once per start method, and checks it:
``python check_server.py --run server.py``. It checks that the server answers
several clients at once, serves a client while another one is connected and
idle, survives clients that vanish, leaves no zombies (on Linux), stops on
Ctrl-C with exit status 0, no traceback and no process left, and starts again
at once on the same port. The :doc:`previous lesson <socket_primer>` shows
every socket call you need.

**Start here.** :download:`homework_starter.py
</../examples/10_tcp_server/homework_starter.py>` is a server with three TODOs,
:download:`homework_client.py </../examples/10_tcp_server/homework_client.py>`
a client: ``python homework_client.py PORT "hello"``.

.. folded:: Hint 1: my server leaves <defunct> processes in ps

   A child that has exited stays in the process table as a *zombie*
   (``<defunct>``) until its parent reads its exit status. What TODO 2 changes
   depends on the :ref:`start method
   <sphx_glr_examples_11_start_methods_start_methods.py>`, the way a child
   process is made:

   - Under ``fork`` (Linux's default before Python 3.14) and ``spawn`` (macOS
     and Windows), your server is its children's parent. ``Process.start()``
     reaps the children that had finished before it, so after the last client
     some stay. Call ``multiprocessing.active_children()`` regularly: it reaps
     every finished child. Give the listening socket a timeout
     (``settimeout(0.5)``), so that ``accept()`` returns now and then even
     when no client comes.
   - Under ``forkserver``, Linux's default from Python 3.14, the fork server
     is your children's parent and reaps them itself: no zombie shows, and
     TODO 2 looks unnecessary. Your server still has to do it, for it may run
     under ``fork`` or ``spawn``; and ``active_children()`` is also how it
     finds the children to stop on Ctrl-C (TODO 3).

   To see the zombies on Python 3.14, run
   ``python check_server.py --run server.py --start-method fork``, or add
   ``multiprocessing.set_start_method("fork")`` at the start of ``main()`` and
   look while the server runs: ``ps -o pid,stat,cmd --ppid PID`` lists its
   children, a zombie with ``Z`` and ``<defunct>``.

.. folded:: Hint 2: restarting fails with "Address already in use"

   The side that closes a TCP connection first keeps it in the TIME_WAIT state
   for a while (a minute on Linux), so that late packets of the old connection
   do not reach a new one. A socket made with ``socket.socket()`` and ``bind()``
   cannot listen on a port with such connections, unless you set
   ``sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`` before
   ``bind()``; ``socket.create_server()`` sets it for you on POSIX systems
   (Linux, macOS, the BSDs). Not on Windows, which does not need it: there
   ``SO_REUSEADDR`` would let another socket take a port that is in use.
   Another cause: under ``fork``, each child holds a copy of the listening
   socket, so the port stays taken as long as a child runs.

.. folded:: Hint 3: what should Ctrl-C do?

   Ctrl-C raises ``KeyboardInterrupt`` in the server's main process. Catch it
   around the ``accept()`` loop, close the listening socket, then
   ``terminate()`` and ``join()`` each child from ``active_children()``. A
   terminal sends Ctrl-C to the children as well: they can ignore it with
   ``signal.signal(signal.SIGINT, signal.SIG_IGN)``, since the parent stops them.

.. folded:: Hint 4: two lines came out glued together

   ``print(text)`` makes two writes, the text and then the newline. When
   output is unbuffered (``python -u``, or ``PYTHONUNBUFFERED=1``, which some
   editors set), each is a write to the terminal of its own, and another
   process's line can land between them:
   ``got 'hello from B'process 11383: got ...``. Write each line with one
   write, newline included: ``sys.stdout.write(text + "\\n")`` and then
   ``sys.stdout.flush()``.

.. folded:: The solution: homework_server.py

   :download:`homework_server.py </../examples/10_tcp_server/homework_server.py>`
   does all of the above:

   .. literalinclude:: /../examples/10_tcp_server/homework_server.py
      :language: python

.. index:: ! Address already in use, ! port already in use
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["start methods"]

import signal
import subprocess
import sys
from pathlib import Path

SERVER = Path(__file__).with_name("homework_server.py")
CLIENT = Path(__file__).with_name("homework_client.py")
CHECKER = Path(__file__).with_name("check_server.py")

# %%
# The solution at work, as you would run it in three terminals: the server on
# a free port (``0``), then two clients at the same time. Ctrl-C is SIGINT; on
# Windows, where a program cannot send Ctrl-C to only one other program, the
# server takes Ctrl-Break, sent to a new process group of its own. To run this
# page yourself, put ``homework_server.py`` and ``homework_client.py`` next to it.

if __name__ == "__main__":
    group = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)  # Windows only
    command = [sys.executable, SERVER, "0"]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, text=True, creationflags=group
    )
    first = server.stdout.readline()  # "serving on port N, ..."
    port = first.split()[3].rstrip(",")
    clients = [
        subprocess.Popen([sys.executable, CLIENT, port, f"hello from {name}"])
        for name in "AB"
    ]
    for client in clients:
        client.wait(timeout=30)
    # Ctrl-C is SIGINT; Windows has Ctrl-Break instead
    stop = getattr(signal, "CTRL_BREAK_EVENT", signal.SIGINT)
    server.send_signal(stop)
    rest, _ = server.communicate(timeout=30)
    for line in (first + rest).splitlines():
        print(f"server said: {line}")
    print(f"server exit status: {server.returncode}")

# %%
# Each client got its answer from a process of its own: the two pids differ.
# The clients printed their lines themselves while the server ran; the server's
# lines were read from its output and printed at the end. The server exited
# with status 0 after SIGINT, having stopped and reaped its children.

# %%
# The checker run on the solution, as you will run it on your server:
# ``python check_server.py --run homework_server.py``. Under each start method
# in turn, it starts the server on a free port, checks it, presses Ctrl-C and
# starts it again. Under ``forkserver`` its zombie check cannot fail, and it
# says so instead of passing. To run this cell yourself, put
# ``check_server.py`` next to the page too.

if __name__ == "__main__":
    command = [sys.executable, CHECKER, "--run", SERVER]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    print(f"{done.stdout}checker exit status: {done.returncode}")

# %%
# .. try-this::
#    :change: for name in "AB"
#    :to: for name in "ABC"
#
#    Start three clients instead of two. How many different pids name the
#    processes that served them, and does the server still exit with status 0?
#
#    .. answer::
#
#       Three pids, one per client, because the server starts a process for
#       each connection; and status 0, because on Ctrl-C it stops and reaps
#       every child it has. The order of the clients' lines depends on the
#       scheduler.
