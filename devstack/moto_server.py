"""moto's Step Functions engine (and its no-Docker Lambda, routed to the app) on a loopback port.

One in-process `ThreadedMotoServer`: the app's boto3 clients reach it through
STEPFUNCTIONS_ENDPOINT while DynamoDB stays on DynamoDB Local, and the Lambda tasks it runs call
the real handlers in this same process (see lambda_routing).
"""

from __future__ import annotations

import json
import logging
import os
import urllib.request
from typing import Any

from devstack import lambda_routing
from devstack.ports import LOOPBACK

REGION = "eu-north-1"
ACCOUNT_ID = "123456789012"  # moto's default account
ENGINE_CONFIG = {
    "stepfunctions": {"execute_state_machine": True},
    "lambda": {"use_docker": False},
}


def quiet_moto_logs() -> None:
    """The ASL parser logs whole failure causes at ERROR and werkzeug logs every request."""
    logging.getLogger("moto.stepfunctions.parser").setLevel(logging.CRITICAL)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


class MotoStack:
    def __init__(self, port: int = 0) -> None:
        self.port = port
        self._server: Any = None
        self._previous_moto_port: str | None = None
        self._clients: dict[str, Any] = {}

    @property
    def endpoint(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> None:
        from moto.server import ThreadedMotoServer

        quiet_moto_logs()
        self._server = ThreadedMotoServer(ip_address=LOOPBACK, port=self.port, verbose=False)
        self._server.start()
        self.port = int(self._server.get_host_and_port()[1])
        # The engine calls Lambda on localhost:$MOTO_PORT (default 5000), read at each call.
        self._previous_moto_port = os.environ.get("MOTO_PORT")
        os.environ["MOTO_PORT"] = str(self.port)
        self.configure()
        lambda_routing.install()

    def configure(self) -> None:
        """Run state machines for real and keep Lambda off Docker (server mode takes it by POST)."""
        request = urllib.request.Request(
            f"{self.endpoint}/moto-api/config",
            data=json.dumps(ENGINE_CONFIG).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()

    def client(self, service: str) -> Any:
        """One client per service (boto3 clients are thread-safe)."""
        if service not in self._clients:
            self._clients[service] = self._new_client(service)
        return self._clients[service]

    def _new_client(self, service: str) -> Any:
        import boto3

        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106 - moto accepts any key
        )

    def stop(self) -> None:
        if self._server is None:
            return
        lambda_routing.uninstall()
        self._server.stop()
        self._server = None
        if self._previous_moto_port is None:
            os.environ.pop("MOTO_PORT", None)
        else:
            os.environ["MOTO_PORT"] = self._previous_moto_port
