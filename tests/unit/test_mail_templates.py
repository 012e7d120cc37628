import pytest

from chalicelib.adapters.mail import render


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


@pytest.mark.parametrize("template", ["welcome", "application_received", "application_rejected"])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_mail_renders_in_every_language(template, language):
    context = {"first_name": "Aino", "url": "http://x", "reason": "r", "applicant": "A B", "branch": "B"}
    subject, text = render(template, language, context)
    assert subject and text.strip()
