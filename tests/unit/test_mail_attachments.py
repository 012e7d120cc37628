"""Attachments on mail: the MIME both transports send, and SES's raw form (checked by botocore's
own request validation through a Stubber)."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from botocore.stub import ANY, Stubber

from chalicelib.adapters.mail import Letter, Mailer, SesTransport, mime_message, ses_content

SENDER = "Union Portal <no-reply@example.org>"
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
PDF = b"%PDF-1.4\n\x00\xff binary \x93\n%%EOF\n"
LETTER = Letter(
    "asa@example.org",
    "Ilmoittautuminen vahvistettu: Syyspäivät",
    "Hei Åsa,\n\nTervetuloa!\n",
    (("syyspaivat.ics", "text/calendar", ICS), ("todistus.pdf", "application/pdf", PDF)),
)


def lines(text: str) -> str:
    return text.replace("\r\n", "\n")  # decoded parts keep the wire's CRLF


def reparsed(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_attachments_follow_the_text_byte_for_byte() -> None:
    message = reparsed(mime_message(SENDER, LETTER).as_bytes())
    body = message.get_body(preferencelist=("plain",))
    parts = list(message.iter_attachments())

    assert message.get_content_type() == "multipart/mixed"
    assert message["Subject"] == LETTER.subject and message["To"] == "asa@example.org"
    assert body is not None and lines(body.get_content()) == LETTER.text
    assert [(p.get_filename(), p.get_content_type(), p.get_payload(decode=True)) for p in parts] == [
        ("syyspaivat.ics", "text/calendar", ICS),
        ("todistus.pdf", "application/pdf", PDF),
    ]


def test_the_wire_form_is_seven_bit_with_crlf() -> None:
    raw = mime_message(SENDER, LETTER).as_bytes()
    assert raw.isascii()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_a_letter_without_attachments_stays_a_single_text_part() -> None:
    message = reparsed(mime_message(SENDER, Letter("a@example.org", "Hei", "Hei Åsa\n")).as_bytes())
    assert message.get_content_type() == "text/plain" and lines(message.get_content()) == "Hei Åsa\n"


def test_a_mime_type_without_subtype_is_refused() -> None:
    with pytest.raises(ValueError, match="type/subtype"):
        mime_message(SENDER, Letter("a@example.org", "s", "t", (("x.ics", "calendar", b""),)))


def test_ses_gets_simple_content_without_and_raw_mime_with_attachments() -> None:
    plain = ses_content(SENDER, Letter("a@example.org", "Hei", "teksti\n"))
    raw = ses_content(SENDER, LETTER)

    assert plain == {
        "Simple": {
            "Subject": {"Data": "Hei", "Charset": "UTF-8"},
            "Body": {"Text": {"Data": "teksti\n", "Charset": "UTF-8"}},
        }
    }
    assert set(raw) == {"Raw"}
    assert [p.get_filename() for p in reparsed(raw["Raw"]["Data"]).iter_attachments()] == [
        "syyspaivat.ics",
        "todistus.pdf",
    ]


@pytest.mark.parametrize("letter", [LETTER, Letter("a@example.org", "Hei", "teksti\n")])
def test_the_ses_transport_sends_a_request_sesv2_accepts(letter: Letter) -> None:
    transport = SesTransport("eu-north-1")
    sent: list[dict] = []
    transport._client.meta.events.register(
        "provide-client-params.sesv2.SendEmail", lambda params, **_: sent.append(params)
    )
    expected = {"FromEmailAddress": SENDER, "Destination": {"ToAddresses": [letter.to]}, "Content": ANY}
    with Stubber(transport._client) as stub:  # botocore validates the request against SESv2's model
        stub.add_response("send_email", {"MessageId": "m-1"}, expected)
        transport.deliver(SENDER, letter)
        stub.assert_no_pending_responses()
    (params,) = sent
    assert set(params["Content"]) == ({"Raw"} if letter.attachments else {"Simple"})


class Recording:
    def __init__(self) -> None:
        self.letters: list[Letter] = []

    def deliver(self, sender: str, letter: Letter) -> None:
        self.letters.append(letter)


def test_the_mailer_passes_attachments_and_old_callers_need_none() -> None:
    transport = Recording()
    mailer = Mailer(SENDER, transport)
    context = {"code": "123456", "minutes": 10}

    mailer.send("a@example.org", "signin_code", "fi", context)
    mailer.send("a@example.org", "signin_code", "fi", context, attachments=[("k.ics", "text/calendar", ICS)])

    assert [letter.attachments for letter in transport.letters] == [(), (("k.ics", "text/calendar", ICS),)]
