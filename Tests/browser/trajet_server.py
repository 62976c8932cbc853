"""A throw-away `trajet serve` with data, for the browser tests and the screenshots.

In a temporary directory: a SQLite database (`trajet db migrate`), two organisations (asmae, other) with a planner
key each, then `trajet serve` on a free loopback port, ready once `GET /healthz` answers 200. Stopped (SIGTERM,
then SIGKILL) and deleted on close.

    with TrajetServer() as server:
        server.url("/routes?from=Liège&to=twiza"), server.keys["asmae"], server.log_text()

The binary is `TRAJET_BIN` (default `.build/debug/trajet`, relative to the repository root); trajet runs from the
repository root with `--datasets <root>/Datasets`.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def trajet_binary() -> Path:
    path = Path(os.environ.get("TRAJET_BIN", ".build/debug/trajet"))
    return path if path.is_absolute() else ROOT / path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TrajetServer:
    organisations = {"asmae": "Asmae", "other": "Other asbl"}

    def __init__(self, binary: Path | None = None, keep: bool = False):
        self.binary = binary or trajet_binary()
        self.keep = keep
        self.dir = Path(tempfile.mkdtemp(prefix="trajet-browser-"))
        self.database = self.dir / "web.sqlite"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.keys: dict[str, str] = {}
        self.process: subprocess.Popen | None = None
        self.log_path = self.dir / "server.log"

    # The lead may be rebuilding the binary: wait for it a little rather than fail at once.
    def _wait_for_binary(self, seconds: float = 120) -> None:
        deadline = time.time() + seconds
        while not (self.binary.is_file() and os.access(self.binary, os.X_OK)):
            if time.time() > deadline:
                raise RuntimeError(f"no trajet binary at {self.binary} (set TRAJET_BIN, or build it first)")
            time.sleep(1)

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["TRAJET_DATABASE"] = str(self.database)
        env.pop("TRAJET_DATABASE_URL", None)
        return env

    def run(self, *args: str) -> str:
        self._wait_for_binary()
        done = subprocess.run(
            [str(self.binary), *args, "--datasets", str(ROOT / "Datasets")],
            cwd=ROOT, env=self._env(), capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"trajet {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def start(self) -> "TrajetServer":
        self.run("db", "migrate")
        for org, name in self.organisations.items():
            self.run("orgs", "add", org, "--name", name)
            out = self.run("keys", "create", "--org", org, "--role", "planner")
            key = next((line.strip() for line in out.splitlines() if line.strip().startswith("trj_")), None)
            if not key:
                raise RuntimeError(f"no trj_ key in the output of keys create:\n{out}")
            self.keys[org] = key
        self._wait_for_binary()
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(self.binary), "serve", "--port", str(self.port), "--database", str(self.database),
             "--datasets", str(ROOT / "Datasets")],
            cwd=ROOT, env=self._env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"trajet serve exited ({self.process.returncode}):\n{self.log_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.time() > deadline:
                raise RuntimeError(f"trajet serve not ready after 60 s:\n{self.log_text()[-3000:]}")
            time.sleep(0.2)
        return self

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "TrajetServer":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()
