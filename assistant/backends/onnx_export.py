"""Make the int8 ONNX copy of a sentence-transformers model, once, on first use (never downloaded).

The export runs the model through torch.onnx with mean pooling and L2 normalisation inside the
graph, then quantises the weights to int8 (dynamic, per channel) with onnxruntime. The result is
cached under the user cache dir, keyed by the model folder's contents, and never committed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from assistant.errors import ConfigError


def cache_path(model_path: Path) -> Path:
    from ingest.kind_encoder import onnx_cache_dir

    key = hashlib.sha256()
    for name in ("config.json", "tokenizer.json", "modules.json"):
        file = model_path / name
        if file.exists():
            key.update(file.read_bytes())
    for weights in sorted(model_path.glob("*.safetensors")) + sorted(model_path.glob("*.bin")):
        key.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return onnx_cache_dir() / f"{model_path.name}-{key.hexdigest()[:16]}-int8.onnx"


def export_int8(model_path: Path, target: Path) -> Path:
    """Write the quantised model to ``target`` (atomically; a concurrent export is harmless)."""
    from ingest.kind_encoder import quiet_export

    with quiet_export():
        return _export(model_path, target)


def _export(model_path: Path, target: Path) -> Path:
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel, AutoTokenizer
    except ImportError as exc:
        raise ConfigError(f"cannot build the ONNX model: {exc.name} is not installed; "
                          "pip install torch onnx onnxruntime, or set SVA_EMBEDDER=sentence-transformers") from exc

    class Pooled(torch.nn.Module):
        def __init__(self, model) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    model = AutoModel.from_pretrained(str(model_path)).eval()
    sample = AutoTokenizer.from_pretrained(str(model_path))(
        ["a short text", "a somewhat longer text to trace"], padding=True, return_tensors="pt")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        plain, quantised = Path(work) / "model.onnx", Path(work) / "model-int8.onnx"
        axes = {name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids")}
        with torch.no_grad():
            torch.onnx.export(
                Pooled(model), (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
                str(plain), input_names=list(axes), output_names=["embedding"],
                dynamic_axes={**axes, "embedding": {0: "batch"}}, opset_version=17, dynamo=False)
        quantize_dynamic(str(plain), str(quantised), per_channel=True, weight_type=QuantType.QInt8)
        os.replace(quantised, target)
    return target
