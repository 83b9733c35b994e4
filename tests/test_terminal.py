"""The tests' terminal (helpers.run_in_terminal) shows what the program printed,
and nothing a shell adds, whatever $SHELL is and wherever the script lives."""

import os
import shutil

import pytest

from helpers import run_in_terminal

KILLED_BY_SIGTERM = """\
import os, signal
print("before the signal", flush=True)
os.kill(os.getpid(), signal.SIGTERM)
"""

SHELLS = [s for s in ("/bin/sh", "/bin/bash", "/bin/dash") if os.path.exists(s)]


@pytest.mark.skipif(os.name != "posix", reason="signals and shells of POSIX")
@pytest.mark.parametrize("shell", SHELLS)
def test_a_program_killed_by_sigterm_shows_only_its_own_lines(tmp_path, shell):
    folder = tmp_path / "a folder with spaces"
    folder.mkdir()
    script = folder / "killed.py"
    script.write_text(KILLED_BY_SIGTERM, encoding="utf-8")
    env = {**os.environ, "SHELL": shell}
    output, status = run_in_terminal(script, tmp_path, env, timeout=60)
    # no "Terminated" from a shell between the terminal and Python
    assert output.splitlines() == ["before the signal"]
    assert status != 0


@pytest.mark.skipif(not shutil.which("script"), reason="util-linux script")
def test_the_program_is_the_terminals_own_process(tmp_path):
    script = tmp_path / "leader.py"
    script.write_text("import os\nprint(os.getsid(0) == os.getpid())\n")
    env = {**os.environ, "SHELL": "/bin/sh"}
    output, status = run_in_terminal(script, tmp_path, env, timeout=60)
    assert (output.strip(), status) == ("True", 0)
