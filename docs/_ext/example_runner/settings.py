"""The runner's settings: declared Sphinx config values, checked once per build."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

START_METHODS = ("fork", "forkserver", "spawn")
DEFAULT_TIMEOUT = 120.0
# Examples mostly sleep and wait, so several run at once per core (8 per core
# made a clean build 10% faster than 4 on 2 cores: make bench).
DEFAULT_JOBS = 8 * (os.cpu_count() or 1)
# What one example may print (bytes) before it is stopped: far more than any
# page should show, and little enough memory for any build machine.
DEFAULT_MAX_OUTPUT = 1_000_000

# The environment variable that conf.py reads for each setting (for messages).
_ENVIRONMENT = {
    "example_runner_timeout": "EXAMPLE_TIMEOUT",
    "example_runner_jobs": "EXAMPLE_JOBS",
    "example_runner_start_method": "MP_START_METHOD",
    "example_runner_max_output": "EXAMPLE_MAX_OUTPUT",
}


@dataclasses.dataclass(frozen=True)
class Settings:
    """The checked settings of one build."""

    timeout: float = DEFAULT_TIMEOUT
    jobs: int = DEFAULT_JOBS
    start_method: str | None = None
    max_output: int = DEFAULT_MAX_OUTPUT
    history: str = ""


def declare(app: Sphinx) -> None:
    """Add the config values; a bad one stops the build before anything runs."""
    # Seconds one example may run before it is killed and the build fails
    # (None or "": DEFAULT_TIMEOUT).  Not a float default: -D could not set it.
    app.add_config_value(
        "example_runner_timeout", None, "", types=(float, int, str, type(None))
    )
    # How many examples run at once (1: one after the other, in the foreground;
    # None or "": DEFAULT_JOBS).
    app.add_config_value("example_runner_jobs", None, "", types=(int, str, type(None)))
    # The default start method of every example ("" or None: the platform's).
    app.add_config_value(
        "example_runner_start_method", None, "", types=(str, type(None))
    )
    # Bytes one example may print before it is stopped and the build fails
    # (None or "": DEFAULT_MAX_OUTPUT).
    app.add_config_value(
        "example_runner_max_output", None, "", types=(int, str, type(None))
    )
    # A file to create once the gallery's sources are made (every lesson run),
    # for builds of other languages waiting to read them
    # (tools/build_languages.py; "": none).  Changes no page.
    app.add_config_value("example_runner_gallery_ready", "", "", types=(str,))
    # A file that keeps what each run took, so that the next build starts the
    # slowest first (history.py; "": none, file order).  Changes no page.
    app.add_config_value("example_runner_history", "", "", types=(str,))
    app.connect("config-inited", _check)


def _check(app: Sphinx, config: Config) -> None:
    read(config)


def read(config: Config) -> Settings:
    """The settings in ``config``, or a ConfigError naming the bad one."""
    return Settings(
        timeout=_number(config, "example_runner_timeout", float, DEFAULT_TIMEOUT),
        jobs=int(_number(config, "example_runner_jobs", int, DEFAULT_JOBS)),
        start_method=_start_method(config),
        max_output=int(
            _number(config, "example_runner_max_output", int, DEFAULT_MAX_OUTPUT)
        ),
        history=config.example_runner_history,
    )


def _number(config: Config, name: str, kind: type, default: float) -> float:
    """A positive number (``kind``: int or float); None or "" is ``default``."""
    raw = getattr(config, name)
    if raw in ("", None):
        return float(default)
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        value = 0
    if value <= 0 or isinstance(raw, bool):
        what = _UNITS[name]
        raise ConfigError(f"{_name(name)} must be {what}, got {raw!r}")
    return float(value)


_UNITS = {
    "example_runner_timeout": "a positive number of seconds",
    "example_runner_jobs": "a whole number of examples run at once (1 or more)",
    "example_runner_max_output": "a whole number of bytes (1 or more)",
}


def _start_method(config: Config) -> str | None:
    method = config.example_runner_start_method or None
    available = multiprocessing.get_all_start_methods()
    if method is not None and (method not in START_METHODS or method not in available):
        raise ConfigError(
            f"{_name('example_runner_start_method')} must be one of "
            f"{', '.join(available)} on this platform, got {method!r}"
        )
    return method


def _name(setting: str) -> str:
    return f"{setting} ({_ENVIRONMENT[setting]})"
