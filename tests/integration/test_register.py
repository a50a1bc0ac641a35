"""The register end to end: demo documents, the real model, Chroma on disk, the sva CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.demo import prepare_demo

pytestmark = pytest.mark.integration

SVA = str(Path(sys.executable).parent / "sva")
ROOT = Path(__file__).resolve().parents[2]
DEMO_CHARTER = ROOT / "assistant" / "data" / "demo_charter.yaml"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    from assistant.config import load_settings
    from assistant.services import Services

    store = tmp_path_factory.mktemp("register")
    prepare_demo(Services(load_settings(store=store)), log=lambda message: None)
    return store


def sva(*args: str, store: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SVA_")}
    proc = subprocess.run([SVA, *args, "--store", str(store)] if args[0] != "charter" else [SVA, *args],
                          capture_output=True, text=True, env=env, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"sva {' '.join(args)} -> {proc.returncode}\n{proc.stderr}")
    return proc


def register_json(store: Path, *args: str) -> list[dict]:
    return json.loads(sva("commitments", "--charter", str(DEMO_CHARTER), "--json", *args,
                          store=store).stdout)["commitments"]


def find(rows: list[dict], words: str) -> dict:
    return next(r for r in rows if words in r["text"])


def test_register_json_contract_and_citations(store):
    rows = register_json(store)
    assert len(rows) > 50
    keys = {"id", "kind", "text", "doc_id", "source", "page", "section", "supplier", "quantity", "baseline",
            "unit", "deadline", "place", "outcomes", "flags", "status", "progress", "rating", "evidence"}
    for row in rows:
        assert keys <= set(row)
        assert row["outcomes"] or "UNMAPPED" in row["flags"]
        assert row["source"] and row["quote"]
        assert row["status"] in {"promised", "delivered", "partly", "no_evidence", "overdue", "needs_review"}
        assert row["rating"] in {"good", "approaching_target", "requires_improvement", "inadequate", "other"}
        assert not (row["status"] == "delivered" and (row["progress"] or 0) > 300)  # a likely mismatch


def test_each_flag_appears_where_it_should(store):
    rows = register_json(store)
    good = find(rows, "20 apprenticeships for Harrowden residents")
    assert good["flags"] == [] and good["quantity"] == 20 and good["deadline"] == "March 2027"
    assert good["page"] == 4 and good["outcomes"][0] == "CV1"
    assert "NOT_LOCAL" in find(rows, "procurement office in Birmingham")["flags"]
    assert "VAGUE" in find(rows, "work closely with community groups")["flags"]
    assert "NO_DEADLINE" in find(rows, "1,000 trees")["flags"]
    assert all(("UNMAPPED" in r["flags"]) == (r["outcomes"] == []) for r in rows)


def test_a_commitment_no_outcome_fits_is_flagged_unmapped(tmp_path):
    """The demo's one unmapped promise (reporting progress) sits near the mapping threshold and maps
    to CV4 on some builds of the model; mobilising in twelve weeks fits no outcome on any."""
    bid = tmp_path / "bid.md"
    bid.write_text("# Response\n\n## Mobilisation\n\nWe will mobilise over 12 weeks.\n\n## Jobs\n\n"
                   "We will create 20 apprenticeships for Harrowden residents by March 2027.\n", encoding="utf-8")
    sva("ingest", str(bid), "--doc-type", "tender_response", store=tmp_path / "store")
    rows = register_json(tmp_path / "store")
    assert find(rows, "mobilise")["flags"][0] == "UNMAPPED" and find(rows, "mobilise")["outcomes"] == []
    assert find(rows, "20 apprenticeships")["outcomes"] == ["CV1"]


def test_filters_matrix_and_exports(store, tmp_path):
    not_local = register_json(store, "--flag", "NOT_LOCAL")
    assert not_local and all("NOT_LOCAL" in r["flags"] for r in not_local)
    greenway = register_json(store, "--supplier", "Greenway Facilities Services")
    assert greenway and {r["supplier"] for r in greenway} == {"Greenway Facilities Services"}
    data = json.loads(sva("commitments", "--charter", str(DEMO_CHARTER), "--matrix", "--json",
                          store=store).stdout)
    assert len(data["matrix"]["suppliers"]) == 3 and data["matrix"]["outcomes"][0] == "CV1"
    sva("commitments", "--charter", str(DEMO_CHARTER), "--csv", str(tmp_path / "r.csv"),
        "--xlsx", str(tmp_path / "r.xlsx"), store=store)
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("id,kind,supplier,text") and len(lines) > 50
    assert (tmp_path / "r.xlsx").stat().st_size > 5000


def test_swapping_the_charter_remaps_without_reingesting(store):
    default = json.loads(sva("commitments", "--charter", str(DEMO_CHARTER.with_name("default_charter.yaml")),
                             "--json", store=store).stdout)["commitments"]
    assert not any("NOT_LOCAL" in r["flags"] for r in default)  # the default charter names no areas
    demo = register_json(store)
    assert any("NOT_LOCAL" in r["flags"] for r in demo)
    assert len(default) == len(demo)


def test_ask_what_a_supplier_promised_comes_from_the_register(store):
    data = json.loads(sva("ask", "What did Northfield promise for Stanmoor?", "--json", store=store).stdout)
    assert data["supported"]
    assert "Northfield Property Care offered 1 commitment naming Stanmoor in bids" in data["answer"]
    # its open Lot 2 bid; not its bid for the housing contract Brightstone won (no one's promise)
    assert {c["source"] for c in data["citations"]} == {"northfield_lot2_bid.md"}
    assert not any("Repair Café" in c["quote"] for c in data["citations"])


def test_eval_commitments_on_the_dev_corpus(tmp_path):
    from tests.conftest import CORPUS

    store = tmp_path / "corpus"
    sva("ingest", *sorted(str(p) for p in CORPUS.glob("*.txt")), store=store)
    result = json.loads(sva("eval", "--commitments", str(CORPUS / "commitments.jsonl"), "--json",
                            store=store).stdout)
    # The learnt classifier, not rules written against these documents (which scored 1.00 here):
    # measured recall 0.71, negatives rejected 0.92, quantity 1.00, deadline 0.80, theme 0.86.
    assert result["recall"] >= 0.70 and result["negatives_rejected"] >= 0.90
    assert result["field_accuracy"]["quantity"] >= 0.85 and result["field_accuracy"]["deadline"] >= 0.75
    assert result["theme_accuracy"] >= 0.80


def test_charter_validate_and_show():
    ok = subprocess.run([SVA, "charter", "validate", str(DEMO_CHARTER)], capture_output=True, text=True)
    assert ok.returncode == 0 and "valid (14 outcomes, 6 areas)" in ok.stdout
    shown = json.loads(subprocess.run([SVA, "charter", "show", str(DEMO_CHARTER), "--json"],
                                      capture_output=True, text=True).stdout)
    assert shown["areas"][0] == "Harrowden" and len(shown["outcomes"]) == 14


def test_charter_validate_reports_line_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(DEMO_CHARTER.read_text("utf-8").replace("theme: environment", "theme: green", 1), "utf-8")
    proc = subprocess.run([SVA, "charter", "validate", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "outcomes.4.theme" in proc.stderr and "line " in proc.stderr


def test_promised_vs_delivered_from_documents_alone(store):
    rows = json.loads(sva("commitments", "--charter", str(DEMO_CHARTER), "--as-of", "2026-06-30",
                          "--supplier", "Brightstone Construction Ltd", "--json", store=store).stdout)["commitments"]
    statuses = {r["status"] for r in rows}
    assert {"delivered", "partly", "no_evidence", "needs_review"} <= statuses
    apprentices = find(rows, "20 apprenticeships for Harrowden residents")
    assert apprentices["status"] == "delivered" and apprentices["progress"] == 110.0
    assert any("22 apprenticeships" in e["quote"] for e in apprentices["evidence"])
    sme = find(rows, "£2m with SMEs")
    assert sme["status"] == "partly" and sme["progress"] == 65.0
    placements = find(rows, "40 work placements")
    assert placements["status"] == "needs_review" and placements["rating"] == "other"
    assert placements["conflict"] and {e["quantity"] for e in placements["evidence"]} == {41, 36}
    volunteering = find(rows, "two paid volunteering days")  # days are not the report's hours
    assert volunteering["status"] != "delivered" and volunteering["rating"] != "good"
    later = json.loads(sva("commitments", "--charter", str(DEMO_CHARTER), "--as-of", "2026-06-30",
                           "--supplier", "Greenway Facilities Services", "--json", store=store).stdout)
    assert {r["status"] for r in later["commitments"]} <= {"promised", "overdue", "no_evidence"}  # no report yet


def test_accountability_report_html(store, tmp_path):
    out = tmp_path / "brightstone.html"
    sva("report", "--supplier", "Brightstone Construction Ltd", "--out", str(out), "--as-of", "2026-06-30",
        "--charter", str(DEMO_CHARTER), store=store)
    html = out.read_text(encoding="utf-8")
    assert "Delivered<span class='progress'>110% of the promise</span>" in html
    assert "Partly delivered<span class='progress'>65% of the promise</span>" in html
    assert "The reports give different figures" in html and "We have created 22 apprenticeships" in html
    assert "<script" not in html.lower()


def test_eval_commitments_on_documents_written_after_tuning(tmp_path):
    """tests/data/unseen: three documents and their gold, written without sight of the rules."""
    unseen = ROOT / "tests" / "data" / "unseen"
    store = tmp_path / "unseen"
    sva("ingest", str(unseen / "lakeside_tender_response.md"), str(unseen / "cornerstone_method_statement.txt"),
        "--doc-type", "tender_response", store=store)
    sva("ingest", str(unseen / "meadow_social_value_report.md"), "--doc-type", "social_value_report", store=store)
    result = json.loads(sva("eval", "--commitments", str(unseen / "gold.jsonl"), "--json", store=store).stdout)
    # measured with the learnt classifier: recall 0.71, precision 0.94, negatives rejected 0.96
    assert result["recall"] >= 0.70 and result["precision"] >= 0.90
    assert result["negatives_rejected"] >= 0.90
