"""Train the theme prior of charter mapping (assistant/register/themes.py) on the labelled corpus.

    python scripts/train_themes.py            # tune on dev, fit on train+dev, write assistant/data/themes.npz
    python scripts/train_themes.py --test     # also print the test split's theme accuracy (report only)

Logistic regression (scikit-learn, fixed seed) over the bundled model's vectors of each labelled
commitment and service standard ("section: text", as the register embeds statements). The
regularisation and the prior's weight in mapping are chosen on dev by the accuracy of the theme
the register then maps to (default charter); the shipped model is fitted on train and dev.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.backends.embedders import OnnxEmbedder  # noqa: E402
from assistant.register.charter import load_charter  # noqa: E402
from assistant.register.commitments import CharterMapper  # noqa: E402
from assistant.register.themes import ThemeModel  # noqa: E402
from assistant.vocab import THEMES  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "labelled"
GRID = (1.0, 4.0, 16.0)
WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0)
SEED = 0


def rows(split: str) -> tuple[list[str], list[str]]:
    docs = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))[split]
    topics, themes = [], []
    for doc in docs:
        for line in (CORPUS / "labels" / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["kind"] in ("commitment", "service_standard") and row.get("theme") in THEMES:
                topics.append(f"{row['section']}: {row['text']}" if row["section"] else row["text"])
                themes.append(row["theme"])
    return topics, themes


def fit(vectors: np.ndarray, themes: list[str], c: float, weight: float, embedder: str) -> ThemeModel:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced", random_state=SEED)
    model.fit(vectors, [THEMES.index(t) for t in themes])
    weights = np.zeros((len(THEMES), vectors.shape[1]), dtype=np.float32)
    bias = np.full(len(THEMES), -30.0, dtype=np.float32)  # a theme never seen is never preferred
    weights[model.classes_] = model.coef_
    bias[model.classes_] = model.intercept_
    return ThemeModel(weights, bias, weight, embedder)


def accuracy(mapper_for, model: ThemeModel, topics: list[str], vectors: np.ndarray, gold: list[str]) -> float:
    return float(np.mean([t == g for t, g in zip(mapper_for(model).themes(topics, vectors), gold)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--test", action="store_true", help="also report the test split (never tune on it)")
    parser.add_argument("--out", type=Path, default=ROOT / "assistant" / "data" / "themes.npz")
    args = parser.parse_args()
    embedder = OnnxEmbedder()
    charter = load_charter(None)

    def mapper_for(model: ThemeModel) -> CharterMapper:
        return CharterMapper(charter, embedder, themes=model)

    train, train_y = rows("train")
    dev, dev_y = rows("dev")
    x_train, x_dev = embedder.embed(train), embedder.embed(dev)
    none = ThemeModel(np.zeros((len(THEMES), x_train.shape[1])), np.zeros(len(THEMES)), 0.0, embedder.name)
    print(f"{len(train)} train and {len(dev)} dev statements; "
          f"dev theme accuracy without the prior {accuracy(mapper_for, none, dev, x_dev, dev_y):.3f}")
    candidates = []
    for c in GRID:
        model = fit(x_train, train_y, c, 0.0, embedder.name)
        for weight in WEIGHTS:
            model.weight = weight
            candidates.append((accuracy(mapper_for, model, dev, x_dev, dev_y), -weight, -c, c, weight))
    best, _, _, c, weight = max(candidates)
    print(f"C = {c}, prior weight {weight}: dev theme accuracy {best:.3f} (model fitted on train)")
    model = fit(np.vstack([x_train, x_dev]), train_y + dev_y, c, weight, embedder.name)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB), fitted on train+dev")
    if args.test:
        test, test_y = rows("test")
        print(f"TEST (never tuned on): theme accuracy "
              f"{accuracy(mapper_for, model, test, embedder.embed(test), test_y):.3f} over {len(test)} statements")


if __name__ == "__main__":
    main()
