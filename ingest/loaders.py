"""One loader per format: file bytes -> LoadedDocument. Every failure is a LoadError saying what to do."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from ingest.document import Block, LoadedDocument
from ingest.errors import LoadError
from ingest.layout import bare_items, continues, drop_repeated_lines, lines_to_blocks, tidy_line
from ingest.pdf_tables import with_table_rows

SUPPORTED = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html",
             ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text"}


def load(path: Path, data: bytes) -> LoadedDocument:
    """Read ``data`` (the bytes of ``path``) with the loader its extension and content call for."""
    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(
            f"unsupported file type '{path.suffix or '(none)'}': sva reads "
            f"{', '.join(sorted(SUPPORTED))}; convert it to PDF, DOCX or text first"
        )
    if not data.strip():
        raise LoadError("the file is empty: nothing to ingest; re-export or re-download it")
    doc = _LOADERS[fmt](path, data)
    if not any(b.text.strip() for b in doc.blocks):
        raise LoadError(_no_text_reason(fmt))
    return doc


def _no_text_reason(fmt: str) -> str:
    if fmt == "pdf":
        return ("the PDF has no text layer (probably a scanned image); "
                "run OCR on it (e.g. ocrmypdf) and ingest the result")
    return "no readable text was found in the file; check it opens and is not blank"


def _title(path: Path, candidate: str | None, blocks: list[Block]) -> str:
    if candidate and candidate.strip() and not candidate.lower().startswith(("microsoft word", "untitled")):
        return candidate.strip()
    if blocks and blocks[0].heading:
        return blocks[0].text[:150]
    return path.stem.replace("_", " ")


def load_pdf(path: Path, data: bytes) -> LoadedDocument:
    from pypdf import PdfReader

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise LoadError("this is not a PDF (no %PDF header); it may be renamed or truncated")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("the PDF is password-protected; remove the password and ingest it again")
        pages = [with_table_rows(page) for page in reader.pages]
        meta_title = reader.metadata.title if reader.metadata else None
    except LoadError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files (PdfReadError, KeyError, ...)
        raise LoadError(f"the PDF is damaged or truncated ({type(exc).__name__}: {exc}); "
                        "re-export or re-download it") from exc
    empty = [n for n, lines in enumerate(pages, start=1) if len("".join(lines).strip()) < 20]
    notes: list[str] = []
    recognised: tuple[int, ...] = ()
    if empty:
        from ingest import ocr

        reason = ocr.missing()
        if reason is None:
            for number, text in ocr.read_pages(data, empty).items():
                pages[number - 1] = text.splitlines()
            recognised = tuple(empty)
            notes.append(f"OCR read {len(empty)} scanned page(s): {_ranges(empty)}")
        elif len(empty) == len(pages):
            raise LoadError(f"the PDF has no text layer (a scanned image) and OCR cannot run here "
                            f"({reason}); {ocr.HOW_TO_INSTALL}")
        else:
            notes.append(f"page(s) {_ranges(empty)} have no text layer and were not read "
                         f"({reason}); {ocr.HOW_TO_INSTALL}")
    blocks: list[Block] = []
    for number, lines in enumerate(drop_repeated_lines(pages), start=1):
        blocks.extend(lines_to_blocks(lines, page=number, wrapped=True))
    return LoadedDocument(path.name, _title(path, meta_title, blocks), blocks, "pdf", notes,
                          recognised)


def _ranges(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:20]) + (" ..." if len(numbers) > 20 else "")


def load_docx(path: Path, data: bytes) -> LoadedDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _refuse_zip_bomb(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(f"the Word file is damaged or not a .docx ({type(exc).__name__}); "
                        "open and re-save it in Word, or export it as PDF") from exc
    except Exception as exc:  # python-docx raises assorted lxml/package errors on bad files
        raise LoadError(f"the Word file could not be read ({type(exc).__name__}: {exc}); "
                        "re-save it as .docx") from exc
    blocks: list[Block] = []
    length = 0
    for element in document.element.body.iterchildren():
        before = len(blocks)
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = paragraph.text.strip()
            if text:
                blocks.append(Block(text, None, heading=_docx_heading_level(paragraph)))
        elif tag == "tbl":
            blocks.extend(_table_blocks(Table(element, document)))
        length += sum(len(b.text) for b in blocks[before:])
        if length > MAX_TEXT:
            raise LoadError(f"the Word file holds more than {MAX_TEXT / 1e6:.0f} million characters of "
                            "text; split it into smaller documents and ingest those")
    props = document.core_properties
    return LoadedDocument(path.name, _title(path, props.title, blocks), blocks, "docx")


MAX_UNZIPPED = 256 * 2**20  # every member, declared: a real .docx of text and tables is far smaller
MAX_XML = 48 * 2**20  # the XML parts, as actually unpacked: ~10 MB of text at most
MAX_RATIO = 200
MAX_PARAGRAPHS = 100_000  # a 1,000-page document has ~30,000
MAX_TEXT = 12_000_000  # characters of text read from the document
_READ = 1 << 20


def _refuse_zip_bomb(data: bytes) -> None:
    """Refuse a .docx before python-docx opens it when its members declare, or really unpack to,
    more than the limits, or its body holds more paragraphs than a real document. Members are
    read in bounded pieces, so a lying header costs at most the limit, never the bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            declared = sum(info.file_size for info in infos)
            if declared > MAX_UNZIPPED or declared > MAX_RATIO * max(len(data), 1):
                raise LoadError(f"the Word file would unpack to {declared / 2**20:.0f} MB from "
                                f"{len(data) / 2**10:.0f} KB (a zip bomb?); it was not opened")
            xml = other = 0
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")):
                    xml += _member_size(archive, info, MAX_XML - xml)
                else:  # images and the like: python-docx holds them too
                    other += _member_size(archive, info, MAX_UNZIPPED - other)
    except zipfile.BadZipFile as exc:
        raise LoadError("the Word file is damaged or not a .docx (not a zip archive); "
                        "open and re-save it in Word, or export it as PDF") from exc
    except (zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise LoadError(f"the Word file is damaged ({type(exc).__name__}); open and re-save it in Word, "
                        "or export it as PDF") from exc


def _member_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int:
    """Bytes ``info`` really unpacks to, read piece by piece; a LoadError past its declared size or
    the ``budget``; word/document.xml's paragraphs are counted on the way."""
    size = paragraphs = 0
    tail = b""
    with archive.open(info) as member:
        while piece := member.read(_READ):
            size += len(piece)
            if size > info.file_size:
                raise LoadError(f"the Word file's {info.filename} unpacks to more than its declared "
                                "size (a zip bomb?); it was not opened")
            if size > budget:
                raise LoadError("the Word file unpacks to too much text and markup (a zip bomb, or a "
                                "document too large to read); split it or export it as PDF")
            if info.filename == "word/document.xml":
                window = tail + piece  # a tag split between two pieces is counted once
                paragraphs += window.count(b"<w:p>") + window.count(b"<w:p ")
                tail = window[-4:]
                if paragraphs > MAX_PARAGRAPHS:
                    raise LoadError(f"the Word file has more than {MAX_PARAGRAPHS:,} paragraphs; "
                                    "split it into smaller documents and ingest those")
    return size


def _docx_heading_level(paragraph) -> int:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 1
    match = re.match(r"Heading (\d)", name)
    return int(match.group(1)) if match else 0


def _table_blocks(table) -> list[Block]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or text != cells[-1]:  # merged cells repeat their text
                cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
    return [Block("\n".join(rows), None, kind="table")] if rows else []


def load_html(path: Path, data: bytes) -> LoadedDocument:
    import trafilatura

    html = decode_text(data)
    markdown = trafilatura.extract(html, output_format="markdown", include_tables=True,
                                   include_formatting=True, include_comments=False,
                                   favor_recall=True)
    meta = trafilatura.extract_metadata(html)
    if not markdown:
        raise LoadError("no main text was found in the HTML page (only navigation or scripts?); "
                        "save the page's article text instead")
    blocks = markdown_blocks(markdown)
    return LoadedDocument(path.name, _title(path, meta.title if meta else None, blocks),
                          blocks, "html")


def load_markdown(path: Path, data: bytes) -> LoadedDocument:
    blocks = markdown_blocks(decode_text(data))
    return LoadedDocument(path.name, _title(path, None, blocks), blocks, "markdown")


def load_text(path: Path, data: bytes) -> LoadedDocument:
    blocks = lines_to_blocks(decode_text(data).splitlines())
    return LoadedDocument(path.name, _title(path, None, blocks), blocks, "text")


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\[\]]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|\*|`)(?=\S)(.+?)(?<=\S)\1|(?<![\w.])(__|_)(?=\S)([^_]+?)(?<=\S)\3(?!\w)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_MD_TABLE_RULE = re.compile(r"^\s*+\|?\s*+:?-{2,}+:?\s*+(?:\|\s*+:?-{2,}+:?\s*+)*+\|?\s*+$")


_MD_ITEM = re.compile(r"^(?:[-*+•▪◦‣·]|\d+[.)]|\(\d+\)|\(?[a-z]{1,3}\)|[a-z]\.)\s+")
_MD_CLAUSE = re.compile(r"^\d{1,2}(?:\.\d{1,2})++\.?\s++[A-Za-z(]")
_CLAUSE_ENDS = (":", ";", ".", " and", " or")
_STOPS = (".", "!", "?")  # what ends a sentence


def markdown_blocks(text: str) -> list[Block]:
    """Markdown -> blocks: '#' headings become sections, tables stay together as rows."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
    blocks: list[Block] = []
    paragraph: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(_md_inline(" ".join(paragraph))))
            paragraph.clear()
        if table:
            blocks.append(Block("\n".join(table), kind="table"))
            table.clear()

    lines = text.splitlines()
    items = 0  # lines still to read as the items of a list written without markers
    for index, raw in enumerate(lines):
        line = tidy_line(raw)
        if line and not items and paragraph:
            items = bare_items(lines, index, _md_inline(paragraph[-1]))
        if items:
            items -= 1
            flush()
            paragraph.append("• " + line)
            continue
        heading = _MD_HEADING.match(line)
        # a table's row opens with "|", or (as GitHub writes it) holds one in a table begun by a
        # header row over its rule ("Measure | 2023 | Target" then "---|---|---")
        ruled = "|" in line and (table or index + 1 < len(lines) and _MD_TABLE_RULE.match(lines[index + 1])
                                 and "|" in lines[index + 1])
        if heading:
            flush()
            blocks.append(Block(_md_inline(heading.group(2)), heading=len(heading.group(1))))
        elif line.startswith("|") or ruled:
            if paragraph:
                flush()
            if not _MD_TABLE_RULE.match(line):
                table.append(" | ".join(_md_inline(c.strip()) for c in line.strip("|").split("|")))
        elif not line:
            flush()
        elif _MD_ITEM.match(line) or _MD_CLAUSE.match(line) and (not paragraph
                                                                 or paragraph[-1].endswith(_CLAUSE_ENDS)):
            # a list item, also as pasted from a page or PDF ("a)", "(ii)", "3."), or a numbered clause
            # after a lead-in or another clause ("5.2 to pay ..."), not a figure a wrapped line opens with
            flush()
            paragraph.append(re.sub(r"^([-*+•▪◦‣·])\s+", "• ", line))
        else:
            # a short line with no full stop ends its paragraph, as in plain text; a line opening
            # with a figure after a full stop begins one ("... band C." then "2024/25")
            ended = line[:1].isupper() or line[:1].isdigit() and bool(paragraph) and paragraph[-1].endswith(_STOPS)
            if paragraph and paragraph[-1].startswith("• "):
                # after a list item, a lead-in ("And subject to the following conditions:") or a
                # sentence after an item that ended is no part of it
                apart = ended and line.endswith(":") or paragraph[-1].endswith(_STOPS) and line[:1].isupper()
            else:
                apart = bool(paragraph) and ended and (not continues(paragraph[-1], line) or line.endswith(":"))
            if table or apart:
                flush()
            paragraph.append(line)
    flush()
    return blocks


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    return _MD_ESCAPE.sub(r"\1", text)


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding (UTF-8/16 with or without BOM, cp1252, latin-1...)."""
    from charset_normalizer import from_bytes

    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    sample = data[:65536]
    if sum(sample.count(bytes([c])) for c in _CONTROL_BYTES) > 0.05 * len(sample):
        raise LoadError("the file looks binary, not text; check its type and extension")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise LoadError("the text encoding could not be detected; save the file as UTF-8")
    if best.encoding in _WESTERN_8BIT:
        try:  # Windows-1252 is what Western European office files are, when not UTF-8
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return data.decode(best.encoding, errors="replace")


_CONTROL_BYTES = [c for c in range(32) if c not in (9, 10, 12, 13)]
# Single-byte encodings a detector cannot tell apart from cp1252 on short English text.
_WESTERN_8BIT = {"ascii", "latin_1", "iso8859_1", "iso8859_15", "cp1252", "cp850", "cp437",
                 "cp858", "mac_roman", "cp1250", "iso8859_2"}


_LOADERS: dict[str, Callable[[Path, bytes], LoadedDocument]] = {
    "pdf": load_pdf, "docx": load_docx, "html": load_html, "markdown": load_markdown,
    "text": load_text,
}
