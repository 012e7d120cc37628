"""Builds the real adapters once per container and wires them into the services.

Nothing here runs at import time: the first request (or task) builds the container, tests swap
one in with `use()` and drop it with `reset()`.
"""

from __future__ import annotations

from functools import cached_property

from chalicelib.settings import Settings, load_settings

_current: Container | None = None


class Container:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def store(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.dynamo.store import DynamoStore

        return DynamoStore.connect(self.settings)

    @cached_property
    def secrets(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.secrets import SecretResolver

        return SecretResolver(self.settings.region)

    @cached_property
    def mailer(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.mail import build_mailer

        return build_mailer(self.settings)

    @cached_property
    def workflows(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.workflows import StepFunctionsEngine

        return StepFunctionsEngine.connect(self.settings)

    @cached_property
    def tokens(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.tokens import JwtTokens

        key_pem = self.secrets.resolve(self.settings.jwt_signing_key_ref)
        return JwtTokens(key_pem, self.settings.jwt_issuer, self.settings.jwt_audience)

    @cached_property
    def auth(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.auth import AuthService

        pepper = self.secrets.resolve(self.settings.signin_pepper_ref).encode()
        return AuthService(self.store, self.tokens, self.mailer, self.settings, pepper)

    @cached_property
    def members(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.members import MemberService

        return MemberService(self.store)

    @cached_property
    def organisation(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.organisation import OrganisationService

        return OrganisationService(self.store)

    @cached_property
    def applications(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.applications import ApplicationService

        return ApplicationService(self.store, self.workflows, self.mailer, self.settings)

    @cached_property
    def register_import(self):  # type: ignore[no-untyped-def]
        from chalicelib.adapters.spreadsheets import read_rows
        from chalicelib.services.register_import import RegisterImportService

        return RegisterImportService(self.store, read_rows)

    @cached_property
    def audit(self):  # type: ignore[no-untyped-def]
        from chalicelib.services.audit import AuditService

        return AuditService(self.store)


def container() -> Container:
    global _current
    if _current is None:
        _current = Container(load_settings())
    return _current


def use(replacement: Container) -> None:
    global _current
    _current = replacement


def reset() -> None:
    global _current
    _current = None
