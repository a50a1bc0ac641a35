"""The real model through every backend: int8 ONNX and torch bf16 agree with torch fp32."""

import numpy as np
import pytest

from assistant.backends.embedders import (
    AutoEmbedder,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    native_bf16,
)
from assistant.backends.onnx_export import cache_path

pytestmark = pytest.mark.integration

TEXTS = ["We will create 20 apprenticeships for Harrowden residents by March 2027.",
         "Spend with local SMEs", "The capital of France is Paris.",
         "Brightstone Construction Ltd > 5. Environment and Net Zero\nWe will reduce site carbon "
         "emissions on this contract by 30% by 2028 against our 2024/25 baseline. " * 6]


def test_onnx_int8_matches_torch_and_shares_its_identity():
    onnx, torch_model = OnnxEmbedder(), SentenceTransformerEmbedder()
    fast, reference = onnx.embed(TEXTS), torch_model.embed(TEXTS)
    assert fast.shape == reference.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-3)
    assert float((fast * reference).sum(axis=1).min()) > 0.97
    assert onnx.name == torch_model.name == "model:all-MiniLM-L6-v2"
    assert cache_path(onnx.model_path).exists()


def test_a_text_gets_the_same_vector_whatever_is_embedded_beside_it():
    """Each text runs alone (the int8 model scales its activations per run), so what shares a
    call cannot move a vector: a commitment's outcomes must not depend on its neighbours."""
    onnx = OnnxEmbedder(threads=2)
    alone = [onnx.embed([text])[0] for text in TEXTS]
    together = onnx.embed(TEXTS[::-1] + TEXTS)
    assert np.array_equal(np.stack(alone), together[len(TEXTS):])
    assert np.array_equal(np.stack(alone[::-1]), together[:len(TEXTS)])
    assert onnx.embed([]).shape == (0, 384)


@pytest.mark.skipif(not native_bf16(), reason="this CPU has no hardware bf16: the bulk path is not used")
def test_bf16_bulk_path_matches_fp32_and_is_chosen_for_large_batches():
    reference = SentenceTransformerEmbedder().embed(TEXTS)
    bf16 = SentenceTransformerEmbedder(bf16=True)
    vectors = bf16.embed(TEXTS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float((vectors * reference).sum(axis=1).min()) > 0.999
    calls: list[str] = []

    class Recording:
        def __init__(self, inner, tag):
            self.inner, self.tag, self.name = inner, tag, inner.name

        def embed(self, texts):
            calls.append(self.tag)
            return self.inner.embed(texts)

    auto = AutoEmbedder(Recording(OnnxEmbedder(), "onnx"), Recording(bf16, "bf16"), bulk_chars=500)
    auto.embed(TEXTS[:2])
    auto.embed(TEXTS)
    assert calls == ["onnx", "bf16"]
    assert auto.name == bf16.name
