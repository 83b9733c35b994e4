"""Child side of the example runner: run one example's cells as a real ``__main__``.

Started as ``python _bootstrap.py SPEC.json`` in a fresh interpreter; never
imported by Sphinx.  It makes the interpreter look as if it had been started as
``python example.py`` (``__main__.__file__``, ``sys.argv``, ``sys.path[0]``),
runs the code cells one after the other in that module, writes an in-band
marker to the terminal before each cell, and reports figures and an uncaught
exception in a JSON-lines file for the runner.  Everything else -- the
interpreter's shutdown, joining children, terminating daemons -- happens as it
would for ``python example.py``.

Start-up hooks (e.g. the process timeline's) learn when the example's code
begins and ends from two audit events, ``example_runner.main`` and
``example_runner.code_end`` (see ``sys.addaudithook``), and when each code cell
begins from ``example_runner.cell`` (its index, its first line in the file).
"""

import builtins
import importlib.machinery
import json
import os
import sys
import traceback
import types
from typing import TextIO

_THIS_FILE = os.path.abspath(__file__)


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    src = spec["src_file"]
    report = open(spec["report"], "a", encoding="utf-8")  # noqa: SIM115

    sys.argv = [src]
    sys.path[0] = os.path.dirname(src)  # as `python example.py` puts it
    _force_start_method(spec["start_method"])
    if spec["matplotlib"]:
        _prepare_matplotlib()

    sys.audit("example_runner.main")

    module = types.ModuleType("__main__", spec["docstring"])
    module.__file__ = src
    vars(module).update(__cached__=None, __builtins__=builtins)
    module.__loader__ = importlib.machinery.SourceFileLoader("__main__", src)
    sys.modules["__main__"] = module

    for index, cell in enumerate(spec["cells"]):
        sys.stdout.flush()
        sys.stderr.flush()
        os.write(1, f"{spec['marker']}{index}\x07".encode())
        sys.audit("example_runner.cell", index, cell["lineno"])
        try:
            code = compile(
                "\n" * (cell["lineno"] - 1) + cell["source"],
                src,
                "exec",
                dont_inherit=True,
            )
            exec(code, module.__dict__)
        except Exception as exc:  # reported like an uncaught exception
            _report(report, {"cell": index, "error": _describe(exc, src)})
            report.close()
            sys.audit("example_runner.code_end")
            sys.exit(1)
        if cell["save_figures"]:
            _report(report, {"cell": index, "figures": _save_figures(spec, index)})
    report.close()
    sys.audit("example_runner.code_end")


def _force_start_method(method: str | None) -> None:
    """Make ``method`` the default start method without fixing it for good.

    The example may still call ``set_start_method()`` itself, exactly once.
    """
    if method:
        from multiprocessing import context

        concrete = context._concrete_contexts[method]  # type: ignore[attr-defined]
        context._default_context._default_context = concrete  # type: ignore[attr-defined]


def _prepare_matplotlib() -> None:
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    plt.show = lambda *args, **kwargs: None  # figures are saved after each cell


def _save_figures(spec: dict, index: int) -> list[str]:
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return []
    paths = []
    for number in plt.get_fignums():
        fig = plt.figure(number)
        path = os.path.join(spec["figures_dir"], f"cell{index:03d}_{number:03d}.png")
        fig.savefig(path, facecolor=fig.get_facecolor(), edgecolor="none")
        paths.append(path)
    plt.close("all")
    return paths


def _describe(exc: BaseException, src: str) -> dict:
    """The traceback as ``python example.py`` would print it, and the line."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == _THIS_FILE:
        tb = tb.tb_next
    lineno = getattr(exc, "lineno", None) if isinstance(exc, SyntaxError) else None
    for frame, line in traceback.walk_tb(tb):
        if frame.f_code.co_filename == src:
            lineno = line
    text = "".join(traceback.format_exception(type(exc), exc, tb))
    # the exception's class by name: its message (and 3.14's notes after it)
    # may span lines, so the traceback's last line need not name it
    return {"traceback": text, "lineno": lineno, "type": type(exc).__name__}


def _report(report: TextIO, record: dict) -> None:
    report.write(json.dumps(record) + "\n")
    report.flush()


if __name__ == "__main__":
    main()
