"""Fine-tune the kind encoder (ingest/kind_encoder.py): MiniLM reading a sentence with its context.

    python scripts/train_kind_encoder.py --cv    # grouped 6-fold CV over train+dev, print the table
    python scripts/train_kind_encoder.py         # fit on train+dev, write ingest/data/kind_encoder.npz

What ships is the trained layers only (int8 rows with a scale each, ~5 MB) and the blend settings
(``--blend``, ``--gate``); sva builds the runnable int8 ONNX model from them and the bundled MiniLM
once per machine. The shipped file: top 3 layers trained (``--frozen 3``; all 6 scored +0.011,
within noise, for a file four times the size), blended at 0.3 with the hashed-feature model where
that gives the register kinds at least 0.2 (w=0.5 kept more vague pledges out of the register:
"We will support local community groups" became `other`; at 0.3 out-of-fold F1 is 0.683, kept out
0.917, and the product's held-out sets improved: tests/data/dev precision 0.91 -> 1.00, recall
0.71 -> 0.79; tests/data/unseen recall 0.71 -> 0.83, precision 0.94 -> 0.95).

The shipped file is fitted on all 120 train+dev documents (twenty contracted-service documents
included). The same CV over those 120 (4,633 sentences, one run): LR 0.658 / 0.578 / 0.615 kept
out 0.904; encoder alone 0.613 / 0.647 / 0.629, 0.866; blend w=0.3 gated at 0.2 0.691 / 0.621 /
0.654, 0.912 (service standard F1 LR 0.583, blend 0.616); bootstrap, blend w=0.3 minus LR +0.035
[+0.012, +0.058]. Against the fit on 110, on documents neither saw: tests/data/unseen recall
0.833 -> 0.875 (precision 0.952 -> 0.955, negatives rejected 0.959 both); tests/data/dev unchanged
(P 1.00, R 0.786). The LR refitted on the 120 as well (CV 0.617) was tried beside it and not kept:
the demo register then led with "The hub holds our stores ..." and tests/data/dev's precision fell
from 1.00 to 0.92. Before: the CV over the 110 (4,272 sentences, --frozen 3, one run): LR 0.677 / 0.574 /
0.621 kept out 0.909; encoder alone 0.614 / 0.672 / 0.642, 0.857; blend w=0.3 0.688 / 0.635 /
0.661, 0.906 (gated at 0.2: 0.697 / 0.628 / 0.660, 0.910, encoder on 32% of sentences); w=0.5
0.676 / 0.684 / 0.680, 0.893; w=0.7 0.649 / 0.687 / 0.667, 0.875. Bootstrap, blend minus LR:
w=0.3 +0.039 [+0.017, +0.063], w=0.5 +0.058 [+0.027, +0.092]. Service standard F1: LR 0.580,
w=0.3 0.620. w=0.3 stays (0.5 keeps fewer than 90% of non-pledges out). The table below is from
the 100 documents before the ten. Tried on the 110 and not kept: the previous sentence as more
context (beside the lead-in or section) gave encoder alone 0.641, blend w=0.3 0.658, kept out
0.905: no gain, for longer inputs.

Twenty-one more train documents (suffix `_v`, 874 sentences) were then labelled and not shipped
either. ``--cv --added _v`` (each fold trained on them too, the same 120 documents scored) against
the same CV without them, one run each: LR 0.611 -> 0.614, encoder alone 0.638 -> 0.650, blend
w=0.3 gated at 0.2 0.649 -> 0.651 (kept out 0.909 -> 0.905); paired bootstrap over documents,
blend +0.003 [-0.013, +0.020]. Refitted on all 141 (blend 0.3), tests/data/unseen went from P 0.956
R 0.896 to P 0.977 R 0.896 and tests/data/dev stayed at R 0.786, but the demo register lost
"We pay every member of staff at least the Real Living Wage and will continue to do so." and a KPI
table's "Operatives trained in damp and mould awareness | 100% | June 2025" row, so the 120-document
fit stays. Gated at 0.2, w=0.5 beats w=0.3 in both CVs (F1 0.660 vs 0.649 over the 120, 0.664 vs
0.651 with the added; kept out 0.915 and 0.910), +0.012 [-0.001, +0.024] by the same bootstrap,
but it loses two of the dev corpus's fourteen pledges, both a target beside a past result ("We have
spent over £31m with social enterprises since 2020 and are targeting £45m by 2025."), so 0.3 stays.

Measured (grouped 6-fold CV by document over the 100 train+dev documents, 3,755 sentences, out of
fold, seed 0; LR = train_kinds.py's recipe, C 16, commitment bias -0.25; blend w = encoder weight):

                          top 3 layers trained (--frozen 3)     all 6 layers trained (--frozen 0)
                          commitment P / R / F1   kept out      commitment P / R / F1   kept out
    LR                      0.696 / 0.597 / 0.643   0.917         (same)
    encoder alone           0.617 / 0.713 / 0.661   0.858         0.622 / 0.741 / 0.676   0.855
    blend w=0.3             0.711 / 0.660 / 0.685   0.909         0.709 / 0.682 / 0.696   0.914
    blend w=0.5             0.680 / 0.703 / 0.692   0.891         0.680 / 0.727 / 0.703   0.891
    blend w=0.7             0.646 / 0.708 / 0.676   0.874         0.643 / 0.743 / 0.689   0.868

Blend w=0.5 minus LR, commitment F1, 1,000 bootstrap resamples of documents (95% interval):
--frozen 3 +0.049 [+0.016, +0.080], --frozen 0 +0.060 [+0.025, +0.092]. Training all 6 layers
beat 3 by +0.011 [-0.006, +0.027] (not clearly different; one seed).
The weight 0.5 and the variant were picked on these same out-of-fold figures, so the gains are
slightly optimistic. A previous, unrecorded attempt reported 0.717 for the 0.5 blend of the top-3
variant; this reimplementation did not reproduce that. Gating the encoder on the LR's
p(commitment) + p(service_standard) >= 0.2 runs it on 30% of sentences at almost the same F1
(0.698, kept out 0.923, --frozen 0).

Cost (one CPU thread, box shared with another job, so rough): the final fit on all train+dev took
530 s (--frozen 0; 327 s with --frozen 3). Inference on 1,000 train sentences (~33 tokens each,
batches of 32), --frozen 3 model: torch fp32 14.6 s, ONNX fp32 10.2 s, ONNX int8 5.1 s (batch 1:
26.3 / 14.4 / 5.9 s); tokenising 0.25 s. The --frozen 0 model has the same shape (ONNX fp32 9.6 s,
int8 4.3 s in a separate run). The int8 ONNX file is 23 MB (fp32 90 MB); the trained part as an
fp16 state dict is 21 MB (--frozen 0) or 11 MB (--frozen 3). int8 and fp32 argmax agree on 97.9%
of those sentences for the --frozen 0 model (99.0% on commitment or not; --frozen 3: 96.7% /
99.5%) with per-channel scales and reduced range, as ingest/kind_encoder.py builds it; with
onnxruntime's default quantisation agreement was 93.2%.

Evaluation (``--cv``) uses exactly scripts/train_kinds.py's 6 grouped folds by document
(``folds``), so no document is scored by a model that saw any part of it, and its LR out-of-fold
scores (``grouped_cv``, with C and the commitment bias chosen as train_kinds.py chooses them) for
the baseline and the blends (p = w * p_encoder + (1 - w) * p_LR). Gating: the encoder is run only
where the LR's p(commitment) + p(service_standard) >= g; elsewhere the LR's decision stands.

The test split is never read: only ``documents("train") + documents("dev")`` are loaded.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import argparse  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_kinds import FOLDS, choose, documents, folds, grouped_cv, load_doc  # noqa: E402

from assistant.register.extraction_eval import kept_out, prf  # noqa: E402
from ingest.kind_encoder import base_model_path, pair, write_weights  # noqa: E402
from ingest.kinds import KINDS, Sentence  # noqa: E402

SEED = 0
MAX_LENGTH = 128
REGISTER_KINDS = ("commitment", "service_standard")


def set_threads(n: int = 1) -> None:
    torch.set_num_threads(n)
    try:
        torch.set_num_interop_threads(n)
    except RuntimeError:  # already set once in this process
        pass


def seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def model_path() -> str:
    return str(base_model_path())


def tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model_path())


def encode(tok, sentences: list[Sentence], max_length: int = MAX_LENGTH) -> list[tuple[list[int], list[int]]]:
    """Token ids and segment ids of each (sentence, context) pair, unpadded."""
    pairs = [pair(s) for s in sentences]  # exactly what ingest/kind_encoder.py reads
    enc = tok([a for a, _ in pairs], [b for _, b in pairs], truncation="longest_first", max_length=max_length)
    return list(zip(enc["input_ids"], enc["token_type_ids"]))


def pad(items: list[tuple[list[int], list[int]]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    n = max(len(ids) for ids, _ in items)
    ids = torch.zeros(len(items), n, dtype=torch.long)
    types = torch.zeros(len(items), n, dtype=torch.long)
    mask = torch.zeros(len(items), n, dtype=torch.long)
    for i, (a, t) in enumerate(items):
        ids[i, :len(a)] = torch.tensor(a)
        types[i, :len(t)] = torch.tensor(t)
        mask[i, :len(a)] = 1
    return ids, types, mask


class KindEncoder(nn.Module):
    """MiniLM + mean pooling + a linear head over KINDS. ``forward`` returns kind probabilities."""

    def __init__(self, frozen: int = 0):
        super().__init__()
        from transformers import AutoModel

        self.bert = AutoModel.from_pretrained(model_path(), attn_implementation="eager", add_pooling_layer=False)
        self.frozen = frozen
        self.head = nn.Linear(self.bert.config.hidden_size, len(KINDS))
        for p in self.bert.embeddings.parameters():
            p.requires_grad = False  # the word, position and segment embeddings are always frozen
        for layer in self.bert.encoder.layer[:frozen]:
            for p in layer.parameters():
                p.requires_grad = False

    def train(self, mode: bool = True):
        super().train(mode)
        self.bert.embeddings.eval()  # frozen parts never use dropout (their outputs can be cached)
        for layer in self.bert.encoder.layer[:self.frozen]:
            layer.eval()
        return self

    @staticmethod
    def additive(mask: torch.Tensor) -> torch.Tensor:
        return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min

    def bottom(self, ids, types, mask) -> torch.Tensor:
        """Hidden states after the frozen layers."""
        h = self.bert.embeddings(input_ids=ids, token_type_ids=types)
        add = self.additive(mask)
        for layer in self.bert.encoder.layer[:self.frozen]:
            h = layer(h, add)
        return h

    def top(self, h, mask) -> torch.Tensor:
        """Logits from hidden states after the frozen layers."""
        add = self.additive(mask)
        for layer in self.bert.encoder.layer[self.frozen:]:
            h = layer(h, add)
        m = mask[:, :, None].to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.head(pooled)

    def forward(self, input_ids, attention_mask, token_type_ids):
        return torch.softmax(self.top(self.bottom(input_ids, token_type_ids, attention_mask), attention_mask), -1)


def batches(lengths: list[int], size: int, rng: random.Random | None) -> list[list[int]]:
    """Index batches of similar length (less padding); shuffled when rng is given."""
    order = list(range(len(lengths)))
    if rng is None:
        order.sort(key=lambda i: lengths[i])
        return [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(order)
    out = []
    for start in range(0, len(order), size * 50):  # sort within pools of 50 batches, then shuffle batches
        pool = sorted(order[start:start + size * 50], key=lambda i: lengths[i])
        out += [pool[i:i + size] for i in range(0, len(pool), size)]
    rng.shuffle(out)
    return out


class Cache:
    """Hidden states after the frozen layers, per sentence (the frozen part is the pretrained model's)."""

    def __init__(self, model: KindEncoder, items: list[tuple[list[int], list[int]]]):
        self.items = items
        self.states: list[torch.Tensor | None] = [None] * len(items)
        model.eval()
        with torch.no_grad():
            for b in batches([len(a) for a, _ in items], 64, None):
                ids, types, mask = pad([items[i] for i in b])
                h = model.bottom(ids, types, mask)
                for j, i in enumerate(b):
                    self.states[i] = h[j, :len(items[i][0])].clone()

    def batch(self, idx: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
        n = max(self.states[i].shape[0] for i in idx)
        h = torch.zeros(len(idx), n, self.states[idx[0]].shape[1])
        mask = torch.zeros(len(idx), n, dtype=torch.long)
        for j, i in enumerate(idx):
            h[j, :self.states[i].shape[0]] = self.states[i]
            mask[j, :self.states[i].shape[0]] = 1
        return h, mask


def train(items, labels: list[int], frozen: int = 0, epochs: int = 3, lr: float = 5e-5, head_lr: float = 1e-3,
          batch_size: int = 16, class_weighted: bool = False, seed: int = SEED, cache: Cache | None = None,
          cache_index: list[int] | None = None, log=print) -> KindEncoder:
    """Fine-tune a fresh KindEncoder on the given pairs. With a cache (frozen > 0), ``cache_index[i]`` is
    item i's row in it and the frozen bottom is not run again."""
    seed_all(seed)
    model = KindEncoder(frozen)
    torch.manual_seed(seed)
    model.head.reset_parameters()
    encoder_params = [p for p in model.bert.parameters() if p.requires_grad]
    opt = torch.optim.AdamW([{"params": encoder_params, "lr": lr}, {"params": model.head.parameters(), "lr": head_lr}],
                            weight_decay=0.01)
    rng = random.Random(seed)
    lengths = [len(a) for a, _ in items]
    steps = epochs * ((len(items) + batch_size - 1) // batch_size)
    warmup = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))))
    weight = None
    if class_weighted:
        counts = np.bincount(labels, minlength=len(KINDS)).astype(float)
        weight = torch.tensor(np.where(counts > 0, len(labels) / (len(KINDS) * np.maximum(counts, 1)), 0.0),
                              dtype=torch.float32)
    loss_fn = nn.CrossEntropyLoss(weight=weight)
    y = torch.tensor(labels)
    model.train()
    t0 = time.time()
    for epoch in range(epochs):
        total = 0.0
        for b in batches(lengths, batch_size, rng):
            if cache is not None and frozen > 0:
                h, mask = cache.batch([cache_index[i] for i in b])
            else:
                ids, types, mask = pad([items[i] for i in b])
                h = model.bottom(ids, types, mask)
            loss = loss_fn(model.top(h, mask), y[b])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(encoder_params + list(model.head.parameters()), 1.0)
            opt.step()
            sched.step()
            total += loss.item() * len(b)
        log(f"    epoch {epoch + 1}: loss {total / len(items):.4f} ({time.time() - t0:.0f} s)")
    model.eval()
    return model


def predict(model: KindEncoder, items, cache: Cache | None = None, cache_index: list[int] | None = None,
            batch_size: int = 64) -> np.ndarray:
    """Kind probabilities (n x 7) in fp32."""
    model.eval()
    out = np.zeros((len(items), len(KINDS)), dtype=np.float32)
    with torch.no_grad():
        for b in batches([len(a) for a, _ in items], batch_size, None):
            if cache is not None and model.frozen > 0:
                h, mask = cache.batch([cache_index[i] for i in b])
            else:
                ids, types, mask = pad([items[i] for i in b])
                h = model.bottom(ids, types, mask)
            out[b] = torch.softmax(model.top(h, mask), -1).numpy()
    return out


# ---------------------------------------------------------------------------------------------- evaluation

def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def lr_out_of_fold(docs: list[str], added: list[str]) -> tuple[list[str], np.ndarray, float, float]:
    """train_kinds.py's grouped CV: gold, LR out-of-fold probabilities (chosen C and commitment bias applied)."""
    gold, scored = grouped_cv(docs, added)
    c, shift, _ = choose(gold, scored)
    ci = KINDS.index("commitment")
    s = scored[c].copy()
    s[:, ci] += shift
    return gold, softmax(s), c, shift


def summary(gold: list[str], p: np.ndarray) -> dict:
    predicted = [KINDS[i] for i in p.argmax(1)]
    c = prf(gold, predicted, "commitment")
    return {"P": c["precision"], "R": c["recall"], "F1": c["f1"], "kept_out": kept_out(gold, predicted),
            **{k: prf(gold, predicted, k)["f1"] for k in KINDS}}


def table(rows: dict[str, dict]) -> str:
    short = {"commitment": "commit", "service_standard": "service", "past_claim": "past", "aspiration": "aspir",
             "forecast": "fcast", "policy": "policy", "other": "other"}
    head = f"{'model':22} {'P':>6} {'R':>6} {'F1':>6} {'kept':>6} | " + " ".join(f"{short[k]:>7}" for k in KINDS)
    lines = [head, "-" * len(head)]
    for name, r in rows.items():
        lines.append(f"{name:22} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['kept_out']:6.3f} | "
                     + " ".join(f"{r[k]:7.3f}" for k in KINDS))
    return "\n".join(lines)


def commitment_f1(gold, predicted_idx, rows) -> float:
    g = [gold[i] for i in rows]
    p = [KINDS[predicted_idx[i]] for i in rows]
    return prf(g, p, "commitment")["f1"]


def bootstrap(gold, rowdoc, pred_a, pred_b, n: int = 1000, seed: int = SEED) -> tuple[float, float, float]:
    """Mean and 95% interval of F1(a) - F1(b) over documents resampled with replacement."""
    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(rowdoc):
        by_doc.setdefault(d, []).append(i)
    names = sorted(by_doc)
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n):
        rows = [i for d in rng.choice(names, len(names)) for i in by_doc[d]]
        diffs.append(commitment_f1(gold, pred_a, rows) - commitment_f1(gold, pred_b, rows))
    return float(np.mean(diffs)), float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5))


def gated(p_lr: np.ndarray, p_ft: np.ndarray, w: float, g: float) -> tuple[np.ndarray, float]:
    """Blend only where the LR's p(commitment) + p(service_standard) >= g; the fraction that needs the encoder."""
    need = p_lr[:, [KINDS.index(k) for k in REGISTER_KINDS]].sum(1) >= g
    p = p_lr.copy()
    p[need] = w * p_ft[need] + (1 - w) * p_lr[need]
    return p, float(need.mean())


def run_cv(args) -> None:
    docs = documents("train") + documents("dev")  # never the test split
    added = [d for d in docs if args.added and d.endswith(args.added)]
    docs = [d for d in docs if d not in added]
    fold = folds(docs)
    held = [d for f in range(FOLDS) for d in docs if fold[d] == f]  # grouped_cv's row order
    t0 = time.time()
    gold, p_lr, c, shift = lr_out_of_fold(docs, added)
    print(f"LR grouped CV: C {c}, commitment bias {shift:+.2f} ({time.time() - t0:.0f} s)")
    tok = tokenizer()
    sentences, labels, rowdoc, rowfold = [], [], [], []
    for d in held:
        found, rows = load_doc(d)
        sentences += found
        labels += [KINDS.index(r["kind"]) for r in rows]
        rowdoc += [d] * len(rows)
        rowfold += [fold[d]] * len(rows)
    assert [KINDS[i] for i in labels] == gold
    for d in added:  # in every fold's training, never scored
        found, rows = load_doc(d)
        sentences += found
        labels += [KINDS.index(r["kind"]) for r in rows]
        rowfold += [-1] * len(rows)
    items = encode(tok, sentences, args.max_length)
    seed_all(args.seed)
    cache = Cache(KindEncoder(args.frozen), items) if args.frozen > 0 else None
    p_ft = np.zeros((len(items), len(KINDS)))
    t0 = time.time()
    for f in range(FOLDS):
        tr = [i for i in range(len(items)) if rowfold[i] != f]
        te = [i for i in range(len(items)) if rowfold[i] == f]
        print(f"  fold {f}: {len(tr)} train / {len(te)} held-out sentences")
        model = train([items[i] for i in tr], [labels[i] for i in tr], args.frozen, args.epochs, args.lr,
                      args.head_lr, args.batch_size, args.class_weighted, args.seed, cache, tr)
        p_ft[te] = predict(model, [items[i] for i in te], cache, te)
    print(f"encoder CV training + scoring: {time.time() - t0:.0f} s")
    p_ft = p_ft[:len(gold)]  # the scored documents' rows (the added ones follow them)
    if args.save_oof:
        np.savez(args.save_oof, gold=np.array(gold), rowdoc=np.array(rowdoc), p_lr=p_lr, p_ft=p_ft)
    rows = {"LR": summary(gold, p_lr), "encoder": summary(gold, p_ft)}
    for w in (0.3, 0.5, 0.7):
        rows[f"blend w={w}"] = summary(gold, w * p_ft + (1 - w) * p_lr)
    print(f"\nOut of fold, grouped {FOLDS}-fold CV by document over train+dev ({len(docs)} documents, "
          f"{len(gold)} sentences); F1 per kind on the right\n" + table(rows))
    lr_pred = p_lr.argmax(1)
    for w in (0.3, 0.5, 0.7):
        m, lo, hi = bootstrap(gold, rowdoc, (w * p_ft + (1 - w) * p_lr).argmax(1), lr_pred)
        print(f"bootstrap over documents (1000): blend w={w} minus LR commitment F1 {m:+.3f} [{lo:+.3f}, {hi:+.3f}]")
    print(f"\ngating (blend w={args.blend} only where LR p(commitment)+p(service_standard) >= g)")
    for g in (0.05, 0.1, 0.2):
        p, frac = gated(p_lr, p_ft, args.blend, g)
        s = summary(gold, p)
        print(f"  g={g:<5} encoder runs on {frac:.3f} of sentences: P {s['P']:.3f} R {s['R']:.3f} "
              f"F1 {s['F1']:.3f} kept out {s['kept_out']:.3f}")


# ---------------------------------------------------------------------------------------------- final fit

def fit_final(args) -> None:
    docs = documents("train") + documents("dev")  # never the test split
    tok = tokenizer()
    sentences, labels = [], []
    for d in docs:
        found, rows = load_doc(d)
        sentences += found
        labels += [KINDS.index(r["kind"]) for r in rows]
    items = encode(tok, sentences, args.max_length)
    t0 = time.time()
    seed_all(args.seed)
    cache = Cache(KindEncoder(args.frozen), items) if args.frozen > 0 else None
    model = train(items, labels, args.frozen, args.epochs, args.lr, args.head_lr, args.batch_size,
                  args.class_weighted, args.seed, cache, list(range(len(items))))
    seconds = time.time() - t0
    print(f"fitted on {len(items)} train+dev sentences in {seconds:.0f} s")
    layers = range(args.frozen, model.bert.config.num_hidden_layers)
    trained = {k: v.detach().float().numpy() for k, v in model.state_dict().items()
               if k.startswith("head.") or any(k.startswith(f"bert.encoder.layer.{i}.") for i in layers)}
    settings = {"labels": list(KINDS), "max_length": args.max_length, "frozen_layers": args.frozen,
                "blend_weight": args.blend, "gate": args.gate, "epochs": args.epochs, "seed": args.seed,
                "train_docs": len(docs), "train_sentences": len(items)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_weights(args.out, trained, settings)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB; blend {args.blend}, gate {args.gate})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cv", action="store_true",
                        help="grouped CV over train+dev and print the table (no model written)")
    parser.add_argument("--out", type=Path, default=ROOT / "ingest" / "data" / "kind_encoder.npz",
                        help="where the final fit is written (default: the shipped file)")
    parser.add_argument("--frozen", type=int, default=3,
                        help="bottom encoder layers kept frozen (0-6; >0 caches their outputs, ~2x faster)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5, help="encoder learning rate")
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=MAX_LENGTH)
    parser.add_argument("--class-weighted", action="store_true", help="balanced class weights in the loss")
    parser.add_argument("--blend", type=float, default=0.3, help="weight of the encoder when blended with the LR")
    parser.add_argument("--gate", type=float, default=0.2,
                        help="the encoder reads a sentence when the LR gives the register kinds at least this")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--added", metavar="SUFFIX",
                        help="with --cv: train+dev documents named with this suffix join every fold's training and "
                             "are never scored, so the figures compare with a run before they were added")
    parser.add_argument("--save-oof", type=Path, help="with --cv: save gold, documents and both models' probabilities")
    args = parser.parse_args()
    set_threads(args.threads)
    if args.cv:
        run_cv(args)
    else:
        fit_final(args)


if __name__ == "__main__":
    main()
