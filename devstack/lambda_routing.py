"""moto's no-Docker Lambda backend, routed to the Chalice app's own handlers in this process.

Without Docker moto's Lambda only echoes its payload. Step Functions tasks must run the real
code, so `install()` patches `LambdaSimpleBackend.invoke`: a function named
`<anything>-<stage>-<name>` (or its ARN) runs the handler the app registered as `<name>`, with
the JSON payload as event. A raising handler answers like AWS does for an unhandled error
(`x-amz-function-error: Unhandled` plus `{"errorMessage", "errorType"}`), which is what lets
Retry/Catch in the state machine see a task failure. Names the app does not know keep moto's
behaviour. Used only by the dev stack and the tests.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from moto.awslambda_simple.models import LambdaSimpleBackend

Handler = Callable[[Any, Any], Any]
TIMEOUT_SECONDS = 900

log = logging.getLogger(__name__)
_original_invoke: Callable[..., Any] | None = None
_lock = threading.Lock()


def resolve_app() -> Any:
    """The Chalice app, imported on first use; tests monkeypatch this to route to a tiny app."""
    import app as app_module

    return app_module.app


def lambda_function_names() -> list[str]:
    """Names of the app's `@app.lambda_function()` handlers (blueprint prefixes included)."""
    return [fn.name for fn in resolve_app().pure_lambda_functions]


def find_handler(function_name: str, handlers: Mapping[str, Handler]) -> Handler | None:
    """The handler whose name ends the deployed name; the longest wins when several do."""
    bare = bare_function_name(function_name)
    matches = [key for key in handlers if bare == key or bare.endswith(f"-{key}")]
    return handlers[max(matches, key=len)] if matches else None


def bare_function_name(name_or_arn: str) -> str:
    """arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>] -> <name>"""
    parts = name_or_arn.split(":")
    return parts[6] if name_or_arn.startswith("arn:") and len(parts) > 6 else parts[0]


@dataclass
class LocalLambdaContext:
    """The attributes of the Lambda context object that Chalice and Powertools read."""

    function_name: str
    invoked_function_arn: str
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = ""
    log_stream_name: str = "local"
    _deadline: float = field(default_factory=lambda: time.monotonic() + TIMEOUT_SECONDS)

    def __post_init__(self) -> None:
        self.log_group_name = f"/aws/lambda/{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def _user_frames(exc: BaseException) -> list[str]:
    """The traceback without this module's and Chalice's frames, as Lambda reports it."""
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if f.filename != __file__ and "/chalice/" not in f.filename]
    return traceback.format_list(own)


def _error_payload(error_type: str, exc: BaseException) -> bytes:
    body = {"errorMessage": str(exc), "errorType": error_type, "stackTrace": _user_frames(exc)}
    return json.dumps(body).encode()


def run_handler(
    handler: Handler, context: LocalLambdaContext, body: Any, response_headers: dict[str, Any]
) -> bytes:
    """Call the handler as the Lambda runtime would; errors become an Unhandled function error."""
    raw = body.decode() if isinstance(body, bytes) else (body or "")
    try:
        result = handler(json.loads(raw) if raw else {}, context)
    except Exception as exc:
        log.exception("lambda %s raised", context.function_name)
        response_headers["x-amz-function-error"] = "Unhandled"
        return _error_payload(type(exc).__name__, exc)
    try:
        return json.dumps(result).encode()
    except (TypeError, ValueError) as exc:  # the real runtime refuses to marshal these too
        response_headers["x-amz-function-error"] = "Unhandled"
        return _error_payload("Runtime.MarshalError", exc)


def _routed_invoke(
    self: LambdaSimpleBackend,
    function_name: str,
    qualifier: str | None,
    body: Any,
    headers: Any,
    response_headers: Any,
) -> str | bytes | None:
    fn = self.get_function(function_name, qualifier)  # unknown names fail as on AWS
    handler = find_handler(fn.function_name, resolve_app().handler_map)
    if handler is None:
        assert _original_invoke is not None
        return _original_invoke(self, function_name, qualifier, body, headers, response_headers)
    context = LocalLambdaContext(fn.function_name, fn.function_arn)
    invocation_type = (headers or {}).get("X-Amz-Invocation-Type", "RequestResponse")
    if invocation_type == "DryRun":
        return b""
    if invocation_type == "Event":
        detached: dict[str, Any] = {}  # nobody reads an async invocation's headers
        threading.Thread(target=run_handler, args=(handler, context, body, detached), daemon=True).start()
        return b""
    return run_handler(handler, context, body, response_headers)


def install() -> None:
    """Route moto's no-Docker Lambda to the app (idempotent)."""
    global _original_invoke
    with _lock:
        if _original_invoke is None:
            _original_invoke = LambdaSimpleBackend.invoke
            setattr(LambdaSimpleBackend, "invoke", _routed_invoke)  # noqa: B010 - mypy forbids assigning methods


def uninstall() -> None:
    global _original_invoke
    with _lock:
        if _original_invoke is not None:
            setattr(LambdaSimpleBackend, "invoke", _original_invoke)  # noqa: B010
            _original_invoke = None


def installed() -> bool:
    return _original_invoke is not None
