"""
Mistake: appending to a list inside a managed dict
==================================================

**What you see:** workers append to a list kept in a ``manager.dict()``, no error
comes, and at the end the list is still empty: ``[]``.

``shared["log"]`` asks the manager for the list and hands back a *copy*:
``append()`` changes that copy, and the manager never hears of it.
"""

# %%
# Three scanners log their names in a list under the key ``"log"`` of a shared dict,
# which the main program prints sorted (the scheduler decides their order). A
# ``Manager`` keeps objects such as a ``dict`` in a server process, and proxies send it
# every operation; :ref:`sphx_glr_examples_18_shared_state_manager_dict.py` presents it.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = ["Manager"]

from multiprocessing import Lock, Manager, Process


def scan(name, shared):
    shared["log"].append(name)  # appends to a copy of the list


def scan_and_write_back(name, shared, lock):
    with lock:  # nobody may write between my read and my write
        log = shared["log"]  # read: a copy
        log.append(name)  # change the copy
        shared["log"] = log  # write back: this sends the list to the manager


def run_scanners(task, *args):
    names = ["scanner 1", "scanner 2", "scanner 3"]
    scanners = [Process(target=task, args=(n, *args), name=n) for n in names]
    for scanner in scanners:
        scanner.start()
    for scanner in scanners:
        scanner.join()


if __name__ == "__main__":
    with Manager() as manager:
        shared = manager.dict()
        shared["log"] = []  # a plain list, inside the managed dict
        run_scanners(scan, shared)
        print(f"main: the log holds {sorted(shared['log'])}")

# %%
# The manager answered ``shared["log"]`` with a pickled copy of its list, which
# ``scan()`` changed and then dropped. Only operations on the proxy itself reach the
# manager: ``shared["log"] = ...`` does, ``shared["log"].append(...)`` does not.
#
# The fix
# -------
# Read the list, change it, write it back, with a lock around the three steps:
# else two scanners could read the same list, and one write would undo the other.

if __name__ == "__main__":
    with Manager() as manager:
        shared = manager.dict()
        shared["log"] = []
        run_scanners(scan_and_write_back, shared, Lock())
        print(f"main: the log holds {sorted(shared['log'])}")

# %%
# .. try-this::
#    :change: shared["log"] = []  # a plain list, inside the managed dict
#    :to: shared["log"] = manager.list()  # a managed list, inside the managed dict
#
#    The other way out: put a list that the manager holds (``manager.list()``) in
#    the dict. What does the first part print now, with ``scan()`` unchanged?
#
#    .. answer::
#
#       All three names. ``shared["log"]`` now hands back a proxy of the managed
#       list, not a copy, so each ``append()`` goes to the manager. Each call is
#       one operation on the manager's list, so no lock is needed.
