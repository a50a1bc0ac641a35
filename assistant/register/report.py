"""A printable accountability report for one supplier: promises, status, evidence, flags, coverage.

Plain HTML with its own print styles; every piece of document text is escaped. The PDF is the
HTML printed by a headless Chromium, so the two are written to two files (``--out X.pdf`` writes
X.html beside it): printing a file onto itself left a blank page.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import NamedTuple

from assistant.errors import SvaError, write_error
from assistant.register.commitments import Commitment, Register
from assistant.vocab import FLAG_LABELS, RATING_LABELS, ROLE_LABELS, STATUS_LABELS, status_text

STATUS_WORDS = {status: STATUS_LABELS[status].short
                for status in ("delivered", "partly", "needs_review", "no_evidence", "overdue", "promised")}
FLAG_WORDS = {flag: label.short for flag, label in FLAG_LABELS.items()}

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem} .meta{color:#555;margin-top:0}
table{border-collapse:collapse;width:100%;margin:1rem 0;table-layout:fixed}
col.promise{width:36%} col.status{width:17%} col.evidence{width:35%} col.flags{width:12%}
th,td{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left;overflow-wrap:break-word}
td>p:first-child{margin-top:0} td>p:last-child{margin-bottom:0} th{background:#f2f2f2}
.quote{color:#333;font-style:italic} .status{font-weight:600} .progress{display:block;font-weight:400}
.delivered{color:#0b6b2e} .partly{color:#8a5a00}
.overdue{color:#a4161a} .no_evidence,.promised{color:#444} .flags{color:#a4161a;font-size:.9em}
.src{color:#555;font-size:.85em;overflow-wrap:anywhere}
.rating{display:block;color:#444;font-size:.85em;margin-top:.3rem} .conflict{background:#fff3cd;padding:.1rem .3rem}
@media print{body{margin:0;max-width:none} tr{break-inside:avoid}}
"""


def render(register: Register, supplier: str, area: str | None = None,
           residents: Callable[[list[Commitment]], str] | None = None) -> str:
    """The report's HTML. ``residents(rows)``, when given, makes the "What residents say" section
    (assistant/voice/export.py: the register does not read the residents' responses itself)."""
    rows = register.commitments(supplier=supplier, area=area)
    if not rows:
        raise SvaError(f"no commitments found for supplier {supplier!r}"
                       f"{f' in {area!r}' if area else ''}; check the name with `sva commitments`")
    name = rows[0].supplier
    counts: Counter[str] = Counter(r.status for r in rows)
    summary = "".join(f"<li>{escape(STATUS_WORDS[s])}: <b>{counts[s]}</b></li>"
                      for s in STATUS_WORDS if counts[s])
    coverage = register.matrix(rows)["counts"].get(name, {})
    outcomes = "".join(
        f"<tr><td>{escape(o.id)}</td><td>{escape(o.title)}</td><td>{coverage.get(o.id, 0)}</td></tr>"
        for o in register.charter.outcomes)
    order = {status: i for i, status in enumerate(
        ("delivered", "partly", "needs_review", "overdue", "no_evidence", "promised"))}
    body = "".join(_row(r) for r in sorted(rows, key=lambda r: (not r.outcomes, r.quantity is None,
                                                                order[r.status])))
    where = f" — {escape(area)}" if area else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(name)}: social value accountability report</title>
<style>{_STYLE}</style></head><body>
<h1>{escape(name)}: what was promised and what was delivered{where}</h1>
<p class="meta">Judged as of {register.as_of:%d %B %Y} against the {escape(register.charter.name)}.
Every promise and every piece of evidence is quoted from the documents named beside it.</p>
<h2>Summary</h2><ul>{summary}</ul>
<h2>Commitments</h2>
<p>Social value commitments (those that serve an outcome of the charter) come first, most
advanced first; service standards and commitments that fit no outcome follow.</p>
<table><colgroup><col class="promise"><col class="status"><col class="evidence"><col class="flags"></colgroup>
<thead><tr><th>Promise</th><th>Status</th><th>Evidence</th><th>Flags</th></tr></thead>
<tbody>{body}</tbody></table>
{residents(rows) if residents else ""}
<h2>Charter coverage</h2>
<table><thead><tr><th>Outcome</th><th>Title</th><th>Commitments</th></tr></thead><tbody>{outcomes}</tbody></table>
</body></html>"""


def _row(c: Commitment) -> str:
    status = escape(status_text(c.status, None, c.late, plain=False)) + (
        f"<span class='progress'>{c.progress:g}% of the promise</span>" if c.progress is not None else "") + (
        f"<span class='rating'>Rating: {escape(RATING_LABELS[c.rating].short)}</span>")
    evidence = "".join(
        (f"<p class='src'>{escape(ROLE_LABELS[e.role].short)}:</p>" if e.role != "evidence" else "")
        + f"<p class='quote'>“{escape(e.said)}”</p><p class='src'>{escape(e.provenance.label(200))}</p>"
        for e in c.evidence) or "<p class='src'>None found in the reports.</p>"
    if c.conflict:
        evidence = "<p class='conflict'>The reports give different figures:</p>" + evidence
    flags = "<br>".join(escape(FLAG_WORDS[f]) for f in c.flags)
    again = "".join(f"<p class='src'>Given again: “{escape(r.quote)}” ({escape(r.provenance.label(200))})</p>"
                    for r in c.also)
    return (f"<tr><td><p class='quote'>“{escape(c.said)}”</p><p class='src'>"
            f"{escape(c.provenance.label(200))}</p>{again}</td>"
            f"<td class='status {c.status}'>{status}</td><td>{evidence}</td>"
            f"<td class='flags'>{flags}</td></tr>")


class ReportFiles(NamedTuple):
    """Where a report goes: the HTML, and the PDF printed from it."""

    html: Path
    pdf: Path


HTML_SUFFIXES = (".html", ".htm")
PdfPrinter = Callable[[Path, Path], Path | None]  # (HTML file, PDF to write) -> the PDF, or None


def report_files(out: Path) -> ReportFiles:
    """The two files ``--out`` names: X.html (or .htm) and X.pdf, whichever is given, the other
    beside it; a name without an extension gets both. Any other extension is refused."""
    suffix = out.suffix.lower()
    if out.is_dir():
        raise SvaError(f"{out} is a folder: name the report file, e.g. {out / 'report.html'}")
    if suffix in HTML_SUFFIXES:
        return ReportFiles(out, out.with_suffix(".pdf"))
    if suffix == ".pdf":
        return ReportFiles(out.with_suffix(".html"), out)
    if not suffix:
        return ReportFiles(out.with_name(out.name + ".html"), out.with_name(out.name + ".pdf"))
    raise SvaError(f"{out.name}: a report is written as .html or .pdf (the other beside it); "
                   f"name it e.g. {out.with_suffix('.html').name} or {out.with_suffix('.pdf').name}")


def write(html: str, files: ReportFiles, print_pdf: PdfPrinter | None = None) -> Path | None:
    """Write the HTML, then print that file to the PDF (None: no Chromium to print with)."""
    if files.html.resolve() == files.pdf.resolve():
        raise SvaError(f"the HTML and the PDF would both be {files.pdf}: name the report X.html or X.pdf")
    try:
        files.html.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise write_error(files.html, exc) from exc
    return (print_pdf or chromium_pdf)(files.html, files.pdf)


def chromium_pdf(html_file: Path, pdf: Path) -> Path | None:
    """Print ``html_file`` to ``pdf`` with a headless Chromium; None when none is installed."""
    browser = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
    if browser is None:
        return None
    try:
        pdf.unlink(missing_ok=True)  # an old PDF left in place must not pass for a new one
        with tempfile.TemporaryDirectory() as profile:
            done = subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                 html_file.resolve().as_uri()], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SvaError(f"{browser} could not print {pdf} ({exc}); {html_file} is written: open it "
                       "in a browser and print it to PDF") from exc
    if done.returncode != 0 or not pdf.exists():
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise SvaError(f"{browser} could not print {pdf} (exit {done.returncode}: {said[0]}); "
                       f"{html_file} is written: open it in a browser and print it to PDF")
    return pdf
