"""The JVM side of a classic SparkSession, over Py4J: the listener jar, its registration and its
live feed. Used by clusop.watch and by the autoload (clusop.runtime.bootstrap).

How the listener gets into the driver (no restart, no executor involvement):

1. If ``com.clusop.listener.PhotonFallbackListener`` is already loadable (the jar on the
   cluster's classpath, ``spark.jars``), that class is used.
2. Else the jar bundled with this package (``clusop/jars/``, or ``$CLUSOP_LISTENER_JAR``) is
   added to the session's shared jar class loader (``sharedState.jarClassLoader``, the loader
   ``ADD JAR`` uses, one per SparkContext), so every session and Python process on the driver
   sees one class, one native core and one feed.
3. One listener per session: skipped when ``spark.sql.queryExecutionListeners`` already names
   it; otherwise ``PhotonFallbackListener.claim(session)`` (JVM-wide) decides, and the listener
   is registered with ``session.listenerManager().register(...)``.

Nothing here runs unless called; every failure is an exception of this module's own type
(:class:`JvmUnavailable`) with a reason in words.
"""

from __future__ import annotations

import glob
import json
import os
import threading
from typing import Any, Dict, List, Optional

LISTENER_CLASS = "com.clusop.listener.PhotonFallbackListener"
LISTENERS_CONF = "spark.sql.queryExecutionListeners"


class JvmUnavailable(Exception):
    """No usable driver JVM for this session; ``str(e)`` says why."""


def bundled_jar() -> Optional[str]:
    """The listener jar: ``$CLUSOP_LISTENER_JAR`` if it names a file, else the packaged one."""
    env = os.environ.get("CLUSOP_LISTENER_JAR", "").strip()
    if env and os.path.isfile(env):
        return os.path.abspath(env)
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "jars")
    found = sorted(glob.glob(os.path.join(here, "clusop-listener-*.jar")))
    return found[-1] if found else None


def connect_reason(session: Any = None) -> Optional[str]:
    """Why this is (or hosts) a Spark Connect session with no JVM for us, or None."""
    if session is not None:
        mod = type(session).__module__ or ""
        if mod.startswith("pyspark.sql.connect"):
            return "this is a Spark Connect session: the driver's JVM is on the server, out of reach"
    for var in ("SPARK_CONNECT_MODE_ENABLED", "SPARK_REMOTE", "SPARK_LOCAL_REMOTE"):
        if os.environ.get(var):
            return f"Spark Connect mode ({var} is set)"
    if session is not None:
        try:
            conf = session._jsc.getConf() if getattr(session, "_jsc", None) is not None else None
            if conf is not None:
                if conf.get("spark.local.connect", "") == "1" or conf.get("spark.remote", ""):
                    return "this session hosts a local Spark Connect server"
                if "SparkConnectPlugin" in conf.get("spark.plugins", ""):
                    return "this session hosts a Spark Connect server"
        except Exception:
            pass
    return None


_lock = threading.Lock()
_handles: Dict[str, "Listener"] = {}


class Listener:
    """The listener class in one driver JVM, and the feed's reader."""

    def __init__(self, session: Any, cls: Any, session_id: Optional[str], registered_by: str):
        self._gateway = session._sc._gateway
        self._jvm = session._jvm
        self.cls = cls
        self.session_id = session_id
        self.registered_by = registered_by
        self._methods: Dict[str, Any] = {}

    def _static(self, name: str, *args: Any) -> Any:
        m = self._methods.get(name)
        if m is None:
            for cand in self.cls.getMethods():
                if cand.getName() == name and cand.getParameterCount() == len(args):
                    m = cand
                    break
            if m is None:
                raise JvmUnavailable(f"the listener jar has no {name}(): an older jar on the classpath?")
            self._methods[name] = m
        arr = self._gateway.new_array(self._jvm.java.lang.Object, len(args))
        for i, a in enumerate(args):
            arr[i] = a
        return m.invoke(None, arr)

    def feed_head(self) -> int:
        return int(self._static("feedHead"))

    def feed_since(self, seq: int) -> List[Dict[str, Any]]:
        return json.loads(self._static("feedSince", int(seq)))

    def status(self) -> Dict[str, Any]:
        try:
            return json.loads(self._static("status"))
        except Exception:
            return {"agent": "unknown"}


def _listener_class(session: Any) -> Any:
    jvm = session._jvm
    jsession = session._jsparkSession
    loader = jsession.sharedState().jarClassLoader()
    Class = jvm.java.lang.Class
    try:
        return Class.forName(LISTENER_CLASS, True, loader)
    except Exception:
        pass
    jar = bundled_jar()
    if jar is None:
        raise JvmUnavailable("the listener jar is neither on the cluster's classpath nor packaged with clusop")
    loader.addURL(jvm.java.io.File(jar).toURI().toURL())
    return Class.forName(LISTENER_CLASS, True, loader)


def arm(session: Any, *, origin: str = "clusop") -> Listener:
    """Makes sure the clusop listener runs on this classic session; returns its handle.

    Raises JvmUnavailable (Spark Connect, a sealed Py4J gateway, no jar...)."""
    why = connect_reason(session)
    if why:
        raise JvmUnavailable(why)
    if getattr(session, "_jsparkSession", None) is None or getattr(session, "_sc", None) is None:
        raise JvmUnavailable("this SparkSession exposes no JVM (not a classic PySpark session)")
    try:
        jsession = session._jsparkSession
        key = str(jsession.sessionUUID())
    except Exception as e:
        raise JvmUnavailable(f"the driver's JVM is not reachable from Python ({_short(e)})") from None
    with _lock:
        h = _handles.get(key)
        if h is not None:
            return h
        try:
            cls = _listener_class(session)
            by_conf = LISTENER_CLASS in (jsession.conf().get(LISTENERS_CONF, "") or "")
            if by_conf:
                registered_by = "conf"
            elif bool(Listener(session, cls, key, origin)._static("claim", jsession)):
                listener = cls.newInstance()
                jsession.listenerManager().register(listener)
                registered_by = origin
            else:
                registered_by = "earlier"
        except JvmUnavailable:
            raise
        except Exception as e:
            raise JvmUnavailable(f"could not register the listener ({_short(e)})") from None
        h = Listener(session, cls, key, registered_by)
        _handles[key] = h
        return h


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    first = text[0] if text else type(e).__name__
    for line in text:  # a Py4J error: the Java exception line says more
        if "Exception" in line or "Error" in line:
            first = line.strip()
            break
    return first[:300]
