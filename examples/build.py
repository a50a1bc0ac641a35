"""Build sva's fictional demo documents from examples/sources/ into assistant/data/demo/ (package
data, so `sva serve --demo` works from an installed wheel).

    python examples/build.py            # (re)write assistant/data/demo/
    python examples/build.py --check    # exit 1 if assistant/data/demo/ is out of date

The sources use a small Markdown subset: "# " document title, "## " section (Heading 1),
"### " subsection (Heading 2), "- " bullets, pipe tables and "<!-- pagebreak -->".
Output is byte-for-byte deterministic: fixed dates in PDF and DOCX metadata and in the DOCX zip.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF, XPos, YPos

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DEMO = HERE.parent / "assistant" / "data" / "demo"
ZIP_DATE = (2025, 1, 1, 0, 0, 0)
MAX_BYTES = 100_000
PAGEBREAK = "<!-- pagebreak -->"
SUBJECT = "Harrowden Housing Repairs and Maintenance Contract 2025–2030 (fictional demo)"

Block = tuple[str, object]  # (kind, payload): title|h1|h2|p|bullet -> str, table -> rows, pagebreak


@dataclass(frozen=True)
class DemoDoc:
    source: str
    output: str
    supplier: str
    title: str
    areas: tuple[str, ...]
    doc_type: str
    audience: str
    date: datetime  # fixed creation/modification date written into the file's metadata
    build: Callable[[Path, Path, DemoDoc], None]
    tender: str = ""  # the tender (and lot) a bid answers; `sva ingest --tender ID --lot L`
    lot: str = ""


# ---------------------------------------------------------------- parsing


def parse(text: str) -> list[Block]:
    """Split the Markdown subset into blocks; paragraphs are single source lines."""
    blocks: list[Block] = []
    table: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):  # skip the |---| separator row
                table.append(cells)
            continue
        if table:
            blocks.append(("table", table))
            table = []
        if not line:
            continue
        if line == PAGEBREAK:
            blocks.append(("pagebreak", ""))
        elif line.startswith("### "):
            blocks.append(("h2", line[4:]))
        elif line.startswith("## "):
            blocks.append(("h1", line[3:]))
        elif line.startswith("# "):
            blocks.append(("title", line[2:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        else:
            blocks.append(("p", line))
    if table:
        blocks.append(("table", table))
    return blocks


# ---------------------------------------------------------------- PDF (fpdf2, core fonts)

_LATIN1 = str.maketrans({
    "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2026": "...", "\u2022": "-", "\u00a0": " ",
})


def latin1(text: str) -> str:
    """Map typographic characters to latin-1 equivalents (core PDF fonts are latin-1 only)."""
    out = text.translate(_LATIN1)
    try:
        out.encode("latin-1")
    except UnicodeEncodeError as exc:
        bad = out[exc.start]
        raise SystemExit(f"character {bad!r} has no latin-1 mapping in: {text!r}") from exc
    return out


class DemoPDF(FPDF):
    def __init__(self, running_head: str) -> None:
        super().__init__(format="A4", unit="mm")
        self.running_head = latin1(running_head)
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)

    def header(self) -> None:
        self.set_font("Helvetica", "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, self.running_head, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _col_widths(rows: list[list[str]]) -> tuple[int, ...]:
    return tuple(min(max(len(row[i]) for row in rows), 45) + 6 for i in range(len(rows[0])))


def _pdf_block(pdf: DemoPDF, kind: str, payload: object) -> None:
    if kind == "pagebreak":
        pdf.add_page()
        return
    if kind == "table":
        rows = payload  # type: ignore[assignment]
        pdf.set_font("Helvetica", "", 9)
        pdf.ln(1)
        with pdf.table(col_widths=_col_widths(rows), line_height=5, text_align="LEFT",
                       first_row_as_headings=True) as table:
            for row in rows:
                cells = table.row()
                for cell in row:
                    cells.cell(latin1(cell))
        pdf.ln(3)
        return
    text = latin1(str(payload))
    if kind == "title":
        pdf.set_font("Helvetica", "B", 18)
        pdf.multi_cell(0, 9, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
    elif kind in ("h1", "h2"):
        size, gap = (14, 4) if kind == "h1" else (11.5, 2)
        if pdf.will_page_break(25):  # keep a heading with the text that follows it
            pdf.add_page()
        pdf.ln(gap)
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
    elif kind == "bullet":
        pdf.set_font("Helvetica", "", 10)
        pdf.set_x(pdf.l_margin + 4)
        pdf.cell(5, 5.2, "-")
        pdf.multi_cell(0, 5.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    else:
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2.5)


def build_pdf(source: Path, target: Path, doc: DemoDoc) -> None:
    pdf = DemoPDF(doc.title)
    pdf.set_creation_date(doc.date)
    pdf.set_title(latin1(doc.title))
    pdf.set_author(doc.supplier)
    pdf.set_subject(latin1(SUBJECT))
    pdf.set_creator("sva examples/build.py")
    pdf.set_lang("en-GB")
    pdf.add_page()
    for kind, payload in parse(source.read_text(encoding="utf-8")):
        _pdf_block(pdf, kind, payload)
    target.write_bytes(bytes(pdf.output()))


# ---------------------------------------------------------------- DOCX (python-docx)


def _docx_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            run = cell.paragraphs[0].add_run(text)
            run.bold = r == 0
            run.font.size = Pt(9)
    document.add_paragraph()


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes so the bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def build_docx(source: Path, target: Path, doc: DemoDoc) -> None:
    document = docx.Document()
    props = document.core_properties
    props.title = doc.title
    props.author = doc.supplier
    props.last_modified_by = doc.supplier
    props.subject = SUBJECT
    props.comments = "Fictional document written for sva's demo and tests."
    props.created = props.modified = doc.date
    props.revision = 1
    props.language = "en-GB"
    for kind, payload in parse(source.read_text(encoding="utf-8")):
        if kind == "title":
            document.add_heading(str(payload), level=0)
        elif kind == "h1":
            document.add_heading(str(payload), level=1)
        elif kind == "h2":
            document.add_heading(str(payload), level=2)
        elif kind == "bullet":
            document.add_paragraph(str(payload), style="List Bullet")
        elif kind == "table":
            _docx_table(document, payload)  # type: ignore[arg-type]
        elif kind == "pagebreak":
            document.add_page_break()
        else:
            document.add_paragraph(str(payload))
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(_fixed_zip(buffer.getvalue()))


# ---------------------------------------------------------------- plain copies


def copy_markdown(source: Path, target: Path, doc: DemoDoc) -> None:
    shutil.copyfile(source, target)


def write_cp1252(source: Path, target: Path, doc: DemoDoc) -> None:
    target.write_bytes(source.read_text(encoding="utf-8").encode("cp1252"))


# ---------------------------------------------------------------- the demo set


def _day(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=UTC)


ALL_WARDS = ("Harrowden", "Millbrook", "Castleford Green", "Oakley Vale", "Stanmoor")

DOCUMENTS = (
    DemoDoc(
        source="brightstone_tender_response.md", output="brightstone_tender_response.pdf",
        supplier="Brightstone Construction Ltd",
        title="Brightstone Construction Ltd - Tender Response HBC-2025-014",
        areas=(*ALL_WARDS, "Fernhill Park"), doc_type="tender_response", audience="public",
        date=_day(2024, 11, 15), build=build_pdf),
    DemoDoc(
        source="greenway_tender_response.md", output="greenway_tender_response.docx",
        supplier="Greenway Facilities Services",
        title="Greenway Facilities Services – Tender Submission HBC-2025-014",
        areas=ALL_WARDS, doc_type="tender_response", audience="public",
        date=_day(2024, 11, 14), build=build_docx),
    DemoDoc(
        source="northfield_tender_response.md", output="northfield_tender_response.md",
        supplier="Northfield Property Care",
        title="Northfield Property Care – Response to Invitation to Tender HBC-2025-014",
        areas=ALL_WARDS, doc_type="tender_response", audience="public",
        date=_day(2024, 11, 13), build=copy_markdown),
    DemoDoc(
        source="brightstone_social_value_report_2026.md",
        output="brightstone_social_value_report_2026.pdf",
        supplier="Brightstone Construction Ltd",
        title="Brightstone Construction Ltd - Social Value Report 2026 (HBC-2025-014)",
        areas=ALL_WARDS, doc_type="social_value_report", audience="public",
        date=_day(2026, 6, 15), build=build_pdf),
    DemoDoc(
        source="greenway_pricing_schedule_confidential.txt",
        output="greenway_pricing_schedule_confidential.txt",
        supplier="Greenway Facilities Services",
        title="Greenway Facilities Services – Commercial Pricing Schedule (CONFIDENTIAL)",
        areas=("Harrowden",), doc_type="tender_response", audience="restricted",
        date=_day(2024, 11, 14), build=write_cp1252),
    # three bids for one lot of a later tender: restricted, as bids are until the award
    *(DemoDoc(source=f"{name}_lot2_bid.md", output=f"{name}_lot2_bid.md", supplier=supplier,
              title=f"{supplier} – Tender HBC-2026-031, Lot 2", areas=(*ALL_WARDS, "Fernhill Park"),
              doc_type="tender_response", audience="restricted", date=_day(2027, 3, 1),
              build=copy_markdown, tender="HBC-2026-031", lot="2")
      for name, supplier in (("brightstone", "Brightstone Construction Ltd"),
                             ("northfield", "Northfield Property Care"),
                             ("greenway", "Greenway Facilities Services"))),
)


def manifest() -> str:
    entries = [{"path": d.output, "supplier": d.supplier, "areas": list(d.areas),
                "doc_type": d.doc_type, "audience": d.audience}
               | ({"tender": d.tender, "lot": d.lot} if d.tender else {}) for d in DOCUMENTS]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def build(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in DOCUMENTS:
        target = out_dir / doc.output
        doc.build(SOURCES / doc.source, target, doc)
        if target.stat().st_size > MAX_BYTES:
            raise SystemExit(f"{target.name} is {target.stat().st_size} bytes (limit {MAX_BYTES})")
        written.append(target)
    (out_dir / "manifest.json").write_text(manifest(), encoding="utf-8")
    return [*written, out_dir / "manifest.json"]


def _same(fresh: Path, kept: Path) -> bool:
    return kept.exists() and kept.read_bytes() == fresh.read_bytes()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare a fresh build with demo/")
    if parser.parse_args().check:
        with tempfile.TemporaryDirectory() as tmp:
            stale = [p.name for p in build(Path(tmp)) if not _same(p, DEMO / p.name)]
        if stale:
            print("out of date, run python examples/build.py:", ", ".join(stale), file=sys.stderr)
            return 1
        print("assistant/data/demo is up to date")
        return 0
    for path in build(DEMO):
        print(f"{path.relative_to(HERE.parent)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
