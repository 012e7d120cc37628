"""Domain errors: what went wrong in the union's terms. Mapped to HTTP only at the edge."""

from __future__ import annotations

from dataclasses import dataclass


class Msg(str):
    """English text that remembers its template and values, so the edge can translate the template.

    `Msg("appears already on row {row}", row=3) == "appears already on row 3"`; without values the
    text is the template as it stands (a constant, marked for extraction into the catalog).
    """

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Msg:
        text = super().__new__(cls, template.format(**params) if params else template)
        text.template, text.params = template, params
        return text

    def __str__(self) -> str:
        return self  # str(exc) and str(msg) keep the template and values


@dataclass(frozen=True)
class FieldProblem:
    path: str
    message: str


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str, fields: list[FieldProblem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or []


class InvalidInput(DomainError):
    code = "invalid_input"

    @classmethod
    def on(cls, path: str, message: str) -> InvalidInput:
        text = message if isinstance(message, Msg) else Msg(message)
        return cls(Msg("{path}: {message}", path=path, message=text), [FieldProblem(path, message)])


class NotAuthenticated(DomainError):
    code = "not_authenticated"


class NotPermitted(DomainError):
    code = "not_permitted"


class NotFound(DomainError):
    code = "not_found"


class AlreadyExists(DomainError):
    code = "already_exists"


class AlreadyDecided(DomainError):
    code = "already_decided"


class DecisionExpired(DomainError):
    code = "decision_expired"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class TooManyRequests(DomainError):
    code = "too_many_requests"


class ConcurrentChange(DomainError):
    """Another writer won; the caller may retry."""

    code = "concurrent_change"


class DependencyUnavailable(DomainError):
    code = "dependency_unavailable"
