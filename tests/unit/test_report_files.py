"""`sva report --out` and `sva tender score --report` write the HTML and the PDF printed from it
to two different files, whichever of X.html, X.pdf or X is named; other extensions are a usage
error. Printing a file onto itself once left a blank PDF. A fake Chromium on PATH stands in for
the real one (the integration of the real browser is checked by hand and in the benchmarks)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import assistant.cli as cli
import assistant.cli.tender as tender_cli
from assistant.cli import app
from assistant.config import load_settings
from assistant.errors import SvaError
from assistant.register.report import ReportFiles, chromium_pdf, report_files, write
from assistant.services import Services
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore
from tests.unit.test_register import BID

FAKE_CHROMIUM = """#!{python}
import pathlib, sys, urllib.parse, urllib.request
pdf = next(a.split("=", 1)[1] for a in sys.argv if a.startswith("--print-to-pdf="))
source = pathlib.Path(urllib.request.url2pathname(urllib.parse.urlparse(sys.argv[-1]).path))
if {fail}:
    sys.exit("cannot print")
pathlib.Path(pdf).write_text("%PDF-fake\\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
"""


def _chromium(tmp_path: Path, monkeypatch, fail: bool = False) -> None:
    """A `chromium` on PATH that 'prints' the file it is given by copying its text after a header."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    browser = bin_dir / "chromium"
    browser.write_text(FAKE_CHROMIUM.format(python=sys.executable, fail=fail), encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))


@pytest.mark.parametrize("out, html, pdf", [
    ("acme.html", "acme.html", "acme.pdf"),
    ("acme.htm", "acme.htm", "acme.pdf"),
    ("acme.pdf", "acme.html", "acme.pdf"),
    ("ACME.PDF", "ACME.html", "ACME.PDF"),
    ("rep", "rep.html", "rep.pdf"),
    ("v1.2.pdf", "v1.2.html", "v1.2.pdf"),
    ("out/acme.pdf", "out/acme.html", "out/acme.pdf"),
])
def test_each_out_form_names_an_html_and_a_different_pdf(out, html, pdf):
    files = report_files(Path(out))
    assert files == ReportFiles(Path(html), Path(pdf)) and files.html != files.pdf


@pytest.mark.parametrize("out", ["acme.txt", "acme.docx", "report.v2"])
def test_other_extensions_are_refused_naming_the_accepted_ones(out):
    with pytest.raises(SvaError, match=r"written as \.html or \.pdf.*name it e\.g\. \S+\.html or \S+\.pdf"):
        report_files(Path(out))


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(SvaError, match="is a folder: name the report file"):
        report_files(tmp_path)


def test_the_pdf_is_printed_from_the_html_file(tmp_path):
    printed = []

    def printer(html_file: Path, pdf: Path) -> Path:
        printed.append((html_file, html_file.read_text(encoding="utf-8"), pdf))
        pdf.write_bytes(b"%PDF")
        return pdf

    files = report_files(tmp_path / "acme.pdf")
    assert write("<p>Report</p>", files, printer) == tmp_path / "acme.pdf"
    assert printed == [(tmp_path / "acme.html", "<p>Report</p>", tmp_path / "acme.pdf")]
    assert (tmp_path / "acme.html").read_text(encoding="utf-8") == "<p>Report</p>"


def test_one_path_for_both_files_is_refused_before_writing(tmp_path):
    same = tmp_path / "acme.pdf"
    with pytest.raises(SvaError, match="would both be"):
        write("<p>Report</p>", ReportFiles(same, tmp_path / "." / "acme.pdf"), lambda h, p: p)
    assert not same.exists()


def test_without_chromium_only_the_html_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert write("<p>Report</p>", report_files(tmp_path / "acme.pdf")) is None
    assert (tmp_path / "acme.html").exists() and not (tmp_path / "acme.pdf").exists()


def test_a_failing_chromium_is_reported_and_an_old_pdf_not_passed_off(tmp_path, monkeypatch):
    _chromium(tmp_path, monkeypatch, fail=True)
    (tmp_path / "acme.html").write_text("<p>Report</p>", encoding="utf-8")
    (tmp_path / "acme.pdf").write_bytes(b"%PDF old")
    with pytest.raises(SvaError, match=r"could not print .*acme\.pdf \(exit 1: cannot print\); .*acme\.html is written"):
        chromium_pdf(tmp_path / "acme.html", tmp_path / "acme.pdf")
    assert not (tmp_path / "acme.pdf").exists()


# -- the commands ------------------------------------------------------------------------------


@pytest.fixture
def services(tmp_path, monkeypatch):
    for key in ("SVA_CHARTER", "SVA_LLM"):
        monkeypatch.delenv(key, raising=False)
    services = Services(load_settings(store=tmp_path / "store"), embedder=HashEmbedder(), store=MemoryStore())
    for module in (cli, tender_cli):
        monkeypatch.setattr(module, "open_services", lambda store, **kw: services)
    (tmp_path / "bid.md").write_text(BID, encoding="utf-8")
    services.ingest([tmp_path / "bid.md"], IngestMeta("Acme Housing", ("Testville",), "tender_response",
                                                       "public", tender="T-1"))
    _chromium(tmp_path, monkeypatch)
    return services


def _printed_from_html(html: Path, pdf: Path) -> bool:
    text = html.read_text(encoding="utf-8")
    return text.lower().startswith("<!doctype html") and pdf.read_text(encoding="utf-8") == "%PDF-fake\n" + text


@pytest.mark.parametrize("out, stem", [("acme.pdf", "acme"), ("acme.html", "acme"), ("rep", "rep")])
def test_report_writes_the_html_and_the_pdf_printed_from_it(services, tmp_path, out, stem):
    done = CliRunner().invoke(app, ["report", "--supplier", "Acme Housing", "--out", str(tmp_path / out)])
    assert done.exit_code == 0, done.output
    html, pdf = tmp_path / f"{stem}.html", tmp_path / f"{stem}.pdf"
    assert _printed_from_html(html, pdf) and "Acme Housing" in html.read_text(encoding="utf-8")
    assert f"wrote {html} and {pdf}" in done.output


def test_tender_report_writes_the_html_and_the_pdf_printed_from_it(services, tmp_path):
    done = CliRunner().invoke(app, ["tender", "score", "T-1", "--report", str(tmp_path / "ev.pdf")])
    assert done.exit_code == 0, done.output
    assert _printed_from_html(tmp_path / "ev.html", tmp_path / "ev.pdf")
    assert f"wrote {tmp_path / 'ev.html'} and {tmp_path / 'ev.pdf'}" in done.output


@pytest.mark.parametrize("command", [["report", "--supplier", "Acme Housing", "--out"],
                                     ["tender", "score", "T-1", "--report"]])
def test_another_extension_is_a_usage_error_and_writes_nothing(services, tmp_path, command):
    done = CliRunner().invoke(app, [*command, str(tmp_path / "acme.txt")])
    assert done.exit_code == 2 and "written as .html or .pdf" in done.output
    assert not list(tmp_path.glob("acme.*"))
