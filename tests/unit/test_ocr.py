"""Scanned PDFs: pages without a text layer are read by OCR when Tesseract is installed."""

import io
from pathlib import Path

import pytest

from ingest import ocr
from ingest.errors import LoadError
from ingest.loaders import load
from tests.unit.test_loaders import make_docx, make_pdf


def scanned_pdf(lines: list[str]) -> bytes:
    """Text drawn into an image, wrapped as a PDF page with no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 44)
    except OSError:
        font = ImageFont.load_default(size=44)
    for i, line in enumerate(lines):
        draw.text((120, 150 + i * 80), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF(unit="pt", format=(1700 * 72 / 200, 2200 * 72 / 200))
    pdf.add_page()
    pdf.image(buffer, x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


@pytest.mark.skipif(ocr.missing() is not None, reason=f"OCR not installed: {ocr.missing()}")
def test_scanned_page_words_come_back_searchable():
    doc = load(Path("scan.pdf"), scanned_pdf(["Appendix C Social Value",
                                              "We will create 14 apprenticeships",
                                              "for Wakefield residents by 2027."]))
    text = " ".join(b.text for b in doc.blocks)
    assert "apprenticeships" in text and "Wakefield" in text and "2027" in text
    assert doc.ocr_pages == (1,) and "OCR read 1 scanned page" in doc.notes[0]


def test_without_ocr_a_fully_scanned_pdf_says_how_to_install(monkeypatch):
    monkeypatch.setattr(ocr, "missing", lambda: "the tesseract program is not installed")
    with pytest.raises(LoadError, match="no text layer.*apt-get install tesseract-ocr"):
        load(Path("scan.pdf"), scanned_pdf(["We will plant 300 trees."]))


def test_docx_zip_bomb_is_refused():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (60 * 2**20) + b"</a>")
    with pytest.raises(LoadError, match="zip bomb"):
        load(Path("bomb.docx"), buffer.getvalue())
    assert load(Path("fine.docx"), make_docx()).blocks


def test_text_layer_pages_do_not_need_ocr():
    doc = load(Path("text.pdf"), make_pdf([["We will plant 300 trees in Millbrook by 2027."]]))
    assert doc.ocr_pages == () and doc.notes == []
