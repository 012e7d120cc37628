"""The certificate PDF, read back through its own font's ToUnicode maps: the text a PDF reader
would copy or search, so a wrong glyph code or a lost letter shows up here."""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import reportlab
from reportlab.pdfbase.ttfonts import TTFontFile

from chalicelib.adapters.certificate_pdf import certificate_pdf, check_url

NAME = "Åsa Öhman-Äijälä"
BASE = "https://portal.example.org/"
UNION = "Esimerkkiliitto ry"


@dataclass(frozen=True)
class StandIn:
    code: str = "K7QX-2M9A"
    member_id: str = "demo-member"
    name: str = NAME
    training_id: str = "t1"
    title: dict[str, str] = field(
        default_factory=lambda: {
            "fi": "Luottamusmiehen peruskurssi",
            "sv": "Grundkurs för förtroendemän",
            "en": "Shop steward basics",
        }
    )
    completed_on: date = date(2026, 12, 1)
    hours: float | None = 6.0


# --- a small reader for the PDFs reportlab writes ---------------------------------------------
OBJECT = re.compile(rb"(\d+) 0 obj\s*(<<.*?>>)\s*(stream\r?\n|endobj)", re.S)
STRING = rb"\((?:\\.|[^\\)])*\)"


def objects(pdf: bytes) -> dict[int, tuple[bytes, bytes]]:
    """number -> (dictionary, decoded stream or b"")"""
    found = {}
    for match in OBJECT.finditer(pdf):
        head, data = match.group(2), b""
        if match.group(3).startswith(b"stream"):
            length = int(re.search(rb"/Length (\d+)", head).group(1))  # type: ignore[union-attr]
            data = pdf[match.end() : match.end() + length]
        if b"/ASCII85Decode" in head:
            data = base64.a85decode(data.strip(), adobe=True)
        if b"/FlateDecode" in head:
            data = zlib.decompress(data)
        found[int(match.group(1))] = (head, data)
    return found


def unescape(literal: bytes) -> bytes:
    body = literal[1:-1]
    body = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8)]), body)
    return re.sub(
        rb"\\(.)", lambda m: {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m.group(1), m.group(1)), body
    )


def to_unicode(cmap: bytes) -> dict[int, str]:
    pairs = re.findall(rb"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4})>", cmap)
    return {int(code, 16): chr(int(uni, 16)) for code, uni in pairs}


def fonts(objs: dict[int, tuple[bytes, bytes]]) -> dict[bytes, tuple[bytes, dict[int, str] | None]]:
    """Resource name (/F1+0) -> (BaseFont, its ToUnicode map or None for a simple font)."""
    result = {}
    for head, _ in objs.values():
        if not re.search(rb"/Type /Font[\s>]", head):
            continue
        name = re.search(rb"/Name (/\S+)", head)
        base = re.search(rb"/BaseFont /(\S+)", head)
        cmap = re.search(rb"/ToUnicode (\d+) 0 R", head)
        assert name and base
        result[name.group(1)] = (base.group(1), to_unicode(objs[int(cmap.group(1))][1]) if cmap else None)
    return result


def shown_text(pdf: bytes) -> list[tuple[bytes, str]]:
    """(font, text) of every Tj on the page, decoded as a PDF reader does."""
    objs = objects(pdf)
    by_name = fonts(objs)
    (page,) = [head for head, _ in objs.values() if b"/Type /Page\n" in head or b"/Type /Page " in head]
    content = objs[int(re.search(rb"/Contents (\d+) 0 R", page).group(1))][1]  # type: ignore[union-attr]
    shown, font = [], b""
    for token in re.finditer(rb"(/\S+) [\d.]+ Tf|(" + STRING + rb") Tj", content):
        if token.group(1):
            font = token.group(1)
            continue
        base, cmap = by_name[font]
        raw = unescape(token.group(2))
        text = "".join(cmap[b] for b in raw) if cmap is not None else raw.decode("cp1252")
        shown.append((base, text))
    return shown


def lines(pdf: bytes) -> list[str]:
    return [text for _, text in shown_text(pdf)]


# --- the tests --------------------------------------------------------------------------------
def test_the_finnish_certificate_says_everything_with_every_letter_intact() -> None:
    pdf = certificate_pdf(StandIn(), UNION, "fi", BASE)

    assert lines(pdf) == [
        UNION,
        "Koulutustodistus",
        "Todistamme, että",
        NAME,
        "on suorittanut koulutuksen",
        "Luottamusmiehen peruskurssi",
        "Suoritettu 1.12.2026",
        "Laajuus 6 tuntia",
        "Tarkistuskoodi: K7QX-2M9A",
        "Todistuksen aitouden voi tarkistaa osoitteessa https://portal.example.org/certificates/K7QX-2M9A",
    ]


def test_text_is_set_in_the_embedded_font_only() -> None:
    pdf = certificate_pdf(StandIn(), UNION, "fi", BASE)
    used = {base for base, _ in shown_text(pdf)}

    assert used == {b"AAAAAA+BitstreamVeraSans-Roman", b"AAAAAA+BitstreamVeraSans-Bold"}
    assert pdf.count(b"/FontFile2") == 2, "both subsets embedded"


def test_the_font_has_every_letter_of_finnish_and_swedish_names() -> None:
    font = TTFontFile(str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"))
    letters = "åäöÅÄÖšžŠŽéüÜáčČđĐ"
    assert [c for c in letters if ord(c) not in font.charToGlyph] == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", ["Utbildningsintyg", "Härmed intygas att", "Grundkurs för förtroendemän", "Genomförd 1.12.2026",
                "Omfattning 1,5 timmar", "Verifieringskod: K7QX-2M9A"]),
        ("en", ["Certificate of completion", "This certifies that", "Shop steward basics",
                "Completed on 1 December 2026", "1.5 hours", "Verification code: K7QX-2M9A"]),
    ],
)  # fmt: skip
def test_swedish_and_english(language: str, expected: list[str]) -> None:
    text = lines(certificate_pdf(StandIn(hours=1.5), UNION, language, BASE))
    assert [line for line in text if line in expected] == expected


def test_one_hour_is_singular_and_no_hours_no_line() -> None:
    assert "Laajuus 1 tunti" in lines(certificate_pdf(StandIn(hours=1), UNION, "fi", BASE))
    assert not [t for t in lines(certificate_pdf(StandIn(hours=None), UNION, "fi", BASE)) if "Laajuus" in t]


def test_an_unknown_language_is_english_and_a_missing_title_falls_back_to_finnish() -> None:
    cert = StandIn(title={"fi": "Vain suomeksi"})
    text = lines(certificate_pdf(cert, UNION, "de", BASE))
    assert "Certificate of completion" in text and "Vain suomeksi" in text


def test_the_check_link_is_clickable_and_the_page_is_a4_landscape() -> None:
    pdf = certificate_pdf(StandIn(), UNION, "fi", BASE)

    assert check_url(BASE, "K7QX-2M9A") == "https://portal.example.org/certificates/K7QX-2M9A"
    assert b"/URI (https://portal.example.org/certificates/K7QX-2M9A)" in pdf
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in pdf
    assert b"/Lang (fi)" in pdf


def test_a_long_title_wraps_within_the_page() -> None:
    long_title = {"fi": "Työsuojeluvaltuutetun ja luottamusmiehen yhteinen jatkokurssi " * 3}
    text = lines(certificate_pdf(StandIn(title=long_title), UNION, "fi", BASE))
    title_lines = text[text.index("on suorittanut koulutuksen") + 1 : text.index("Suoritettu 1.12.2026")]

    assert len(title_lines) > 1
    assert " ".join(title_lines) == long_title["fi"].strip()


def test_the_same_certificate_gives_the_same_bytes() -> None:
    assert certificate_pdf(StandIn(), UNION, "sv", BASE) == certificate_pdf(StandIn(), UNION, "sv", BASE)
    assert certificate_pdf(StandIn(), UNION, "sv", BASE) != certificate_pdf(
        StandIn(code="X"), UNION, "sv", BASE
    )
