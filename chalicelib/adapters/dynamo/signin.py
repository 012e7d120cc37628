"""Sign-in codes, per-address request limits and sessions in the table."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from pynamodb.exceptions import DeleteError, PutError, UpdateError

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import SessionItem, SigninCodeItem, SigninRateItem
from chalicelib.adapters.dynamo.transactions import now_iso
from chalicelib.domain import signin
from chalicelib.domain.errors import NotAuthenticated, TooManyRequests


def _at(epoch_seconds: int) -> datetime:
    return datetime.fromtimestamp(epoch_seconds, UTC)


def _conditional_failed(exc: Exception) -> bool:
    return getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException"


class SigninRepository:
    def count_request(self, address: str, now: int) -> None:
        """Count a code request for the address; refuses past the limit for the current window."""
        window = signin.rate_window(now)
        item = SigninRateItem(*keys.signin_rate(address, window))
        try:
            item.update(
                actions=[
                    SigninRateItem.requests.add(1),
                    SigninRateItem.expires_at.set(_at(window + 2 * signin.RATE_WINDOW_SECONDS)),
                ],
                condition=SigninRateItem.requests.does_not_exist()
                | (SigninRateItem.requests < signin.REQUESTS_PER_WINDOW),
            )
        except UpdateError as exc:
            if _conditional_failed(exc):
                raise TooManyRequests("too many code requests for this address; wait a while") from exc
            raise

    def store_code(self, address: str, digest: str, now: int) -> None:
        item = SigninCodeItem(*keys.signin_code(address), code_digest=digest, attempts=0)
        item.expires_at = _at(now + signin.CODE_TTL_SECONDS)
        item.save()

    def spend_attempt(self, address: str, now: int) -> str:
        """Count one attempt at the current code and return its digest; refuses when none is usable."""
        item = SigninCodeItem(*keys.signin_code(address))
        try:
            item.update(
                actions=[SigninCodeItem.attempts.add(1)],
                condition=SigninCodeItem.pk.exists()
                & (SigninCodeItem.attempts < signin.MAX_ATTEMPTS)
                & (SigninCodeItem.expires_at > _at(now)),
            )
        except UpdateError as exc:
            if _conditional_failed(exc):
                raise NotAuthenticated("the code is wrong, used up or expired; ask for a new one") from exc
            raise
        return item.code_digest

    def consume_code(self, address: str, digest: str) -> None:
        """Delete the code once used; a code can be used once, even by two requests at once."""
        item = SigninCodeItem(*keys.signin_code(address))
        try:
            item.delete(condition=SigninCodeItem.code_digest == digest)
        except DeleteError as exc:
            if _conditional_failed(exc):
                raise NotAuthenticated("the code was already used; ask for a new one") from exc
            raise


class SessionRepository:
    def open(self, member_id: str, session_id: str, refresh_digest: str, lifetime: int) -> None:
        item = SessionItem(
            *keys.session(member_id, session_id),
            member_id=member_id,
            session_id=session_id,
            refresh_digest=refresh_digest,
            created_at=now_iso(),
        )
        item.expires_at = _at(int(time.time()) + lifetime)
        try:
            item.save(condition=SessionItem.pk.does_not_exist())
        except PutError as exc:
            raise NotAuthenticated("could not open a session; try again") from exc

    def is_open(self, member_id: str, session_id: str, now: int) -> bool:
        try:
            item = SessionItem.get(*keys.session(member_id, session_id), consistent_read=True)
        except SessionItem.DoesNotExist:
            return False
        return item.expires_at is None or item.expires_at.timestamp() > now

    def rotate(self, member_id: str, session_id: str, old_digest: str, new_digest: str) -> None:
        """Swap the refresh secret; a refresh token used twice closes the session (it leaked)."""
        item = SessionItem(*keys.session(member_id, session_id))
        try:
            item.update(
                actions=[SessionItem.refresh_digest.set(new_digest)],
                condition=SessionItem.refresh_digest == old_digest,
            )
        except UpdateError as exc:
            if _conditional_failed(exc):
                self.close(member_id, session_id)
                raise NotAuthenticated("this refresh token is no longer valid; sign in again") from exc
            raise

    def close(self, member_id: str, session_id: str) -> None:
        SessionItem(*keys.session(member_id, session_id)).delete()

    def close_all(self, member_id: str) -> int:
        pk, _ = keys.member(member_id)
        closed = 0
        for item in SessionItem.query(pk, SessionItem.sk.startswith(keys.SESSION_PREFIX)):
            item.delete()
            closed += 1
        return closed
