"""A Spark standalone cluster on this machine: one master and two one-core workers, each worker on
its own loopback address (127.0.0.1 and 127.0.0.2).

Why not local mode: Spark never runs a speculative copy in local mode (the speculation thread only
starts when the master is not local), and never launches a copy on a host where an attempt of the
task already runs; local-cluster mode puts every executor on one host. Two workers on two loopback
addresses are two hosts to the scheduler. The master, the workers and their executors are real
Spark daemons started with pyspark's own `bin/spark-class`; they listen on loopback only.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from typing import List, Optional

from spark_status import process_cpu_seconds

WORKER_HOSTS = ("127.0.0.1", "127.0.0.2")
MASTER_HOST = "127.0.0.1"
READY_TIMEOUT_S = 120


def spark_home() -> str:
    import pyspark

    return os.path.dirname(os.path.abspath(pyspark.__file__))


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class StandaloneCluster:
    def __init__(self, work_dir: str, java_opts: str):
        self.work_dir = work_dir
        self.java_opts = java_opts
        self.procs: List[subprocess.Popen] = []
        self.url: Optional[str] = None
        self.cpu_seconds: Optional[float] = None

    def _env(self, host: str) -> dict:
        env = dict(os.environ)
        conf_dir = os.path.join(self.work_dir, "conf")  # empty: no spark-env.sh of the machine
        os.makedirs(conf_dir, exist_ok=True)
        env.update({"SPARK_HOME": spark_home(), "SPARK_CONF_DIR": conf_dir,
                    # the web UIs bind to SPARK_LOCAL_IP, else to every interface
                    "SPARK_LOCAL_IP": host, "SPARK_DAEMON_MEMORY": "256m",
                    "SPARK_DAEMON_JAVA_OPTS": self.java_opts})
        return env

    def _spawn(self, name: str, host: str, args: List[str]) -> subprocess.Popen:
        log = open(os.path.join(self.work_dir, f"{name}.log"), "w", encoding="utf-8")
        cmd = [os.path.join(spark_home(), "bin", "spark-class")] + args
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=self._env(host))
        log.close()
        self.procs.append(proc)
        return proc

    def start(self, executor_memory_mb: int = 1024) -> str:
        os.makedirs(self.work_dir, exist_ok=True)
        port = free_port(MASTER_HOST)
        master = self._spawn("master", MASTER_HOST, [
            "org.apache.spark.deploy.master.Master", "--host", MASTER_HOST, "--port", str(port),
            "--webui-port", "0"])
        self._wait_listening(master, MASTER_HOST, port)
        self.url = f"spark://{MASTER_HOST}:{port}"
        for i, host in enumerate(WORKER_HOSTS):
            self._spawn(f"worker{i}", host, [
                "org.apache.spark.deploy.worker.Worker", "--host", host, "--cores", "1",
                "--memory", f"{executor_memory_mb}m", "--webui-port", "0",
                "--work-dir", os.path.join(self.work_dir, f"worker{i}"), self.url])
        # the driver waits for both executors itself (spark.scheduler.minRegisteredResourcesRatio)
        return self.url

    @staticmethod
    def _wait_listening(proc: subprocess.Popen, host: str, port: int) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the standalone master exited ({proc.returncode})")
            try:
                with socket.create_connection((host, port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the standalone master did not listen on {host}:{port} in {READY_TIMEOUT_S} s")

    def driver_settings(self) -> dict:
        """What an application needs to run on this cluster with one executor per worker."""
        return {"master": self.url, "spark.driver.host": MASTER_HOST, "spark.driver.bindAddress": MASTER_HOST,
                "spark.cores.max": str(len(WORKER_HOSTS)), "spark.executor.cores": "1",
                "spark.executor.memory": "512m",
                "spark.executor.extraJavaOptions": self.java_opts,
                # the executors' Python workers run the same Python as this driver
                "spark.pyspark.python": sys.executable,
                "spark.scheduler.minRegisteredResourcesRatio": "1.0",
                "spark.scheduler.maxRegisteredResourcesWaitingTime": f"{READY_TIMEOUT_S}s"}

    def stop(self) -> None:
        # the workers' counters include their reaped executors
        cpu = [process_cpu_seconds(p.pid, children=True) for p in self.procs if p.poll() is None]
        self.cpu_seconds = round(sum(c for c in cpu if c is not None), 1)
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for p in reversed(self.procs):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self.procs = []

    def logs(self) -> str:
        out = []
        for name in sorted(os.listdir(self.work_dir)) if os.path.isdir(self.work_dir) else []:
            if name.endswith(".log"):
                with open(os.path.join(self.work_dir, name), encoding="utf-8", errors="replace") as fh:
                    out.append(f"---- {name}\n{fh.read()[-20000:]}")
        return "\n".join(out)

    def remove(self) -> None:
        shutil.rmtree(self.work_dir, ignore_errors=True)
