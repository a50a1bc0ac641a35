"""Measure register extraction on the labelled corpus: kinds, the register's purity, and fields.

    python scripts/eval_extraction.py --split dev            # the learnt extraction
    python scripts/eval_extraction.py --split dev --rules    # today's rules beside it, in one run
    python scripts/eval_extraction.py --split dev --features-only  # the hashed-feature model alone beside it
    python scripts/eval_extraction.py --split train --by-doc # per-document figures too

``--split test`` is for the lead's one final report only: never tune on it.

The scoring is assistant/register/extraction_eval.py (also behind `sva eval --commitments DIR`);
this script adds the old rules beside the model, for before/after in one run.

``--rules`` runs the rule-based extraction as it was before the learnt model (ingest/commitments.py
and ingest/quantities.py at commit RULES_COMMIT, read from git).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.register.extraction_eval import evaluate_labelled, report_text  # noqa: E402
from ingest.kind_encoder import shipped_encoder  # noqa: E402
from ingest.kinds import BlendedKinds, load_model, shipped_features_model  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "labelled"
RULES_COMMIT = "9b762e39ec624872acb5f0b76512bbf8ea333c3a"  # the last commit with rule-based extraction


def rules_module() -> types.ModuleType:
    """ingest/commitments.py with the ingest/quantities.py it used, as at RULES_COMMIT."""
    def source(path: str) -> str:
        try:
            return subprocess.run(["git", "show", f"{RULES_COMMIT}:{path}"], cwd=ROOT, check=True,
                                  capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            raise SystemExit(f"--rules reads the old rules from git ({RULES_COMMIT[:8]}) and could not: {exc}") from exc

    quantities = types.ModuleType("rules_quantities")
    sys.modules["rules_quantities"] = quantities
    exec(compile(source("ingest/quantities.py"), "rules_quantities", "exec"), quantities.__dict__)
    commitments = types.ModuleType("rules_commitments")
    sys.modules["rules_commitments"] = commitments
    code = source("ingest/commitments.py").replace("from ingest.quantities import", "from rules_quantities import")
    exec(compile(code, "rules_commitments", "exec"), commitments.__dict__)
    return commitments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    parser.add_argument("--rules", action="store_true", help="also run today's rules, for before/after")
    parser.add_argument("--by-doc", action="store_true", help="figures per document")
    parser.add_argument("--model", type=Path, help="a hashed-feature model (.npz) in place of the shipped one; "
                        "blended with the shipped encoder unless --features-only")
    parser.add_argument("--features-only", action="store_true",
                        help="also score the hashed-feature model alone (no encoder), for before/after in one run")
    parser.add_argument("--examples", type=int, default=0, help="print this many misses")
    args = parser.parse_args()
    features = shipped_features_model()
    if args.model:
        with args.model.open("rb") as handle:
            features = load_model(handle)
    if args.rules:
        old = rules_module()
        result = evaluate_labelled(CORPUS, args.split, rules=lambda blocks: old.extract(blocks),
                                   examples=args.examples)
        print(report_text(result, args.by_doc, "today's rules"))
    which = args.model.name if args.model else "shipped"
    if args.features_only:
        result = evaluate_labelled(CORPUS, args.split, features, examples=args.examples)
        print(report_text(result, args.by_doc, f"hashed-feature model alone ({which})"))
    encoder, settings = shipped_encoder()
    blend = BlendedKinds(features, encoder, float(settings["blend_weight"]), float(settings["gate"]))
    result = evaluate_labelled(CORPUS, args.split, blend, examples=args.examples)
    print(report_text(result, args.by_doc, f"learnt model: {which} features + encoder (shipped: fitted on train+dev)"))


if __name__ == "__main__":
    main()
