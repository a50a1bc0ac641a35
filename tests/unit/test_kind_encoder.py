"""The kind encoder and the blend: what the encoder reads, when it is asked, how its file is kept,
and that the shipped blend reads tense the hashed-feature model misses."""

import io

import numpy as np
import pytest

from ingest.errors import SvaError
from ingest.kind_encoder import pair, read_weights, write_weights
from ingest.kinds import DIMENSIONS, KINDS, BlendedKinds, KindModel, Sentence, shipped_model


def test_the_encoder_reads_a_sentence_with_its_table_header_then_lead_in_else_section():
    assert pair(Sentence("Apprentices | 20", "We will deliver:", "Jobs", True, "Commitment | Target")) == (
        "Apprentices | 20", "Commitment | Target ; We will deliver:")
    assert pair(Sentence("• train 50 staff", lead_in="We will:", section="Skills")) == ("• train 50 staff", "We will:")
    assert pair(Sentence("We will plant trees.", section="Environment")) == ("We will plant trees.", "Environment")
    assert pair(Sentence("Environment", section="Environment")) == ("Environment", "")


class Scripted:
    """A second reader that says the same kind for every sentence, and records what it was asked."""

    def __init__(self, kind: str) -> None:
        self.row = np.eye(len(KINDS), dtype=np.float32)[KINDS.index(kind)]
        self.asked: list[str] = []

    def probabilities(self, sentences):
        self.asked += [s.text for s in sentences]
        return np.tile(self.row, (len(sentences), 1))


def _leaning(kind: str, strength: float) -> KindModel:
    """A hashed-feature model that gives ``kind`` a fixed lead over the other kinds, whatever it reads."""
    bias = np.zeros(len(KINDS), dtype=np.float32)
    bias[KINDS.index(kind)] = strength
    return KindModel(np.zeros((len(KINDS), DIMENSIONS), dtype=np.float32), bias)


def test_the_encoder_is_asked_only_where_the_first_model_sees_a_register_kind():
    sure_other = Scripted("commitment")
    assert BlendedKinds(_leaning("other", 6.0), sure_other, 0.3, 0.2).predict([Sentence("a")]) == ["other"]
    assert sure_other.asked == []  # p(commitment) + p(service_standard) is below the gate
    unsure = Scripted("past_claim")
    blend = BlendedKinds(_leaning("commitment", 1.0), unsure, 0.3, 0.2)
    first = _leaning("commitment", 1.0).probabilities([Sentence("b")])[0]
    found = blend.probabilities([Sentence("b")])[0]
    assert unsure.asked == ["b"]
    assert np.allclose(found, 0.7 * first + 0.3 * unsure.row)  # the weight is the encoder's share


def test_a_lead_the_encoder_cannot_overturn_is_not_read_twice():
    scripted = Scripted("past_claim")
    # commitment leads by more than 0.3 / 0.7 of probability: a 30% vote cannot change the kind
    assert BlendedKinds(_leaning("commitment", 4.0), scripted, 0.3, 0.2).predict([Sentence("c")]) == ["commitment"]
    assert scripted.asked == []


def test_a_sentence_gets_the_same_kind_whatever_shares_its_document():
    from ingest.kind_encoder import shipped_encoder

    encoder, _ = shipped_encoder()
    alone = encoder.probabilities([Sentence("We held two events in Leeds in 2025.", section="Jobs")])
    encoder.forget()
    crowd = [Sentence(f"We will create {n} apprenticeships in Leeds by 2030.", section="Jobs") for n in range(40)]
    among = encoder.probabilities(crowd + [Sentence("We held two events in Leeds in 2025.", section="Jobs")])
    assert np.array_equal(alone[0], among[-1])


def test_a_confident_encoder_outvotes_an_unsure_first_model():
    blend = BlendedKinds(_leaning("commitment", 0.5), Scripted("past_claim"), 0.5, 0.2)
    assert blend.predict([Sentence("We held two events.")]) == ["past_claim"]


def test_blend_settings_are_checked():
    with pytest.raises(SvaError, match="weight and gate"):
        BlendedKinds(_leaning("other", 1.0), Scripted("other"), 1.5, 0.2)


def test_weights_round_trip_as_int8_rows(tmp_path):
    rng = np.random.default_rng(0)
    weights = {"bert.encoder.layer.5.output.dense.weight": rng.normal(size=(8, 4)).astype(np.float32),
               "head.bias": rng.normal(size=7).astype(np.float32)}
    write_weights(tmp_path / "e.npz", weights, {"labels": list(KINDS), "max_length": 128})
    with (tmp_path / "e.npz").open("rb") as handle:
        back, settings = read_weights(handle)
    assert settings["max_length"] == 128 and set(back) == set(weights)
    matrix = weights["bert.encoder.layer.5.output.dense.weight"]
    assert np.abs(back["bert.encoder.layer.5.output.dense.weight"] - matrix).max() <= np.abs(matrix).max() / 127
    assert np.allclose(back["head.bias"], weights["head.bias"], atol=1e-2)


def _saved(settings: dict, **weights) -> io.BytesIO:
    handle = io.BytesIO()
    np.savez(handle, settings=np.array(__import__("json").dumps(settings)), **weights)
    handle.seek(0)
    return handle


@pytest.mark.parametrize("handle", [
    io.BytesIO(b"not an encoder"),
    _saved({"labels": ["a", "b"]}),
    _saved({"labels": list(KINDS)}, **{"head.bias": np.array([np.nan] * 7)}),
    _saved({}),
])
def test_a_damaged_encoder_file_names_the_command_that_rebuilds_it(handle):
    with pytest.raises(SvaError, match=r"python scripts/train_kind_encoder\.py"):
        read_weights(handle)


@pytest.mark.parametrize("sentence, kind", [
    ("We held two Meet the Buyer events in Harrowden, at the Civic Centre in June 2025.", "past_claim"),
    ("The Community Fund awarded the full £20,000 to 14 residents associations.", "past_claim"),
    ("We will create 20 apprenticeships for Harrowden residents by March 2027.", "commitment"),
    ("We will support local community groups.", "commitment"),  # vague, but a promise: flagged, not dropped
])
def test_the_shipped_blend_reads_tense_and_keeps_vague_pledges(sentence, kind):
    assert shipped_model().predict([Sentence(sentence, section="Local economy")]) == [kind]
