"""Wrong supplier, formula cells and charter validation (issue 16)."""

from __future__ import annotations

import csv
import time
from datetime import date
from pathlib import Path

import pytest

from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.promises import PromiseAnswerer, _supplier_in
from assistant.library import ingest
from assistant.register.charter import CharterError, load_charter, parse_charter
from assistant.register.commitments import Register
from assistant.register.exports import write_csv, write_xlsx
from assistant.search.mirror import Mirror
from assistant.search.retriever import Retriever
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore
from tests.unit.test_register import CHARTER

SUPPLIERS = sorted(["Kier Construction", "Kier Living", "Acme Housing", "A&B Construction"])


@pytest.mark.parametrize(("question", "supplier"), [
    ("What did Kier Living promise?", "Kier Living"),
    ("What did kier construction ltd promise for Leeds?", "Kier Construction"),
    ("What did Acme promise?", "Acme Housing"),
    ("What did A&B Construction promise?", "A&B Construction"),
    ("What did Kier promise?", None),  # two suppliers share the word: ask which
])
def test_suppliers_match_whole_names_then_unambiguous_aliases(question, supplier):
    assert _supplier_in(question, SUPPLIERS) == supplier


def test_a_name_the_documents_do_not_hold_is_not_taken_for_another():
    assert _supplier_in("What did Kier Living promise?", ["Kier Construction"]) is None


def _answerer(tmp_path, suppliers):
    store = MemoryStore()
    for n, name in enumerate(suppliers):
        path = tmp_path / f"bid{n}.md"
        path.write_text(f"# {name} bid\n\n## Jobs\n\nWe will create {10 + n} apprenticeships in Testville "
                        "by 2030.\n", encoding="utf-8")
        ingest([path], store, HashEmbedder(), IngestMeta(name, ("Testville",)))
    mirror = Mirror(store)
    charter = parse_charter(CHARTER)
    register = Register(mirror, HashEmbedder(), charter, as_of=date(2026, 11, 25))
    return PromiseAnswerer(lambda: register, charter,
                           ExtractiveAnswerer(Retriever(mirror, HashEmbedder()), HashEmbedder()))


def test_kier_living_gets_its_own_promises_and_kier_alone_is_asked_about(tmp_path):
    answerer = _answerer(tmp_path, ["Kier Construction", "Kier Living"])
    living = answerer.answer("What did Kier Living promise?")
    assert "\nKier Living made 1 commitment:" in living.answer and "11 apprenticeships" in living.answer
    which = answerer.answer("What did Kier promise?")
    assert not which.supported and "Which supplier" in which.answer
    assert "Kier Construction" in which.answer and "Kier Living" in which.answer


def test_an_unknown_supplier_is_never_answered_with_another(tmp_path):
    answerer = _answerer(tmp_path, ["Kier Construction"])
    answer = answerer.answer("What did Kier Living promise?")
    assert "10 apprenticeships" not in answer.answer and not answer.citations


HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", " =1", "＝1"]


def _rows(tmp_path):
    store = MemoryStore()
    for n, name in enumerate(HOSTILE):
        path = tmp_path / f"bid{n}.md"
        path.write_text(f"# Bid\n\n## {name}\n\n{name} We will create 20 apprenticeships in Testville by 2030.\n",
                        encoding="utf-8")
        ingest([path], store, HashEmbedder(), IngestMeta(name, ("Testville",)))
    register = Register(Mirror(store), HashEmbedder(), parse_charter(CHARTER.replace("id: J1\n", "id: =J1\n")),
                        as_of=date(2026, 11, 25))
    return register


def test_no_cell_of_either_sheet_or_the_csv_starts_a_formula(tmp_path):
    from openpyxl import load_workbook

    register = _rows(tmp_path)
    rows = register.all()
    assert {r.supplier for r in rows} == set(HOSTILE)
    write_xlsx(rows, tmp_path / "r.xlsx", register.matrix(rows))
    write_csv(rows, tmp_path / "r.csv")
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["Commitments", "Coverage"]
    cells = [c for ws in book.worksheets for line in ws.iter_rows() for c in line]
    assert all(c.data_type != "f" for c in cells)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as handle:
        texts += [v for row in csv.reader(handle) for v in row]
    risky = ("=", "+", "-", "@", "\t", "\r", "＝")
    assert not [t for t in texts if t.lstrip(" ")[:1] in risky]
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in texts and "'==J1" not in texts and "'=J1" in texts


def test_charter_validate_on_a_binary_file_names_the_file_and_the_fix(tmp_path):
    binary = tmp_path / "charter.yaml"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(CharterError) as raised:
        load_charter(binary)
    assert str(binary) in str(raised.value) and "UTF-8" in str(raised.value)
    binary.write_bytes(b"name: x\x00\x01\x02")
    with pytest.raises(CharterError, match="not valid YAML"):
        load_charter(binary)
    with pytest.raises(CharterError, match="nest"):
        parse_charter("a: " + "[" * 100_000)


def _big_charter(n: int) -> str:
    lines = ["name: Big charter for Testville", "place: Testville", "areas: [Testville]", "outcomes:"]
    for i in range(n):
        lines += [f"  - id: O{i}", "    theme: jobs_skills", f"    title: Outcome {i}",
                  "    description: Something residents want here", "    measures:",
                  f"      - {{id: O{i}.1, text: A measure, unit: count}}"]
    return "\n".join(lines) + "\n"


def _validate(n: int) -> float:
    """Seconds to parse an n-outcome charter, then to reject it with one id repeated."""
    text = _big_charter(n)
    started = time.perf_counter()
    assert len(parse_charter(text).outcomes) == n
    repeated = text + "  - {id: O5, theme: jobs_skills, title: Again, description: Something else again, " \
                      "measures: [{id: O5.1, text: A measure, unit: count}]}\n"
    with pytest.raises(CharterError, match=r"repeated: O5 \(.*\n.*repeated: O5\.1 \("):
        parse_charter(repeated)
    return time.perf_counter() - started


def test_validating_ten_thousand_outcomes_takes_seconds_not_minutes():
    """Linear, not quadratic: ten times the outcomes costs about ten times the time (a quadratic
    check would cost a hundred). Judged against a tenth of the size timed in the same run, so a
    busy machine slows both alike; the absolute bound only catches minutes."""
    small = min(_validate(1_000) for _ in range(2))
    big = _validate(10_000)
    assert big < 30 * small + 1.0, f"10,000 outcomes took {big:.1f} s against {small:.2f} s for 1,000"
    assert big < 60


@pytest.mark.integration
def test_sva_charter_validate_on_a_binary_file_exits_1_without_a_traceback(tmp_path):
    import subprocess
    import sys

    binary = tmp_path / "logo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    proc = subprocess.run([str(Path(sys.executable).parent / "sva"), "charter", "validate", str(binary)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert str(binary) in proc.stderr and "UTF-8" in proc.stderr
