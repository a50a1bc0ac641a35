"""OCR for scanned PDF pages: render with pypdfium2, read with Tesseract (Debian tesseract-ocr)."""

from __future__ import annotations

import shutil
from functools import lru_cache

from ingest.errors import LoadError

HOW_TO_INSTALL = ("install OCR support (Debian/Ubuntu: apt-get install tesseract-ocr; "
                  "Python: pip install pytesseract pypdfium2) and ingest it again")


@lru_cache(maxsize=1)
def missing() -> str | None:
    """None when OCR can run here, else what is missing."""
    try:
        import pypdfium2  # noqa: F401
        import pytesseract  # noqa: F401
    except ImportError as exc:
        return f"the Python package {exc.name} is not installed"
    if shutil.which("tesseract") is None:
        return "the tesseract program is not installed"
    return None


def read_pages(data: bytes, numbers: list[int], dpi: int = 200, language: str = "eng") -> dict[int, str]:
    """Text of the given 1-based pages of a PDF, recognised from page images."""
    import pypdfium2
    import pytesseract

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise LoadError(f"the PDF could not be rendered for OCR ({exc}); re-export it") from exc
    out: dict[int, str] = {}
    try:
        for number in numbers:
            try:
                image = pdf[number - 1].render(scale=dpi / 72).to_pil()
                out[number] = pytesseract.image_to_string(image, lang=language, timeout=120)
            except (pypdfium2.PdfiumError, IndexError, RuntimeError, pytesseract.TesseractError) as exc:
                raise LoadError(f"page {number} could not be read by OCR ({exc}); "
                                "the PDF may be damaged: re-export it") from exc
    finally:
        pdf.close()
    return out
