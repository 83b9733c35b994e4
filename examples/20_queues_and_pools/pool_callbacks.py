"""
More ways to use a Pool: imap_unordered, starmap, apply_async
=============================================================

``Pool.map()`` waits for all results and returns them in order. A pool has other
methods for other needs: ``imap_unordered()`` gives each result as soon as it is
ready, ``starmap()`` calls a function with several arguments, and
``apply_async()`` starts one call and reports its result (or its error) to a
callback in the main process.
"""

# sphinx_gallery_teaches = ["imap_unordered", "starmap", "apply_async", "error_callback"]  # noqa: E501
# sphinx_gallery_forward = []

import time
from multiprocessing import Pool


def slow_square(n):
    time.sleep(0.1 * (4 - n))  # the larger n, the faster
    return n * n


def power(base, exponent):
    return base**exponent


def check_age(age):
    if age < 0:
        raise ValueError(f"an age cannot be negative: {age}")
    return f"age {age} is fine"


# %%
# ``imap_unordered()`` yields results in the order they finish: as larger
# numbers take less time, most likely the reverse of the order of the inputs.
# ``starmap()`` unpacks each tuple into arguments. ``apply_async()`` returns at
# once; when the call is done, the pool calls ``callback`` with the result, or
# ``error_callback`` with the exception, in a thread of the main process.
# ``close()`` and ``join()`` wait for the calls still running.

if __name__ == "__main__":
    with Pool(4) as pool:
        for result in pool.imap_unordered(slow_square, [1, 2, 3]):
            print(f"imap_unordered gave {result}")
        print(f"starmap gave {pool.starmap(power, [(2, 3), (3, 2), (10, 4)])}")
        for age in (30, -5):
            pool.apply_async(
                check_age,
                (age,),
                callback=lambda result: print(f"callback: {result}"),
                error_callback=lambda error: print(f"error callback: {error!r}"),
            )
        pool.close()  # no more tasks
        pool.join()  # wait for the tasks still running

# %%
# The failing call did not stop the pool or the other calls: its exception
# travelled back to the main process and went to the error callback. The two
# callback lines may come in either order. Without an ``error_callback``, an
# exception from ``apply_async()`` is only seen by whoever calls ``get()`` on the
# result (the next lesson). A callback runs in the main process and should be
# quick: while it runs, no other result is handled.

# %%
# .. try-this::
#    :change: with Pool(4) as pool:
#    :to: with Pool(1) as pool:
#
#    Give the pool one worker instead of four. In which order does
#    ``imap_unordered()`` give the three squares now?
#
#    .. answer::
#
#       In the order of the inputs, 1, 4, 9: the only worker runs the tasks one after
#       the other, so the first one finishes first, however long it takes.
#       ``imap_unordered()`` gives the results in the order they finish; with one
#       worker, that is the order they were given.
