"""An in-memory SMTP sink: the local stage's mail server for the dev stack and the tests.

Messages are parsed with the standard `email` package (multipart aware, encoded subjects
decoded) and kept newest first; readers can wait on a condition instead of polling.
"""

from __future__ import annotations

import asyncio
import base64
import re
import threading
import time
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from devstack.ports import LOOPBACK

MAX_MESSAGES = 2000
CODE_PATTERN = re.compile(r"(?<!\d)(\d{6})(?!\d)")


def _addresses(*values: str | None) -> list[str]:
    return [addr.lower() for _, addr in getaddresses([v for v in values if v]) if addr]


def _part_text(message: EmailMessage, subtype: str) -> str | None:
    part = message.get_body(preferencelist=(subtype,))
    if part is None:
        return None
    content = part.get_content()
    text = content if isinstance(content, str) else content.decode("utf-8", "replace")
    return text.replace("\r\n", "\n")  # SMTP puts CRLF on the wire; readers want lines


def _attachments(message: EmailMessage) -> list[dict[str, Any]]:
    """Name, type, size and base64 content of each attachment (JSON-friendly, for the tests too)."""
    found = []
    for part in message.iter_attachments():
        content = part.get_payload(decode=True)
        data = content if isinstance(content, bytes) else b""
        found.append(
            {
                "filename": part.get_filename() or "",
                "content_type": part.get_content_type(),
                "size": len(data),
                "base64": base64.b64encode(data).decode("ascii"),
            }
        )
    return found


def attachment_bytes(message: dict[str, Any], filename: str) -> bytes:
    """The content of a stored message's attachment by file name; LookupError if it has none such."""
    for attachment in message.get("attachments", []):
        if attachment["filename"] == filename:
            return base64.b64decode(attachment["base64"])
    raise LookupError(f"no attachment {filename!r} in {message.get('subject')!r}")


def parse_message(raw: bytes, recipients: list[str]) -> dict[str, Any]:
    """One stored message: what a developer or a test wants to read, plus who received it."""
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    to_header = str(message.get("To", "")) or ", ".join(recipients)
    return {
        "to": to_header,
        "from": str(message.get("From", "")),
        "subject": str(message.get("Subject", "")),
        "text": _part_text(message, "plain") or "",
        "html": _part_text(message, "html"),
        "attachments": _attachments(message),
        "received_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "recipients": sorted(set(_addresses(to_header, *recipients))),
    }


class MailSink:
    """Keeps what the SMTP server receives; thread-safe (the server runs on its own loop)."""

    def __init__(self, max_messages: int = MAX_MESSAGES) -> None:
        self._messages: list[dict[str, Any]] = []
        self._changed = threading.Condition()
        self._max = max_messages
        self._controller: _LoopbackController | None = None

    # --- aiosmtpd handler hook --------------------------------------------------------------
    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        raw = envelope.original_content or envelope.content or b""
        data = raw if isinstance(raw, bytes) else raw.encode()
        self.deliver(parse_message(data, [str(r) for r in envelope.rcpt_tos]))
        return "250 Message accepted for delivery"

    def deliver(self, message: dict[str, Any]) -> None:
        with self._changed:
            self._messages.append(message)
            del self._messages[: -self._max]
            self._changed.notify_all()

    # --- reading ----------------------------------------------------------------------------
    def messages(self, to: str | None = None) -> list[dict[str, Any]]:
        """Newest first; `to` keeps only those addressed (To or envelope) to that address."""
        wanted = to.strip().lower() if to else None
        with self._changed:
            found = [m for m in self._messages if wanted is None or wanted in m["recipients"]]
        return [dict(m) for m in reversed(found)]

    def clear(self) -> None:
        with self._changed:
            self._messages.clear()

    def wait_for(self, to: str, timeout: float = 10.0, count: int = 1) -> dict[str, Any]:
        """The newest message to `to` once at least `count` have arrived; TimeoutError if not."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(found := self.messages(to)) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no mail to {to} within {timeout:.0f} s ({len(found)} seen)")
                self._changed.wait(remaining)
        return found[0]

    def wait_for_code(self, to: str, timeout: float = 10.0, count: int = 1) -> str:
        """The 6-digit code in the newest mail to `to` that has one, among the mails from the
        `count`-th on: other mails (an officer's notices) may arrive in between."""
        deadline = time.monotonic() + timeout
        self.wait_for(to, timeout, count)
        while True:
            found = self.messages(to)
            for message in found[: len(found) - count + 1]:
                if CODE_PATTERN.search(message["text"]):
                    return extract_code(message["text"])
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LookupError("no 6-digit code in the message")
            try:
                self.wait_for(to, remaining, len(found) + 1)
            except TimeoutError as exc:
                raise LookupError("no 6-digit code in the message") from exc

    # --- server -----------------------------------------------------------------------------
    def start(self, port: int = 0, host: str = LOOPBACK) -> int:
        """Serve SMTP on host:port (0 picks a free port); returns the port."""
        self._controller = _LoopbackController(self, hostname=host, port=port)
        self._controller.start()
        return self._controller.port

    @property
    def port(self) -> int:
        if self._controller is None:
            raise RuntimeError("the mail sink is not running")
        return self._controller.port

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def extract_code(text: str) -> str:
    match = CODE_PATTERN.search(text)
    if match is None:
        raise LookupError("no 6-digit code in the message")
    return match.group(1)


class _LoopbackController(Controller):
    """aiosmtpd's Controller cannot bind port 0: it probes `self.port` once listening.

    The socket is bound by then, so learn the real port before the probe.
    """

    def _trigger_server(self) -> None:
        if isinstance(self.server, asyncio.Server) and self.port == 0:
            self.port = int(self.server.sockets[0].getsockname()[1])
        super()._trigger_server()
