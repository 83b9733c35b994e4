"""Downloads that read as plain Python scripts, in the language of the build.

A lesson's source is written for sphinx-gallery: reST in its docstring and in
its ``# %%`` text cells (roles such as ``:ref:``, a "Try this" box and its
folded answer as directives) and ``# sphinx_gallery_*`` settings.  The reader
who downloads a lesson (its ``.py``, its zip, the zip of all lessons) gets it
as a person would have written it: the prose of this build's language (from
the page's own catalog, so page and download say the same), inline code as
```name```, links as the title of the page they lead to, the box as "Try this:
change this line: ... into: ...", settings left out.  Comments in the code come
from ``i18n.code_comments``.

Line numbers stay those of the lesson: each paragraph keeps the lines it had
(padded with empty lines, or made longer), a setting's line is left empty.
So a traceback of the download names the lines the page's traceback names,
and the download prints what the lesson prints.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from i18n import code_comments
from i18n.catalogs import translates
from i18n.ext_words import _
from i18n.line_wrap import width, wrap

__version__ = "1.0"


# How long a line of prose may be (the house's 88, less "# ").
WIDTH = 86
_SETTING = re.compile(r"^# sphinx_gallery_\w+\s*=")
_DIRECTIVE = re.compile(r"^(\s*)\.\. ([\w-]+)::\s*(.*)$")
_OPTION = re.compile(r"^(\s*):([\w-]+):\s*(.*)$")
_BULLET = re.compile(r"^(\s*)([-*] |\d+\. )")
_UNDERLINE = re.compile(r"^\s*([=\-~^\"'`#*+])\1+\s*$")

Translate = Callable[[str], str]
TitleOf = Callable[[str, str], str]  # (role, target) -> the title it stands for


def download_words() -> dict[str, str]:
    """The words a download adds, in the language being built (ext_words)."""
    words = {
        "try": _("Try this:"),
        "answer": _("Answer:"),
        "change": _("change this line:"),
        "into": _("into:"),
        "nothing": _("nothing (delete the line)"),
        "file": _("(the file {name}, next to this one)"),
    }
    return {key: str(word) for key, word in words.items()}


def plain_script(source: str, translated: Translate, title_of: TitleOf) -> str:
    """``source`` with its prose plain (and ``translated``), line for line."""
    lines = source.split("\n")
    words = download_words()
    for first, end, prefix in _prose_regions(lines):
        body = [_unprefix(line, prefix) for line in lines[first:end]]
        for n, text in enumerate(_plain_prose(body, translated, title_of, words)):
            lines[first + n] = _prefix(text, prefix)
            if not prefix:  # in the docstring, a backslash is written twice
                lines[first + n] = lines[first + n].replace("\\", "\\\\")
    for n, line in enumerate(lines):
        if _SETTING.match(line):
            lines[n] = ""
    return "\n".join(lines)


def _prose_regions(lines: list[str]) -> list[tuple[int, int, str]]:
    """(first line, end, prefix) of the docstring's prose and of each text cell."""
    regions = []
    if lines and lines[0].strip() == '"""':
        end = next((n for n in range(1, len(lines)) if lines[n].strip() == '"""'), 0)
        if end:
            regions.append((1, end, ""))
    n = 0
    while n < len(lines):
        if lines[n].rstrip() == "# %%":
            end = n + 1
            while end < len(lines) and lines[end].startswith("#"):
                end += 1
            regions.append((n + 1, end, "#"))
            n = end
        else:
            n += 1
    return regions


def _unprefix(line: str, prefix: str) -> str:
    if not prefix:  # the docstring's text, as Python reads it
        return line.replace("\\\\", "\\")
    return line[2:] if line.startswith("# ") else line[1:]


def _prefix(text: str, prefix: str) -> str:
    if not prefix:
        return text
    return f"# {text}" if text else "#"


def _plain_prose(
    lines: list[str], translated: Translate, title_of: TitleOf, words: dict[str, str]
) -> list[str]:
    """The plain lines of a piece of reST, as many as it has."""
    out = [""] * len(lines)
    n = 0
    literal_under: int | None = None  # indentation of a literalinclude's options
    while n < len(lines):
        line = lines[n]
        indent = len(line) - len(line.lstrip())
        if not line.strip():
            n += 1
            continue
        if literal_under is not None and indent > literal_under and _OPTION.match(line):
            n += 1  # its options: nothing for the reader
            continue
        literal_under = None
        if n + 1 < len(lines) and _UNDERLINE.match(lines[n + 1]) and line.strip():
            title = plain(translated(line.strip()), title_of)
            out[n] = " " * indent + title
            out[n + 1] = " " * indent + lines[n + 1].strip()[0] * width(title)
            n += 2
            continue
        directive = _DIRECTIVE.match(line)
        if directive:
            name, argument = directive[2], directive[3]
            out[n] = " " * indent + _directive(
                name, argument, words, translated, title_of
            )
            if name == "literalinclude":
                literal_under = indent
            n += 1
            while n < len(lines) and (option := _OPTION.match(lines[n])):
                out[n] = _option(option[1], option[2], option[3], words, translated)
                n += 1
            continue
        if line.lstrip().startswith(".. "):  # a comment or a target: not prose
            n += 1
            continue
        end = n + 1
        while (
            end < len(lines)
            and lines[end].strip()
            and not _BULLET.match(lines[end])
            and not _DIRECTIVE.match(lines[end])
        ):
            end += 1
        out[n:end] = _paragraph(lines[n:end], translated, title_of)
        n = end
    return out


def _directive(
    name: str,
    argument: str,
    words: dict[str, str],
    translated: Translate,
    title_of: TitleOf,
) -> str:
    if name == "try-this":
        return words["try"]
    if name == "answer":
        return words["answer"]
    if name == "index":  # words for the site's search and index
        return ""
    if name == "literalinclude":
        return words["file"].format(name=Path(argument).name)
    return plain(translated(argument), title_of) if argument else ""


def _option(
    indent: str, name: str, value: str, words: dict[str, str], translated: Translate
) -> str:
    """A "Try this" box's change, its two lines aligned; other options: ""."""
    # the code as the reader's file has it: its comments translated
    value = "\\n".join(
        code_comments.translate(line, translated)[0] for line in value.split("\\n")
    )
    change, into = words["change"], words["into"]
    space = "" if width(change[-1]) == 2 else " "  # none after "："
    if name == "change":
        return f"{indent}{change}{space}`{value}`"
    if name == "to":
        # a box's replacement of several lines, on one: statements joined by ";"
        pad = " " * (width(change) - width(into))
        if not value:
            return f"{indent}{into}{pad}{space}{words['nothing']}"
        return f"{indent}{into}{pad}{space}`{value.replace(chr(92) + 'n', '; ')}`"
    return ""  # :expect:, :timeout:, :language:...: for the build


def _paragraph(lines: list[str], translated: Translate, title_of: TitleOf) -> list[str]:
    """A paragraph (or a list item) translated, plain, on as many lines."""
    indent = len(lines[0]) - len(lines[0].lstrip())
    bullet = _BULLET.match(lines[0])
    mark = bullet[2] if bullet else ""
    first = lines[0].strip()[len(mark) :]
    message = " ".join([first] + [line.strip() for line in lines[1:]])
    text = translated(message)
    if mark and text == message:  # "101. The second child..." is no list item
        whole = mark + message
        if translated(whole) != whole:
            text, mark = translated(whole), ""
    text = plain(text, title_of)
    lead = " " * indent + mark
    rest = " " * (indent + len(mark))
    return wrap(text, len(lines), lead, rest, WIDTH)


# -- reST inline markup to plain text ------------------------------------------

_ROLE = re.compile(r":(?:[\w-]+:)*([\w-]+):`([^`]*)`")
_LINK = re.compile(r"`([^`<]*?)\s*<([^>`]+)>`__?")
_NAMED = re.compile(r"`([^`]+)`__?")
_LITERAL = re.compile(r"``(.+?)``")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])")


def plain(text: str, title_of: TitleOf) -> str:
    """``text`` (reST) as a person writes it in a comment."""
    literals: list[str] = []

    def keep(match: re.Match[str]) -> str:  # literals are left as they are
        literals.append(f"`{match[1]}`")
        return f"\0{len(literals) - 1}\0"

    def role(match: re.Match[str]) -> str:
        name, content = match[1], match[2]
        explicit = re.fullmatch(r"(.*?)\s*<([^>]+)>", content, re.S)
        if explicit and explicit[1]:
            return explicit[1]
        target = explicit[2] if explicit else content
        if name in ("ref", "doc", "download"):
            return title_of(name, target)
        return f"`{target}`" if name in ("func", "mod", "class", "meth") else target

    text = _LITERAL.sub(keep, text)
    text = _ROLE.sub(role, text)
    text = _LINK.sub(lambda m: f"{m[1]} ({m[2]})" if m[1] else m[2], text)
    text = _NAMED.sub(r"\1", text)
    text = _STRONG.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = text.replace("\\ ", "").replace("\\", "")
    text = re.sub("\0(\\d+)\0", lambda m: literals[int(m[1])], text)
    # a space between Chinese and code or Latin letters, as the site's pages
    return _CJK_LATIN.sub(" ", text)


_IDEOGRAPH = "\u3400-\u9fff"
_CJK_LATIN = re.compile(
    f"(?<=[{_IDEOGRAPH}])(?=[`A-Za-z0-9])|(?<=[`A-Za-z0-9])(?=[{_IDEOGRAPH}])"
)


# -- The downloads of a build --------------------------------------------------


def _title_of(app: Sphinx, docname: str) -> TitleOf:
    """The title a reference of the page ``docname`` stands for, in this build."""

    def title(role: str, target: str) -> str:
        env = app.env
        if role == "ref":
            labels = env.get_domain("std").labels  # type: ignore[attr-defined]
            found = labels.get(target.lower())
            if found:
                return found[2] or env.titles[found[0]].astext()
        if role == "doc":
            base = docname.rsplit("/", 1)[0]
            doc = target.lstrip("/") if target.startswith("/") else f"{base}/{target}"
            if doc in env.titles:
                return env.titles[doc].astext()
        return Path(target).name

    return title


def _lesson_of(app: Sphinx, script: Path) -> str | None:
    """The docname of the lesson page a script of the source folder belongs to."""
    try:
        docname = script.with_suffix("").relative_to(app.srcdir).as_posix()
    except ValueError:
        return None
    return docname if docname in app.env.found_docs else None


def reader_script(app: Sphinx, docname: str, source: str) -> str:
    """The download of the lesson ``docname`` whose source is ``source``."""
    translated: Translate = str
    if translates(app):
        translated = code_comments.translator(app, docname)
        source = code_comments.translated_code(source, translated, docname)
    return plain_script(source, translated, _title_of(app, docname))


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Write this language's downloads of lessons, scripts and zips."""
    if exception is not None or app.builder.format != "html":
        return
    srcdir = Path(app.srcdir)
    downloads = Path(app.outdir, "_downloads")
    for source, (_docs, dest) in app.env.dlfiles.items():
        path, target = srcdir / source, downloads / dest
        if not target.is_file():
            continue
        if path.suffix == ".py" and (docname := _lesson_of(app, path)):
            text = path.read_text(encoding="utf-8")
            target.write_text(reader_script(app, docname, text), encoding="utf-8")
        elif path.suffix == ".zip":
            _rewrite_zip(app, path, target)


def _rewrite_zip(app: Sphinx, source: Path, target: Path) -> None:
    """Rewrite ``target``, a copy of the zip ``source``, with the readers' lessons."""
    with zipfile.ZipFile(source) as old:
        members = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in members:
            # sphinx-gallery stores each file relative to the zip's folder
            docname = _lesson_of(app, source.parent / info.filename)
            if docname and info.filename.endswith(".py"):
                text = reader_script(app, docname, data.decode("utf-8"))
                data = text.encode("utf-8")
            new.writestr(info, data)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("i18n.code_comments")
    app.setup_extension("i18n.ext_words")
    # before gallery/offered_files.py adds the lesson's other files (priority 800)
    app.connect("build-finished", _on_build_finished, priority=500)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
