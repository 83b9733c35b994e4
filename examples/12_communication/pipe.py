"""
Ping and pong through a Pipe
============================

``Pipe()`` creates a channel with two ends, and each end can both send and receive.
This lesson gives one end to a child process and keeps the other, and the two
processes play ping-pong with messages.

.. index:: ! pipe
"""

# sphinx_gallery_teaches = ["Pipe"]
# sphinx_gallery_forward = []

from multiprocessing import Pipe, Process


def ponger(conn):
    while True:
        message = conn.recv()  # waits until a message arrives
        if message == "bye":
            break
        print(f"child: received {message!r}, answering")
        conn.send(message.replace("ping", "pong"))
    print("child: received 'bye', stopping")
    conn.close()


# %%
# ``Pipe()`` returns two ``Connection`` objects, one for each end. What you
# ``send()`` into one end comes out of ``recv()`` at the other end; messages can be
# any object that ``pickle`` can handle. The main program keeps ``parent_end`` and
# passes ``child_end`` to the child. It sends a ping, waits for the pong, three
# times, and then sends ``"bye"`` so that the child leaves its loop.
#
# The child gets its own copy of ``child_end``, so the parent closes its copy,
# which it never uses, right after ``start()``. That matters: ``recv()`` raises
# ``EOFError`` only when every copy of the other end is closed. Here the parent
# reads once more after ``"bye"``: it gets ``EOFError`` when the child has closed
# its end, and so learns that nothing more will come.

if __name__ == "__main__":
    parent_end, child_end = Pipe()
    child = Process(target=ponger, args=(child_end,), name="child")
    child.start()
    child_end.close()  # the child has its own copy
    for n in range(1, 4):
        parent_end.send(f"ping {n}")
        print(f"parent: received {parent_end.recv()!r}")
    parent_end.send("bye")
    try:
        parent_end.recv()  # nothing more comes: waits for the end of the pipe
    except EOFError:
        print("parent: EOFError, the child has closed its end")
    child.join()
    parent_end.close()

# %%
# Each side waits in ``recv()`` for the other, so the two processes take turns and
# the lines come out in the same order on every run. ``"bye"`` plays the role that
# the end marker plays for a queue.
#
# Use a pipe when exactly two processes talk to each other: it is simpler and
# faster than a queue. Two processes must never read from (or write to) the same
# end at the same time, or the messages can get mixed up. With
# ``Pipe(duplex=False)``, the first end can only receive and the second can only
# send.

# %%
# .. try-this::
#    :change: child_end.close()  # the child has its own copy
#    :to: pass  # the parent keeps its copy of child_end
#    :expect: timeout
#    :timeout: 3
#
#    Let the parent keep its copy of ``child_end`` open. Before you look: does the
#    parent still get its ``EOFError`` after ``"bye"``?
#
#    .. answer::
#
#       No: the program hangs after the child's last line. The child closed its
#       copy and ended, but the parent's own copy of ``child_end`` is still open,
#       and it could still send something, so ``recv()`` waits for it forever. The
#       program was stopped after 3 s; in your terminal you would press
#       Ctrl-C. Close every end that a process does not use, or a reader never
#       learns that the writers are gone.
