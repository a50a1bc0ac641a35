"""Crashes and concurrency on an embedded store: kill -9 mid-ingest, a second writer, readers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fakes import HashEmbedder

pytestmark = pytest.mark.integration

SVA = str(Path(sys.executable).parent / "sva")


def corpus(folder: Path, n: int = 30) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        path = folder / f"bid_{i:02d}.md"
        body = "\n\n".join(f"We will create {i + j} apprenticeships for ward {j} residents by 2027. "
                           f"Our plan {i}-{j} covers training, local spend and volunteering."
                           for j in range(40))
        path.write_text(f"# Bid {i}\n\n## Jobs\n\n{body}\n", encoding="utf-8")
        files.append(path)
    return files


def env(store: Path) -> dict:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("SVA_")},
            "SVA_STORE": str(store), }


def stored(store: Path) -> int:
    """How many documents the store shows, read by another process (as any reader would)."""
    if not (store / "chroma.sqlite3").exists():
        return 0
    code = ("import sys; from assistant.backends.chroma import ChromaStore; "
            "print(len(ChromaStore(path=sys.argv[1]).documents()))")
    out = subprocess.run([sys.executable, "-c", code, str(store)], capture_output=True, text=True, timeout=120)
    return int(out.stdout.strip() or 0)


def snapshot(store: Path) -> dict:
    from assistant.config import load_settings
    from assistant.services import Services

    services = Services(load_settings(store=store), embedder=HashEmbedder())
    docs = {d.source: d.doc_id for d in services.store.documents()}
    chunks = sorted(c.chunk_id for c in services.mirror.snapshot().chunks)
    return {"docs": docs, "chunks": chunks, "orphans": services.store.orphan_doc_ids()}


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_equals_a_clean_ingest(tmp_path):
    files = corpus(tmp_path / "in")
    crashed, clean = tmp_path / "crashed", tmp_path / "clean"
    started = time.perf_counter()  # a clean run first, to know how long a whole ingest takes
    subprocess.run([SVA, "ingest", str(tmp_path / "in")], env=env(clean), check=True,
                   capture_output=True, timeout=600)
    whole = time.perf_counter() - started
    proc = subprocess.Popen([SVA, "ingest", str(tmp_path / "in")], env=env(crashed),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # kill among the writes: once the first documents are stored (a busy machine can take longer
    # to start than the clean run did, so a fixed delay could land before any write)
    deadline = time.perf_counter() + max(whole * 3, 120)
    while proc.poll() is None and time.perf_counter() < deadline and stored(crashed) == 0:
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = snapshot(crashed)
    assert 0 < len(partial["docs"]) < len(files), "the kill did not land mid-ingest"

    rerun = subprocess.run([SVA, "ingest", str(tmp_path / "in"), "--json"], env=env(crashed),
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert len(report["unchanged"]) == len(partial["docs"])
    after, reference = snapshot(crashed), snapshot(clean)
    assert after["docs"] == reference["docs"] and after["chunks"] == reference["chunks"]
    assert not after["orphans"]


@pytest.mark.slow
def test_a_second_writer_is_told_who_holds_the_store_and_readers_keep_working(tmp_path):
    corpus(tmp_path / "in", 2)
    store = tmp_path / "store"
    subprocess.run([SVA, "ingest", str(tmp_path / "in" / "bid_00.md")], env=env(store), check=True,
                   capture_output=True, timeout=300)
    from assistant.config import load_settings
    from assistant.services import Services

    holder = Services(load_settings(store=store), embedder=HashEmbedder())
    with holder.store.writing():
        second = subprocess.run([SVA, "ingest", str(tmp_path / "in" / "bid_01.md")], env=env(store),
                                capture_output=True, text=True, timeout=300)
        assert second.returncode == 2
        assert "is being written by sva process" in second.stderr and "wait" in second.stderr
        reader = subprocess.run([SVA, "search", "apprenticeships", "--json"], env=env(store),
                                capture_output=True, text=True, timeout=300)
        assert reader.returncode == 0 and json.loads(reader.stdout)["results"]
    third = subprocess.run([SVA, "ingest", str(tmp_path / "in" / "bid_01.md")], env=env(store),
                           capture_output=True, text=True, timeout=300)
    assert third.returncode == 0, third.stderr
