"""A commissioner's corrections to the register: a row's kind put right (or the row taken out as
no promise), applied in every view, kept with who and why, surviving a re-read of the document."""

from __future__ import annotations

import pytest

from assistant.errors import StoreError
from assistant.library import ingest
from assistant.register.corrections import Corrections, row_key
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder
from tests.unit.test_register import BID, by_text, mirror, register  # noqa: F401  (fixture)

GOLF = "sponsor a golf day"
TREES = "plant 300 trees"


@pytest.fixture
def fixes(tmp_path):
    return Corrections(tmp_path / "folder" / "corrections.sqlite3")


def corrected(mirror, fixes, audience="all"):  # noqa: F811
    r = register(mirror, audience)
    r.corrections = fixes.current
    return r


def test_a_store_without_corrections_creates_no_file(fixes):
    assert fixes.current() == {} and fixes.history() == [] and not fixes.path.exists()


def test_a_corrected_kind_is_in_force_everywhere_with_who_and_why(mirror, fixes):  # noqa: F811
    r = corrected(mirror, fixes)
    golf = by_text(r.all(), GOLF)
    assert golf.kind == "commitment"
    fixes.save(golf, "service_standard", "  the contract's   events budget ", "anna")
    row = by_text(r.all(), GOLF)
    assert (row.kind, row.read_as) == ("service_standard", "commitment")
    data = row.as_json()
    assert data["kind"] == "service_standard" and data["correction"]["by"] == "anna"
    assert data["correction"]["note"] == "the contract's events budget" and data["correction"]["read_as"] == "commitment"
    assert [c for c in r.all() if c.supplier == "Acme"][-1].text == row.text  # after its commitments
    assert GOLF not in " ".join(c.text for c in r.commitments(kind="commitment"))
    assert by_text(r.as_read(), GOLF).kind == "commitment"  # what sva read is kept
    assert by_text(r.all(), TREES).correction is None and by_text(r.all(), TREES).as_json()["correction"] is None


def test_not_a_promise_takes_the_row_out_for_residents_too_and_undo_puts_it_back(mirror, fixes):  # noqa: F811
    r, public = corrected(mirror, fixes), corrected(mirror, fixes, "public")
    trees = by_text(r.all(), TREES)
    before = len(r.all())
    fixes.save(trees, "not_a_promise", "a photo caption", "anna")
    assert len(r.all()) == before - 1 and TREES not in " ".join(c.text for c in public.all())
    fixes.save(trees, "", "", "ben")  # undone
    assert by_text(r.all(), TREES).kind == "commitment" and len(r.all()) == before
    assert [(h.kind, h.who) for h in fixes.history()] == [("not_a_promise", "anna"), ("", "ben")]


def test_a_correction_survives_reading_the_document_again(mirror, fixes, tmp_path):  # noqa: F811
    r = corrected(mirror, fixes)
    golf = by_text(r.all(), GOLF)
    fixes.save(golf, "not_a_promise", "", "anna")
    assert fixes.current()[row_key(golf.supplier, golf.text)].row_id == golf.id
    ingest([tmp_path / "acme.md"], mirror.store, HashEmbedder(), IngestMeta("Acme", ("Testville",), audience="public"),
           reread=True)
    assert GOLF not in " ".join(c.text for c in r.all())


def test_only_the_known_kinds_are_saved_and_a_bad_file_is_a_clear_error(mirror, fixes, tmp_path):  # noqa: F811
    row = register(mirror).all()[0]
    with pytest.raises(ValueError, match="not_a_promise"):
        fixes.save(row, "aspiration", "", "anna")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    assert Corrections(bad).current() == {}  # the register is still shown (as read), with a warning
    with pytest.raises(StoreError, match="corrections"):
        Corrections(bad).history()
    with pytest.raises(StoreError, match="corrections"):
        Corrections(bad).save(row, "service_standard", "", "anna")


def test_a_corrected_row_is_judged_as_its_new_kind_so_a_restated_promise_stays_one_row(tmp_path, fixes):
    from dataclasses import replace

    from assistant.search.mirror import Mirror
    from tests.fakes import MemoryStore

    plan = ("# Acme bid\n\n## Local economy\n\nWe commit to spending £2m with local SMEs in Testville by "
            "31 March 2028.\n\n## Delivery plan\n\n| Commitment | Target | By |\n|---|---|---|\n"
            "| Spending with Testville SMEs | £2m | 31 March 2028 |\n")
    (tmp_path / "plan.md").write_text(plan, encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "plan.md"], store, HashEmbedder(), IngestMeta("Acme", ("Testville",)))
    for key, (s, v) in list(store.statement_rows.items()):  # as if the model read the prose wrong
        if s.text.startswith("We commit"):
            store.statement_rows[key] = (replace(s, kind="service_standard"), v)
    r = register(Mirror(store))
    r.corrections = fixes.current
    # the plan lists it among the commitments: one row, a commitment, citing the plan's row
    assert [(c.kind, len(c.also)) for c in r.all() if c.quantity == 2_000_000] == [("commitment", 1)]
    prose = next(c for c in r.all() if c.text.startswith("We commit"))
    fixes.save(prose, "service_standard", "", "anna")  # a person's word outranks the plan's
    money = [c for c in r.all() if c.quantity == 2_000_000]
    assert [(c.kind, len(c.also)) for c in money] == [("service_standard", 1)] and money[0].correction is not None


def test_a_correction_to_what_sva_read_is_refused_and_a_repeat_keeps_its_note(mirror, fixes):  # noqa: F811
    from assistant.register.corrections import CorrectionError

    golf = by_text(register(mirror).as_read(), GOLF)
    with pytest.raises(CorrectionError, match="nothing to correct"):
        fixes.save(golf, "commitment", "", "anna")
    fixes.save(golf, "service_standard", "events budget", "anna")
    with pytest.raises(CorrectionError, match="undo the correction in force"):
        fixes.save(golf, "commitment", "", "anna")
    assert fixes.save(golf, "service_standard", "", "ben").note == "events budget"
    assert fixes.in_force(golf).who == "ben" and fixes.in_force(golf).note == "events budget"
