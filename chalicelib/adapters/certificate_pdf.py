"""A training certificate as a one-page A4 PDF in the member's language (fi, sv or en).

The font is Bitstream Vera, shipped inside reportlab itself (so it is in the Lambda bundle) and
embedded as a subset: it has every Finnish and Swedish letter (å ä ö š ž) and most of Latin
Extended-A, where the standard Helvetica would depend on the reader's own copy.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Protocol

import reportlab
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from chalicelib.domain.events import in_language

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("fi", "sv", "en")
FONT, BOLD = "UnionSans", "UnionSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 56.0
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
QR_SIZE = 90.0
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")  # fmt: skip


class CertificateFacts(Protocol):
    """What the PDF shows of a certificate (chalicelib.domain.events.Certificate has it)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def title(self) -> Mapping[str, str]: ...
    @property
    def completed_on(self) -> date: ...
    @property
    def hours(self) -> float | None: ...


def certificate_pdf(cert: CertificateFacts, union_name: str, language: str, public_base_url: str) -> bytes:
    """The certificate as PDF bytes; the same input gives the same bytes (invariant mode)."""
    lang = language if language in LANGUAGES else "en"
    _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, lang=lang, initialFontName=FONT)
    canvas.setTitle(f"{_translation(lang).gettext('Certificate of completion')}: {cert.name}")
    canvas.setAuthor(union_name)
    _draw(canvas, cert, union_name, lang, check_url(public_base_url, cert.code))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def check_url(public_base_url: str, code: str) -> str:
    """Where anyone can check that a certificate code is genuine."""
    return f"{public_base_url.rstrip('/')}/certificates/{code}"


def _draw(canvas: Canvas, cert: CertificateFacts, union_name: str, lang: str, url: str) -> None:
    t = _translation(lang)
    canvas.setLineWidth(1.5)
    canvas.rect(MARGIN / 2, MARGIN / 2, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN)
    y = PAGE_HEIGHT - 1.6 * MARGIN
    y = _centred(canvas, union_name, BOLD, 16, y) - 36
    y = _centred(canvas, t.gettext("Certificate of completion"), BOLD, 30, y) - 40
    y = _centred(canvas, t.gettext("This certifies that"), FONT, 14, y) - 34
    y = _centred(canvas, cert.name, BOLD, 26, y) - 30
    y = _centred(canvas, t.gettext("has completed the training"), FONT, 14, y) - 30
    y = _centred(canvas, in_language(cert.title, lang), BOLD, 20, y) - 30
    for line in _facts(cert, lang):
        y = _centred(canvas, line, FONT, 13, y) - 20
    _verification(canvas, cert.code, url, t)


def _facts(cert: CertificateFacts, lang: str) -> list[str]:
    t = _translation(lang)
    lines = [t.gettext("Completed on %(date)s") % {"date": _date(cert.completed_on, lang)}]
    if cert.hours:
        count = 1 if cert.hours == 1 else 2
        lines.append(
            t.ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": _hours(cert.hours, lang)}
        )
    return lines


def _verification(canvas: Canvas, code: str, url: str, t: gettext.NullTranslations) -> None:
    left, bottom = MARGIN, MARGIN
    canvas.setFont(BOLD, 12)
    canvas.drawString(left, bottom + 34, t.gettext("Verification code: %(code)s") % {"code": code})
    canvas.setFont(FONT, 10)
    check = t.gettext("Check that this certificate is genuine at %(url)s") % {"url": url}
    for n, line in enumerate(simpleSplit(check, FONT, 10, TEXT_WIDTH - QR_SIZE - 20)):
        canvas.drawString(left, bottom + 16 - 13 * n, line)
    canvas.linkURL(url, (left, bottom - 10, left + TEXT_WIDTH - QR_SIZE, bottom + 48))
    _qr(canvas, url, PAGE_WIDTH - MARGIN - QR_SIZE, bottom - 14)


def _qr(canvas: Canvas, url: str, x: float, y: float) -> None:
    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def _centred(canvas: Canvas, text: str, font: str, size: float, y: float) -> float:
    """Draws text centred, wrapped to the page (long titles), shrunk for a long single word;
    returns the baseline of the last line."""
    while size > 8 and max(pdfmetrics.stringWidth(w, font, size) for w in text.split() or [""]) > TEXT_WIDTH:
        size -= 1
    lines = simpleSplit(text, font, size, TEXT_WIDTH) or [""]
    canvas.setFont(font, size)
    for n, line in enumerate(lines):
        canvas.drawCentredString(PAGE_WIDTH / 2, y - n * size * 1.25, line)
    return y - (len(lines) - 1) * size * 1.25


def _date(day: date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def _hours(hours: float, lang: str) -> str:
    text = f"{hours:g}"
    return text if lang == "en" else text.replace(".", ",")


@cache
def _translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation("messages", TRANSLATIONS, languages=[lang], fallback=True)


@cache
def _register_fonts() -> None:
    fonts = Path(reportlab.__file__).resolve().parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "VeraBd.ttf")))
