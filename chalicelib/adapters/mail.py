"""Mail from templates in the member's language: SES in production, an SMTP sink locally."""

from __future__ import annotations

import gettext
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from chalicelib.settings import Settings

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "mail"
TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("fi", "sv", "en")

# (file name, MIME type, content), as in chalicelib.services.ports.Attachment
Attachment = tuple[str, str, bytes]


@dataclass(frozen=True)
class Letter:
    to: str
    subject: str
    text: str
    attachments: tuple[Attachment, ...] = ()


class Transport(Protocol):
    def deliver(self, sender: str, letter: Letter) -> None: ...


@cache
def _environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        autoescape=False,  # noqa: S701 - plain-text mail, never HTML
        keep_trailing_newline=True,
    )
    translations = gettext.translation("messages", TRANSLATIONS, languages=[language], fallback=True)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    return env


def render(template: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    """The subject and text of a mail template in the language (English if unknown)."""
    lang = language if language in LANGUAGES else "en"
    tmpl = _environment(lang).get_template(f"{template}.txt")
    module = tmpl.make_module(context)
    return str(getattr(module, "subject", "")).strip(), str(module).strip() + "\n"


def mime_message(sender: str, letter: Letter) -> EmailMessage:
    """The letter as MIME: plain text, or multipart/mixed with the attachments after the text."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"], message["To"], message["Subject"] = sender, letter.to, letter.subject
    # Quoted-printable keeps the text 7-bit, which SES asks of raw messages.
    message.set_content(letter.text, cte="quoted-printable")
    for filename, mime_type, content in letter.attachments:
        maintype, _, subtype = mime_type.partition("/")
        if not subtype:
            raise ValueError(f"attachment {filename!r}: MIME type {mime_type!r} is not type/subtype")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message


class SmtpTransport:
    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port

    def deliver(self, sender: str, letter: Letter) -> None:
        message = mime_message(sender, letter)
        # An explicit local name: the default asks DNS for our own name, slow with no resolver.
        with smtplib.SMTP(self._host, self._port, local_hostname="localhost", timeout=10) as smtp:
            smtp.send_message(message)


class SesTransport:
    def __init__(self, region: str) -> None:
        import boto3

        self._client = boto3.client("sesv2", region_name=region)

    def deliver(self, sender: str, letter: Letter) -> None:
        self._client.send_email(
            FromEmailAddress=sender,
            Destination={"ToAddresses": [letter.to]},
            Content=ses_content(sender, letter),
        )


def ses_content(sender: str, letter: Letter) -> dict[str, Any]:
    """SESv2 `Content`: Simple for text alone; Raw MIME when there are attachments (Simple has none)."""
    if letter.attachments:
        return {"Raw": {"Data": mime_message(sender, letter).as_bytes()}}
    return {
        "Simple": {
            "Subject": {"Data": letter.subject, "Charset": "UTF-8"},
            "Body": {"Text": {"Data": letter.text, "Charset": "UTF-8"}},
        }
    }


class Mailer:
    def __init__(self, sender: str, transport: Transport) -> None:
        self._sender = sender
        self._transport = transport

    def send(
        self,
        to: str,
        template: str,
        language: str,
        context: dict[str, Any],
        *,
        attachments: Sequence[Attachment] = (),
    ) -> None:
        subject, text = render(template, language, context)
        self._transport.deliver(self._sender, Letter(to, subject, text, tuple(attachments)))


def build_mailer(settings: Settings) -> Mailer:
    if settings.mail_transport == "smtp":
        return Mailer(settings.mail_sender, SmtpTransport(settings.smtp_host, settings.smtp_port))
    return Mailer(settings.mail_sender, SesTransport(settings.region))
