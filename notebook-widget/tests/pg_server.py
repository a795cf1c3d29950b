"""A throwaway PostgreSQL server for a test (Debian's postgresql package: initdb + pg_ctl).

initdb refuses to run as root, so as root the server runs as the `postgres` user the package
creates (runuser); otherwise as the current user. It listens on 127.0.0.1 only, trust auth,
in a directory of its own that is removed afterwards. pg_ctl -w waits until it accepts
connections: no sleeps."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional


def pg_bin() -> Optional[Path]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def why_not() -> str:
    if pg_bin() is None:
        return "no PostgreSQL server binaries (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and no postgres user to run the server as"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "no psycopg (pip install 'clusop[serve]')"
    return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self):
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="clusop-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            os.chmod(self.dir, 0o755)
            shutil.chown(self.dir, "postgres", "postgres")

    def _cmd(self, args: List[str]) -> List[str]:
        return (["runuser", "-u", "postgres", "--"] if self.as_root else []) + args

    def _run(self, args: List[str]) -> None:
        out = subprocess.run(self._cmd(args), capture_output=True, text=True, timeout=120, cwd=str(self.dir))
        if out.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {out.stdout[-2000:]} {out.stderr[-2000:]}")

    @property
    def url(self) -> str:
        user = "postgres" if self.as_root else pwd.getpwuid(os.geteuid()).pw_name
        return f"postgresql://{user}@127.0.0.1:{self.port}/postgres"

    def init(self) -> "PostgresServer":
        self._run([str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-E", "UTF8", "--no-sync"])
        return self.start()

    def start(self) -> "PostgresServer":
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=on"
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"),
                   "-w", "-t", "60", "start"])
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop"])

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        except Exception:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
