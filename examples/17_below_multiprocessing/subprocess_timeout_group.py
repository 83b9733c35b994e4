"""
subprocess: a timeout kills the child, not its children
=======================================================

On a timeout, ``subprocess.run()`` kills its child only. What the child started (a
shell's commands, a build tool's compilers) runs on, and if it writes into the same
pipe, reading it waits for its end. The trap, the fix, then ``env=`` and ``cwd=``.

.. index:: ! start_new_session, ! process tree
"""

# sphinx_gallery_teaches = []
# sphinx_gallery_forward = []

import os
import signal
import subprocess
import sys

# The converter starts a helper that writes into the same pipe, and waits for it.
HELPER = "import time; time.sleep(3); print('helper: done')"
CONVERTER = f"""import subprocess, sys
helper = subprocess.Popen([sys.executable, "-c", {HELPER!r}], stdout=sys.stdout)
print("converter: helper started", flush=True)
helper.wait()"""
REPORTER = "import os; print(os.getenv('GREETING'), 'PATH' in os.environ, os.getcwd())"

# %%
# The helper works 3 s. Say time is up: ``run()`` would ``kill()`` the converter only.
# The helper keeps the pipe open, so ``communicate()`` sees no end of the output. So
# does ``run()`` on Windows; on Linux and macOS it returns, and the helper runs on.

if __name__ == "__main__":
    argv = [sys.executable, "-c", CONVERTER]
    converter = subprocess.Popen(argv, stdout=subprocess.PIPE, start_new_session=True)
    print(converter.stdout.readline().decode(), end="")
    converter.kill()  # what run() does on a timeout
    print(f"killed the converter: exit code {converter.wait()}")
    try:
        converter.communicate(timeout=1)
    except subprocess.TimeoutExpired:
        print("communicate() still waits: the helper holds the pipe open")

# %%
# The fix, on Linux and macOS: ``start_new_session=True`` makes the child lead a new
# session and process group, whose id is the child's pid; what it starts joins the
# group, and ``os.killpg()`` kills them all, even once the leader is gone (see
# :ref:`sphx_glr_examples_16_signals_shutdown_ctrl_c_process_group.py`). Windows
# ignores it, so there this program waits for the helper: instead of ``kill()``, run
# ``taskkill /F /T /PID <pid>``, which kills a process and what it started, while it
# runs (``CREATE_NEW_PROCESS_GROUP`` only lets a Ctrl-Break reach them all).

if __name__ == "__main__":
    if os.name == "posix":
        os.killpg(converter.pid, signal.SIGKILL)
    print(f"communicate() read {converter.communicate()[0]!r}")

# %%
# A child gets a copy of its parent's environment variables, or with ``env=`` only
# what you pass (start from ``os.environ``); ``cwd=`` is the folder it starts in.

if __name__ == "__main__":
    env = {**os.environ, "GREETING": "hi"}
    child = [sys.executable, "-c", REPORTER]
    out = subprocess.check_output(child, env=env, cwd="..", text=True)
    greeting, has_path, where = out.split(maxsplit=2)
    up = os.path.samefile(where.strip(), "..")
    print(f"child: GREETING={greeting}, PATH: {has_path}, works in '..': {up}")

# %%
# .. try-this::
#    :change: os.killpg(converter.pid, signal.SIGKILL)
#    :to: converter.kill()
#
#    Kill only the converter, as ``run()`` does. What does ``communicate()`` read now?
#
#    .. answer::
#
#       ``b'helper: done\n'``, at the helper's end, 3 s after its start: ``kill()`` ends
#       the converter only, and a pipe ends when its last writer does. 1 s became 3 s.
