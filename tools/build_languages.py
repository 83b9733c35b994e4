"""Build the site's languages side by side: the first one makes the gallery.

Usage: python tools/build_languages.py READY LANGUAGE... -- SPHINX-BUILD-COMMAND

Every language's build reads the gallery's generated sources in docs/examples/,
which sphinx-gallery writes when a build starts (running the lessons whose
outputs are not cached). So the first language builds alone until it has made
the gallery, which its runner says by creating the file READY (the
``example_runner_gallery_ready`` setting); then the other languages start, find
every output cached, write nothing in docs/, and render alongside it. The
command gets ``-D language=<language>`` and ``-d``/output folders per language
through the placeholders ``{language}`` in it. Each line a build prints comes
out prefixed with its language. Exits with the first failure's status, after
every build has ended; SIGTERM and SIGINT are passed on to the builds.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

# How often to look for READY while the first build makes the gallery.
POLL = 0.1


def _relay(stream: IO[bytes], out: IO[bytes], prefix: bytes) -> None:
    for line in iter(stream.readline, b""):
        out.write(prefix + line)
        out.flush()
    stream.close()


def _start(
    command: list[str], language: str, relays: list[threading.Thread]
) -> subprocess.Popen:
    argv = [part.replace("{language}", language) for part in command]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    prefix = f"[{language}] ".encode()
    for stream, out in (
        (proc.stdout, sys.stdout.buffer),
        (proc.stderr, sys.stderr.buffer),
    ):
        relay = threading.Thread(target=_relay, args=(stream, out, prefix))
        relay.start()
        relays.append(relay)
    return proc


def main(argv: list[str]) -> int:
    if "--" not in argv or argv.index("--") < 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    split = argv.index("--")
    ready, languages, command = Path(argv[0]), argv[1:split], argv[split + 1 :]
    ready.unlink(missing_ok=True)
    builds: list[tuple[str, subprocess.Popen]] = []

    def pass_on(signum: int, frame: object) -> None:
        for _, proc in builds:
            if proc.poll() is None:
                proc.send_signal(signum)

    signal.signal(signal.SIGTERM, pass_on)
    signal.signal(signal.SIGINT, pass_on)
    relays: list[threading.Thread] = []
    first = _start(
        [*command, "-D", f"example_runner_gallery_ready={ready}"], languages[0], relays
    )
    builds.append((languages[0], first))
    while len(languages) > 1 and not ready.exists() and first.poll() is None:
        time.sleep(POLL)
    if ready.exists():
        for language in languages[1:]:
            builds.append((language, _start(command, language, relays)))
    status = 0
    for language, proc in builds:
        code = proc.wait()
        if code and not status:
            status = code
        if code:
            print(f"The {language} build failed (exit status {code}).", file=sys.stderr)
    for relay in relays:
        relay.join()
    ready.unlink(missing_ok=True)
    if first.returncode == 0 and len(builds) < len(languages):
        print("The first build never said the gallery was made.", file=sys.stderr)
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
