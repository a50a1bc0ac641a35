"""HTML made for the app: document text is always shown as text, never run as markup."""

import re
from importlib import resources
from types import SimpleNamespace

import pytest

from assistant.answers.base import Answer, Citation
from assistant.app import charter_view, render
from assistant.app.history import plain_history
from assistant.library import IngestReport
from assistant.register.commitments import Commitment
from assistant.register.delivery import Evidence
from assistant.register.restated import Restatement
from ingest.records import Provenance

NASTY = ('We will create 15 apprenticeships <script>window.x=1</script> in Harrowden by 2027 '
         '<img src=x onerror="alert(1)"> & more "quotes" \'too\'.')
ALLOWED = {"div", "p", "br", "details", "summary", "blockquote", "mark", "strong", "a", "wbr", "ul",
           "li", "span", "section", "h3", "table", "caption", "thead", "tbody", "tr", "th", "td",
           "abbr", "em"}


def tags(markup: str) -> set[str]:
    return {t.lower() for t in re.findall(r"</?([a-zA-Z0-9]+)", markup)}


def assert_inert(markup: str) -> None:
    assert tags(markup) <= ALLOWED, tags(markup) - ALLOWED
    assert "onerror=" not in markup.replace("onerror=&quot;", "")  # only as escaped text
    assert not re.search(r"<(script|img|svg|iframe)", markup, re.I)


def commitment(**overrides):
    values = dict(id="d:s1", text=NASTY, doc_id="abc123", source="bid_<b>.md", page=3,
                  section="Jobs & <i>skills</i>", supplier="Acme <Ltd>", quantity=15.0,
                  unit="apprenticeships", deadline="2027", place="Harrowden", areas=["Harrowden"],
                  outcomes=["CV1"], flags=["VAGUE", "NOT_LOCAL"], status="partly", progress=60.0,
                  quote=NASTY, evidence=[], doc_type="tender_response", also=[])
    values.update(overrides)
    return Commitment(kind="commitment", **values)


def evidence(quote: str, **overrides) -> Evidence:
    values = dict(quote=quote, quantity=None, unit=None, doc_id="r1", source="r.pdf", page=2, section="",
                  score=0.9)
    values.update(overrides)
    return Evidence(**values)


def test_highlight_marks_only_escaped_text():
    text = "Intro line.\n" + NASTY + "\nAfter."
    quote = "apprenticeships <script>window.x=1</script> in   Harrowden"
    out = render.highlight(text, quote)
    assert_inert(out)
    assert out.count("<mark>") == 1
    marked = re.search(r"<mark>(.*?)</mark>", out).group(1)
    assert marked == "apprenticeships &lt;script&gt;window.x=1&lt;/script&gt; in Harrowden"
    assert "Intro line.<br>" in out


def test_highlight_without_the_quote_shows_the_start_unmarked():
    out = render.highlight("x" * 2000, "not there", context=100)
    assert "<mark>" not in out and out.endswith("…") and len(out) < 300


def test_answer_footnotes_open_on_the_passage_with_the_quote_highlighted():
    answer = Answer("q?", "We will create 15 apprenticeships <script>. [1]", True,
                    citations=[Citation(1, "abc123", "bid_<b>.md", 3, "Jobs & <i>skills</i>", NASTY)])
    chunk = SimpleNamespace(text="Before. " + NASTY + " After.", audience="public")
    out = render.answer_html(answer, lambda doc_id, quote: chunk, note="and in <Leeds>?",
                             link=render.doc_link("/commissioner"))
    assert_inert(out)
    assert "<details" in out and "<summary>[1] <strong>bid_&lt;b&gt;.md</strong>, page 3, " \
                                 "section “Jobs &amp; &lt;i&gt;skills&lt;/i&gt;”</summary>" in out
    assert out.count("<mark>") == 1 and "Before. " in out
    assert 'href="/commissioner/source/abc123#page=3"' in out
    assert "Taking your question as: “and in &lt;Leeds&gt;?”" in out
    assert "Sources" in out


def test_a_citation_without_its_passage_still_shows_the_quote():
    answer = Answer("q", "A [1]", True, citations=[Citation(1, "d", "s.md", None, "", "<b>quoted</b>")])
    out = render.answer_html(answer, lambda doc_id, quote: None)
    assert_inert(out)
    assert "<mark>&lt;b&gt;quoted&lt;/b&gt;</mark>" in out and "sva-doc" not in out  # no document link


def test_partial_and_plain_history():
    assert render.partial_html("a <b>\nb") == '<div class="sva-answer"><p class="sva-answer-text">a &lt;b&gt;<br>b</p></div>'
    answer = Answer("q", "Acme will create 20 apprenticeships. [1]", True,
                    citations=[Citation(1, "d", "s.md", 1, "", "secret passage words")])
    shown = render.answer_html(answer, lambda d, q: SimpleNamespace(text="secret passage words", audience="public"), "x")
    history = [{"role": "user", "content": "How many?"}, {"role": "assistant", "content": shown},
               {"role": "user", "content": [{"type": "text", "text": "And & in Leeds?"}]}]
    plain = plain_history(history)
    assert plain[1] == {"role": "assistant", "content": "Acme will create 20 apprenticeships. [1]"}
    assert plain[2]["content"] == "And & in Leeds?"


def test_register_table_flags_at_a_glance_and_escaped():
    rows = [commitment(), commitment(id="d:s2", flags=[], status="delivered", text="Plant 300 trees.")]
    out = render.register_html(rows, render.doc_link(""), None)
    assert_inert(out)
    assert "2 commitments, 1 flagged" in out and out.count("sva-flagged") == 1
    assert "⚑ VAGUE" in out and "⚑ NOT_LOCAL" in out and "has no target it can be measured by" in out
    assert "Reported as partly delivered (60% of the promise)" in out
    assert "data-label='Flags'" in out and "Acme &lt;Ltd&gt;" in out and "15 apprenticeships" in out
    assert render.register_html([], None) == "<p>No commitments match these filters.</p>"


def test_a_bare_rate_is_shown_as_how_often():
    """"£5,000 per year": the deadline says how often, so "By when" reads "every year", not "per year"."""
    rows = [commitment(deadline="per year"), commitment(id="d:s2", deadline="each quarter")]
    table = render.register_html(rows, render.doc_link(""), None)
    assert "every year" in table and "per year" not in table and "each quarter" in table
    card = render.promises_html("Harrowden", [commitment(deadline="annual")], [], render.doc_link(""))
    assert "Due: every year" in card


def test_a_promise_given_again_shows_where_under_its_source_escaped():
    again = Restatement("d:s9", Provenance("abc123", "bid_<b>.md", 7, "Delivery <plan>"), NASTY)
    out = render.register_html([commitment(also=[again])], render.doc_link(""), None)
    assert_inert(out)
    assert "also given: p. 7, § Delivery &lt;plan&gt;" in out


def test_coverage_heatmap_shades_by_count_and_shows_every_number():
    charter = SimpleNamespace(outcomes=[SimpleNamespace(id="CV1", title="Jobs <now>"),
                                        SimpleNamespace(id="CV2", title="Trees")])
    matrix = {"suppliers": ["Acme", "Bolt"], "outcomes": ["CV1", "CV2"],
              "counts": {"Acme": {"CV1": 8, "CV2": 0}, "Bolt": {"CV1": 1, "CV2": 4}}}
    out = charter_view.coverage_html(matrix, charter)
    assert_inert(out)
    assert "sva-heat-5' title='Acme: 8 commitments for CV1 Jobs &lt;now&gt;'>8<" in out
    assert "sva-heat-0' title='Acme: 0 commitments for CV2 Trees'>0<" in out
    assert "sva-heat-1' title='Bolt: 1 commitment for CV1" in out


def test_comparison_puts_suppliers_side_by_side():
    charter = SimpleNamespace(outcomes=[SimpleNamespace(id="CV1", title="Jobs"),
                                        SimpleNamespace(id="CV2", title="Trees")])
    rows = [commitment(supplier="Acme", outcomes=["CV1"]), commitment(supplier="Bolt", outcomes=[])]
    out = charter_view.comparison_html(rows, ["Acme", "Bolt"], charter)
    assert_inert(out)
    assert out.count("nothing offered") == 3 and "1 commitment, 0 unflagged" in out


def test_promises_for_residents_name_the_area_first_then_contract_wide():
    named = [commitment(supplier="Acme", status="overdue", progress=None)]
    wider = [commitment(supplier="Acme", id="x", text="Contract-wide pledge.", status="promised",
                        evidence=[evidence("We did <it>.")])]
    out = render.promises_html("Harrowden <Ward>", named, wider, render.doc_link(""))
    assert_inert(out)
    assert "2 published promises cover Harrowden &lt;Ward&gt;" in out
    assert "Deadline passed, not reported as delivered" in out and "Due: 2027" in out
    assert "1 promise for the whole contract area" in out
    assert "The supplier reported: “We did &lt;it&gt;.”" in out and 'href="/source/r1#page=2"' in out
    assert "No published promises mention" in render.promises_html("Nowhere", [], [])


def test_residents_read_a_table_row_with_its_column_names():
    row = commitment(text="Trees planted | 300 by 2029", columns="Commitment | Target", evidence=[
        evidence("Trees planted | 300 by 2029 | 320 | Achieved", columns="Commitment | Target | Delivered | Status")])
    out = render.promises_html("Harrowden", [row], [], render.doc_link(""))
    assert "<div>Trees planted — Target: 300 by 2029</div>" in out
    assert "The supplier reported: “Trees planted — Target: 300 by 2029; Delivered: 320; Status: Achieved”" in out
    assert "|" not in out.split("<ul class='sva-promises'>", 1)[1]


def test_residents_read_a_list_item_after_its_lead_in_escaped():
    row = commitment(evidence=[evidence("- provided 41 <b>work</b> placements;", lead="In year 1 <i>we</i>:")])
    out = render.promises_html("Harrowden", [row], [], render.doc_link(""))
    assert_inert(out)
    assert "The supplier reported: “In year 1 &lt;i&gt;we&lt;/i&gt;: provided 41 &lt;b&gt;work&lt;/b&gt; placements.”" in out


def test_markup_in_a_table_rows_cells_and_column_names_stays_text():
    row = commitment(text="Trees <b>planted</b> | <script>x()</script>", columns="Commit<i>ment</i> | <img src=x>",
                     evidence=[evidence("Trees | <svg onload=y()>", columns="<a href=z>What</a> | Done")])
    for out in (render.promises_html("Harrowden", [row], [], render.doc_link("")),
                render.register_html([row], render.doc_link(""), None)):
        assert_inert(out)
        assert "Trees &lt;b&gt;planted&lt;/b&gt; — &lt;img src=x&gt;: &lt;script&gt;x()&lt;/script&gt;" in out
    resident = render.promises_html("Harrowden", [row], [], render.doc_link(""))
    assert "“Trees — Done: &lt;svg onload=y()&gt;”" in resident


def test_a_report_of_the_work_at_another_site_says_so_to_residents():
    row = commitment(status="needs_review", evidence=[
        evidence("20 charging points were installed at our Millbrook hub.", role="elsewhere")])
    out = render.promises_html("Harrowden", [row], [], render.doc_link(""))
    assert "Reported, but at another site than the one promised: “20 charging points" in out


def test_ingest_report_says_plainly_what_was_skipped_and_why():
    report = IngestReport(ingested=[{"path": "/s/uploads/Acme/bid.md", "doc_id": "d", "chunks": 4,
                                     "commitments": 2}],
                          unchanged=["/s/uploads/Acme/old.md"],
                          skipped=[{"path": "/s/uploads/Acme/<bad>.pdf", "reason": "not a PDF <really>"}],
                          seconds=1.25)
    out = render.ingest_report_html(report)
    assert_inert(out)
    assert 'role="alert"' in out and "1 file could not be added" in out
    assert "<strong>&lt;bad&gt;.pdf</strong>: not a PDF &lt;really&gt;" in out
    assert "bid.md</strong>: 4 passages, 2 commitments found" in out and "old.md" in out
    assert "/s/uploads" not in out and "1.2 s" in out


def test_documents_table_and_charter_view():
    doc = SimpleNamespace(doc_id="d1", source="a_b.pdf", supplier="Acme", areas=["X"],
                          doc_type="tender_response", audience="restricted", chunks=3,
                          commitments=1, ingested_at="2026-11-25T10:00:00")
    out = render.documents_html([doc], render.doc_link("/commissioner"))
    assert_inert(out)
    assert "Restricted — commissioners only" in out and "2026-11-25" in out
    assert 'href="/commissioner/source/d1"' in out
    charter = SimpleNamespace(name="Charter <x>", place="P", areas=["A"], outcomes=[SimpleNamespace(
        id="CV1", theme="jobs_skills", title="T", description="D <d>", measures=[
            SimpleNamespace(id="CV1.1", text="M", unit="count")])])
    out = charter_view.charter_html(charter, "the charter uploaded for this store")
    assert_inert(out)
    assert "Charter &lt;x&gt;" in out and "Jobs and skills" in out and "D &lt;d&gt;" in out
    assert "jobs skills" not in out and "jobs_skills" not in out


def test_every_charter_theme_has_one_human_label():
    from assistant.vocab import THEMES

    assert set(render.THEME_TEXT) == set(THEMES)
    assert render.theme_text("equality") == "Equality, diversity and inclusion"
    assert render.theme_text("safety_quality") == "Safety and quality"


def test_the_charter_view_names_where_it_comes_from_never_a_server_path(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    origins = [charter_view.charter_origin(None, store), charter_view.charter_origin(store / "charter.yaml", store),
               charter_view.charter_origin(tmp_path / "etc" / "my_charter.yaml", store)]
    assert origins[0] == "the charter that ships with sva"
    assert origins[1] == "the charter uploaded for this store"
    assert all(str(tmp_path) not in o and "/" not in o and ".yaml" not in o for o in origins)


def test_counts_agree_with_their_nouns():
    assert render.count(1, "promise") == "1 promise" and render.count(2, "promise") == "2 promises"
    one = commitment(text="We will plant trees.", supplier="Acme", flags=[])
    out = render.promises_html("Harrowden", [one], [])
    assert "1 published promise covers Harrowden, from 1 supplier." in out
    out = render.promises_html("Harrowden", [one], [commitment(supplier="Acme")])
    assert "2 published promises cover Harrowden" in out and "1 promise for the whole contract" in out
    doc = SimpleNamespace(doc_id="d1", source="a.pdf", supplier="", areas=[], doc_type="other",
                          audience="public", chunks=1, commitments=1, ingested_at="2026-11-25")
    assert "1 document in the store" in render.documents_html([doc])
    assert "1 commitment, 0 flagged" in render.register_html([commitment(flags=[])])


def test_no_promises_for_an_area_points_to_the_ask_tab():
    out = render.promises_html("Atlantis", [], [])
    assert "“Ask a question” tab" in out and "below" not in out


def test_a_restricted_source_is_marked_in_the_answer():
    answer = Answer("q?", "Rates are fixed. [1] Trees. [2]", True, citations=[
        Citation(1, "secret", "rates.txt", None, "", "Rates are fixed."),
        Citation(2, "open", "bid.md", 2, "", "Trees.")])
    chunks = {"secret": SimpleNamespace(text="Rates are fixed.", audience="restricted"),
              "open": SimpleNamespace(text="Trees.", audience="public")}
    out = render.answer_html(answer, lambda doc_id, quote: chunks[doc_id])
    assert_inert(out)
    first, second = out.split("<details")[1:]
    assert ">restricted</span>" in first and "restricted" not in second


def test_the_heatmap_key_shows_the_colours_it_names():
    """The key draws the gap cell it describes; and that cell is orange, as the key says."""
    import colorsys

    charter = SimpleNamespace(outcomes=[SimpleNamespace(id="CV1", title="Jobs"),
                                        SimpleNamespace(id="CV2", title="Spend")])
    matrix = {"suppliers": ["Acme"], "outcomes": ["CV1", "CV2"], "counts": {"Acme": {"CV1": 3, "CV2": 0}}}
    out = charter_view.coverage_html(matrix, charter)
    key, table = out.split("<table", 1)
    assert re.search(r"sva-heat-0' title='[^']*'>0</span>", table)
    assert "<span class='sva-heat sva-heat-0'>0</span>" in key
    assert "on orange is a gap" in key and "Darker blue" in key
    css = resources.files("assistant").joinpath("data/app.css").read_text(encoding="utf-8")
    colour = re.search(r"\.sva-heat-0 \{ background: #([0-9a-f]{6})", css).group(1)
    hue, _, _ = colorsys.rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)))
    assert 15 <= hue * 360 <= 45  # orange, not red


def test_a_long_list_of_places_is_shortened_to_two_and_a_count():
    row = commitment(text="We will hold open days.", supplier="Acme", quantity=None, unit=None,
                     deadline=None, place="Harrowden, Millbrook, Stanmoor, Oakley Vale <b>",
                     areas=[], outcomes=[], flags=[], status="no_evidence", progress=None,
                     source="bid.md", page=1, doc_id="d1")
    out = render.register_html([row])
    assert "Harrowden, Millbrook <span" in out and "+2 more" in out
    assert "Stanmoor, Oakley Vale &lt;b&gt;" in out and "<b>" not in out  # all there, escaped
    row.place = "Harrowden, Millbrook, Stanmoor"
    assert "Harrowden, Millbrook, Stanmoor" in render.register_html([row])


@pytest.mark.parametrize("quantity, unit, shown", [
    (2_000_000.0, "£", "£2,000,000"), (90.0, "%", "90%"), (15.0, "apprenticeships", "15 apprenticeships")])
def test_the_register_writes_amounts_as_people_do(quantity, unit, shown):
    cell = f"<td data-label='How much'><span class='sva-cell-label'>How much: </span>{shown}</td>"
    assert cell in render.register_html([commitment(quantity=quantity, unit=unit)])


def test_a_document_opens_in_a_new_tab_and_the_page_keeps_its_place():
    new_tab = 'target="_blank" rel="noopener noreferrer"'
    ref = render.source_ref("bid.pdf", 4, "Jobs", "d1", render.doc_link(""))
    assert ref.startswith(f'<a class="sva-doc" href="/source/d1#page=4" {new_tab}>bid.pdf</a>')
    answer = Answer("q", "A [1]", True, citations=[Citation(1, "d1", "bid.pdf", 4, "", "q")])
    opener = render.answer_html(answer, lambda doc_id, quote: None, link=render.doc_link(""))
    assert f'{new_tab}>Open the whole document</a>' in opener


def test_a_file_read_again_is_not_reported_as_added():
    report = IngestReport(ingested=[{"path": "/s/bid.md", "doc_id": "d", "chunks": 4, "commitments": 2}],
                          seconds=0.5)
    out = render.ingest_report_html(report, again=True)
    assert "Read 1 file again:" in out and "Added" not in out
    assert "bid.md</strong>: 4 passages, 2 commitments found" in out
    skipped = IngestReport(skipped=[{"path": "/s/bid.md", "reason": "unreadable"}])
    assert "1 file could not be read again" in render.ingest_report_html(skipped, again=True)


def test_outcome_ids_sort_as_people_count():
    ids = ["CV10", "CV2", "cv1", "CV14", "CV1.10", "CV1.2", "A"]
    assert sorted(ids, key=render.natural_key) == ["A", "cv1", "CV1.2", "CV1.10", "CV2", "CV10", "CV14"]
