"""The real model through both backends: the int8 ONNX default agrees with torch fp32."""

import numpy as np
import pytest

from assistant.backends.embedders import OnnxEmbedder, SentenceTransformerEmbedder
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


def test_batch_composition_does_not_change_meaning():
    onnx = OnnxEmbedder(batch_size=2)
    alone = onnx.embed(TEXTS[:1])[0]
    together = onnx.embed(TEXTS)[0]
    assert float(alone @ together) > 0.99
    assert onnx.embed([]).shape == (0, 384)
