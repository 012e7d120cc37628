"""Attachments through the real SMTP transport into the dev mail sink, as `/dev/mail` shows them."""

from __future__ import annotations

import json

from chalicelib.adapters.mail import Mailer, SmtpTransport
from devstack.mail_sink import MailSink, attachment_bytes
from devstack.web import mail_page

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
PDF = b"%PDF-1.4\n\x00\xff binary\n%%EOF\n"


def test_the_sink_lists_and_keeps_attachments(mailbox: MailSink) -> None:
    mailer = Mailer("Union Portal <no-reply@example.org>", SmtpTransport("127.0.0.1", mailbox.port))
    attachments = [("syyspaivat.ics", "text/calendar", ICS), ("todistus.pdf", "application/pdf", PDF)]
    mailer.send(
        "asa@example.org", "signin_code", "sv", {"code": "042917", "minutes": 10}, attachments=attachments
    )

    message = mailbox.wait_for("asa@example.org")
    listed = json.loads(json.dumps(message))  # what GET /dev/mail answers

    assert message["text"].startswith("Hej,\n") and mailbox.wait_for_code("asa@example.org") == "042917"
    assert [(a["filename"], a["content_type"], a["size"]) for a in listed["attachments"]] == [
        ("syyspaivat.ics", "text/calendar", len(ICS)),
        ("todistus.pdf", "application/pdf", len(PDF)),
    ]
    assert attachment_bytes(message, "syyspaivat.ics") == ICS
    assert attachment_bytes(message, "todistus.pdf") == PDF
    page = mail_page([message], None)
    assert 'download="syyspaivat.ics"' in page and f"application/pdf, {len(PDF)} bytes" in page


def test_a_plain_mail_has_no_attachments(mailbox: MailSink) -> None:
    mailer = Mailer("Union Portal <no-reply@example.org>", SmtpTransport("127.0.0.1", mailbox.port))
    mailer.send("asa@example.org", "signin_code", "fi", {"code": "042917", "minutes": 10})

    assert mailbox.wait_for("asa@example.org")["attachments"] == []
