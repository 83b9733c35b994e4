"""
Producer and consumer with a Queue
==================================

A ``multiprocessing.Queue`` carries items from one process to another. This lesson
shows the classic pattern: a producer process puts items into a queue, a consumer
process takes them out, and a special item, the *end marker*, tells the consumer
that nothing more will come.
"""

# sphinx_gallery_teaches = ["Queue"]
# sphinx_gallery_forward = []

import time
from multiprocessing import Process, Queue


def producer(queue):
    for n in range(1, 5):
        time.sleep(0.1)  # making a bun takes a moment
        print(f"producer: made bun {n}")
        queue.put(f"bun {n}")
    queue.put(None)  # the end marker: no more buns will come
    print("producer: done, sent the end marker")


def consumer(queue):
    while True:
        item = queue.get()  # waits until there is an item
        if item is None:
            break
        print(f"consumer: ate {item}")
        time.sleep(0.18)  # eating is slower than making
    print("consumer: got the end marker, stopping")


# %%
# Both processes receive the same queue as an argument. ``put()`` adds an item at
# the end of the queue, and ``get()`` takes the oldest item out, waiting as long as
# the queue is empty. Items can be any object that ``pickle`` can handle.
#
# The consumer cannot know by itself when the producer is finished, so the producer
# puts ``None`` last. When the consumer gets ``None``, it leaves its loop.

if __name__ == "__main__":
    queue = Queue()
    processes = [
        Process(target=producer, args=(queue,), name="producer"),
        Process(target=consumer, args=(queue,), name="consumer"),
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    print("main: both processes have finished")

# %%
# The consumer ate the buns in the order they were made, because a queue is first
# in, first out. The lines of the two processes interleave, and that order may
# differ on your machine; but no bun is eaten before it was made, since ``get()``
# waits for it. The consumer is slower, so the buns that it has not eaten yet wait
# in the queue, and it stops only after it has eaten all of them.
#
# With several producers, let the main program send the end marker instead: join
# all the producers first, then put one ``None`` for each consumer.
#
# Common mistake: joining a process before taking its items out of the queue; see
# :ref:`sphx_glr_examples_23_common_mistakes_queue_join_deadlock.py`.

# %%
# .. try-this::
#    :change: time.sleep(0.18)  # eating is slower than making
#    :to: time.sleep(0.01)
#
#    Make the consumer fast: let it eat a bun in 0.01 s instead of 0.18 s. Before
#    you look: in which order do the "made" and "ate" lines come now?
#
#    .. answer::
#
#       They alternate: each bun is eaten right after it is made. The consumer now
#       spends most of its time waiting in ``get()`` for the next bun, so no buns
#       pile up in the queue, and it stops soon after the producer is done.
