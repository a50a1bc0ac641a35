"""What extraction costs in an ingest: the learnt statement-kind extraction against the rules it
replaced (ingest/commitments.py at RULES_COMMIT) and the hashed-feature model alone (without the
kind encoder), on the same generated tender PDFs, beside one
whole `sva ingest` of them, all in one run.

    python benchmarks/extraction.py [--pages 300]

Prints a table: seconds for loading the PDFs, for each extraction (median of 3), and for the whole
ingest; and the extra time the learnt extraction adds, as a share of the whole ingest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_extraction import rules_module  # noqa: E402

from benchmarks.corpus_gen import generate  # noqa: E402
from ingest.commitments import extract  # noqa: E402
from ingest.deadlines import find_deadline  # noqa: E402
from ingest.kind_encoder import shipped_encoder  # noqa: E402
from ingest.kinds import shipped_features_model, shipped_model  # noqa: E402
from ingest.loaders import load  # noqa: E402
from ingest.quantities import _quantities  # noqa: E402


def timed(fn, repeats: int = 3) -> float:
    runs = []
    for _ in range(repeats):
        _quantities.cache_clear()  # each run reads the documents afresh, as one ingest does
        find_deadline.cache_clear()
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = generate(Path(tmp) / "pdfs", args.pages)
        started = time.perf_counter()
        docs = [load(p, p.read_bytes()) for p in pdfs]
        loading = time.perf_counter() - started
        rules = rules_module()
        old = timed(lambda: [rules.extract(d.blocks) for d in docs])
        features = timed(lambda: [extract(d.blocks, model=shipped_features_model()) for d in docs])
        encoder, _ = shipped_encoder()  # built (once per machine) and loaded before the clock starts
        shipped_model()

        def fresh_extract():
            encoder.forget()  # each run reads every sentence; within a run repeats are read once
            return [extract(d.blocks) for d in docs]

        new = timed(fresh_extract)
        started = time.perf_counter()
        out = subprocess.run([str(Path(sys.executable).parent / "sva"), "ingest", *map(str, pdfs), "--store",
                              str(Path(tmp) / "store"), "--json"], capture_output=True, text=True, check=True)
        whole = time.perf_counter() - started
        report = json.loads(out.stdout)
    rows = [("load the PDFs", loading), ("extract: rules (before)", old), ("extract: hashed model alone", features),
            ("extract: + encoder (now)", new), ("whole sva ingest (now)", whole)]
    print(f"{args.pages} pages, {len(pdfs)} PDFs, {sum(i['chunks'] for i in report['ingested'])} chunks")
    for name, seconds in rows:
        print(f"  {name:26} {seconds:8.2f} s")
    print(f"  the learnt extraction adds {new - old:.2f} s: {100 * (new - old) / (whole - (new - old)):.1f}% "
          f"of an ingest with the rules; the encoder {new - features:.2f} s of it")


if __name__ == "__main__":
    main()
