from datetime import date

import pytest

from assistant.library import ingest
from assistant.register.charter import parse_charter
from assistant.register.commitments import Register
from assistant.register.exports import write_csv, write_xlsx
from assistant.search.mirror import Mirror
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore

CHARTER = """name: Charter for Testville
place: Testville
areas: [Testville, Northend]
outcomes:
  - id: J1
    theme: jobs_skills
    title: Apprenticeships and jobs
    description: Apprenticeships, jobs and training for local residents.
    measures: [{id: J1.1, text: Apprenticeships started, unit: count}]
  - id: E1
    theme: environment
    title: Carbon and trees
    description: Cut carbon emissions, plant trees, electric vans.
    measures: [{id: E1.1, text: Trees planted, unit: count}]
"""

BID = """# Acme bid for Testville

## Jobs

We will create 20 apprenticeships for Testville residents by March 2030.
We will plant 300 trees in Northend by 2029.
We will sponsor a golf day in Leeds by 2028.
We will support local community groups.
We will create 5 apprenticeships in Northend by 2020.
Last year we created 45 apprenticeships in Leeds.
"""


@pytest.fixture
def mirror(tmp_path):
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    (tmp_path / "secret.md").write_text("# Bolt\n\nWe will create 7 apprenticeships in Testville by 2030.\n", "utf-8")
    store = MemoryStore()
    ingest([tmp_path / "acme.md"], store, HashEmbedder(), IngestMeta("Acme", ("Testville",), audience="public"))
    ingest([tmp_path / "secret.md"], store, HashEmbedder(), IngestMeta("Bolt", ("Testville",)))
    return Mirror(store)


def register(mirror, audience="all", charter=CHARTER):
    return Register(mirror, HashEmbedder(), parse_charter(charter), audience, as_of=date(2026, 11, 25))


def by_text(rows, words):
    return next(r for r in rows if words in r.text)


def test_every_commitment_has_outcomes_or_unmapped_and_a_citation(mirror):
    rows = register(mirror).all()
    assert len(rows) == 6  # the past achievement is evidence, not a commitment
    for row in rows:
        assert row.outcomes or "UNMAPPED" in row.flags
        assert row.source and row.quote and row.section == ("Jobs" if row.supplier == "Acme" else "Bolt")


def test_flags(mirror):
    rows = register(mirror).all()
    assert by_text(rows, "20 apprenticeships").flags == []
    assert by_text(rows, "20 apprenticeships").outcomes[0] == "J1"
    assert by_text(rows, "300 trees").outcomes[0] == "E1"
    assert "NOT_LOCAL" in by_text(rows, "golf day").flags
    assert {"VAGUE", "NO_DEADLINE"} <= set(by_text(rows, "community groups").flags)
    assert "UNMAPPED" in by_text(rows, "golf day").flags


def test_a_place_is_local_by_whole_words_not_letters():
    from assistant.register.flags import local

    assert local("Harrowden Borough", ["Harrowden"]) and local("Leeds", ["Leeds City Region"])
    assert not local("Bury", ["Canterbury"]) and not local("Canterbury", ["Bury"])


def test_the_borough_is_the_documents_own_area(tmp_path):
    pledge = "We will spend £250,000 with social enterprises in the borough by 2029.\n"
    store = MemoryStore()
    for name, areas in (("ours", ("Northend",)), ("theirs", ("Leeds",)), ("unstated", ())):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n\n{pledge}", encoding="utf-8")
        ingest([tmp_path / f"{name}.md"], store, HashEmbedder(), IngestMeta(name, areas))
    everyone = register(Mirror(store))
    rows = everyone.all()
    flags = {r.supplier: r.flags for r in rows}
    assert {r.place for r in rows} == {"the borough"}
    assert "NOT_LOCAL" not in flags["ours"] and "NOT_LOCAL" in flags["theirs"]
    assert "NOT_LOCAL" not in flags["unstated"]  # written to this buyer: its borough is the charter's
    assert [r.supplier for r in everyone.commitments(area="Northend")] == ["ours"]  # contract-wide there
    assert everyone.commitments(area="Northend", named_only=True) == []  # but Northend is not named


def test_a_pledge_naming_no_place_is_contract_wide_not_named(mirror):
    everyone = register(mirror)
    vague = by_text(everyone.all(), "community groups")  # its document covers Testville
    assert vague.place is None and vague.areas == ["Testville"] and "NOT_LOCAL" not in vague.flags
    assert vague in everyone.commitments(area="Testville")
    assert vague not in everyone.commitments(area="Testville", named_only=True)
    assert by_text(everyone.all(), "20 apprenticeships").place == "Testville"  # named: stays


def test_status_overdue_when_the_deadline_year_has_passed(mirror):
    rows = register(mirror).all()
    assert by_text(rows, "5 apprenticeships in Northend").status == "overdue"
    assert by_text(rows, "20 apprenticeships").status == "promised"


def test_filters_and_public_audience(mirror):
    everyone, public = register(mirror), register(mirror, "public")
    assert {r.supplier for r in everyone.all()} == {"Acme", "Bolt"}
    assert {r.supplier for r in public.all()} == {"Acme"}
    assert [r.text for r in everyone.commitments(area="Northend")] == [
        "We will plant 300 trees in Northend by 2029.", "We will create 5 apprenticeships in Northend by 2020."]
    assert all("J1" in r.outcomes for r in everyone.commitments(outcome="J1"))
    assert everyone.commitments(flag="not_local")[0].place == "Leeds"
    assert [r.supplier for r in everyone.commitments(supplier="bolt")] == ["Bolt"]


def test_changing_the_charter_remaps_without_reingesting(mirror):
    other = CHARTER.replace("areas: [Testville, Northend]", "areas: [Leeds]")
    rows = register(mirror, charter=other).all()
    assert "NOT_LOCAL" not in by_text(rows, "golf day").flags
    assert "NOT_LOCAL" in by_text(rows, "20 apprenticeships").flags


def test_matrix_counts_commitments_per_supplier_and_outcome(mirror):
    matrix = register(mirror).matrix()
    assert matrix["outcomes"] == ["J1", "E1"] and matrix["suppliers"] == ["Acme", "Bolt"]
    assert matrix["counts"]["Bolt"]["J1"] == 1 and matrix["counts"]["Acme"]["E1"] >= 1


def test_exports_write_csv_and_xlsx_without_formula_injection(mirror, tmp_path):
    from openpyxl import load_workbook

    rows = register(mirror).all()
    rows[0].text = "=HYPERLINK(\"http://evil\")"
    write_csv(rows, tmp_path / "r.csv")
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("id,kind,supplier,text") and "'=HYPERLINK" in text
    assert ",status,progress,late,rating," in text.splitlines()[0]  # "deadline passed" survives the export
    write_xlsx(rows, tmp_path / "r.xlsx", register(mirror).matrix())
    book = load_workbook(tmp_path / "r.xlsx")
    assert book["Commitments"].max_row == len(rows) + 1 and book["Coverage"]["A2"].value == "Acme"
    assert book["Commitments"]["D2"].value.startswith("'=")  # the text column


def test_concurrent_callers_build_the_register_once(mirror, monkeypatch):
    import threading
    import time

    reg = register(mirror)
    built, build = [], reg._build

    def slow_build(snap, fixes, lost):
        built.append(snap)
        time.sleep(0.2)
        return build(snap, fixes, lost)

    monkeypatch.setattr(reg, "_build", slow_build)
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(reg.all())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1 and len(results) == 3 and all(r is results[0] for r in results)


def test_a_restated_promise_is_cited_again_in_the_report_and_the_csv(tmp_path):
    from assistant.register import report

    (tmp_path / "plan.md").write_text(
        "# Acme bid\n\n## Jobs\n\nWe will create 20 apprenticeships for Testville residents by March 2030.\n\n"
        "## Delivery <plan>\n\n| Commitment | Target | By |\n|---|---|---|\n"
        "| Apprenticeships for Testville residents | 20 | March 2030 |\n", encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "plan.md"], store, HashEmbedder(), IngestMeta("Acme", ("Testville",)))
    [row] = [r for r in register(Mirror(store)).all() if r.quantity == 20]
    html = report.render(register(Mirror(store)), "Acme")
    assert "Given again: “Apprenticeships for Testville residents | 20 | March 2030”" in html
    assert "Delivery &lt;plan&gt;" in html and "Delivery <plan>" not in html
    write_csv([row], tmp_path / "r.csv")
    assert "§ Delivery <plan>: Apprenticeships for Testville residents | 20 | March 2030" in (
        tmp_path / "r.csv").read_text(encoding="utf-8-sig")


def test_a_service_standard_restated_in_the_plan_of_commitments_is_one_commitment():
    """The prose reads as a service standard (it also sets an inspection time), the delivery plan
    lists it among the commitments: one row, a commitment, citing the plan's row."""
    from assistant.register.commitments import Commitment
    from assistant.register.restated import once

    def row(id, kind, text, section, unit="sheltered homes"):
        return Commitment(id, kind, text, "doc", "bid.pdf", 5, section, "Acme", 1150, unit,
                          "31 December 2025", None, [], [], "delivered", deadline_year=2025)

    prose = row("a", "service_standard", "We will complete a damp and mould survey of all 1,150 sheltered homes "
                "by 31 December 2025, and inspect every new report within 5 working days.", "Housing quality")
    plan = row("b", "commitment", "Sheltered homes given a damp and mould survey | 1,150 | 31 December 2025",
               "Delivery plan")
    [kept] = once([prose, plan])
    assert (kept.id, kept.kind, [r.id for r in kept.also]) == ("a", "commitment", ["b"])
    other = row("c", "commitment", "Homes fitted with damp sensors | 1,150 | 31 December 2025", "Delivery plan",
                "homes")
    assert len(once([row("a", "service_standard", prose.text, "Housing quality"), other])) == 2


def test_standards_sharing_only_a_time_limit_are_two_promises():
    """"Within five working days" is how fast, not what: acknowledging complaints and answering
    emails in the same time are two standards; the same standard given twice is still one."""
    from assistant.register.commitments import Commitment
    from assistant.register.restated import once

    def row(id, text, quantity=5, unit="working days"):
        return Commitment(id, "service_standard", text, "doc", "charter.md", None, "Our promises", "Trust",
                          quantity, unit, None, None, [], [], "no_evidence")

    complaints = row("a", "We will acknowledge all complaints within five working days.")
    email = row("b", "We will answer your email within five working days of receiving it.")
    keys = row("c", "We will return lost keys within five working days.")
    assert [r.id for r in once([complaints, email, keys])] == ["a", "b", "c"]
    calls, chats = row("d", "We will answer all calls within three minutes.", 3, "minutes"), row(
        "e", "We will answer live chats within three minutes.", 3, "minutes")
    assert len(once([calls, chats])) == 2
    again = row("f", "Acknowledge all complaints within 5 working days")
    [kept] = once([complaints, again])
    assert [r.id for r in kept.also] == ["f"]


def test_a_promise_without_a_figure_said_again_in_its_document_is_one_row():
    from assistant.register.commitments import Commitment
    from assistant.register.restated import once

    def row(id, text, deadline="within five years"):
        return Commitment(id, "commitment", text, "doc", "news.md", None, "News", "SRM", None, None,
                          deadline, None, [], [], "no_evidence")

    headline = row("a", "Sir Robert McAlpine commits to net zero carbon within five years")
    bullet = row("b", "Net zero carbon within five years")
    [kept] = once([headline, bullet])
    assert [r.id for r in kept.also] == ["b"]
    fleet, offices = row("c", "Reduce carbon emissions from our fleet"), row("d", "Reduce carbon emissions from our offices")
    assert len(once([fleet, offices])) == 2
    assert len(once([headline, row("e", "Net zero carbon within five years", deadline="by 2030")])) == 2


def test_a_place_beginning_a_names_fund_or_council_is_not_where_the_pledge_is(tmp_path):
    """"the UK Shared Prosperity Fund" names a fund, "Testville Council" who acts: neither is the
    pledge's place, so the document's area stands and no NOT_LOCAL is raised."""
    (tmp_path / "plan.md").write_text(
        "# Plan\n\nWe will support 40 local businesses through the UK Shared Prosperity Fund by 2027.\n"
        "Testville Council will plant 300 trees by 2028.\n", encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "plan.md"], store, HashEmbedder(), IngestMeta("Testville Council", ("Testville",)))
    rows = register(Mirror(store)).all()
    for row in (by_text(rows, "40 local businesses"), by_text(rows, "300 trees")):
        assert row.place is None and "NOT_LOCAL" not in row.flags


def test_a_promise_for_the_charters_whole_place_is_for_each_of_its_areas(tmp_path):
    """"SMEs based in Testville Borough" is for Northend too (the borough holds it), and so are
    "Testville residents": the borough's name is what its people call home, whichever ward they
    live in (a town of that name is the one area that sees the promise named)."""
    charter = CHARTER.replace("place: Testville", "place: Testville Borough")
    (tmp_path / "bid.md").write_text("# Bid\n\nWe will spend £2m with SMEs based in Testville Borough by 2028.\n"
                                     "We will create 20 apprenticeships for Testville residents by 2028.\n",
                                     encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "bid.md"], store, HashEmbedder(), IngestMeta("Acme", ("Testville", "Northend")))
    everyone = register(Mirror(store), charter=charter)
    assert by_text(everyone.all(), "£2m").place == "Testville Borough"
    assert [c.text[:20] for c in everyone.commitments(area="Northend")] == ["We will spend £2m wi",
                                                                           "We will create 20 ap"]
    assert everyone.commitments(area="Northend", named_only=True) == []
    assert "We will create 20 ap" in [c.text[:20] for c in everyone.commitments(area="Testville", named_only=True)]


def test_the_councils_own_words_in_a_suppliers_document_are_no_promise_of_the_suppliers(tmp_path):
    """A council's release on its new contractor says what the council will do too; only the
    contractor's promises are its rows. A council's own document keeps its words."""
    text = ("# New highways contract\n\nThe Council is increasing investment in the service by £1m per year.\n"
            "Kestrel Highways will create 20 apprenticeships in Testville by 2028.\n"
            # what the council is to receive from the supplier is the supplier's promise
            "Testville District Council is said to receive more than £8.8m from Kestrel Highways by 2027.\n")
    store = MemoryStore()
    for name, supplier in (("kestrel", "Kestrel Highways"), ("council", "Testville Council")):
        (tmp_path / f"{name}.md").write_text(text.replace("contract", f"contract: {name}"), encoding="utf-8")
        ingest([tmp_path / f"{name}.md"], store, HashEmbedder(), IngestMeta(supplier, ("Testville",)))
    rows = register(Mirror(store)).all()
    kestrel = [r.text for r in rows if r.supplier == "Kestrel Highways"]
    assert len(kestrel) == 2 and "20 apprenticeships" in kestrel[0] and "£8.8m" in kestrel[1]
    assert any("£1m per year" in r.text for r in rows if r.supplier == "Testville Council")
