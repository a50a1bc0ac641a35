"""The statement-kind model: its reader (lead-ins, sections, tables), its features, the shipped
weights, and the error a missing or damaged weights file gives."""

import io

import numpy as np
import pytest

from ingest.document import Block
from ingest.errors import SvaError
from ingest.kinds import DIMENSIONS, KINDS, KindModel, Sentence, features, load_model, read, shipped_model


def test_bullets_get_their_lead_in_until_a_paragraph_ends_the_list():
    blocks = [Block("Targets", heading=2), Block("Our commitments for 2025/26 are:"),
              Block("• grow local spend to 55% of contract value"),
              Block("• gain Living Wage accreditation. This covers all staff."),
              Block("We are a family business."), Block("• a stray bullet")]
    found = read(blocks)
    assert [(s.text, s.lead_in, s.section, s.bullet) for s in found] == [
        ("Our commitments for 2025/26 are:", "", "Targets", False),
        ("• grow local spend to 55% of contract value", "Our commitments for 2025/26 are:", "Targets", True),
        ("• gain Living Wage accreditation.", "Our commitments for 2025/26 are:", "Targets", True),
        ("This covers all staff.", "Our commitments for 2025/26 are:", "Targets", True),
        ("We are a family business.", "", "Targets", False),
        ("• a stray bullet", "", "Targets", True),
    ]


def test_clause_numbered_obligations_are_list_items_of_their_covenant():
    found = read([Block("The Owner covenants:"), Block("5.2 to use reasonable endeavours to secure 20 jobs")])
    assert found[1].bullet and found[1].lead_in == "The Owner covenants:"


def test_table_rows_carry_their_header_and_spans():
    table = Block("Commitment | Target\nApprentices | 20", kind="table")
    rows = read([Block("We will deliver:"), table])[1:]
    assert [(r.text, r.table_row, r.table_header) for r in rows] == [
        ("Commitment | Target", True, "Commitment | Target"), ("Apprentices | 20", True, "Commitment | Target")]
    assert table.text[rows[1].start:rows[1].end] == "Apprentices | 20"


def test_features_read_tense_modality_actor_and_lead_in():
    names = set(features(Sentence("• train 50 staff by 2026", lead_in="We will:", bullet=True)))
    assert {"r:imperative", "r:we_will", "r:quantity", "r:deadline", "rl:we_will", "ri:we_will"} <= names
    assert "r:past_first" in features(Sentence("Surpassed the target of 200 starts."))
    assert "w:<pct>" in features(Sentence("Cut waste by 45 per cent."))


@pytest.mark.parametrize("sentence, kind", [
    ("We will create 20 apprenticeships by 2026.", "commitment"),
    ("Last year we created 45 jobs.", "past_claim"),
    ("Urgent repairs will be completed within 24 hours.", "service_standard"),
    ("Our ambition is to be a zero-waste business.", "aspiration"),
])
def test_the_shipped_model_gives_sane_kinds(sentence, kind):
    assert shipped_model().predict([Sentence(sentence)]) == [kind]


def test_prediction_of_no_sentences_is_empty():
    assert shipped_model().predict([]) == []


def _npz(**arrays) -> io.BytesIO:
    handle = io.BytesIO()
    np.savez(handle, **arrays)
    handle.seek(0)
    return handle


def _truncated_shipped_file() -> io.BytesIO:
    from importlib import resources

    data = resources.files("ingest").joinpath("data/kinds.npz").read_bytes()
    return io.BytesIO(data[: len(data) // 2])


@pytest.mark.parametrize("handle", [
    io.BytesIO(b"not a model at all"),
    _truncated_shipped_file(),
    _npz(weights=np.zeros((2, 3)), bias=np.zeros(7), kinds=np.array(KINDS)),
    _npz(weights=np.zeros((len(KINDS), DIMENSIONS)), bias=np.zeros(len(KINDS)), kinds=np.array(["a", "b"])),
    _npz(bias=np.zeros(len(KINDS)), kinds=np.array(KINDS)),
])
def test_a_damaged_model_file_names_the_command_that_rebuilds_it(handle):
    with pytest.raises(SvaError, match=r"python scripts/train_kinds\.py"):
        load_model(handle)


def test_a_model_round_trips_through_its_file(tmp_path):
    model = KindModel(np.ones((len(KINDS), DIMENSIONS), dtype=np.float32), np.arange(len(KINDS), dtype=np.float32))
    model.save(tmp_path / "m.npz")
    with (tmp_path / "m.npz").open("rb") as handle:
        assert load_model(handle).predict([Sentence("anything")]) == ["other"]
