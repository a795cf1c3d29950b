"""The self-arming bootstrap, imported at interpreter start by ``clusop_autoload.pth``.

At start-up it only puts a tiny finder on ``sys.meta_path`` that waits for
``pyspark.sql.session`` to be imported (one string comparison per import; nothing else runs and
nothing is imported when no Spark is used). When PySpark is imported, the finder wraps
``SparkSession.__init__`` and takes itself off ``sys.meta_path``; from then on every classic
SparkSession created in this process (late ones too) gets clusop's listener registered on it
over Py4J (clusop.runtime.jvm.arm: the bundled jar is added to the driver if needed).

- Opt-out: ``CLUSOP_AUTOLOAD=0`` (or false/no/off) in the environment: nothing is installed.
- Dormant on Spark Connect (a connect session never runs the classic ``__init__``; a classic
  session that hosts a local Connect server is recognised and left alone) and wherever the JVM
  is sealed (the registration fails, quietly).
- Every step is wrapped: a failure is recorded in ``STATE`` and never raised, so nothing here
  can break the interpreter, PySpark or a job.
"""

import os
import sys

STATE = {"status": "idle", "detail": "", "armed": []}

_TARGET = "pyspark.sql.session"


def enabled():
    return os.environ.get("CLUSOP_AUTOLOAD", "1").strip().lower() not in ("0", "false", "no", "off")


def _note(status, detail=""):
    STATE["status"] = status
    STATE["detail"] = detail


def _arm(session):
    """Registers the listener on a freshly made classic session. Never raises."""
    try:
        if not enabled():
            return
        import time

        started = time.perf_counter()
        from clusop.runtime import jvm

        why = jvm.connect_reason(session)
        if why:
            _note("dormant", why)
            return
        handle = jvm.arm(session, origin="autoload")
        if handle.session_id not in STATE["armed"]:
            STATE["armed"].append(handle.session_id)
            # what arming added to this session's creation (the first time, the real work)
            STATE["arm_ms"] = round((time.perf_counter() - started) * 1000, 1)
        _note("armed", f"listener {handle.registered_by} on session {handle.session_id}")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001 - the bootstrap must never break a session
        try:
            _note("failed", f"{type(e).__name__}: {e}"[:500])
        except BaseException:
            pass


def _patch(module):
    """Wraps SparkSession.__init__ of pyspark.sql.session. Never raises."""
    try:
        cls = getattr(module, "SparkSession", None)
        if cls is None or getattr(cls.__init__, "_clusop_wrapped", False):
            return
        original = cls.__init__

        def __init__(self, *args, **kwargs):
            original(self, *args, **kwargs)
            _arm(self)

        __init__._clusop_wrapped = True
        __init__.__wrapped__ = original
        __init__.__doc__ = original.__doc__
        __init__.__name__ = original.__name__
        __init__.__qualname__ = getattr(original, "__qualname__", "__init__")
        cls.__init__ = __init__
        _note("watching", "SparkSession.__init__ wrapped")
        # a session made before we got here (bootstrap imported late)
        existing = getattr(cls, "_instantiatedSession", None)
        if existing is not None:
            _arm(existing)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001
        _note("failed", f"patch: {type(e).__name__}: {e}"[:500])


class _Finder:
    """Waits for pyspark.sql.session; wraps its loader's exec_module; leaves once it has run
    (a find_spec that is never followed by loading, e.g. importlib.util.find_spec, changes
    nothing)."""

    def find_spec(self, name, path=None, target=None):
        if name != _TARGET:
            return None
        try:
            spec = None
            for finder in list(sys.meta_path):
                if finder is self:
                    continue
                find = getattr(finder, "find_spec", None)
                if find is None:
                    continue
                spec = find(name, path, target)
                if spec is not None:
                    break
            loader = getattr(spec, "loader", None) if spec is not None else None
            exec_module = getattr(loader, "exec_module", None)
            if exec_module is None:
                return spec

            def exec_and_patch(module, _exec=exec_module):
                _exec(module)
                _remove_finder()
                _patch(module)

            try:
                loader.exec_module = exec_and_patch
            except Exception:
                return spec
            return spec
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # noqa: BLE001 - fall back to the normal import
            _note("failed", f"finder: {type(e).__name__}: {e}"[:500])
            return None


_finder = None


def _remove_finder():
    global _finder
    try:
        if _finder is not None and _finder in sys.meta_path:
            sys.meta_path.remove(_finder)
    except Exception:
        pass
    _finder = None


def install():
    """Arms the watcher (the .pth calls this through the import). Idempotent; never raises."""
    global _finder
    try:
        if not enabled():
            _note("disabled", "CLUSOP_AUTOLOAD")
            return
        module = sys.modules.get(_TARGET)
        if module is not None:
            _patch(module)
            return
        if _finder is None:
            _finder = _Finder()
            sys.meta_path.insert(0, _finder)
            _note("waiting", "for pyspark.sql.session")
    except BaseException as e:  # noqa: BLE001
        try:
            _note("failed", f"install: {type(e).__name__}: {e}"[:500])
        except BaseException:
            pass


install()
