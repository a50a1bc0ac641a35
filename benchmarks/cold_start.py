"""A cold `sva ask`: a new process per question, over a 10k- and a 100k-chunk store.

Each figure is a whole `sva ask --json` process (interpreter start, imports, the model session,
the search index, the answer), timed from outside, with its peak RSS (os.wait4). Every question
is new to the store's vector cache, so each process runs the model. Three rows per size: the first
ask after an ingest (it builds the search index from Chroma and saves it beside the store), then
the median of the cold asks that map the saved index, then the same with the saved index removed
before each ask (the cost without it: every process rebuilds from Chroma). Warm p95 is in-process
(benchmarks/scale.py's measure). The chunks are synthetic (see scale.py).

    python benchmarks/cold_start.py [--sizes 10000 100000] [--asks 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks import scale  # noqa: E402

SVA = Path(sys.executable).parent / "sva"
TOPICS = ["apprenticeships", "local SME spend", "carbon reduction", "volunteering hours", "the living wage",
          "waste diverted from landfill", "care leavers", "modern slavery", "the youth trust", "reporting",
          "school visits", "electric vans", "food banks", "work placements", "supply chain spend"]


def ask(store: Path, question: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SVA_")} | {
        "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([str(SVA), "ask", question, "--store", str(store), "--json"], env=env,
                                 cwd=store.parent, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0), err.seek(0)
        if os.waitstatus_to_exitcode(status):
            sys.exit(f"sva ask failed: {err.read().decode(errors='replace')[-800:]}")
        json.loads(out.read())
    return {"wall_s": wall, "rss_mb": usage.ru_maxrss / 1024}


def questions(n: int, size: int, label: str) -> list[str]:
    return [f"What is promised on {TOPICS[i % len(TOPICS)]} ({label} {size} #{i})?" for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--asks", type=int, default=7, help="cold asks timed per row")
    parser.add_argument("--queries", type=int, default=60, help="warm asks timed in-process")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="sva-cold-") as tmp:
            store = Path(tmp) / "store"
            print(f"building {size:,} chunks ...", file=sys.stderr)
            built = scale.build(store, size)
            first = ask(store, questions(1, size, "first")[0])
            saved = [ask(store, q) for q in questions(args.asks, size, "saved")]
            rebuilt = []
            for q in questions(max(3, args.asks // 2), size, "rebuilt"):
                shutil.rmtree(store / "mirror", ignore_errors=True)
                rebuilt.append(ask(store, q))
            warm = scale.measure(store, args.queries)
            rows.append((size, built, first, saved, rebuilt, warm))
            print(f"{size:,}: first {first['wall_s']:.2f} s, cold median "
                  f"{statistics.median(r['wall_s'] for r in saved):.2f} s", file=sys.stderr)
    print(f"{'figure':46}" + "".join(f"{size:>12,}" for size, *_ in rows))
    table = [
        ("cold ask, saved index: median s", lambda r: statistics.median(x["wall_s"] for x in r[3])),
        ("cold ask, saved index: max s", lambda r: max(x["wall_s"] for x in r[3])),
        ("cold ask, no saved index (rebuild): median s", lambda r: statistics.median(x["wall_s"] for x in r[4])),
        ("  ratio rebuild / saved", lambda r: statistics.median(x["wall_s"] for x in r[4])
         / statistics.median(x["wall_s"] for x in r[3])),
        ("first ask after ingest (builds + saves) s", lambda r: r[2]["wall_s"]),
        ("peak RSS MB: cold ask, saved index (max)", lambda r: max(x["rss_mb"] for x in r[3])),
        ("peak RSS MB: rebuild + save (max)", lambda r: max(x["rss_mb"] for x in r[4] + [r[2]])),
        ("in-process: index load s", lambda r: r[5]["mirror_load_s"]),
        ("warm ask p50 ms", lambda r: r[5]["ask_p50_ms"]),
        ("warm ask p95 ms", lambda r: r[5]["ask_p95_ms"]),
        ("warm ask + filters p95 ms", lambda r: r[5]["ask_filtered_p95_ms"]),
        ("warm search p95 ms", lambda r: r[5]["search_p95_ms"]),
    ]
    for name, value in table:
        print(f"{name:46}" + "".join(f"{value(r):>12.2f}" for r in rows))
    print(f"{args.asks} cold asks per size, each a new question; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
