"""Issue 19 in the apps: the glossary, the notes beside each promise, the commissioner's views,
the wiring of both apps, and `sva voice export` / `sva report`."""

from __future__ import annotations

import csv
import json
import re
import time
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import ui
from assistant.app import voice_html
from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.glossary import load_glossary
from assistant.services import Services
from assistant.voice import Published, Response, Tally
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore

TERMS = ["social value", "SME", "VCSE", "apprenticeship", "Kickstart", "net zero", "scope 1", "scope 2",
         "scope 3", "s106", "KPI", "Good (rating)", "Approaching target (rating)",
         "Requires improvement (rating)", "Inadequate (rating)"]


@pytest.fixture
def services(tmp_path, monkeypatch):
    for key in [k for k in __import__("os").environ if k.startswith("SVA_")]:
        monkeypatch.delenv(key)
    services = Services(load_settings(store=tmp_path / "store"), embedder=HashEmbedder(), store=MemoryStore())
    doc = tmp_path / "offer.md"
    doc.write_text("# Jobs\n\nAcme Ltd will create 20 apprenticeships with local SMEs in Harrowden by 2027.\n",
                   "utf-8")
    secret = tmp_path / "secret.md"
    secret.write_text("# Jobs\n\nBolt Ltd will create 7 apprenticeships in Harrowden by 2030.\n", "utf-8")
    assert services.ingest([doc], IngestMeta("Acme Ltd", ("Harrowden",), "tender_response", "public")).ok
    assert services.ingest([secret], IngestMeta("Bolt Ltd", ("Harrowden",), "tender_response", "restricted")).ok
    return services


# -- the glossary ------------------------------------------------------------------------------


def test_the_bundled_glossary_explains_every_term_the_issue_names_in_one_sentence():
    glossary = load_glossary()
    listed = [t.term for t in glossary.terms]
    assert [t for t in listed if t in TERMS] == TERMS  # more may follow (the chat answers from them too)
    for term in glossary.terms:
        assert term.means.endswith(".") and term.means.count(". ") == 0, term.term


def test_terms_are_marked_in_text_only_never_inside_tags_or_twice():
    glossary = load_glossary()
    page = ('<p title="SME">20 Apprenticeships with SMEs and sme firms, net zero (Scope 3).</p>'
            '<abbr title="x">KPI</abbr><span class="sva-rating">Rating: Good</span> good')
    out = glossary.annotate(page)
    assert out.count("<abbr class=\"sva-term\"") == 5  # Apprenticeships, SMEs, net zero, Scope 3, Rating: Good
    assert '<p title="SME">' in out and "sme firms" in out and '<abbr title="x">KPI</abbr>' in out
    assert "</abbr></span> good" in out


def test_annotate_is_linear_on_pathological_pages():
    glossary = load_glossary()
    for page in ("<" * 200_000, "net " * 50_000, "<abbr>" * 30_000, "s" * 200_000 + "106"):
        started = time.perf_counter()
        glossary.annotate(page)
        assert time.perf_counter() - started < 3.0


def test_the_council_can_use_its_own_glossary_and_a_bad_one_names_the_fix(tmp_path, monkeypatch):
    own = tmp_path / "words.yaml"
    own.write_text("terms:\n  - term: ward\n    means: A part of the town that elects its own councillors.\n")
    monkeypatch.setenv("SVA_GLOSSARY", str(own))
    glossary = Services(load_settings(store=tmp_path)).glossary()
    assert "A part of the town" in glossary.annotate("<p>Your ward</p>")
    own.write_text("terms:\n  - term: ward\n")
    with pytest.raises(ConfigError, match="means"):
        load_glossary(own)
    own.write_text("terms:\n  - term: x\n    means: Some words here.\n    forms: ['<b>']\n")
    with pytest.raises(ConfigError, match="without <"):
        load_glossary(own)


# -- what the pages show ----------------------------------------------------------------------


def test_comments_are_shown_as_the_characters_typed():
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> <a href="http://x">x</a>'
    note = voice_html.notes_html(Published(Tally(1, 0, 0), (hostile,)))
    assert "<script" not in note and "<img" not in note and "<a " not in note
    assert "&lt;script&gt;" in note
    response = Response(1, "d:s0", "Acme Ltd", "<b>Town</b>", "seen", hostile, "pending", "2025-01-01T00:00:00Z")
    page = voice_html.responses_html([], [response])
    assert "<script" not in page and "&lt;b&gt;Town" in page and "#1 waiting for you" in page


def test_residents_are_invited_once_not_beside_every_promise_without_answers():
    assert voice_html.notes_html(None) == ""
    assert "have you seen any of these promises kept" in voice_html.INVITATION.lower()


def test_priorities_sit_beside_what_suppliers_offer(services):
    charter = services.charter()
    counts = [SimpleNamespace(area="Harrowden", outcome="CV1", votes=4, first=3)]
    page = voice_html.priorities_html(counts, charter, {"CV1": 2}, "Harrowden")
    assert "width:100%" in page and "0 — a gap" in page and "Commitments offered" in page
    assert "No responses yet" in voice_html.trend_html([])
    assert "width:50%" in voice_html.trend_html([("2025-01", 2, 4)])


def test_priorities_list_outcomes_in_number_order_after_the_votes(services):
    charter = services.charter()
    counts = [SimpleNamespace(area="Harrowden", outcome="CV12", votes=2, first=1)]
    page = voice_html.priorities_html(counts, charter, {}, "Harrowden")
    shown = re.findall(r"<th scope='row'>(CV\d+) ", page)
    assert shown[:4] == ["CV12", "CV1", "CV2", "CV3"] and shown.index("CV9") < shown.index("CV10"), shown


def test_a_typed_area_is_shown_as_the_charter_spells_it(tmp_path, monkeypatch):
    from assistant.register.charter import default_charter_path

    for key in [k for k in __import__("os").environ if k.startswith("SVA_")]:
        monkeypatch.delenv(key)

    services = Services(load_settings(store=tmp_path / "store", charter=default_charter_path(demo=True)),
                        embedder=HashEmbedder(), store=MemoryStore())
    (tmp_path / "offer.md").write_text("# Jobs\n\nAcme Ltd will create 20 apprenticeships in Harrowden "
                                       "by 2027.\n", "utf-8")
    assert services.ingest([tmp_path / "offer.md"], IngestMeta("Acme Ltd", ("Harrowden",), audience="public")).ok
    assert "Harrowden" in services.charter().areas
    promises = fn(ui.build_resident_app(services.public()), "promises")
    assert "1 published promise covers Harrowden," in promises("  harrowden ")
    assert "mention Nowhere Green yet" in promises("Nowhere Green")  # not the charter's: as typed
    assert "1 published promise covers Harrowden," in promises("Harowden")  # a slip of the keyboard


def test_the_priorities_tab_takes_the_area_chosen_on_the_promises_tab(services):
    """Stanmoor chosen (or typed) on the first tab is the area of "What matters to you" too; the
    tabs agree on "your area" (saving had failed with "Choose your area", or kept an older one)."""
    app = ui.build_resident_app(services.public())
    refresh = next(f for f in app.fns.values() if f.fn.__name__ == "refresh")
    assert len(refresh.inputs) == 2
    assert refresh.fn(None, "Stanmoor")[0]["value"] == "Stanmoor"
    assert refresh.fn("Millbrook", "Stanmoor")[0]["value"] == "Stanmoor"  # the area chosen there since
    assert refresh.fn("Millbrook", "")[0]["value"] == "Millbrook"
    assert refresh.fn(None, None)[0]["value"] is None


def fn(blocks, api_name: str):
    """The handler of the event named ``api_name`` (called directly, without a server)."""
    return next(f.fn for f in blocks.fns.values() if f.api_name == api_name)


def test_both_apps_offer_the_new_events_and_residents_nothing_more(services):
    names = lambda blocks: {d.get("api_name") for d in blocks.get_config_file()["dependencies"]}  # noqa: E731
    resident = names(ui.build_resident_app(services.public()))
    assert {"rank_priorities", "say_seen"} <= resident and "moderate" not in resident
    assert "moderate" in names(ui.build_commissioner_app(services))
    assert {"rank_priorities", "say_seen", "moderate"} <= ui.PUBLIC_EVENTS


def test_the_notes_beside_promises_show_only_what_was_published(services):
    public = services.public()
    [promise] = public.register().commitments(area="Harrowden")
    assert promise.supplier == "Acme Ltd"
    public.voice().tell(promise, "Harrowden", "seen", "Seen them at the depot", "1.1.1.1", "a")
    from assistant.app.tabs.residents import promise_notes

    assert promise_notes(public)(promise) == ""  # nothing beside it until a commissioner publishes
    voice = services.voice()
    voice.moderate(voice.responses()[0].id, "published")
    shown = promise_notes(public)(promise)
    assert "1 resident has seen this happen" in shown and "Seen them at the depot" in shown


# -- the command line -------------------------------------------------------------------------


def test_voice_export_writes_the_contract_and_a_csv_and_the_report_has_a_summary(services, tmp_path):
    from assistant.cli import app

    public = services.public()
    [promise] = public.register().commitments(area="Harrowden")
    public.voice().tell(promise, "Harrowden", "not_seen", "=HYPERLINK(\"http://x\")", "1.1.1.1", "a")
    public.voice().rank(services.charter(), "Harrowden", ["CV1", "CV5"], "1.1.1.1", "a", ("Harrowden",))
    voice = services.voice()
    voice.moderate(voice.responses()[0].id, "published")
    store = str(services.settings.store)
    runner = CliRunner()
    done = runner.invoke(app, ["voice", "export", "--store", store, "--area", "harrowden", "--json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["priorities"][0] == {"area": "Harrowden", "outcome": "CV1", "votes": 1}
    assert data["responses"] == [{"commitment_id": promise.id, "area": "Harrowden", "seen": 0, "not_seen": 1,
                                  "dont_know": 0, "published_comments": ['=HYPERLINK("http://x")']}]
    out = tmp_path / "voice.csv"
    assert runner.invoke(app, ["voice", "export", "--store", store, "--csv", str(out)]).exit_code == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0][0] == "type" and all(not cell.startswith("=") for row in rows for cell in row)
    empty = runner.invoke(app, ["voice", "export", "--store", str(tmp_path / "none"), "--json"])
    assert json.loads(empty.stdout) == {"priorities": [], "responses": []}
    assert not (tmp_path / "none" / "voice.sqlite3").exists()

    from assistant.cli.voice import voice_section
    from assistant.register import report

    register = services.register("all")
    page = report.render(register, "Acme Ltd", None, voice_section(services.settings.store, register, None))
    assert "What residents say" in page and "=HYPERLINK(&quot;http://x&quot;)" in page
    assert "Good local jobs" in page


def test_after_an_answer_is_saved_the_form_starts_afresh(services):
    """Pressing Send again by mistake must not replace the answer and comment just sent with one
    without a comment: the promise, the answer and the comment are cleared once saved."""
    send = fn(ui.build_resident_app(services.public()), "say_seen")
    promise = next(c.id for c in services.public().register().commitments(area="Harrowden"))
    request = SimpleNamespace(client=SimpleNamespace(host="1.1.1.1"), session_hash="page-1")
    said, chosen, answer, comment = send("Harrowden", promise, "seen", "The apprentices started in May.", request)
    assert "Thank you" in said and (chosen, answer, comment) == (None, None, "")
    refused, *kept = send("Harrowden", None, "seen", "", request)
    assert "not saved" in refused and all(k == {"__type__": "update"} for k in kept)
