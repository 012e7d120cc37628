"""Domain errors: what went wrong in the union's terms. Mapped to HTTP only at the edge."""

from __future__ import annotations

from dataclasses import dataclass


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
        return cls(f"{path}: {message}", [FieldProblem(path, message)])


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
