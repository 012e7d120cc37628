"""`python -m devstack` (make dev): the whole local stack in one process.

DynamoDB Local (persistent under .local/dynamodb), moto's Step Functions engine with Lambda
tasks running the app's handlers, the SMTP sink and the dev web server on one origin. Ctrl-C or
SIGTERM stops all of it; the JVM runs in its own process group and is killed with it.

Environment: PORT (8000), DYNAMODB_PORT (8001), MOTO_PORT (5001), SMTP_PORT (8025);
DEVSTACK_STATE_DIR (.local); DEVSTACK_SEED=0 skips the demo data on a first start.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devstack import environment, lambda_routing
from devstack.downloads import provision_export_bucket
from devstack.dynamodb_local import ROOT, DynamoDBLocal
from devstack.mail_sink import MailSink
from devstack.moto_server import MotoStack
from devstack.ports import LOOPBACK, port_in_use, wait_until
from devstack.scheduler import LocalScheduler
from devstack.web import DevWebServer, Site, local_config
from devstack.workflows import provision_workflows
from infra import naming, schedules

STAGE = "local"
TABLE_NAME = f"{naming.APP_NAME}-{STAGE}"
HEALTH_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class Ports:
    web: int
    dynamodb: int
    moto: int
    smtp: int

    @classmethod
    def from_env(cls) -> Ports:
        def port(name: str, default: int) -> int:
            return int(os.environ.get(name) or default)

        return cls(
            port("PORT", 8000), port("DYNAMODB_PORT", 8001), port("MOTO_PORT", 5001), port("SMTP_PORT", 8025)
        )

    def taken(self) -> list[str]:
        named = {
            "PORT": self.web,
            "DYNAMODB_PORT": self.dynamodb,
            "MOTO_PORT": self.moto,
            "SMTP_PORT": self.smtp,
        }
        return [f"{name}={port}" for name, port in named.items() if port_in_use(port)]


def state_dir() -> Path:
    """.local/ (git-ignored) unless DEVSTACK_STATE_DIR says otherwise (the stack's own test)."""
    return Path(os.environ.get("DEVSTACK_STATE_DIR") or ROOT / ".local")


def say(message: str) -> None:
    print(message, flush=True)


class DevStack:
    def __init__(self, ports: Ports, state: Path) -> None:
        self.ports = ports
        self.state = state
        self.dynamodb = DynamoDBLocal(
            ports.dynamodb, db_path=state / "dynamodb", log_path=state / "dynamodb-local.log", shared_db=True
        )
        self.sink = MailSink()
        self.moto = MotoStack(ports.moto)
        self.web: DevWebServer | None = None
        self._env: dict[str, str] = {}
        self._cleanup = contextlib.ExitStack()

    def start(self) -> None:
        """Start every piece; the caller's stop() stops whatever got started."""
        self.dynamodb.launch()  # the JVM boots for ~5 s: do the rest meanwhile
        self._cleanup.callback(self.dynamodb.stop)
        self.sink.start(self.ports.smtp)
        self._cleanup.callback(self.sink.stop)
        self.moto.start()
        self._cleanup.callback(self.moto.stop)
        self._set_environment()
        warm = threading.Thread(target=self._warm_up, daemon=True)
        warm.start()
        self.dynamodb.wait_ready()
        warm.join()
        table_created = self._ensure_table()
        self._provision()
        self._seed(table_created)
        self._serve()
        self._schedule()

    def _set_environment(self) -> None:
        secrets = environment.ensure_secrets(self.state / "secrets")
        env = environment.stack_environment(
            table_name=TABLE_NAME,
            dynamodb_endpoint=self.dynamodb.endpoint,
            smtp_port=self.ports.smtp,
            local_secrets=secrets,
            stepfunctions_endpoint=self.moto.endpoint,
            public_base_url=f"http://{LOOPBACK}:{self.ports.web}",
        )
        for name in environment.UNSET:
            os.environ.pop(name, None)
        self._env.update(env)
        os.environ.update(env)

    def _warm_up(self) -> None:
        # Importing the app and moto's ASL engine takes ~2 s; overlap it with the JVM's boot.
        lambda_routing.resolve_app()
        self.moto.client("stepfunctions").list_state_machines()

    def _ensure_table(self) -> bool:
        from chalicelib.adapters.dynamo.table import create_table

        client = self.dynamodb.client()
        if TABLE_NAME in client.list_tables()["TableNames"]:
            return False
        create_table(client, TABLE_NAME)
        return True

    def _provision(self) -> None:
        arns = provision_workflows(self.moto.client("stepfunctions"), self.moto.client("lambda"), STAGE)
        arns.update(provision_export_bucket(self.moto.client("s3"), self.moto.endpoint, STAGE))
        self._env.update(arns)
        os.environ.update(arns)
        self._write_env_file()
        from chalicelib import bootstrap

        bootstrap.reset()

    def _write_env_file(self) -> None:
        """.local/dev.env: the running stack's environment, for commands run beside it
        (`set -a; . .local/dev.env; set +a` before e.g. the audit verifier)."""
        lines = [f"{name}={value}" for name, value in sorted(self._env.items())]
        (self.state / "dev.env").write_text("\n".join(lines) + "\n")

    def _seed(self, table_created: bool) -> None:
        marker = self.state / f"seeded-{TABLE_NAME}"
        if (not table_created and marker.exists()) or os.environ.get("DEVSTACK_SEED") == "0":
            return
        say("seeding demo data (first start only)…")
        from chalicelib.entrypoints.seed import seed_demo_data

        began = time.monotonic()
        summary = seed_demo_data()
        marker.write_text(time.strftime("%Y-%m-%dT%H:%M:%S%z") + "\n")
        say(f"  {len(summary.accounts)} demo accounts in {time.monotonic() - began:.1f} s")

    def _serve(self) -> None:
        app = lambda_routing.resolve_app()
        site = Site(app, local_config(ROOT, naming.APP_NAME), self.sink, ROOT / "frontend" / "dist")
        self.web = DevWebServer(site, self.ports.web)
        self.web.start()
        self._cleanup.callback(self.web.stop)

    def _schedule(self) -> None:
        """The functions of infra/schedules.json at their times (`make remind` runs one now)."""
        scheduler = LocalScheduler(schedules.load())
        scheduler.start()
        self._cleanup.callback(scheduler.stop)

    def wait_healthy(self) -> None:
        url = f"http://{LOOPBACK}:{self.ports.web}/api/health"
        wait_until(lambda: _answers_ok(url), HEALTH_TIMEOUT_SECONDS, url, interval=0.05)

    def stop(self) -> None:
        self._cleanup.close()


def _answers_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def demo_accounts() -> tuple[list[str], list[str]]:
    """(role accounts, numbered members) from the seed data itself."""
    from chalicelib.entrypoints.seed import demo_members

    emails = [m.email for m in demo_members()]
    numbered = [e for e in emails if re.fullmatch(r"member\d{3}@example\.org", e)]
    return [e for e in emails if e not in numbered], numbered


def banner(web_url: str, seconds: float) -> str:
    roles, numbered = demo_accounts()
    members = f"{numbered[0]} … {numbered[-1]} ({len(numbered)} members)" if numbered else "none"
    return "\n".join(
        [
            "",
            f"Union Portal is up at {web_url}/  (ready in {seconds:.1f} s)",
            "Sign in with any demo account; the sign-in code arrives in the dev mailbox:",
            *(f"  {email}" for email in roles),
            f"  {members}",
            f"Dev mailbox: {web_url}/dev/mail/",
            "Ctrl-C stops everything.",
            "",
        ]
    )


def _stop_on_signals() -> None:
    """SIGTERM ends the stack like Ctrl-C: both unwind main() through its cleanup, even
    in the middle of start-up."""

    def interrupt(signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)


def _ignore_signals() -> None:
    # A second Ctrl-C must not cut the cleanup short and leave the JVM behind.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def main() -> int:
    started = time.monotonic()
    ports = Ports.from_env()
    if taken := ports.taken():
        say(
            f"ports already in use: {', '.join(taken)} (is another `make dev` running? "
            "set those variables to move it)"
        )
        return 1
    _stop_on_signals()
    stack = DevStack(ports, state_dir())
    try:
        stack.start()
        stack.wait_healthy()
        say(banner(f"http://{LOOPBACK}:{ports.web}", time.monotonic() - started))
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        _ignore_signals()
        say("stopping…")
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
