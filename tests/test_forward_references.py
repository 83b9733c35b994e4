"""No lesson uses a ``multiprocessing`` tool before the learning order teaches it.

The learning order is conf.py's ``subsection_order`` (folders) and each
folder's ``.. lesson-order:`` comment (lessons within it). Each lesson says, in
sphinx-gallery config comments that its page does not show, which names it
teaches and which it uses before the lesson that teaches them:

    # sphinx_gallery_teaches = ["Event"]
    # sphinx_gallery_forward = ["Barrier"]

A name is what follows ``multiprocessing.`` (``Event``, ``connection.wait``,
``shared_memory.SharedMemory``), one of the attributes in ``ATTRIBUTES``
(``sentinel``, ``terminate``...), ``KEYWORDS`` or ``FUTURES``, found in the
code with ``ast``; or one of the ``CONCEPTS``, found in the prose ("start
methods", for ``spawn`` and its kin). A lesson that teaches a name explains it:
its prose names it (````Event````). A forward name needs, in the lesson's
prose, a paragraph that names it and links to the lesson that teaches it
(``:ref:`sphx_glr_examples_19_sync_primitives_barrier_meeting_point.py```).
Every lesson has both lines, with empty lists if need be.
"""

from __future__ import annotations

import ast
import dataclasses
import multiprocessing
import pkgutil
import re
from pathlib import Path

import pytest
from sphinx_gallery.py_source_parser import split_code_and_text_blocks

from gallery.lesson_order import lesson_order
from helpers import EXAMPLES, ROOT, SECTION_ORDER

# Attributes that only objects of multiprocessing have in these lessons (a
# Process, a Pool and its results, a Lock, a Connection...), so that
# ``child.sentinel`` is found without knowing what ``child`` is. Ambiguous ones
# (``join``, ``start``, ``put``, ``get``, ``send``, ``close``...) are left out.
ATTRIBUTES = frozenset(
    {
        "sentinel",
        "exitcode",
        "is_alive",
        "terminate",
        "kill",
        "get_lock",
        "get_obj",
        "apply_async",
        "map_async",
        "starmap",
        "starmap_async",
        "imap",
        "imap_unordered",
        "successful",
        "task_done",
        "join_thread",
        "cancel_join_thread",
        "wait_for",
        "notify_all",
        "n_waiting",
        "set_start_method",
        "get_start_method",
        "get_all_start_methods",
        "get_context",
        "active_children",
        "current_process",
        "parent_process",
    }
)
# The process pool of the standard library's concurrent.futures (its thread
# pool is not a multiprocessing tool).
FUTURES = frozenset({"ProcessPoolExecutor", "BrokenProcessPool"})
# Keyword arguments that only multiprocessing's pools take here.
KEYWORDS = frozenset({"error_callback", "maxtasksperchild"})
# Ideas that the prose uses by name, found in the text cells: a lesson that
# speaks of ``spawn`` before the start-methods lesson says what it is.
CONCEPTS = {
    "start methods": re.compile(
        r"``(?:fork|spawn|forkserver)``|\bstart methods?\b|\bfork server\b", re.I
    ),
}
SUBMODULES = frozenset(m.name for m in pkgutil.iter_modules(multiprocessing.__path__))
LABEL = "sphx_glr_examples_{folder}_{stem}.py"


@dataclasses.dataclass(frozen=True, order=True)
class Use:
    """A multiprocessing name used on a line of a lesson."""

    line: int
    name: str


class _Finder(ast.NodeVisitor):
    """Collects the multiprocessing names a module uses, with their lines."""

    def __init__(self) -> None:
        self.uses: set[Use] = set()
        # local name -> dotted path inside multiprocessing ("" for the package)
        self.modules: dict[str, str] = {}
        self.contexts: set[str] = set()  # names bound to get_context(...)
        self.from_imports: dict[str, str] = {}  # local name -> multiprocessing name
        self.other_modules: set[str] = set()  # os, signal...: os.kill is not ours
        self.futures: set[str] = set()  # names of concurrent.futures ("cf", ...)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            path = _inside(alias.name)
            if alias.name.startswith("concurrent.futures"):
                self.futures.add(alias.asname or "concurrent.futures")
                continue
            if path is None:
                self.other_modules.add(alias.asname or alias.name.split(".")[0])
                continue
            if alias.asname:
                self.modules[alias.asname] = path
            else:  # `import multiprocessing.connection` binds `multiprocessing`
                self.modules["multiprocessing"] = ""

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level == 0 and module.split(".")[:2] == ["concurrent", "futures"]:
            for alias in node.names:
                if alias.name in FUTURES:
                    self.uses.add(Use(node.lineno, alias.name))
            return
        path = _inside(module) if node.level == 0 else None
        if path is None:
            return
        for alias in node.names:
            full = f"{path}.{alias.name}" if path else alias.name
            local = alias.asname or alias.name
            if not path and alias.name in SUBMODULES:
                self.modules[local] = full
            else:
                self.from_imports[local] = full
                self.uses.add(Use(node.lineno, full))

    def visit_Assign(self, node: ast.Assign) -> None:
        # ctx = multiprocessing.get_context("spawn"): ctx.Queue is Queue
        if isinstance(node.value, ast.Call) and self._is_get_context(node.value.func):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.contexts.add(target.id)
        self.generic_visit(node)

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            call = item.context_expr
            if (
                isinstance(call, ast.Call)
                and self._is_get_context(call.func)
                and isinstance(item.optional_vars, ast.Name)
            ):
                self.contexts.add(item.optional_vars.id)
        self.generic_visit(node)

    def _is_get_context(self, func: ast.expr) -> bool:
        if isinstance(func, ast.Attribute):
            return func.attr == "get_context"
        return isinstance(func, ast.Name) and (
            self.from_imports.get(func.id) == "get_context"
        )

    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = _dotted(node)
        if dotted is not None:
            joined = ".".join(dotted)
            for name in self.futures:
                if joined.startswith(name + ".") and dotted[-1] in FUTURES:
                    self.uses.add(Use(node.lineno, dotted[-1]))
                    return
            head, *rest = dotted
            if head in self.modules:
                base = self.modules[head]
                # the longest prefix that is a submodule stays a module path
                parts = [base] if base else []
                for part in rest:
                    parts.append(part)
                    if ".".join(parts) not in SUBMODULES:
                        break
                name = ".".join(parts)
                if name not in SUBMODULES:
                    self.uses.add(Use(node.lineno, name))
                    return
            elif head in self.contexts and rest:
                self.uses.add(Use(node.lineno, rest[0]))
                return
            elif head in self.other_modules:
                return
        if node.attr in ATTRIBUTES:
            self.uses.add(Use(node.lineno, node.attr))
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg in KEYWORDS:
            self.uses.add(Use(node.value.lineno, node.arg))
        self.generic_visit(node)


def _inside(module: str) -> str | None:
    """``multiprocessing.connection`` -> ``connection``; None outside the package."""
    if module == "multiprocessing":
        return ""
    if module.startswith("multiprocessing."):
        return module.removeprefix("multiprocessing.")
    return None


def _dotted(node: ast.expr) -> list[str] | None:
    """``a.b.c`` -> ["a", "b", "c"]; None if it does not start with a plain name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def find_uses(source: str) -> list[Use]:
    """The multiprocessing names ``source`` uses, in order, one per name and line."""
    finder = _Finder()
    tree = ast.parse(source)
    # imports first, wherever they are, so that later lines know the aliases
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            finder.visit(node)
    finder.visit(tree)
    return sorted(finder.uses)


# -- The lessons, in learning order -------------------------------------------


@dataclasses.dataclass
class Lesson:
    path: Path
    label: str
    teaches: list[str]
    forward: list[str]
    prose: list[str]  # paragraphs of the docstring and the text cells
    uses: list[Use]
    lines: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def rel(self) -> str:
        return str(self.path.relative_to(ROOT))

    def declaration_line(self, key: str) -> int:
        """The line of ``# sphinx_gallery_<key>`` (1 if there is none)."""
        return self.lines.get(key, 1)


def learning_order() -> list[Path]:
    """The lessons in the order a learner reads them."""
    ordered = []
    for section in SECTION_ORDER:
        folder = ROOT / "examples" / section
        order = lesson_order(folder)
        lessons = [p for p in EXAMPLES if p.parent == folder]
        lessons.sort(
            key=lambda p: (
                order.index(p.name) if p.name in order else len(order),
                p.name,
            )
        )
        ordered.extend(lessons)
    return ordered


def _names(path: Path, file_conf: dict[str, object], key: str) -> list[str]:
    value = file_conf.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        pytest.fail(
            f"{path.relative_to(ROOT)}: sphinx_gallery_{key} must be a list of "
            f'names in quotes, like ["Event"]; got {value!r}'
        )
    return value


def read_lesson(path: Path) -> Lesson:
    file_conf, blocks = split_code_and_text_blocks(str(path))
    said = [
        Use(block.lineno + block.content.count("\n", 0, match.start()), concept)
        for block in blocks
        if block.type == "text"
        for concept, pattern in CONCEPTS.items()
        for match in pattern.finditer(block.content)
    ]
    prose = [
        paragraph
        for block in blocks
        if block.type == "text"
        for paragraph in re.split(r"\n\s*\n", block.content)
    ]
    return Lesson(
        path=path,
        label=LABEL.format(folder=path.parent.name, stem=path.stem),
        teaches=_names(path, file_conf, "teaches"),
        forward=_names(path, file_conf, "forward"),
        prose=prose,
        uses=sorted(set(find_uses(path.read_text()) + said)),
        lines={
            match[1]: number
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if (match := re.match(r"\s*#\s*sphinx_gallery_(teaches|forward)\b", line))
        },
    )


def _mentions(paragraph: str, name: str) -> bool:
    """Whether ``paragraph`` names ``name`` as code (``Event``, ``p.sentinel``...)."""
    if name in CONCEPTS:
        return CONCEPTS[name].search(paragraph) is not None
    short = name.rsplit(".", 1)[-1]
    return re.search(rf"``[^`]*\b{re.escape(short)}\b[^`]*``", paragraph) is not None


def _links_to(paragraph: str, label: str) -> bool:
    return re.search(rf":ref:`(?:[^`<]*<)?{re.escape(label)}>?`", paragraph) is not None


def problems(lessons: list[Lesson]) -> list[str]:
    """What is wrong with the lessons' declarations, each naming file and line."""
    found: list[str] = []
    teacher: dict[str, Lesson] = {}
    for lesson in lessons:
        for name in lesson.teaches:
            if name in teacher:
                found.append(
                    f"{lesson.rel}:{lesson.declaration_line('teaches')}: {name!r} is "
                    f"taught already by {teacher[name].rel}; remove it from "
                    "sphinx_gallery_teaches here (or there)"
                )
            else:
                teacher[name] = lesson
    known: set[str] = set()
    for lesson in lessons:
        used = {use.name for use in lesson.uses}
        for name in lesson.teaches:
            if not any(_mentions(p, name) for p in lesson.prose):
                found.append(
                    f"{lesson.rel}:{lesson.declaration_line('teaches')}: "
                    f"sphinx_gallery_teaches lists {name!r}, which the prose does "
                    f"not explain (it never names ``{name}``); explain it or remove "
                    "it from the list"
                )
        for name in lesson.forward:
            line = lesson.declaration_line("forward")
            if name in known:
                found.append(
                    f"{lesson.rel}:{line}: {name!r} is taught earlier, by "
                    f"{teacher[name].rel}; remove it from sphinx_gallery_forward"
                )
            elif name not in teacher:
                found.append(
                    f"{lesson.rel}:{line}: sphinx_gallery_forward lists {name!r}, "
                    "which no lesson teaches; add it to sphinx_gallery_teaches of "
                    "the lesson that explains it"
                )
            elif name not in used:
                found.append(
                    f"{lesson.rel}:{line}: sphinx_gallery_forward lists {name!r}, "
                    "which the lesson does not use; remove it from the list"
                )
            elif not any(
                _mentions(p, name) and _links_to(p, teacher[name].label)
                for p in lesson.prose
            ):
                found.append(
                    f"{lesson.rel}:{line}: {name!r} is used before "
                    f"{teacher[name].rel} teaches it; explain {name!r} in one line "
                    "of prose here (naming it), in the same paragraph as a link to "
                    f":ref:`{teacher[name].label}`"
                )
        reported: set[str] = set()
        for use in lesson.uses:
            if (
                use.name in known
                or use.name in lesson.teaches
                or use.name in lesson.forward
                or use.name in reported
            ):
                continue
            reported.add(use.name)
            later = teacher.get(use.name)
            where = (
                f"{later.rel} teaches it later: add {use.name!r} to "
                "sphinx_gallery_forward here, with a line of prose and a link to it"
                if later is not None
                else "no lesson teaches it: add it to sphinx_gallery_teaches here "
                "(if this lesson explains it) or of the lesson that does"
            )
            found.append(
                f"{lesson.rel}:{use.line}: uses {use.name!r} before it is taught; "
                f"{where}"
            )
        known.update(lesson.teaches)
    return found


# -- Tests ----------------------------------------------------------------------

LESSONS = [read_lesson(path) for path in learning_order()]


def test_every_lesson_is_in_the_learning_order():
    assert sorted(lesson.path for lesson in LESSONS) == EXAMPLES


def test_every_lesson_declares_what_it_teaches_and_uses_early():
    missing = [
        f"{lesson.rel}:1: add '# sphinx_gallery_{key} = [...]' (an empty list if "
        "nothing) at the top of its first code cell"
        for lesson in LESSONS
        for key in ("teaches", "forward")
        if key not in lesson.lines
    ]
    assert not missing, "\n".join(missing)


def test_no_lesson_uses_a_tool_before_it_is_taught():
    found = problems(LESSONS)
    assert not found, "\n".join(found)


# -- The name finder, on tiny sources --------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from multiprocessing import Event, Process\n", ["Event", "Process"]),
        ("from multiprocessing import Event as E\nE()\n", ["Event"]),
        ("import multiprocessing\nmultiprocessing.Barrier(2)\n", ["Barrier"]),
        ("import multiprocessing as mp\nb = mp.Barrier(2)\n", ["Barrier"]),
        (
            "import multiprocessing.connection\nmultiprocessing.connection.wait([])\n",
            ["connection.wait"],
        ),
        (
            "from multiprocessing.connection import wait\nwait([])\n",
            ["connection.wait"],
        ),
        (
            "from multiprocessing import connection\nconnection.wait([])\n",
            ["connection.wait"],
        ),
        (
            "from multiprocessing import shared_memory as sm\nsm.SharedMemory(1)\n",
            ["shared_memory.SharedMemory"],
        ),
        (
            "import multiprocessing as mp\nctx = mp.get_context('spawn')\n"
            "q = ctx.Queue()\n",
            ["get_context", "Queue"],
        ),
        (
            "from multiprocessing import get_context\n"
            "with get_context('fork') as c:\n    c.Lock()\n",
            ["get_context", "Lock"],
        ),
        ("wait([child.sentinel])\n", ["sentinel"]),
        ("counter.get_lock()\n", ["get_lock"]),
        (
            "pool.apply_async(f, callback=g, error_callback=h)\n",
            ["apply_async", "error_callback"],
        ),
        (
            "p.terminate()\np.kill()\nprint(p.exitcode, p.is_alive())\n",
            ["terminate", "kill", "exitcode", "is_alive"],
        ),
        (
            "from concurrent.futures import ProcessPoolExecutor\n",
            ["ProcessPoolExecutor"],
        ),
        (
            "import concurrent.futures as cf\ncf.ProcessPoolExecutor()\n",
            ["ProcessPoolExecutor"],
        ),
        (
            "import concurrent.futures\nconcurrent.futures.ProcessPoolExecutor()\n",
            ["ProcessPoolExecutor"],
        ),
        (
            "import multiprocessing\nmultiprocessing.set_start_method('spawn')\n",
            ["set_start_method"],
        ),
    ],
)
def test_the_finder_catches(source, expected):
    assert sorted({use.name for use in find_uses(source)}) == sorted(expected)


@pytest.mark.parametrize(
    "source",
    [
        "from threading import Event\nEvent()\n",  # not multiprocessing's
        "import queue\nq = queue.Queue()\nq.put(1)\nq.get()\n",
        "p.join()\np.start()\nconn.send(1)\n",  # ambiguous: not looked at
        "import socket\ns = socket.socket()\n",
        "from . import multiprocessing\n",
        "from concurrent.futures import ThreadPoolExecutor\n",
    ],
)
def test_the_finder_ignores(source):
    assert find_uses(source) == []


def test_the_finder_gives_lines():
    source = "import multiprocessing as mp\n\n\nmp.Event()\nx.sentinel\n"
    assert find_uses(source) == [Use(4, "Event"), Use(5, "sentinel")]


def _lesson(name: str, source: str, teaches=(), forward=(), prose=()) -> Lesson:
    path = ROOT / "examples" / "99_x" / f"{name}.py"
    return Lesson(
        path=path,
        label=LABEL.format(folder="99_x", stem=name),
        teaches=list(teaches),
        forward=list(forward),
        prose=list(prose),
        uses=find_uses(source),
    )


EVENT_LESSON = _lesson(
    "event",
    "from multiprocessing import Event\n",
    teaches=["Event"],
    prose=["An ``Event`` is a flag."],
)


def test_an_undeclared_use_fails_naming_file_line_and_teacher():
    early = _lesson("early", "x = 1\nfrom multiprocessing import Event\n")
    (message,) = problems([early, EVENT_LESSON])
    assert message.startswith("examples/99_x/early.py:2: uses 'Event' before")
    assert "examples/99_x/event.py teaches it later" in message
    assert "sphinx_gallery_forward" in message


def test_a_name_no_lesson_teaches_fails():
    (message,) = problems([_lesson("a", "p.kill()\n")])
    assert "uses 'kill' before it is taught; no lesson teaches it" in message


def test_a_forward_use_needs_a_sentence_and_a_link():
    source = "from multiprocessing import Event\n"
    bare = _lesson("early", source, forward=["Event"], prose=["An ``Event`` here."])
    (message,) = problems([bare, EVENT_LESSON])
    assert "sphx_glr_examples_99_x_event.py" in message
    linked = _lesson(
        "early",
        source,
        forward=["Event"],
        prose=[
            "The ``Event`` only lines up the clocks (see\n"
            ":ref:`events <sphx_glr_examples_99_x_event.py>`)."
        ],
    )
    assert problems([linked, EVENT_LESSON]) == []
    # the link must be in the paragraph that names it
    apart = _lesson(
        "early",
        source,
        forward=["Event"],
        prose=["An ``Event`` here.", ":ref:`sphx_glr_examples_99_x_event.py`"],
    )
    assert len(problems([apart, EVENT_LESSON])) == 1


def test_a_use_after_the_lesson_that_teaches_it_passes():
    later = _lesson("later", "from multiprocessing import Event\n")
    assert problems([EVENT_LESSON, later]) == []


def test_prose_about_start_methods_before_their_lesson_needs_a_link():
    teacher = _lesson(
        "methods", "", teaches=["start methods"], prose=["Three start methods."]
    )
    early = _lesson("early", "", prose=["With ``spawn``, the child imports it."])
    early.uses = [Use(3, "start methods")]  # read_lesson finds these in the prose
    (message,) = problems([early, teacher])
    assert message.startswith("examples/99_x/early.py:3: uses 'start methods'")
    early.forward = ["start methods"]
    early.prose = [
        "With ``spawn`` (a *start method*, see "
        ":ref:`sphx_glr_examples_99_x_methods.py`), the child imports it."
    ]
    assert problems([early, teacher]) == []


def test_the_prose_concepts_are_found_with_their_lines(tmp_path):
    lesson = tmp_path / "lesson.py"
    lesson.write_text(
        '"""\nTitle\n=====\n\nIntro.\n"""\n\nx = 1\n\n'
        "# %%\n# One line.\n# Under ``spawn`` it differs.\n"
    )
    uses = read_lesson(lesson).uses
    assert [use.name for use in uses] == ["start methods"]
    assert lesson.read_text().splitlines()[uses[0].line - 1] == (
        "# Under ``spawn`` it differs."
    )


def test_stale_declarations_fail():
    found = problems(
        [
            _lesson("a", "x = 1\n", teaches=["Queue"]),  # prose never names it
            EVENT_LESSON,
            _lesson("b", "from multiprocessing import Event\n", forward=["Event"]),
            _lesson("c", "x = 1\n", forward=["Pipe"]),
            _lesson("d", "", teaches=["Event"], prose=["``Event``"]),
        ]
    )
    assert len(found) == 4, "\n".join(found)
    assert "d.py:1: 'Event' is taught already by examples/99_x/event.py" in found[0]
    assert "a.py:1: sphinx_gallery_teaches lists 'Queue', which the prose" in found[1]
    assert "b.py:1: 'Event' is taught earlier" in found[2]
    assert "c.py:1: sphinx_gallery_forward lists 'Pipe', which no lesson" in found[3]
