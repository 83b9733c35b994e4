"""
Tasks, end markers and a clean shutdown: JoinableQueue
======================================================

A ``JoinableQueue`` is a queue that counts unfinished tasks: ``put()`` adds one,
and a worker calls ``task_done()`` when it has finished one. ``join()`` waits
until the count is back to zero. This lesson feeds six tasks to two workers,
waits until all are done, then stops the workers with end markers.
"""

# sphinx_gallery_teaches = ["JoinableQueue", "task_done", "join_thread"]
# sphinx_gallery_forward = []

from multiprocessing import JoinableQueue, Process, Queue

STOP = None  # the end marker: "no more tasks"


def worker(name, tasks, results):
    while True:
        task = tasks.get()
        if task is STOP:
            tasks.task_done()
            break
        results.put(f"{name} squared {task}: {task * task}")
        tasks.task_done()  # one task fewer to wait for
    results.close()  # no more results from this process
    results.join_thread()  # wait until they are all sent


# %%
# The main process puts six numbers in the queue and calls ``tasks.join()``,
# which returns once ``task_done()`` has been called for each of them. Then it
# puts one end marker per worker: a worker that gets ``STOP`` leaves its loop and
# ends. Which worker gets which task depends on the scheduler.

if __name__ == "__main__":
    tasks, results = JoinableQueue(), Queue()
    workers = [
        Process(target=worker, args=(f"worker {i}", tasks, results), name=f"worker {i}")
        for i in (1, 2)
    ]
    for p in workers:
        p.start()
    for number in range(1, 7):
        tasks.put(number)
    tasks.join()  # blocks until every task is done
    print("main: all 6 tasks are done")
    for _ in workers:
        tasks.put(STOP)
    for _ in range(6):
        print(results.get(timeout=10))
    for p in workers:
        p.join()
    print(f"main: exit codes {[p.exitcode for p in workers]}")

# %%
# ``task_done()`` must be called once for every ``get()``, the end marker's
# included, or ``join()`` waits forever. An end marker is a value that cannot be a
# real task (here ``None``); send one per worker, since each worker takes one and
# stops.
#
# A ``Queue`` sends its items from a background thread of the process that puts
# them. ``close()`` says that this process will put nothing more, and
# ``join_thread()`` waits until the thread has sent everything. A process ends
# after its items are sent anyway, but ``close()`` and ``join_thread()`` make the
# shutdown explicit. The main process reads the results *before* it joins the
# workers: a process that still has items to send does not end, so joining it
# first could wait forever.

# %%
# .. try-this::
#    :change: for _ in workers:
#    :to: for _ in workers[:1]:  # one sentinel only
#    :expect: timeout
#    :timeout: 8
#
#    Put only one sentinel in the queue for the two workers. The six tasks are
#    still done, but does the program end?
#
#    .. answer::
#
#       No. One worker takes the only ``STOP`` and ends; the other waits in
#       ``tasks.get()`` for a task that never comes, so the main process waits for
#       it in ``join()`` for ever. The program was stopped after 8 s; in a
#       terminal, press Ctrl-C. Send one sentinel per worker.
