"""Sign-in with a mailed one-time code, access and refresh tokens, sign-out, and who is asking."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from chalicelib.domain import signin
from chalicelib.domain.details import DetailError, normalise_email
from chalicelib.domain.errors import InvalidInput, NotAuthenticated
from chalicelib.domain.members import MemberStatus
from chalicelib.domain.roles import Principal, RoleGrant, grants_as_json, grants_from_json
from chalicelib.observability import logger, metrics
from chalicelib.services.clock import monotonic, now_seconds, sleep
from chalicelib.services.ports import Mailer, Store, Tokens
from chalicelib.settings import Settings

SIGN_IN_STATUSES = frozenset({MemberStatus.ACTIVE, MemberStatus.SUSPENDED, MemberStatus.RESIGNED})


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int

    def as_response(self) -> dict[str, object]:
        return {
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "refresh_token": self.refresh_token,
        }


def _address(raw: str) -> str:
    try:
        return normalise_email(raw)
    except DetailError as exc:
        raise InvalidInput.on("email", str(exc)) from exc


class AuthService:
    def __init__(
        self, store: Store, tokens: Tokens, mailer: Mailer, settings: Settings, pepper: bytes
    ) -> None:
        self._store = store
        self._tokens = tokens
        self._mailer = mailer
        self._settings = settings
        self._pepper = pepper

    def request_code(self, raw_email: str) -> None:
        """Mail a sign-in code if the address is a member's; answers alike, and after the same
        time, for unknown addresses (so neither the answer nor its timing tells who is a member)."""
        email = _address(raw_email)
        started = monotonic()
        try:
            self._send_code(email)
        finally:
            sleep(max(0.0, self._settings.signin_answer_floor_seconds - (monotonic() - started)))

    def _send_code(self, email: str) -> None:
        address = signin.address_key(self._pepper, email)
        now = now_seconds()
        self._store.signin.count_request(address, now)
        member_id = self._store.members.id_for_email(email)
        member = self._store.members.get(member_id) if member_id else None
        if member is None or member.status not in SIGN_IN_STATUSES:
            return
        code = signin.new_code()
        self._store.signin.store_code(address, signin.code_digest(self._pepper, email, code), now)
        context = {"code": code, "minutes": signin.CODE_TTL_SECONDS // 60}
        self._mailer.send(email, "signin_code", member.language.value, context)
        metrics.add_metric(name="SignInCodesSent", unit="Count", value=1)

    def exchange_code(self, raw_email: str, code: str) -> IssuedTokens:
        """Trade a valid code for tokens; each code works once, within 10 minutes and 5 tries."""
        email = _address(raw_email)
        address = signin.address_key(self._pepper, email)
        digest = self._store.signin.spend_attempt(address, now_seconds())
        if not signin.codes_match(digest, self._pepper, email, code):
            raise NotAuthenticated("the code is wrong or has expired")
        self._store.signin.consume_code(address, digest)
        member_id = self._store.members.id_for_email(email)
        if member_id is None:
            raise NotAuthenticated("the code is wrong or has expired")
        return self._open_session(member_id)

    def refresh(self, raw_token: str) -> IssuedTokens:
        token = signin.RefreshToken.parse(raw_token)
        if token is None:
            raise NotAuthenticated("this refresh token is not valid")
        fresh = signin.RefreshToken.issue(token.member_id, token.session_id)
        self._store.sessions.rotate(token.member_id, token.session_id, token.digest, fresh.digest)
        return self._tokens_for(fresh)

    def sign_out(self, who: Principal) -> None:
        self._store.sessions.close(who.member_id, who.session_id)

    def authenticate(self, access_token: str) -> Principal:
        """The principal behind a token we issued, whose session is still open."""
        claims = self._tokens.verify(access_token)
        member_id, session_id = str(claims["sub"]), str(claims["sid"])
        if not self._store.sessions.is_open(member_id, session_id, now_seconds()):
            raise NotAuthenticated("this session has ended; sign in again")
        return Principal(member_id, session_id, _grants(claims.get("grants", [])))

    def _open_session(self, member_id: str) -> IssuedTokens:
        token = signin.RefreshToken.issue(member_id, secrets.token_urlsafe(12))
        lifetime = self._settings.refresh_token_seconds
        self._store.sessions.open(member_id, token.session_id, token.digest, lifetime)
        logger.info("session opened", extra={"member_id": member_id})
        return self._tokens_for(token)

    def _tokens_for(self, token: signin.RefreshToken) -> IssuedTokens:
        member = self._store.members.get(token.member_id)
        if member is None:
            raise NotAuthenticated("this account no longer exists")
        # Roles act only while the membership is active: a suspended or resigned member keeps
        # access to their own data, not the powers of their roles.
        grants = member.grants if member.status is MemberStatus.ACTIVE else ()
        claims = {"sub": member.id, "sid": token.session_id, "grants": grants_as_json(grants)}
        lifetime = self._settings.access_token_seconds
        return IssuedTokens(self._tokens.issue(claims, lifetime), str(token), lifetime)


def _grants(raw: object) -> tuple[RoleGrant, ...]:
    try:
        return grants_from_json(raw)
    except ValueError as exc:
        raise NotAuthenticated("the access token is not valid") from exc
