"""
One log file, many processes: QueueHandler and QueueListener
============================================================

``logging.handlers.QueueHandler`` does not write anything: it puts each log
record in a queue. A ``QueueListener`` in the main process takes the records out
and hands them to real handlers, here one that writes a file. So however many
processes log, only one process writes the file.
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import logging
import logging.handlers
from multiprocessing import Process, Queue
from pathlib import Path


def work(name, log_queue):
    # In the child: send every record to the queue.
    logger = logging.getLogger()
    logger.setLevel(logging.INFO)
    logger.addHandler(logging.handlers.QueueHandler(log_queue))
    logging.info("started")
    logging.warning("something looks odd")
    logging.info("finished")


# %%
# Each child sets up its own logging in the function it runs, so that it works
# with every start method. The listener runs in a thread of the main process and
# writes to ``workers.log``, in the working directory. The order of the records
# depends on the scheduler.

if __name__ == "__main__":
    log_queue = Queue()
    log_file = logging.FileHandler("workers.log", mode="w", encoding="utf-8")
    log_file.setFormatter(
        logging.Formatter("%(processName)s %(levelname)s %(message)s")
    )
    listener = logging.handlers.QueueListener(log_queue, log_file)
    listener.start()
    workers = [
        Process(target=work, args=(f"worker {i}", log_queue), name=f"worker {i}")
        for i in (1, 2, 3)
    ]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    listener.stop()  # handle the records still in the queue, then stop
    log_file.close()
    lines = Path("workers.log").read_text(encoding="utf-8").splitlines()
    print(f"main: workers.log has {len(lines)} lines:")
    for line in lines:
        print(f"  {line}")
    Path("workers.log").unlink()  # tidy up: the next run starts afresh

# %%
# Every record is in the file, whole: the three processes never wrote to it
# themselves. ``%(processName)s`` tells who logged what, so give processes names.
# ``listener.stop()`` waits for the records that are still in the queue, so call
# it before you read or close the file. Since Python 3.12, ``logging.config``
# can set up a ``QueueHandler`` and its listener from a configuration dict.

# %%
# .. try-this::
#    :change: logger.addHandler(logging.handlers.QueueHandler(log_queue))
#    :to:
#
#    Delete the line that gives each child its ``QueueHandler``. What ends up in
#    ``workers.log``? Does anything reach the terminal?
#
#    .. answer::
#
#       ``workers.log`` stays empty: no record goes into the queue, so the listener
#       has nothing to write. The records still show up: when the root logger has no
#       handler at all, ``logging.info()`` and its siblings call
#       ``logging.basicConfig()``, so each child prints its records on the terminal
#       (on standard error) in the default format, ``LEVEL:logger:message``. Their
#       order depends on the scheduler.
