"""Start-up hook of build runs: record the process timeline (see ../recorder.py).

It is on PYTHONPATH only for examples run by the build, so spawned and
forkserver children load it too.  It takes itself off sys.path, and hands over
to any other sitecustomize module, so the lesson sees the usual interpreter.
"""

import importlib.machinery
import importlib.util
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

if os.environ.get("PROCESS_TIMELINE"):
    sys.path.insert(0, os.path.dirname(_here))
    try:
        import recorder

        recorder.install(os.environ["PROCESS_TIMELINE"])
    finally:
        sys.path.remove(os.path.dirname(_here))
        sys.modules["_process_timeline_recorder"] = sys.modules.pop("recorder")

# Another sitecustomize further down sys.path still runs, as it would without us.
_other = importlib.machinery.PathFinder.find_spec("sitecustomize", sys.path)
if _other is not None and _other.loader is not None:
    _other.loader.exec_module(importlib.util.module_from_spec(_other))
