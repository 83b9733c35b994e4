"""
Fork, forkserver and spawn
==========================

``multiprocessing`` can create a child process in three ways, called *start
methods*. This lesson runs the same small job under each of them, and shows what a
child sees of its parent and why your script needs the ``__name__`` guard.
"""

# %%
# Three ways to start a child
# ---------------------------
# - ``fork``: the child is an exact copy of the parent at the moment of ``start()``,
#   with all its variables. It is fast. It exists on POSIX systems (Linux, macOS,
#   the BSDs...), not on Windows; on macOS it is unsafe (system libraries that
#   use threads can crash or hang a fork child) and not the default.
# - ``spawn``: the child is a brand-new Python interpreter. It imports your main
#   module again, under the name ``__mp_main__``, and then calls the target
#   function. It works everywhere.
# - ``forkserver``: at the first ``start()``, a fresh Python process, the *fork
#   server*, starts. Each child is then forked from that server: it is a copy of
#   the server, not of your program, so it knows your main module only from an
#   import, not from your program's memory. It works on POSIX systems too, not on
#   Windows.
#
# The default depends on the platform and the Python version: ``spawn`` on macOS
# and Windows (Windows has only ``spawn``); on Linux and the other POSIX systems,
# ``fork`` up to Python 3.13 and ``forkserver`` from Python 3.14.
# ``multiprocessing.get_start_method()`` tells which one your program uses,
# ``multiprocessing.get_all_start_methods()`` lists the ones this platform has,
# and ``multiprocessing.get_context(method)`` gives you one particular start
# method without changing the default.
#
# The ``print()`` at module level below is there on purpose: it shows who runs the
# module's code. A normal script should not print at module level.

# sphinx_gallery_teaches = ["start methods", "get_start_method", "get_all_start_methods", "get_context"]  # noqa: E501
# sphinx_gallery_forward = []

import multiprocessing

print(f"module level code runs, as {__name__!r}")

GREETING = "set at import"


def job(method):
    print(f"{method} child: GREETING = {GREETING!r}")


# %%
# The main program changes ``GREETING`` and then starts two children, one after the
# other, with each start method that this platform has.

if __name__ == "__main__":
    GREETING = "changed by the main program"
    available = multiprocessing.get_all_start_methods()
    for method in ("fork", "forkserver", "spawn"):
        if method not in available:
            print(f"{method}: not available on this platform, skipped")
            continue
        print(f"--- start method {method}")
        context = multiprocessing.get_context(method)
        for _ in range(2):
            child = context.Process(target=job, args=(method,), name=f"{method} child")
            child.start()
            child.join()

# %%
# A ``fork`` child is a copy of the main program, so it sees the new value of
# ``GREETING``. It does not run the module's code again. Under ``spawn``, the module
# level line appears once more for each child, with the name ``__mp_main__``:
# each child imported the module afresh, so it sees ``GREETING`` as the import set
# it. A ``forkserver`` child sees the value from the import too. How often its
# module level line appears depends on your Python version: up to Python 3.13.7
# and in 3.14.0, each child imports the module, just as under ``spawn``; from
# Python 3.13.8 and 3.14.1 on, the fork server imports it once, when it starts,
# and its children are copies of the server that already have the module.
#
# Why the ``__name__`` guard matters
# ----------------------------------
# When a ``spawn`` or ``forkserver`` child (or the fork server) imports your module,
# ``__name__`` is ``"__mp_main__"``, so the code under ``if __name__ == "__main__":``
# does not run again. Without the guard, the process that imports the module would
# run the code that starts children, and those would start more. ``multiprocessing``
# stops this: that process fails with a ``RuntimeError`` that begins with "An
# attempt has been made to start a new process before the current process has
# finished its bootstrapping phase". From Python 3.13.8 and 3.14.1 on, under
# ``forkserver``, that process is the fork server, and then the main program fails
# too (:ref:`sphx_glr_examples_23_common_mistakes_no_main_guard.py`).
#
# Under ``fork``, a script without the guard may seem to work, because a fork child
# never imports the module again. The same script then fails on macOS, on Windows,
# and, from Python 3.14, on Linux and the other POSIX systems. So always put the
# code that starts processes under the guard, and define the functions that
# children run at module level, where a freshly imported module can find them.
#
# Common mistakes that depend on the start method: functions defined in a
# console, see :ref:`sphx_glr_examples_23_common_mistakes_console_main.py`;
# logging, see :ref:`sphx_glr_examples_23_common_mistakes_logging_in_children.py`;
# ``fork`` and threads, see
# :ref:`sphx_glr_examples_23_common_mistakes_fork_with_threads.py`.

# %%
# .. try-this::
#    :change: GREETING = "changed by the main program"
#    :to:
#
#    Delete the line where the main program changes ``GREETING``. Before you look:
#    which value does each child print now?
#
#    .. answer::
#
#       Every child prints the value that the import set. The children differed only
#       because a ``fork`` child is a copy of the main program and copied its
#       changed value, while ``spawn`` and ``forkserver`` children import the module
#       again. With nothing changed, a copy and a fresh import look the same.
