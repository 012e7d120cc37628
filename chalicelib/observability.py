"""The one Logger, Tracer and Metrics. Logs carry no personal data: a filter masks what slips in."""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import TYPE_CHECKING

from aws_lambda_powertools import Logger, Metrics

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer

SERVICE = "union-portal"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"\+\d{7,15}")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b")


def mask_personal_data(text: str) -> str:
    for pattern in (_EMAIL, _PHONE, _IBAN):
        text = pattern.sub("[masked]", text)
    return text


class PersonalDataFilter(logging.Filter):
    """Last line of defence: the code logs ids, never addresses; this masks any that slip in."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_personal_data(str(record.msg))
        for key, value in list(vars(record).items()):
            if isinstance(value, str) and key not in ("msg", "name", "levelname", "pathname"):
                setattr(record, key, mask_personal_data(value))
        return True


logger = Logger(service=SERVICE)
logger.addFilter(PersonalDataFilter())
metrics = Metrics(namespace="UnionPortal", service=SERVICE)


@cache
def tracer() -> Tracer:
    """Built on first use: the X-Ray SDK costs a third of a second to import, a cold-start cost."""
    from aws_lambda_powertools import Tracer

    return Tracer(service=SERVICE)
