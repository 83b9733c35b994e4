"""tools/build_languages.py: the first language makes the gallery, the others
render beside it once it is made (a stand-in for sphinx-build records who did
what when)."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

TOOL = ROOT / "tools" / "build_languages.py"
# Stands in for sphinx-build: `fake.py LOG LANGUAGE [STATUS] [-D
# example_runner_gallery_ready=PATH]`. The build told to say when the gallery
# is made says so, then waits until another language's build has started (a
# minute at most), so that the log shows them side by side.
FAKE = """\
import os, sys, time
log, language, status = sys.argv[1], sys.argv[2], int(sys.argv[3])
KEY = "example_runner_gallery_ready="
ready = [a[len(KEY):] for a in sys.argv if a.startswith(KEY)]
def note(text):
    with open(log, "a") as f:
        f.write(f"{language}: {text}\\n")
note("starts")
print(f"hello from {language}")
if status:
    sys.exit(status)
if ready:
    note("made the gallery")
    open(ready[0], "w").close()
    end = time.monotonic() + 60
    while "zh_CN: starts" not in open(log).read() and time.monotonic() < end:
        time.sleep(0.02)
note("ends")
"""


def build(tmp_path, *languages, status=0):
    fake = tmp_path / "fake.py"
    fake.write_text(FAKE)
    log = tmp_path / "log"
    done = subprocess.run(
        [
            sys.executable,
            str(TOOL),
            str(tmp_path / "ready"),
            *languages,
            "--",
            sys.executable,
            str(fake),
            str(log),
            "{language}",
            str(status),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done, log.read_text().splitlines() if log.exists() else []


def test_the_others_start_once_the_first_made_the_gallery_and_run_beside_it(
    tmp_path,
):
    done, log = build(tmp_path, "en", "zh_CN")
    assert done.returncode == 0, done.stderr
    assert log[:3] == ["en: starts", "en: made the gallery", "zh_CN: starts"]
    assert sorted(log[3:]) == ["en: ends", "zh_CN: ends"]
    assert not (tmp_path / "ready").exists()


def test_each_line_says_which_language_printed_it(tmp_path):
    done, _ = build(tmp_path, "en", "zh_CN")
    assert sorted(done.stdout.splitlines()) == [
        "[en] hello from en",
        "[zh_CN] hello from zh_CN",
    ]


def test_a_first_build_that_fails_stops_there_with_its_status(tmp_path):
    done, log = build(tmp_path, "en", "zh_CN", status=3)
    assert done.returncode == 3
    assert log == ["en: starts"]  # no other language started
    assert "The en build failed (exit status 3)." in done.stderr
