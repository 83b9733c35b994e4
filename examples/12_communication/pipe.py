"""
Ping and pong through a Pipe
============================

``Pipe()`` creates a channel with two ends, and each end can both send and receive.
This lesson gives one end to a child process and keeps the other, and the two
processes play ping-pong with messages.
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

if __name__ == "__main__":
    parent_end, child_end = Pipe()
    child = Process(target=ponger, args=(child_end,), name="child")
    child.start()
    for n in range(1, 4):
        parent_end.send(f"ping {n}")
        print(f"parent: received {parent_end.recv()!r}")
    parent_end.send("bye")
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
#    :change: conn.send(message.replace("ping", "pong"))
#    :to: conn.send(message.replace("ping", "pong"))\nconn.send("and one more")
#
#    Let the child send a second message after each pong. Before you look: what
#    does the parent receive in its three rounds?
#
#    .. answer::
#
#       The first pong, then the extra message of the first round, then the second
#       pong. A pipe delivers every message in order, and each ``recv()`` takes the
#       next one, whichever question it answers. The two sides are out of step now,
#       and the last messages stay unread: both ends must agree on who sends what.
