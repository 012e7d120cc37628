import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from chalicelib.adapters.mail import TEMPLATES, TRANSLATIONS, render

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_NAMES = sorted(path.stem for path in TEMPLATES.glob("*.txt"))
EVENT_TEMPLATES = [
    "event_confirmed",
    "event_waiting",
    "event_promoted",
    "event_reminder",
    "enrolment_waiting",
    "enrolment_approved",
    "enrolment_declined",
    "enrolment_expired",
    "event_cancelled",
    "certificate_ready",
]
CONTEXT = {
    "first_name": "Aino",
    "url": "http://portal.test/x",
    "reason": "Kurssi on tarkoitettu luottamushenkilöille",
    "applicant": "A B",
    "branch": "B",
    "code": "123456",
    "minutes": 10,
    "title": "Syyspäivät",
    "starts_at": "ti 1.12.2026 klo 17.00",
    "place": "Hakaniemi",
    "position": 7,
    "member_name": "Veikko Virtanen",
}
HOW = "refresh the messages catalogs as docs/translations.md says"


def catalog(path: Path) -> dict[str, object]:
    with path.open("rb") as f:
        return {(m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(f) if m.id}


def constant_parts(msgid: str) -> list[str]:
    """The English words of a msgid between its placeholders, long enough to be telling."""
    return [part.strip() for part in re.split(r"%\(\w+\)s", msgid) if len(part.strip()) >= 12]


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("fi", "Kirjautumiskoodisi: 123456"),
        ("sv", "Din inloggningskod: 123456"),
        ("en", "Your sign-in code: 123456"),
    ],
)
def test_the_sign_in_mail_speaks_the_members_language(language, subject):
    got_subject, text = render("signin_code", language, {"code": "123456", "minutes": 10})
    assert got_subject == subject
    assert "123456" in text and "10" in text


def test_the_event_and_training_mails_exist():
    assert set(EVENT_TEMPLATES) <= set(TEMPLATE_NAMES)


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_mail_renders_in_every_language(template, language):
    subject, text = render(template, language, CONTEXT)
    assert subject and text.strip()
    assert "\n\n\n" not in text


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_english_is_left_in_a_translated_mail(template, language):
    subject, text = render(template, language, CONTEXT)
    english = catalog(TRANSLATIONS / "messages.pot")
    left = [part for msgid in english for part in constant_parts(msgid) if part in f"{subject}\n{text}"]
    assert left == []


@pytest.mark.parametrize("template", EVENT_TEMPLATES)
def test_event_mails_carry_their_facts(template):
    subject, text = render(template, "fi", CONTEXT)
    assert "Syyspäivät" in subject
    assert "http://portal.test/x" in text or template == "enrolment_declined"
    facts = {
        "event_waiting": "7",
        "enrolment_waiting": "Veikko Virtanen",
        "enrolment_declined": "Kurssi on tarkoitettu luottamushenkilöille",
        "certificate_ready": "123456",
        "enrolment_expired": "ei tehnyt päätöstä",
    }
    assert facts.get(template, "ti 1.12.2026 klo 17.00") in text


@pytest.mark.parametrize("template", ["event_confirmed", "event_reminder", "enrolment_approved"])
def test_an_online_event_has_no_empty_place_line(template):
    _, text = render(template, "sv", {**CONTEXT, "place": ""})
    assert "Plats:" not in text and "\n\n\n" not in text


def test_a_decline_without_a_reason_says_no_reason():
    _, text = render("enrolment_declined", "fi", {**CONTEXT, "reason": ""})
    assert "Perustelu" not in text and "\n\n\n" not in text


def test_the_template_lists_exactly_the_messages_in_the_code(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-o", str(fresh), "."])
    in_code, in_template = set(catalog(fresh)), set(catalog(TRANSLATIONS / "messages.pot"))
    assert sorted(in_code - in_template) == [], f"new messages: {HOW}"
    assert sorted(in_template - in_code) == [], f"messages gone from the code: {HOW}"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_message_has_a_translation(language):
    translated = catalog(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po")
    missing = [
        msgid
        for msgid in catalog(TRANSLATIONS / "messages.pot")
        if msgid not in translated
        or translated[msgid].fuzzy
        or not all(
            translated[msgid].string
            if isinstance(translated[msgid].string, tuple)
            else [translated[msgid].string]
        )
    ]
    assert missing == [], f"untranslated in {language}/LC_MESSAGES/messages.po"
