"""Shared helpers of the tests: building, reading pages, running as a terminal does."""

from __future__ import annotations

import contextlib
import html
import multiprocessing
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXT_DIR = ROOT / "docs" / "_ext"
# The venv running the tests (make test's VENV: .venv, .venv-3.13...); builds use it.
VENV = Path(sys.prefix) if sys.prefix != sys.base_prefix else ROOT / ".venv"
# Builds and runs happen in folders whose paths are longer than this, as in a
# checkout in ~/src/github.com/<org>/<repo>/... (see long_path and conftest.py).
LONG_PATH = 150
# Where builds of the fixture project load our extensions from: conftest.py
# points it at a copy of docs/_ext in a long path for the test session.
RUNNER_EXT_DIR = EXT_DIR
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The lessons: the .py files under examples/ that conf.py's sphinx-gallery
# ignore_pattern keeps (it leaves out files a lesson offers as a download).
_IGNORED = re.compile(
    re.search(r'"ignore_pattern": r"([^"]+)"', (ROOT / "conf.py").read_text())[1]
)
EXAMPLES = sorted(
    p for p in (ROOT / "examples").rglob("*.py") if not _IGNORED.search(p.name)
)
# Files a lesson offers as a download (a `:download:` link), next to the lesson.
OFFERED = sorted(
    p
    for p in (ROOT / "examples").rglob("*.py")
    if _IGNORED.search(p.name) and p.name != "__init__.py"
)
# The sections in conf.py's learning order (sphinx_gallery_conf's subsection_order).
SECTION_ORDER = re.findall(
    r'^\s+"(\d\d_[a-z_]+)",$', (ROOT / "conf.py").read_text(), re.M
)
EXAMPLE_IDS = [str(p.relative_to(ROOT / "examples")) for p in EXAMPLES]


# Our extensions (docs/_ext) import as the build imports them (the tests' own
# imports of them too: conftest.py puts the folder first as well).
if str(EXT_DIR) not in sys.path:
    sys.path.insert(0, str(EXT_DIR))


def needs_python(example: Path) -> str | None:
    """The Python ``example`` needs if this one is older (its
    ``sphinx_gallery_requires_python``): the site built here shows a note in
    place of its output, and no terminal run of it is made; None: it runs."""
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    from example_runner import options, settings

    file_conf, _ = split_code_and_text_blocks(str(example))
    return options.read(example.name, file_conf, settings.Settings()).needs


# The lessons this Python runs; the others' pages say which Python they need.
RUN_HERE = [example for example in EXAMPLES if needs_python(example) is None]
# The platform's default start method (what `make html` builds the site under).
DEFAULT_START_METHOD = multiprocessing.get_all_start_methods()[0]

# Every process a test starts carries this variable, so that leftovers can be found.
LEAK_VARIABLE = "PROCESSES_BY_EXAMPLE_TEST_RUN"


def terminal_env(
    token: str, base: Mapping[str, str] | None = None, **extra: str
) -> dict[str, str]:
    """A reader's environment for ``python lesson.py`` (output buffered as in a
    terminal), with ``extra``; its processes are tagged with ``token``.

    ``base``: the environment to start from (default: this process's now); work
    in the background passes one taken before any test changed it.
    """
    env = dict(os.environ if base is None else base, **extra)
    env[LEAK_VARIABLE] = token
    env.pop("PYTHONUNBUFFERED", None)
    return env


def example_env(
    token: str, base: Mapping[str, str] | None = None, **extra: str
) -> dict[str, str]:
    """The environment for a build or run whose processes are tagged with ``token``."""
    env = terminal_env(token, base, **extra)
    env["EXAMPLE_RUNNER_EXT_DIR"] = str(RUNNER_EXT_DIR)
    return env


def long_path(base: Path) -> Path:
    """A new folder under ``base`` whose path is longer than LONG_PATH characters."""
    path = base / "src" / "github.com" / "processes-by-example-contributors"
    while len(str(path)) <= LONG_PATH:
        path = path / "python-processes-by-example"
    path.mkdir(parents=True, exist_ok=True)
    return path


def processes_tagged(token: str) -> list[str]:
    """Processes (other than this one) whose environment holds ``token``.

    Each is ``"<pid> <whole command line>"``, never cut: with a long checkout
    path, what tells a process apart (``_bootstrap.py``, the example) comes
    late in it. Use ``describe`` to print them.
    """
    if not Path("/proc/self/environ").exists():
        return []
    found = []
    needle = f"{LEAK_VARIABLE}={token}".encode()
    for proc in Path("/proc").glob("[0-9]*"):
        if int(proc.name) == os.getpid():
            continue
        try:
            if needle in (proc / "environ").read_bytes().split(b"\0"):
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                state = (proc / "stat").read_text().split(") ")[-1][:1]
                if state != "Z":
                    found.append(f"{proc.name} {cmd.strip()}")
        except OSError:
            continue
    return found


def describe(processes: list[str], width: int = 300) -> str:
    """Processes from ``processes_tagged``, one a line, long ones shortened in the
    middle (only for reading: never match on this)."""
    half = (width - 5) // 2
    return "\n".join(
        p if len(p) <= width else f"{p[:half]} ... {p[-half:]}" for p in processes
    )


def wait_until_no_process(token: str, seconds: float = 5.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := processes_tagged(token)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def listening_sockets() -> set[str]:
    """Local addresses of the TCP sockets listening on this machine (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        found.update(row.split()[1] for row in rows if row.split()[3] == "0A")
    return found


def copy_site(dest: Path) -> Path:
    """A copy of the sources (no build products), to build without touching ours."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        generated = ("examples", "sg_execution_times.rst", "_build")
        return [
            n
            for n in names
            if n == "__pycache__"
            or n.endswith(".mo")
            or (Path(folder) == ROOT / "docs" and n in generated)
        ]

    for name in ("conf.py", "tools", "examples", "docs"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    return dest


def sphinx_build(
    srcdir: Path,
    confdir: Path,
    outdir: Path,
    env: dict,
    language: str = "en",
    timeout: float = 900,
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-c",
            str(confdir),
            "-D",
            f"language={language}",
            "-d",
            str(outdir / ".doctrees"),
            str(srcdir),
            str(outdir),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


_PRE = re.compile(
    r'<div class="[^"]*sphx-glr-script-out[^"]*"[^>]*>.*?<pre>(.*?)</pre>', re.S
)


def page_outputs(page: Path) -> list[str]:
    """The text of every output block on a built example page, in order."""
    text = page.read_text(encoding="utf-8")
    return [
        html.unescape(re.sub(r"<[^>]+>", "", block)) for block in _PRE.findall(text)
    ]


_RUN = re.compile(r'<div class="runner-output" data-(start-method|run)="([^"]+)">')


def page_runs(page: Path) -> tuple[str, dict[str, list[str]]] | None:
    """The outputs of a page that shows several runs of its lesson, run by run.

    ``("start-method", {"forkserver": [blocks...], ...})`` or ``("run", {"1": ...})``;
    None for a page that shows one run (see example_runner/display.py).
    """
    text = page.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    kind = ""
    for match in _RUN.finditer(text):
        kind = match[1]
        rest = text[match.end() :].split('<div class="runner-output', 1)[0]
        found.setdefault(match[2], []).extend(
            html.unescape(re.sub(r"<[^>]+>", "", block)) for block in _PRE.findall(rest)
        )
    return (kind, found) if len(found) > 1 else None


def terminal_mismatches(
    page: Path, site: Path, example: Path, terminal_lines, start_method=None
) -> str:
    """How the outputs on ``page`` differ from terminal runs of ``example`` ("" if not).

    A page of one run is compared with one terminal run under ``start_method``
    (the site's; None: the platform's default); a page of several runs, run by
    run, each start method's with a terminal run under it.  The page of a
    lesson this Python does not run must say which Python it needs, and show
    no output.
    """
    needs = needs_python(example)
    if needs is not None:
        if page_outputs(page) != [] or f"needs Python {needs}" not in page_text(page):
            return f"the page of a lesson that needs Python {needs} is not its note"
        return ""
    runs = page_runs(page)
    if runs is None:
        shown = {"": "".join(page_outputs(page))}
        methods: dict[str, str | None] = {"": start_method}
    else:
        kind, blocks = runs
        shown = {key: "".join(texts) for key, texts in blocks.items()}
        methods = {
            key: key if kind == "start-method" else start_method for key in blocks
        }
    problems = []
    for key, text in shown.items():
        got = line_multiset(text, site)
        expected = terminal_lines(example, methods[key])
        if got != expected:
            problems.append(
                f"{key or 'page'}: missing from the page: {dict(expected - got)}\n"
                f"not in a terminal run: {dict(got - expected)}"
            )
    return "\n".join(problems)


def page_text(page: Path) -> str:
    """A built page's visible text, tags removed and white space folded."""
    text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
    return " ".join(html.unescape(text).split())


def normalise(line: str) -> str:
    """A line with every number replaced, so pids, timings and memory addresses
    (``<function f at 0x7f3a...>``) compare equal."""
    return re.sub(r"\d+", "N", re.sub(r"\b0x[0-9a-f]+\b", "0xN", line.rstrip()))


# Colours (Python 3.13 colours its tracebacks in a terminal): not text a
# reader reads, and the pages show the text without them.
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def line_multiset(
    text: str, root: Path | None = None, lesson: Path | None = None
) -> Counter:
    """The normalised non-blank lines, without colour codes; paths under ``root``
    (a traceback's ``File "..."``) are made relative to it, so copies compare equal.

    ``lesson``: the script that printed ``text`` in a terminal; its paths are
    shortened as its page shows them (``example_runner/paths.py``: the lesson's
    own file by its name, the library's as ``.../multiprocessing/process.py``).
    """
    text = COLOUR.sub("", text)
    if lesson is not None:
        from example_runner import paths

        text = paths.shorten(text, str(lesson))
    if root is not None:
        text = text.replace(str(root) + os.sep, "<root>/")
    return Counter(normalise(line) for line in text.splitlines() if line.strip())


# On PYTHONPATH, it makes FORCE_START_METHOD the default start method of the
# program itself, as the runner does for a lesson's start methods
# (_bootstrap.py): the program's own process only, so its fresh children
# (spawn, forkserver) and the Python programs it starts have Python's default,
# as under the runner (a fork child is a copy, forced like its parent).
_FORCE_METHOD = """\
import os
if os.environ.get("FORCE_START_METHOD"):
    from multiprocessing import context
    context._default_context._default_context = context._concrete_contexts[
        os.environ.pop("FORCE_START_METHOD")
    ]
"""


def with_start_method(
    env: Mapping[str, str], method: str, hook: Path
) -> dict[str, str]:
    """``env`` in which ``method`` is the default start method of the Python
    program started (``_FORCE_METHOD``, written into the folder ``hook``)."""
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(_FORCE_METHOD)
    return {**env, "FORCE_START_METHOD": method, "PYTHONPATH": str(hook)}


def in_script(argv: list[str]) -> list[str]:
    """The command that runs ``argv`` in a pseudo-terminal of its own with
    util-linux's ``script``, ``argv`` the terminal's session leader.

    script runs the command with $SHELL -c; "exec" makes the program the
    terminal's process itself under any shell, so no shell stands between
    (dash, CI's /bin/sh, would otherwise print "Terminated" for a program
    killed by SIGTERM, a line the program never wrote).
    """
    return ["script", "-qec", "exec " + shlex.join(argv), "/dev/null"]


def run_in_terminal(
    script: Path,
    cwd: Path,
    env: dict,
    timeout: float = 120,
    start_method: str | None = None,
) -> tuple[str, int]:
    """Run ``python script`` as a reader does in a terminal: its output and status.

    ``start_method``: as if it were the platform's default start method.
    """
    if start_method is not None:
        hook = Path(cwd).parent / f"{Path(cwd).name}-start-method"
        env = with_start_method(env, start_method, hook)
    if shutil.which("script"):  # util-linux: a real pseudo-terminal
        cmd = in_script([sys.executable, str(script)])
    else:
        cmd = [
            sys.executable,
            "-c",
            "import os, pty, sys;"
            " code = os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:]));"
            " sys.exit(code if code >= 0 else 128 - code)",  # killed: 128 + signal
            sys.executable,
            str(script),
        ]
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    return out.decode("utf-8", "replace").replace("\r\n", "\n"), proc.returncode


def build_site(
    dest: Path, base: Mapping[str, str] | None = None, **env: str
) -> tuple[Path, subprocess.CompletedProcess]:
    """`make html` in a copy of the sources; returns the copy and the result.

    ``base``: the environment to start from, as for ``terminal_env``."""
    copy_site(dest)
    shutil.copy2(ROOT / "Makefile", dest / "Makefile")
    shutil.copy2(ROOT / "requirements.txt", dest / "requirements.txt")
    token = uuid.uuid4().hex
    done = subprocess.run(
        ["make", "--no-print-directory", "html", f"VENV={VENV}"],
        cwd=dest,
        env=example_env(token, base, **env),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    left = wait_until_no_process(token)
    assert not left, "the build left processes behind:\n" + describe(left)
    return dest, done


def page_of(site: Path, example: Path, language: str = "en") -> Path:
    rel = example.relative_to(ROOT / "examples").with_suffix(".html")
    return site / "_build" / "html" / language / "examples" / rel


_TRY_THIS = re.compile(
    r'<div class="try-this-output[^"]*" data-try-this="(\d+)">'
    r'<div class="highlight"><pre>(.*?)</pre>',
    re.S,
)


def try_this_outputs(page: Path) -> dict[int, str]:
    """{box number: what its changed program printed} on a built lesson page."""
    text = page.read_text(encoding="utf-8")
    return {
        int(number): html.unescape(re.sub(r"<[^>]+>", "", body))
        for number, body in _TRY_THIS.findall(text)
    }


# -- A lesson's page, as a test of the lesson reads it --------------------------


def _lesson(lesson: Path | str) -> Path:
    """A lesson's file: given as it is, or as its path under examples/."""
    return lesson if isinstance(lesson, Path) else ROOT / "examples" / lesson


def lesson_lines(site: Path, lesson: Path | str) -> list[str]:
    """Every line of output the lesson's (English) page shows, in order."""
    return "".join(page_outputs(page_of(site, _lesson(lesson)))).splitlines()


def lesson_cells(site: Path, lesson: Path | str) -> list[list[str]]:
    """The lines of each output block of the lesson's page, cell by cell."""
    page = page_of(site, _lesson(lesson))
    return [block.splitlines() for block in page_outputs(page)]


def box_lines(site: Path, lesson: Path | str, number: int = 1) -> list[str]:
    """What the changed program of the lesson's try-this box ``number``
    printed, line by line."""
    return try_this_outputs(page_of(site, _lesson(lesson)))[number].splitlines()


def run_program(
    tmp_path: Path, source: str, *args: str, options: tuple[str, ...] = ()
) -> list[str]:
    """Run ``source`` as a script of its own with this Python (``options``
    before the script, ``args`` after it); its stdout lines."""
    import textwrap

    script = tmp_path / "program.py"
    script.write_text(textwrap.dedent(source), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, *options, str(script), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hang, not a measurement
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()


def try_this_jobs(example: Path, start_method: str | None = None) -> dict:
    """{box number: the terminal run of ``example`` with that box's change made}
    (tests/terminal_runs.py), under the box's start method, else ``start_method``
    (None: the default). A box whose answer is a timeout is left out: a
    terminal shows what it printed until Ctrl-C."""
    from sphinx_gallery.py_source_parser import split_code_and_text_blocks

    from example_runner import try_this
    from terminal_runs import Job

    _conf, blocks = split_code_and_text_blocks(str(example))
    code = [b for b in blocks if b.type == "code"]
    source = example.read_text(encoding="utf-8")
    return {
        box.number: Job(
            example,
            box.start_method or start_method,
            try_this.apply(example.name, box, source, code).program,
            box.timeout or 120,
            box.expect,
        )
        for box in try_this.read(example.name, blocks)
        if box.expect != "timeout"
    }


def site_references(method: str | None) -> list:
    """Every terminal run the pages of a site built under ``method`` are
    compared with (None: the default): each lesson under it and under each
    start method, and each try-this box's changed lesson."""
    from example_runner import START_METHODS
    from terminal_runs import lesson_job

    jobs = []
    for example in RUN_HERE:
        jobs.append(lesson_job(example, method))
        jobs.extend(lesson_job(example, m) for m in START_METHODS)
        jobs.extend(try_this_jobs(example, method).values())
    return jobs


def try_this_mismatches(
    site: Path, example: Path, terminal_runs, start_method: str | None = None
) -> str:
    """How the try-this answers on ``example``'s page differ from terminal runs
    of the lesson with each box's change made ("" if they do not).

    ``start_method``: the one the site was built under (None: the default); a
    box that names its own is run under that.
    """
    if needs_python(example) is not None:
        return "\n".join(  # nothing ran: the boxes show the note (terminal_mismatches)
            f"box {number}: an output"
            for number in try_this_outputs(page_of(site, example))
        )
    jobs = try_this_jobs(example, start_method)
    terminal_runs.prefetch(list(jobs.values()))
    shown = try_this_outputs(page_of(site, example))
    problems = []
    for number, job in jobs.items():
        found = terminal_runs.get(job)
        problems.extend(f"box {number}: {problem}" for problem in found.problems)
        got = line_multiset(shown.get(number, ""), site)
        if got != found.lines:
            problems.append(
                f"box {number}: missing from the page: {dict(found.lines - got)}\n"
                f"not in a terminal run: {dict(got - found.lines)}"
            )
    return "\n".join(problems)


def run_search(site: Path, language: str, query: str, summary: bool = False):
    """The built site's own search script, run in Node (tests/js/search.js): the
    pages it finds, or with ``summary`` a dict of the results and the result line.
    Skips the test where Node is not installed (the browser tests search too)."""
    import json

    import pytest

    if not shutil.which("node"):
        pytest.skip("node is not installed (the browser tests cover search too)")
    done = subprocess.run(
        [
            "node",
            str(ROOT / "tests" / "js" / "search.js"),
            str(site / "_build" / "html" / language),
            query,
            *(["--summary"] if summary else []),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
