"""Train the statement-kind classifier (ingest/kinds.py) on the labelled corpus.

    python scripts/train_kinds.py            # grouped CV on train+dev, fit on train+dev, write --out
    python scripts/train_kinds.py --test     # also print the test split's figures (once, at the end)

Logistic regression (scikit-learn, fixed seed) over the hashed features of ingest/kinds.py, each
sentence read in its context from the document's text (docs/<doc>.md, the same reader ingest
uses) and labelled from labels/<doc>.jsonl. The regularisation strength and the commitment bias
(a shift of the commitment score that trades precision for recall) are chosen by cross-validation
grouped by document over train and dev (FOLDS folds, documents dealt to folds by genre with a
fixed seed, so no document is ever scored by a model that saw part of it); the pooled out-of-fold
figures printed are the estimate for unseen documents. Scoring a model on documents it was fitted
on says little: in-sample commitment F1 is about 0.95 while grouped CV gives about 0.64. The
model written is then fitted on train and dev together. The test split is read only with --test,
and only to report.

The shipped ingest/data/kinds.npz is still the model fitted on the corpus's first train + dev
split (50 documents, before the first test split was read and moved into train; today's dev
documents were among them, so its dev figures are in-sample). Refits have not earned its place:
with C and bias chosen by grouped CV this script's fit scores commitment F1 0.64 (kept out 0.90)
out of fold, and on tests/data/dev and tests/data/unseen it loses pledges end to end. A variant
that read lead-ins through their cues only and added target-setting, year and length cues
reached 0.68 (kept out 0.90) in grouped CV, but 0.71 against 0.75 on the dev split alone, and it
lost pledges end to end (dev corpus recall 0.71 -> 0.57, unseen 0.71 -> 0.69: the labelled corpus
holds no tender responses, and the demo's "We will ..." lines became service standards), so it
was not shipped either. Nine more train documents (tender-style pledges and housing service
standards) add 0.01-0.02 of out-of-fold F1 on the same 67 documents (0.656 -> 0.671 at C 16); a
refit on all 76 found more of tests/data/unseen (recall 0.71 -> 0.81, precision 0.94 -> 0.98) and
filed the demo's operational lines as service standards, but missed a past-and-future sentence
of the dev corpus (recall 0.71 -> 0.64), a past bullet of the demo report (so a conflict between
two reported figures went unseen) and the demo's vague "We will work closely with community
groups" (now an aspiration). Refit with ``--out`` and compare with tests/integration/test_register.py
before replacing the shipped file.

Later measurements (train + dev only): on the 33 train documents the shipped model never saw, it
scores commitment F1 0.586 and this recipe fitted on the other 67 documents 0.601, so the shipped
file has no edge but its tests; a refit on all 100 (CV 0.644) still files "We will pay all staff
on this contract at least the Real Living Wage." as policy, the demo's "work closely with
community groups" as no commitment, and lets more non-commitments of tests/data/dev through
(rejected 0.92 -> 0.75). Adding the sentence's MiniLM embedding beside the hashed features moves
grouped-CV F1 from 0.639 to 0.653 (95% bootstrap interval over documents -0.012 to +0.036) for 4 s
more per 1,000 sentences; embeddings alone reach 0.457. A second labeller agrees with the labels
at F1 0.91 (tests/data/labelled/agreement), so the gap to the people is the model's, not the labels'.

The shipped classifier is now this model blended with the kind encoder (ingest/kind_encoder.py,
trained by scripts/train_kind_encoder.py) on the sentences this model gives a register kind at
least 0.2; ``scripts/eval_extraction.py --features-only`` scores this model alone beside the blend.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.register.extraction_eval import kept_out, prf  # noqa: E402
from ingest.kinds import DIMENSIONS, KINDS, KindModel, Sentence, hashed, read  # noqa: E402
from ingest.loaders import markdown_blocks  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "labelled"
GRID = (4.0, 8.0, 16.0)
COMMITMENT_BIAS = (-0.5, -0.25, 0.0, 0.25, 0.5)
SEED = 0
FOLDS = 6


def documents(split: str) -> list[str]:
    return json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))[split]


def load_doc(doc: str) -> tuple[list[Sentence], list[dict]]:
    """A labelled document's sentences in context and their label rows (checked to align)."""
    sentences = read(markdown_blocks((CORPUS / "docs" / f"{doc}.md").read_text(encoding="utf-8")))
    rows = [json.loads(line) for line in (CORPUS / "labels" / f"{doc}.jsonl").read_text("utf-8").splitlines()]
    if [s.text.strip() for s in sentences] != [r["text"] for r in rows]:
        raise SystemExit(f"labels/{doc}.jsonl does not match docs/{doc}.md sentence by sentence; "
                         f"regenerate its skeleton with scripts/label_skeleton.py")
    return sentences, rows


def load(split: str) -> tuple[list[Sentence], list[str]]:
    sentences: list[Sentence] = []
    kinds: list[str] = []
    for doc in documents(split):
        found, rows = load_doc(doc)
        sentences += found
        kinds += [r["kind"] for r in rows]
    return sentences, kinds


def sparse(sentences: list[Sentence]):
    from scipy.sparse import csr_matrix

    columns, values, pointers = [], [], [0]
    for sentence in sentences:
        c, v = hashed(sentence)
        columns.append(c)
        values.append(v)
        pointers.append(pointers[-1] + len(c))
    return csr_matrix((np.concatenate(values), np.concatenate(columns), pointers),
                      shape=(len(sentences), DIMENSIONS))


def fit(x, y: list[str], c: float, commitment_bias: float = 0.0) -> KindModel:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", random_state=SEED)
    model.fit(x, [KINDS.index(k) for k in y])
    weights = np.zeros((len(KINDS), DIMENSIONS), dtype=np.float32)
    bias = np.full(len(KINDS), -30.0, dtype=np.float32)  # a kind never seen is never predicted
    weights[model.classes_] = model.coef_
    bias[model.classes_] = model.intercept_
    bias[KINDS.index("commitment")] += commitment_bias
    return KindModel(weights, bias)


def scores(gold: list[str], predicted: list[str]) -> dict[str, dict[str, float]]:
    return {kind: prf(gold, predicted, kind) for kind in KINDS}


def show(name: str, gold: list[str], predicted: list[str]) -> None:
    print(f"\n{name}: {len(gold)} sentences, accuracy {np.mean([g == p for g, p in zip(gold, predicted)]):.3f}, "
          f"kept out of the register {kept_out(gold, predicted):.3f}")
    for kind, s in scores(gold, predicted).items():
        print(f"  {kind:17} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (n={s['support']})")
    confusion = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
    print("  most confused (gold -> predicted):", ", ".join(f"{g}->{p} {n}" for (g, p), n in confusion.most_common(8)))


def objective(gold: list[str], predicted: list[str]) -> float:
    """What dev tuning maximises: commitment F1, with the kept-out rate as a floor."""
    return scores(gold, predicted)["commitment"]["f1"] + min(0.0, kept_out(gold, predicted) - 0.9)


def folds(docs: list[str]) -> dict[str, int]:
    """Each document's fold: shuffled with a fixed seed within its genre (the name's prefix), dealt in turn."""
    rng, order = random.Random(SEED), []
    for genre in sorted({d[:3] for d in docs}):
        group = sorted(d for d in docs if d[:3] == genre)
        rng.shuffle(group)
        order += group
    return {doc: i % FOLDS for i, doc in enumerate(order)}


def grouped_cv(docs: list[str], added: Sequence[str] = ()) -> tuple[list[str], dict[float, np.ndarray]]:
    """Gold kinds and, per C, the pooled out-of-fold scores (before any commitment bias) of ``docs``;
    ``added`` documents join every fold's training and are never scored, so the figures compare
    with a run without them (the same folds, the same sentences)."""
    loaded = {doc: load_doc(doc) for doc in [*docs, *added]}
    x = {doc: sparse(sentences) for doc, (sentences, _) in loaded.items()}
    y = {doc: [r["kind"] for r in rows] for doc, (_, rows) in loaded.items()}
    fold = folds(docs)
    held = [d for f in range(FOLDS) for d in docs if fold[d] == f]
    gold = [k for d in held for k in y[d]]
    from scipy.sparse import vstack

    out = {}
    for c in GRID:
        parts = []
        for f in range(FOLDS):
            train = [d for d in docs if fold[d] != f] + list(added)
            model = fit(vstack([x[d] for d in train]).tocsr(), [k for d in train for k in y[d]], c)
            parts += [np.asarray(x[d] @ model.weights.T) + model.bias for d in docs if fold[d] == f]
        out[c] = np.vstack(parts)
    return gold, out


def choose(gold: list[str], scored: dict[float, np.ndarray]) -> tuple[float, float, list[str]]:
    """The regularisation strength and commitment bias with the best out-of-fold objective (ties
    to the stronger regularisation, then the smaller bias), and the kinds they predict."""
    commitment = KINDS.index("commitment")
    candidates = []
    for c, s in scored.items():
        for shift in COMMITMENT_BIAS:
            shifted = s.copy()
            shifted[:, commitment] += shift
            predicted = [KINDS[i] for i in shifted.argmax(axis=1)]
            candidates.append((objective(gold, predicted), -c, -abs(shift), c, shift, predicted))
    _, _, _, best_c, best_shift, predicted = max(candidates, key=lambda t: t[:3])
    return best_c, best_shift, predicted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--test", action="store_true", help="also report the test split (never tune on it)")
    parser.add_argument("--out", type=Path, default=ROOT / "ingest" / "data" / "kinds.npz",
                        help="where to write the model (default: the shipped file; see above)")
    parser.add_argument("--dev-model", type=Path, help="also write the model fitted on train only (for "
                        "dev figures: scripts/eval_extraction.py --model PATH)")
    args = parser.parse_args()
    docs = documents("train") + documents("dev")
    gold, scored = grouped_cv(docs)
    best_c, best_shift, predicted = choose(gold, scored)
    print(f"C = {best_c}, commitment bias {best_shift:+.2f} (best grouped-CV commitment F1, kept-out >= 0.9)")
    show(f"grouped {FOLDS}-fold CV by document over train+dev ({len(docs)} documents, out of fold)", gold, predicted)
    if args.dev_model:
        train, train_y = load("train")
        fit(sparse(train), train_y, best_c, best_shift).save(args.dev_model)
    train, train_y = load("train")
    dev, dev_y = load("dev")
    model = fit(sparse(train + dev), train_y + dev_y, best_c, best_shift)
    model.save(args.out)
    print(f"\nwrote {args.out} ({args.out.stat().st_size // 1024} KB), fitted on train+dev")
    if args.test:
        test, test_y = load("test")
        show("TEST (never tuned on)", test_y, [str(k) for k in model.predict(test)])


if __name__ == "__main__":
    main()
