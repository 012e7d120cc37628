"""Per-invocation wiring of the one Logger and Metrics, for every route and every task."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.observability import logger, metrics

bp = Blueprint(__name__)


@bp.middleware("all")
def observe(event: Any, get_response: Any) -> Any:
    context = getattr(event, "context", None)
    if context is not None and hasattr(context, "aws_request_id"):
        logger.append_keys(request_id=context.aws_request_id)
    try:
        return get_response(event)
    finally:
        if metrics.metric_set:
            metrics.flush_metrics()
