"""
Mistake: join before draining the queue
=======================================

**What you see:** the program hangs in ``join()`` after a child put data in a
``Queue``: no error, no more output, no end.

A child that puts a lot of data into a ``Queue`` cannot end until the data has been
taken out. A parent that calls ``join()`` first, and ``get()`` after, waits forever.
"""

# %%
# A collector reads 100,000 rows and sends them to the main program in one
# ``Queue``. The main program waits for it to end, then reads the rows. Here the
# wait is bounded to 3 seconds, so that the lesson does not hang. (A ``Queue``
# carries items from one process to another, in order;
# :ref:`sphx_glr_examples_12_communication_queue_producer_consumer.py` presents
# it.)

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["Queue"]

import multiprocessing


def collect(queue):
    rows = [f"row {n}" for n in range(100_000)]
    queue.put(rows)
    print("collector: all rows are in the queue")


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    collector = multiprocessing.Process(target=collect, args=(queue,), name="collector")
    collector.start()
    collector.join(timeout=3)  # the mistake: join() before get()
    if collector.is_alive():
        print("main: the collector has not ended after 3 s: deadlock")
        rows = queue.get()  # take the rows out, and it can end
        collector.join()
        print(f"main: after get(), the collector ended with {collector.exitcode}")

# %%
# Why it happens
# --------------
# ``put()`` returns at once: a thread of the child sends the data through a pipe in
# the background. A pipe holds only a few kilobytes (64 KiB on Linux), so that
# thread waits until someone reads. Before a process ends, it waits for that thread
# to finish sending. So the child waits for the parent to ``get()``, and the parent
# waits in ``join()`` for the child to end: a deadlock. With small items the pipe
# never fills up, which is why the same code works in a quick test.
#
# The fix
# -------
# Take everything out of the queue first, then ``join()``.

if __name__ == "__main__":
    queue = multiprocessing.Queue()
    collector = multiprocessing.Process(target=collect, args=(queue,), name="collector")
    collector.start()
    rows = queue.get()
    collector.join()
    print(f"main: got {len(rows)} rows, the collector ended with {collector.exitcode}")

# %%
# .. try-this::
#    :change: range(100_000)
#    :to: range(10)
#
#    Let the collector send 10 rows instead of 100,000. Does the first part still
#    end in a deadlock?
#
#    .. answer::
#
#       No: ten short rows fit in the pipe, so the child's background thread sends
#       them at once, the child ends, and ``join()`` returns. The mistake is still
#       in the code; it only shows when the data is big, which is why a quick test
#       does not find it.
