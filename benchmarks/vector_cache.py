"""What the store's vector cache saves: near-identical documents ingested with and without it.

A supplier re-issues the same ~13 kB tender response to many buyers, changing one line (the
buyer's reference). Without the cache every copy is embedded again; with it only the chunk and
sentences around the changed line are. Each run is a whole `sva ingest` process into a new store
(with `--profile`, so the table also shows where the time went).

    python benchmarks/vector_cache.py [--docs 320] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.corpus_gen import THEMES, _paragraph  # noqa: E402

SVA = Path(sys.executable).parent / "sva"


def documents(folder: Path, count: int, seed: int, size: int = 13_000) -> list[Path]:
    """``count`` Markdown tenders, identical but for one reference line in the middle."""
    rng = random.Random(seed)
    sections: list[str] = []
    while sum(map(len, sections)) < size:
        theme = rng.choice(list(THEMES))
        sections.append(f"## {theme}\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n")
    middle = len(sections) // 2
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        body = sections[:middle] + [f"Buyer reference: HBC-{n:04d}-SV.\n"] + sections[middle:]
        path = folder / f"tender_{n:04d}.md"
        path.write_text("# Social Value Proposal: Calder Build Partnership\n\n" + "\n".join(body),
                        encoding="utf-8")
        paths.append(path)
    return paths


def ingest(folder: Path, store: Path, cache_mb: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SVA_")} | {
        "SVA_VECTOR_CACHE_MB": cache_mb, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    started = time.perf_counter()
    done = subprocess.run([str(SVA), "ingest", str(folder), "--store", str(store), "--json", "--profile"],
                          capture_output=True, text=True, env=env, cwd=store.parent)
    wall = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"sva ingest failed ({done.returncode}): {done.stderr[-800:]}")
    report = json.loads(done.stdout)
    return {"wall_s": wall, "chunks": sum(i["chunks"] for i in report["ingested"]),
            "files": len(report["ingested"]), "profile": report["profile"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=320)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sva-cache-bench-") as tmp:
        folder = Path(tmp) / "docs"
        paths = documents(folder, args.docs, args.seed)
        mb = sum(p.stat().st_size for p in paths) / 2**20
        print(f"{len(paths)} documents, {mb:.1f} MB of text, each differing by one line", file=sys.stderr)
        before = ingest(folder, Path(tmp) / "without", "0")
        print(f"without the cache: {before['wall_s']:.1f} s", file=sys.stderr)
        after = ingest(folder, Path(tmp) / "with", "512")
        print(f"with the cache:    {after['wall_s']:.1f} s", file=sys.stderr)
    rows = [("ingest wall s (whole process)", before["wall_s"], after["wall_s"])]
    rows += [(f"  {stage}", before["profile"].get(stage, 0), after["profile"].get(stage, 0))
             for stage in after["profile"]]
    print(f"{args.docs} documents ({mb:.1f} MB), {before['chunks']} / {after['chunks']} chunks stored")
    print(f"{'figure':32}{'no cache':>12}{'cache':>12}{'ratio':>9}")
    for name, a, b in rows:
        ratio = f"{a / b:8.1f}x" if isinstance(a, float) and b else ""
        print(f"{name:32}{a:>12.2f}{b:>12.2f}{ratio:>9}" if isinstance(a, float)
              else f"{name:32}{a:>12}{b:>12}")


if __name__ == "__main__":
    main()
