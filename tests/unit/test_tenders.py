"""Bid evaluation with fakes: criteria in the charter, the scoring ladder, questions, exports,
proxy values, and tender metadata at ingest (no re-embedding for a metadata-only change)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assistant.library import ingest
from assistant.register.charter import CharterError, default_charter_path, load_charter, parse_charter
from assistant.register.commitments import Commitment, Register
from assistant.register.criteria import Criterion
from assistant.register.delivery import Evidence
from assistant.search.mirror import Mirror
from assistant.tenders import exports, proxy
from assistant.tenders.bids import Citation, TenderError, find_tender, tenders
from assistant.tenders.questions import questions
from assistant.tenders.report import report_html
from assistant.tenders.scoring import criteria_for, evaluate, suggest
from ingest.parse import IngestMeta
from tests.fakes import CountingEmbedder, HashEmbedder, MemoryStore

CHARTER = load_charter(default_charter_path(demo=True))
AREAS = ("Harrowden", "Millbrook", "Stanmoor")
STRONG = ("# Bid\n\n## Jobs\n\nWe will create 6 apprenticeships for Harrowden residents by March 2028.\n\n"
          "We will recruit 12 staff from Millbrook by September 2027.\n\n## Local spend\n\n"
          "We will spend £250,000 with small local suppliers in Harrowden by March 2029.\n")
WEAK = ("# Bid\n\n## Jobs\n\nWe will support local employment on the contract.\n\n"
        "We will offer 10 work placements at our Leeds depot by 2027.\n\n"
        "We will spend £80,000 with local suppliers.\n")


def row(text: str, quantity: float | None = 5, deadline: str | None = "2028", flags=(), outcomes=("CV1",),
        status="promised", evidence=(), doc_id="bid", supplier="Acme") -> Commitment:
    return Commitment(id=f"{doc_id}:{text[:8]}", kind="commitment", text=text, doc_id=doc_id, source=f"{doc_id}.md",
                      page=2, section="Jobs", supplier=supplier, quantity=quantity, unit="jobs",
                      deadline=deadline, place="Harrowden", outcomes=list(outcomes), flags=list(flags),
                      status=status, quote=text, evidence=list(evidence), doc_type="tender_response")


JOBS = Criterion(id="AC1", title="Jobs", outcomes=["CV1", "CV2"], weight=30)


# -- the ladder --------------------------------------------------------------------------------


def test_nothing_offered_scores_the_lowest_band_with_no_reasons():
    scored = suggest(JOBS, [row("We will plant trees.", outcomes=("CV5",))], [])
    assert scored.score == 0 and scored.reasons == []


@pytest.mark.parametrize("bid, expected", [
    ([row("We will support local jobs.", quantity=None, deadline=None, flags=("VAGUE", "NO_DEADLINE"))], 25),
    ([row("We will create 5 jobs.", deadline=None, flags=("NO_DEADLINE",))], 50),
    ([row("We will create 5 jobs in Harrowden by 2028.")], 75),
])
def test_each_step_of_the_ladder(bid, expected):
    scored = suggest(JOBS, bid, [])
    assert scored.score == expected
    assert all(r.citation.quote and r.citation.doc_id for r in scored.reasons)


def test_every_reason_says_what_a_weaker_commitment_lacks_and_reads_its_deadline_as_written():
    """Net zero by March 2030 is measurable as the flags judge it (a dated whole), so it is firm;
    a reason always says what is missing ("Weaker commitment: ." said nothing). "By March 2030"
    is not "by By March 2030"."""
    net_zero = row("Greenway will achieve net zero Scope 1 and 2 emissions by March 2030.", quantity=None,
                   deadline="By March 2030")
    [reason] = suggest(JOBS, [net_zero], []).reasons
    assert reason.text == "Specific, measurable, local and dated: by March 2030, in Harrowden."
    vague = row("We will support local jobs by 2030.", quantity=None, flags=("VAGUE",))
    assert [r.text for r in suggest(JOBS, [vague], []).reasons] == ["Weaker commitment: nothing to measure it by."]
    assert suggest(JOBS, [vague], []).score == 25 and suggest(JOBS, [net_zero], []).score == 75
    dated = [row("We will create 5 jobs in Harrowden.", deadline=d) for d in ("By March 2030", "within three years",
                                                                               "each year", "2028")]
    assert [r.text.split(": ", 1)[1] for r in suggest(JOBS, dated, []).reasons] == [
        "5 jobs, by March 2030, in Harrowden.", "5 jobs, within three years, in Harrowden.",
        "5 jobs, each year, in Harrowden.", "5 jobs, by 2028, in Harrowden."]


def test_delivery_on_earlier_contracts_earns_the_top_band_and_is_cited():
    evidence = Evidence("We created 22 apprenticeships.", 22, "jobs", "report", "report.pdf", 4, "Jobs", 0.9)
    earlier = [row("We will create 20 apprenticeships by 2025.", doc_id="old", status="delivered",
                   evidence=[evidence])]
    bid = [row("We will create 5 jobs by 2028."), row("We will train 8 people by 2027.")]
    scored = suggest(JOBS, bid, earlier)
    assert scored.score == 100
    assert scored.reasons[-1].citation == Citation("report", "report.pdf", 4, "We created 22 apprenticeships.")
    assert [r.role for r in scored.reasons] == ["bid", "bid", "delivered"]
    overdue = [row("We will create 9 jobs by 2024.", doc_id="old", status="overdue")]
    stepped = suggest(JOBS, bid, overdue)
    assert stepped.score == 50  # an unkept earlier promise takes a step off
    assert stepped.reasons[-1].role == "overdue" and stepped.as_json()["reasons"][-1]["role"] == "overdue"


def test_a_promise_partly_kept_is_a_track_record_only_when_it_came_close():
    from dataclasses import replace

    evidence = Evidence("We created 8 apprenticeships.", 8, "jobs", "report", "report.pdf", 4, "Jobs", 0.9)
    bid = [row("We will create 5 jobs by 2028."), row("We will train 8 people by 2027.")]
    third = replace(row("We will create 24 apprenticeships by 2025.", doc_id="old", status="partly",
                        evidence=[evidence]), progress=33.3, rating="inadequate")
    assert suggest(JOBS, bid, [third]).score == 75  # a third of a promise is no credible method
    close = replace(third, progress=85.0, rating="approaching_target")
    assert suggest(JOBS, bid, [close]).score == 100


def test_a_custom_scale_is_spread_over_the_ladder():
    three = Criterion(id="AC9", title="Jobs", outcomes=["CV1"], weight=10,
                      bands=[{"score": 0, "needs": "none"}, {"score": 5, "needs": "some"},
                             {"score": 10, "needs": "all"}])
    assert suggest(three, [row("We will create 5 jobs in Harrowden by 2028.")], []).score == 5  # level 3 of 4
    assert three.top == 10


def test_a_charter_without_criteria_gets_one_per_theme():
    bare = CHARTER.model_copy(update={"criteria": []})
    made = criteria_for(bare)
    assert len(made) == 7 and sum(c.weight for c in made) == pytest.approx(100, abs=0.1)
    assert criteria_for(CHARTER)[0].id == "AC1"


# -- criteria in the charter YAML ---------------------------------------------------------------


BAD_CRITERIA = """name: Charter for Testville
place: Testville
outcomes:
  - id: CV1
    theme: jobs_skills
    title: Local jobs
    description: Jobs and apprenticeships for local people.
    measures:
      - {id: CV1.1, text: Apprenticeships started, unit: count}
criteria:
  - id: AC1
    title: Jobs
    outcomes: [CV1, CV99]
    weight: 30
  - id: AC2
    title: Spend
    outcomes: [CV1]
    weight: 5
    bands:
      - {score: 50, needs: half}
      - {score: 10, needs: little}
  - id: AC3
    title: Carbon
    outcomes: [CV1]
    weight: -5
"""


def test_wrong_criteria_are_reported_by_line():
    with pytest.raises(CharterError) as caught:
        parse_charter(BAD_CRITERIA, "bad.yaml")
    problems = "\n".join(caught.value.problems)
    assert "line 13: criteria.0.outcomes: Value error, CV99 is not an outcome id" in problems
    assert "line 25: criteria.2.weight: Input should be greater than 0" in problems
    assert "line 15: criteria.1: Value error, bands must be listed from the lowest" in problems


def test_bundled_charters_carry_weighted_criteria_over_their_outcomes():
    for demo in (False, True):
        charter = load_charter(default_charter_path(demo))
        ids = {o.id for o in charter.outcomes}
        assert charter.criteria and sum(c.weight for c in charter.criteria) == 100
        assert all(set(c.outcomes) <= ids for c in charter.criteria)


# -- bids in a store ----------------------------------------------------------------------------


@pytest.fixture
def bids(tmp_path):
    store, embedder = MemoryStore(), HashEmbedder()
    for name, text in (("strong.md", STRONG), ("weak.md", WEAK)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    ingest([tmp_path / "strong.md"], store, embedder,
           IngestMeta("Strong Ltd", AREAS, "tender_response", "restricted", tender="T-1", lot="2"))
    ingest([tmp_path / "weak.md"], store, embedder,
           IngestMeta("Weak Ltd", AREAS, "tender_response", "restricted", tender="T-1", lot="2"))
    return store, Register(Mirror(store), embedder, CHARTER)


def test_bidders_are_the_suppliers_with_a_response_for_the_tender(bids):
    store, register = bids
    assert tenders(store.documents()) == {"T-1": ["2"]}
    assert find_tender(store.documents(), "t-1").bidders == ["Strong Ltd", "Weak Ltd"]
    with pytest.raises(TenderError, match="the store has: T-1"):
        find_tender(store.documents(), "T-2")


def test_evaluation_ranks_bidders_and_every_reason_cites_a_passage(bids):
    store, register = bids
    evaluation = evaluate(find_tender(store.documents(), "T-1"), register, {})
    data = evaluation.as_json()
    assert set(data) == {"tender", "criteria", "bidders"}
    assert [b["rank"] for b in data["bidders"]] == [1, 2]
    assert data["bidders"][0]["supplier"] == "Strong Ltd"
    for bidder in data["bidders"]:
        assert set(bidder) == {"supplier", "total", "rank", "scores"}
        for score in bidder["scores"]:
            assert set(score) == {"criterion", "score", "override", "reasons"}
            for reason in score["reasons"]:
                assert set(reason["citation"]) == {"doc_id", "source", "page", "quote"}
                assert reason["citation"]["quote"] in (STRONG + WEAK)


def test_residents_registers_cannot_be_scored(bids):
    store, register = bids
    public = Register(register.mirror, HashEmbedder(), CHARTER, audience="public")
    with pytest.raises(ValueError, match="commissioners only"):
        evaluate(find_tender(store.documents(), "T-1"), public, {})


def test_every_flagged_commitment_gets_a_question_citing_it(bids):
    store, register = bids
    tender = find_tender(store.documents(), "T-1")
    asked = questions(tender, register)
    flagged = [c for s in tender.bidders for c in tender.bid(register, s) if c.flags]
    assert flagged and {q.commitment_id for q in asked} == {c.id for c in flagged}
    leeds = next(q for q in asked if "Leeds" in q.citation.quote)
    assert "NOT_LOCAL" in leeds.flags and "benefit Harrowden" in leeds.question
    vague = next(q for q in asked if "local employment" in q.question)
    assert "how many" in vague.question and "by when" in vague.question and "evidence" in vague.question
    assert set(asked[0].as_json()) == {"supplier", "commitment_id", "flags", "question", "citation"}


def test_exports_write_a_sheet_questions_and_an_escaped_report(bids, tmp_path):
    store, register = bids
    tender = find_tender(store.documents(), "T-1")
    evaluation, asked = evaluate(tender, register, {}), questions(tender, register)
    exports.write_sheet_csv(evaluation, tmp_path / "sheet.csv")
    rows = list(csv.DictReader((tmp_path / "sheet.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 2 * len(evaluation.criteria) and rows[0]["supplier"] == "Strong Ltd"
    exports.write_questions_csv(asked, tmp_path / "q.csv")
    exports.write_questions_docx(asked, "T-1", tmp_path / "q.docx")
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "q.docx")).paragraphs)
    assert "Weak Ltd" in text and "local employment" in text
    evaluation.bidders[0].supplier = "<script>alert(1)</script>"
    html = report_html(evaluation, asked)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_a_metadata_only_retag_sets_the_tender_without_re_embedding(tmp_path):
    store, embedder = MemoryStore(), CountingEmbedder()
    (tmp_path / "bid.md").write_text(STRONG, encoding="utf-8")
    ingest([tmp_path / "bid.md"], store, embedder, IngestMeta("Strong Ltd", AREAS, "tender_response"))
    assert store.documents()[0].tender == "" and tenders(store.documents()) == {}
    embedded = embedder.texts_embedded
    report = ingest([tmp_path / "bid.md"], store, embedder,
                    IngestMeta("Strong Ltd", AREAS, "tender_response", tender="T-9", lot="1"))
    assert report.ingested[0]["updated"] == "metadata" and embedder.texts_embedded == embedded
    assert tenders(store.documents()) == {"T-9": ["1"]}


# -- proxy values --------------------------------------------------------------------------------


MEASURES = ("code,description,unit,value,source,year\n"
            "NT1,Apprenticeships for local residents,apprenticeships,2500,Council values,2026\n"
            "NT2,Local staff recruited,staff,3000,Council values,2026\n"
            "NT3,Spend with local SMEs,£,0.2,Council values,2026\n")


def test_measures_table_errors_name_their_lines():
    with pytest.raises(TenderError) as caught:
        proxy.parse_measures(MEASURES + "NT1,Again,count,5,x,2026\nNT4,Bad,count,lots,x,2026\n", "m.csv")
    assert "line 5: code NT1 is listed twice" in str(caught.value) and "line 6: value 'lots'" in str(caught.value)
    with pytest.raises(TenderError, match="line 1 must be the header"):
        proxy.parse_measures("a,b\n1,2\n")


def test_quantified_commitments_are_valued_with_warnings():
    measures = proxy.parse_measures(MEASURES)
    apprentices = row("We will create 6 apprenticeships for Harrowden residents by 2028.", quantity=6)
    apprentices.unit = "apprenticeships"
    assert proxy.suggest_measure(apprentices, measures).code == "NT1"
    same = row("We will recruit 6 staff across the group.", quantity=6)
    same.unit = "staff"
    valued = [proxy.Valued(apprentices, measures[0], False), proxy.Valued(same, measures[1], False)]
    proxy._double_counting(valued)
    assert valued[0].value == 15000 and "double counting" in valued[0].warnings[0]
    assert proxy._GROUP_WIDE.search(same.text)


def test_proxy_values_for_a_tender_use_a_commissioners_choice(bids):
    store, register = bids
    tender = find_tender(store.documents(), "T-1")
    measures = proxy.parse_measures(MEASURES)
    rows = proxy.value(tender, register, measures, {})
    spend = next(r for r in rows if "£80,000" in r.commitment.text)
    assert spend.measure and spend.measure.code == "NT3" and spend.value == 16000
    leeds = next(r for r in rows if "Leeds" in r.commitment.text)
    assert "not specific to this contract's area" in leeds.warnings
    chosen = proxy.value(tender, register, measures, {spend.commitment.id: ""})
    assert next(r for r in chosen if r.commitment.id == spend.commitment.id).measure is None


def test_demo_bids_are_declared_with_their_tender():
    import json

    from assistant.demo import DEMO_DOCUMENTS

    entries = json.loads((DEMO_DOCUMENTS / "manifest.json").read_text(encoding="utf-8"))
    bids = [e for e in entries if e.get("tender") == "HBC-2026-031"]
    assert len(bids) == 3 and all(e["audience"] == "restricted" and e["lot"] == "2" for e in bids)
    assert all((DEMO_DOCUMENTS / e["path"]).is_file() for e in bids)
    assert Path(__file__).parents[1].joinpath("data", "tenders", "demo_expected.yaml").is_file()
