"""
Producer and consumer with a Queue
==================================

A ``multiprocessing.Queue`` carries items from one process to another. This lesson
shows the classic pattern: a producer process puts items into a queue, a consumer
process takes them out, and a special item, the *sentinel*, tells the consumer that
nothing more will come.
"""

import time
from multiprocessing import Process, Queue


def producer(queue):
    for n in range(1, 5):
        time.sleep(0.1)  # making a bun takes a moment
        print(f"producer: made bun {n}")
        queue.put(f"bun {n}")
    queue.put(None)  # the sentinel: no more buns will come
    print("producer: done, sent the sentinel")


def consumer(queue):
    while True:
        item = queue.get()  # waits until there is an item
        if item is None:
            break
        print(f"consumer: ate {item}")
        time.sleep(0.18)  # eating is slower than making
    print("consumer: got the sentinel, stopping")


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
# With several producers, let the main program send the sentinel instead: join all
# the producers first, then put one ``None`` for each consumer.
#
# Common mistake: joining a process before taking its items out of the queue; see
# :ref:`sphx_glr_examples_23_common_mistakes_queue_join_deadlock.py`.
