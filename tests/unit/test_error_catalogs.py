"""The `errors` catalogs: current with the code, complete in Finnish and Swedish, placeholders kept."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from chalicelib.domain.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "chalicelib" / "translations"
TEMPLATE = TRANSLATIONS / "errors.pot"
PLACEHOLDER = re.compile(r"\{(\w*)\}")
HOW = "refresh the catalogs as docs/translations.md says"


def messages(path: Path) -> dict[str, Message]:
    with path.open("rb") as f:
        return {str(m.id): m for m in read_po(f) if m.id}


def catalog(language: str) -> dict[str, Message]:
    return messages(TRANSLATIONS / language / "LC_MESSAGES" / "errors.po")


def test_the_template_lists_exactly_the_messages_in_the_code(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    fresh = tmp_path / "errors.pot"
    command = ["pybabel", "-q", "extract", "-F", "babel-errors.cfg", "-o", str(fresh), "chalicelib"]
    CommandLineInterface().run(command)
    in_code, in_template = set(messages(fresh)), set(messages(TEMPLATE))
    assert sorted(in_code - in_template) == [], f"new messages: {HOW}"
    assert sorted(in_template - in_code) == [], f"messages gone from the code: {HOW}"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_message_has_a_translation(language):
    translated = catalog(language)
    missing = [
        msgid
        for msgid in messages(TEMPLATE)
        if msgid not in translated or not translated[msgid].string or translated[msgid].fuzzy
    ]
    assert missing == [], f"untranslated in {language}/LC_MESSAGES/errors.po"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_translations_keep_every_placeholder(language):
    broken = [
        msgid
        for msgid, m in catalog(language).items()
        if m.string and sorted(PLACEHOLDER.findall(str(m.string))) != sorted(PLACEHOLDER.findall(msgid))
    ]
    assert broken == []


def test_every_domain_error_class_is_an_extraction_keyword():
    config = configparser.RawConfigParser()
    config.read(ROOT / "babel-errors.cfg")
    keywords = set(config["python: **.py"]["keywords"].split())
    classes, todo = {DomainError.__name__}, [DomainError]
    while todo:
        for cls in todo.pop().__subclasses__():
            classes.add(cls.__name__)
            todo.append(cls)
    assert sorted(classes - keywords) == []
