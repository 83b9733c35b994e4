"""Run each sphinx-gallery example as a real program and show every process's output.

Who owns what:

- ``settings.py``: the declared config values (``example_runner_*``), checked once;
- ``runs.py``: one build's runs, in the background from the start of the build;
- ``run.py`` and ``terminal.py``: one run, a fresh interpreter on a pseudo-terminal;
- ``_bootstrap.py``: the child side, which makes that interpreter ``python example.py``;
- ``gallery.py``: the one seam to sphinx-gallery, in place of its ``execute_script``;
- ``options.py``: what a lesson asks for in its config comments (several start
  methods, repeated runs, expected failures...);
- ``display.py``: the directives that draw several runs' outputs and the
  lesson's environment stamp, in the page's language;
- ``try_this.py``: the "Try this" boxes, each a change to the lesson whose
  program is run like another variant, its real output folded as the answer;
- ``paths.py``: the short paths in tracebacks (``.../multiprocessing/process.py``),
  and the note that says so;
- ``errors.py``: ``LessonError``, a lesson's failure reported as the build's
  own error (file, line, cause, the setting that fixes it), not as a crash of
  an extension.

Other extensions take part through two events:

``example-run-environment(app, rundir, env)``
    before each run; a listener may add variables to ``env`` (a dict; a
    ``PYTHONPATH`` entry goes first on the path), e.g. a start-up hook that
    records into the run's folder ``rundir``.  It may be emitted from a
    background thread.
``example-run-finished(app, result, script_vars, by, key)``
    after a lesson's runs, before their folders are removed, for each run in
    the order the page shows them until a listener returns something:
    ``result`` is a ``run.ExampleRun``; ``by`` says how the page tells its runs
    apart ("single" for a page of one run, "start-method" or "run") and ``key``
    which one this is (the start method, or the run's number); the reST a
    listener returns goes under the example's last output.
``example-not-run(app, script_vars, needs)``
    instead, for a lesson that needs a newer Python (``needs``, the version)
    than the one building: its page shows a note in place of its output.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from . import display, gallery, paths, settings, try_this
from .runs import ENVIRONMENT_EVENT, FINISHED_EVENT, NOT_RUN_EVENT, BuildRuns

__version__ = "2.0"

START_METHODS = settings.START_METHODS


class _Build:
    """One build's runs, from before sphinx-gallery makes the gallery to after."""

    def __init__(self) -> None:
        self.runs: BuildRuns | None = None
        self.stale: list[str] = []

    def start(self, app: Sphinx) -> None:
        """Start the stale examples in the background and take over their execution."""
        self.runs = runs = BuildRuns(app, settings.read(app.config))
        gallery.forget_outdated_outputs(app, runs.settings)
        gallery.install(app, runs)
        app.connect("build-finished", runs.finish)
        app.connect("build-finished", gallery.uninstall)
        self.stale = gallery.stale_examples(app)
        runs.start(self.stale)

    def gallery_made(self, app: Sphinx) -> None:
        """sphinx-gallery is done with execution: put its own back, and check
        that it asked for the runs."""
        gallery.uninstall(app, None)
        if self.runs is not None:
            gallery.check_called(app, self.runs, self.stale)


def _say_the_gallery_is_made(app: Sphinx) -> None:
    """Create the file ``example_runner_gallery_ready`` names, if any: the
    gallery's sources are written, other builds may read them now.  Not when
    a lesson failed (``errors.report`` set the build's status): the other
    builds would run it again, and this build fails anyway."""
    if app.config.example_runner_gallery_ready and not app.statuscode:
        with open(app.config.example_runner_gallery_ready, "w", encoding="utf-8"):
            pass


def setup(app: Sphinx) -> ExtensionMetadata:
    gallery.check_sphinx_gallery()
    app.setup_extension("sphinx_gallery.gen_gallery")
    settings.declare(app)
    display.setup(app)
    try_this.setup(app)
    paths.setup(app)
    app.add_event(ENVIRONMENT_EVENT)
    app.add_event(FINISHED_EVENT)
    app.add_event(NOT_RUN_EVENT)
    # around sphinx-gallery's own config-inited (priority 10)
    app.connect("config-inited", gallery.hide_matplotlib, priority=9)
    app.connect("config-inited", gallery.show_matplotlib, priority=11)
    build = _Build()
    # before sphinx-gallery's own builder-inited handler (priority 500)
    app.connect("builder-inited", build.start, priority=400)
    # after it (a build that fails before it puts its own back when it ends)
    app.connect("builder-inited", build.gallery_made, priority=800)
    # after sphinx-gallery's (priority 500) has written the gallery's sources
    app.connect("builder-inited", _say_the_gallery_is_made, priority=900)
    return {
        "version": __version__,
        # Examples run while sphinx-gallery generates sources (builder-inited),
        # in threads of the main process, before Sphinx reads or writes
        # anything in parallel; nothing is kept in the environment.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
