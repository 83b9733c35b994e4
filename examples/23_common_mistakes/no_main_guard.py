"""
Mistake: no main guard
======================

**What you see:** ``RuntimeError: An attempt has been made to start a new process
before the current process has finished its bootstrapping phase.``, printed by the
child, under ``forkserver`` and ``spawn``: on macOS and Windows with any Python, and
on Linux from Python 3.14.

The most common mistake of all: a script that starts a process at the top level of
the module, without ``if __name__ == "__main__":``. It works under ``fork`` and
breaks under ``forkserver`` and ``spawn``.
"""

# %%
# The shop's script starts a clerk process to send an invoice. Nothing in it
# looks wrong, and on Linux up to Python 3.13 it works.

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import multiprocessing

# sphinx_gallery_start_methods = ["fork", "forkserver", "spawn"]
# sphinx_gallery_expect = {"forkserver": {"3.11": "success", "3.13.8": "ConnectionResetError", "3.14": "success", "3.14.1": "ConnectionResetError"}}


def send_invoice(customer):
    print(f"clerk: invoice sent to {customer}")


clerk = multiprocessing.Process(target=send_invoice, args=("Ada",), name="clerk")
clerk.start()
clerk.join()
print(f"main: the clerk ended with exit code {clerk.exitcode}")

# %%
# Why it happens
# --------------
# A ``spawn`` child is a new interpreter: to find ``send_invoice``, it imports your
# script again, under the name ``__mp_main__``. The import runs every top-level
# line, so the child reaches ``clerk.start()`` itself and tries to start a child of
# its own. ``multiprocessing`` stops it with a ``RuntimeError`` about the
# "bootstrapping phase", the child ends with exit code 1, and the invoice is never
# sent. The main program does not crash: only the exit code tells it.
#
# Under ``forkserver``, what breaks depends on your Python version. Up to Python
# 3.13.7, and in 3.14.0, each child of the fork server imports the script and fails
# as a ``spawn`` child does: exit code 1, and the main program goes on. From Python
# 3.13.8 and 3.14.1 on, the fork server itself imports the script when it starts,
# before it makes any child. The server reaches ``clerk.start()``, prints the
# ``RuntimeError`` and ends, and the main program's own ``clerk.start()``, which
# was waiting for the server's answer, fails with a ``ConnectionResetError``: the
# main program crashes, and its "main:" line is never printed. The output above
# comes from the Python named under it.
#
# A ``fork`` child is a copy of the running program and never imports the script
# again, so under ``fork`` the script works. That is why the mistake stays hidden
# on Linux up to Python 3.13, where ``fork`` is the default. From Python 3.14 the
# default is ``forkserver``, on Linux and on every other POSIX system except macOS.
# With a ``Pool`` under ``spawn``, the same mistake can make the program hang
# instead, as the pool starts new workers that fail again.
#
# The fix, in the next lesson, is to put the code that starts processes under
# ``if __name__ == "__main__":``, which the child's import skips.

# %%
# .. try-this::
#    :change: import multiprocessing
#    :to: import multiprocessing\nmultiprocessing.set_start_method("fork")
#
#    Keep the script without a guard, but make it choose ``fork`` right after the
#    import. Does the clerk send the invoice now, whatever the default start
#    method?
#
#    .. answer::
#
#       Yes: a ``fork`` child is a copy of the running program and never imports the
#       script again, so it never reaches ``clerk.start()`` itself. That is not a
#       fix, though: Windows has no ``fork`` (there the call raises ``ValueError``),
#       ``fork`` has troubles of its own (see the lesson on fork and threads), and
#       the script still starts a clerk whenever another module imports it. Use the
#       guard.
