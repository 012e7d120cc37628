"""The language an answer speaks: chosen from Accept-Language, applied to messages at the edge only.

The domain raises English text; here it is looked up in the `errors` gettext catalog
(chalicelib/translations/<lang>/LC_MESSAGES/errors.mo, built by `make translations`).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

from chalicelib.domain.errors import Msg

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "en"


def preferred_language(header: str | None) -> str:
    """The one of fi, sv and en that Accept-Language ranks highest (ties: first listed); else English."""
    best, best_quality = DEFAULT_LANGUAGE, 0.0
    for item in (header or "").split(","):
        tag, _, params = item.partition(";")
        language = tag.strip().lower().split("-")[0]
        quality = _quality(params)
        if language in LANGUAGES and quality > best_quality:
            best, best_quality = language, quality
    return best


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                return 0.0
            return quality if 0.0 <= quality <= 1.0 else 0.0
    return 1.0


@cache
def translator(language: str) -> Callable[[str], str]:
    """A function giving a message in the language (English where the catalog has no entry)."""
    catalog = gettext.translation("errors", TRANSLATIONS, languages=[language], fallback=True)
    return lambda message: _translate(message, catalog)


def _translate(message: str, catalog: gettext.NullTranslations) -> str:
    if not message:
        return message  # gettext("") is the catalog's header, not a message
    if not isinstance(message, Msg):
        return catalog.gettext(message)
    text = catalog.gettext(message.template)
    if not message.params:
        return text
    values = {k: _translate(v, catalog) if isinstance(v, Msg) else v for k, v in message.params.items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return message  # a translation with broken placeholders: English rather than a 500
