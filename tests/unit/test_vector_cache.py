"""The store's vector cache: a text embedded once costs a lookup afterwards, safely."""

from __future__ import annotations

import logging
import multiprocessing
import threading

import numpy as np

from assistant.backends.vector_cache import CachedEmbedder, VectorCache
from assistant.library import ingest
from ingest.parse import IngestMeta
from tests.fakes import CountingEmbedder, HashEmbedder, MemoryStore


def test_a_text_is_embedded_once_and_looked_up_after(tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, VectorCache(tmp_path / "v.sqlite"))
    first = cached.embed(["local jobs", "net zero", "local jobs"])
    again = CachedEmbedder(inner, VectorCache(tmp_path / "v.sqlite")).embed(["net zero", "new text"])
    assert inner.texts_embedded == 3  # "local jobs" once, "net zero" once, "new text" once
    assert np.allclose(first, HashEmbedder().embed(["local jobs", "net zero", "local jobs"]))
    assert np.allclose(again, HashEmbedder().embed(["net zero", "new text"]))
    assert (cached.hits, cached.misses) == (0, 3)


def test_another_model_or_one_changed_character_is_a_miss(tmp_path):
    cache = VectorCache(tmp_path / "v.sqlite")
    cache.put("model:a", ["We will plant 300 trees."], np.ones((1, 4), np.float32))
    assert set(cache.get("model:a", ["We will plant 300 trees.", "We will plant 300 trees!"])) == {0}
    assert cache.get("model:b", ["We will plant 300 trees."]) == {}


def test_the_cache_stays_within_its_bound(tmp_path):
    cache = VectorCache(tmp_path / "v.sqlite", max_rows=10)
    for n in range(5):
        cache.put("m", [f"text {n} {i}" for i in range(10)], np.ones((10, 4), np.float32))
    assert len(cache) <= 10
    assert set(cache.get("m", [f"text 4 {i}" for i in range(10)])) == set(range(10))  # newest kept


def test_a_corrupt_cache_is_logged_and_started_afresh(tmp_path, caplog):
    path = tmp_path / "v.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    inner = CountingEmbedder()
    with caplog.at_level(logging.WARNING, logger="sva"):
        vectors = CachedEmbedder(inner, VectorCache(path)).embed(["a", "b"])
    assert np.allclose(vectors, HashEmbedder().embed(["a", "b"]))
    assert "unreadable" in caplog.text
    assert len(VectorCache(path).get(inner.name, ["a", "b"])) == 2  # the new file works


def test_a_cache_that_cannot_be_opened_embeds_without_it(tmp_path, caplog):
    (tmp_path / "v.sqlite").mkdir()  # a folder where the file should be: unopenable, undeletable
    with caplog.at_level(logging.WARNING, logger="sva"):
        vectors = CachedEmbedder(HashEmbedder(), VectorCache(tmp_path / "v.sqlite")).embed(["a"])
    assert np.allclose(vectors, HashEmbedder().embed(["a"]))
    assert "without it" in caplog.text


def _embed_in_another_process(path: str, texts: list[str], out) -> None:
    vectors = CachedEmbedder(HashEmbedder(), VectorCache(path)).embed(texts)
    out.put(bool(np.allclose(vectors, HashEmbedder().embed(texts))))


def test_concurrent_writers_and_readers_get_right_vectors(tmp_path):
    path = tmp_path / "v.sqlite"
    texts = [[f"shared {i}" for i in range(50)] + [f"own {n} {i}" for i in range(50)] for n in range(6)]
    results: list[bool] = []

    def work(n: int) -> None:
        for _ in range(3):
            vectors = CachedEmbedder(HashEmbedder(), VectorCache(path)).embed(texts[n])
            results.append(bool(np.allclose(vectors, HashEmbedder().embed(texts[n]))))

    spawn = multiprocessing.get_context("spawn")  # never fork a process that has threads running
    queue = spawn.Queue()
    procs = [spawn.Process(target=_embed_in_another_process, args=(str(path), texts[n], queue))
             for n in (4, 5)]
    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for worker in procs + threads:
        worker.start()
    for worker in procs + threads:
        worker.join(timeout=120)
    results += [queue.get(timeout=10) for _ in procs]
    assert results == [True] * 14
    everything = [t for group in texts for t in group]
    assert len(VectorCache(path).get("hash:256", everything)) == len(everything)  # all cached


def test_near_identical_documents_embed_only_what_differs(tmp_path):
    body = "\n\n".join(f"## Section {n}\n\nWe will create {n} apprenticeships in Leeds by 2027. "
                       + "Our approach is led locally. " * 30 for n in range(8))
    for name, line in (("a.md", "Reference: A-1."), ("b.md", "Reference: B-2.")):
        (tmp_path / name).write_text(f"# Proposal\n\n{line}\n\n{body}\n", encoding="utf-8")
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, VectorCache(tmp_path / "v.sqlite"))
    ingest([tmp_path / "a.md"], MemoryStore(), cached, IngestMeta())
    first = inner.texts_embedded
    store = MemoryStore()
    report = ingest([tmp_path / "b.md"], store, cached, IngestMeta())
    assert report.ingested and inner.texts_embedded - first <= 2  # the chunk with the changed line
    assert report.profile["embed chunks"] >= 0 and "write" in report.profile_json()
