"""Start-up hook of build runs: record the process timeline (see ../recorder.py).

It is on PYTHONPATH only for examples run by the build, so spawned and
forkserver children load it too.  It takes itself off sys.path, loads the
recorder under private module names (a lesson's own ``import events`` must not
find ours), and hands over to any other sitecustomize module, so the lesson
sees the usual interpreter.
"""

import importlib.machinery
import importlib.util
import os
import sys
from types import ModuleType

_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]


def _load(name: str, filename: str) -> ModuleType:
    path = os.path.join(os.path.dirname(_here), filename)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


if os.environ.get("PROCESS_TIMELINE"):
    _load("_process_timeline_events", "events.py")
    _load("_process_timeline_recorder", "recorder.py").install(
        os.environ["PROCESS_TIMELINE"]
    )

# Another sitecustomize further down sys.path still runs, as it would without us.
_other = importlib.machinery.PathFinder.find_spec("sitecustomize", sys.path)
if _other is not None and _other.loader is not None:
    _other.loader.exec_module(importlib.util.module_from_spec(_other))
