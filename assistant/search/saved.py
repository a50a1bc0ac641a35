"""The search mirror saved beside the store, loaded by memory-mapping: a cold start that costs
what it needs.

Why: rebuilding the mirror reads every chunk from Chroma and tokenises it again (17 s at 100k
chunks), once per process; a `sva ask` from the shell paid it every time. Saved, a new process
maps the vectors and BM25 postings (numpy .npy, ``mmap_mode="r"``), and decodes a chunk's record
only when a result shows it. The copy is tagged with the store's generation: a copy of another
generation is ignored (the mirror is rebuilt from the store and saved again), and a copy that does
not add up raises Unreadable (the caller logs it and rebuilds).

Layout: ``<folder>/current`` names the subfolder holding the copy; a writer fills a new
subfolder, then replaces ``current`` atomically, then removes the older ones (a process that
mapped them keeps its pages), so readers never see a half-written copy.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

import numpy as np

from assistant.search.bm25 import Bm25, RowTerms
from assistant.search.mirror import Snapshot
from ingest.records import ChunkRecord, StatementRecord

FORMAT = 1
T = TypeVar("T")
_ARRAYS = ("vectors", "statement_vectors", "term_ids", "term_tfs", "term_counts", "bm25_lengths",
           "bm25_offsets", "bm25_rows", "bm25_tfs", "index_rows", "chunk_offsets", "statement_offsets")


class Unreadable(Exception):
    """The saved copy is damaged or incomplete."""


class Records(Sequence[T], Generic[T]):
    """Records kept as JSON lines in a mapped file, decoded one at a time when asked for."""

    def __init__(self, data: np.ndarray, offsets: np.ndarray, make: Callable[..., T]) -> None:
        self._data, self._offsets, self._make = data, offsets, make

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> Records[T]: ...
    def __getitem__(self, i: int | slice) -> T | Records[T]:
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            if step != 1:
                raise ValueError("records are sliced with step 1 only")
            return Records(self._data, self._offsets[start:max(start, stop) + 1], self._make)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        raw = self._data[int(self._offsets[i]):int(self._offsets[i + 1])].tobytes()
        try:
            return self._make(**json.loads(raw))
        except (ValueError, TypeError) as exc:
            raise Unreadable(f"record {i} does not decode: {exc}") from exc

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self)))


def save(snapshot: Snapshot, vocab: dict[str, int], generation: int, folder: Path) -> Path:
    """Write ``snapshot`` as the copy of ``generation``; returns the subfolder written."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"g{generation}-{uuid.uuid4().hex[:12]}"
    target.mkdir()
    try:
        _write(snapshot, vocab, generation, target)
        pointer = folder / f"current.{target.name}"
        pointer.write_text(target.name, encoding="utf-8")
        os.replace(pointer, folder / "current")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    current = (folder / "current").read_text(encoding="utf-8")  # another saver may have won
    for old in folder.iterdir():
        if old.is_dir() and old.name not in (target.name, current):
            shutil.rmtree(old, ignore_errors=True)
    return target


def retag(folder: Path, old: int, new: int) -> bool:
    """Mark the copy of generation ``old`` as that of ``new`` (a write that changed no rows,
    such as recording the model's name), so new processes keep using it; False if there is none."""
    try:
        target = folder / (folder / "current").read_text(encoding="utf-8").strip()
        meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
        if meta.get("generation") != old:
            return False
        partial = target / f"meta.json.{uuid.uuid4().hex[:8]}"
        partial.write_text(json.dumps(meta | {"generation": new}), encoding="utf-8")
        os.replace(partial, target / "meta.json")
        return True
    except (OSError, ValueError, AttributeError):
        return False


def _write(snap: Snapshot, vocab: dict[str, int], generation: int, target: Path) -> None:
    chunk_offsets = _jsonl(target / "chunks.jsonl", snap.chunks)
    statement_offsets = _jsonl(target / "statements.jsonl", snap.statements)
    index: dict[str, list[list]] = {}
    rows: list[np.ndarray] = []
    at = 0
    for name, values in snap.index.items():
        index[name] = []
        for value, found in values.items():
            index[name].append([value, at, at + len(found)])
            rows.append(np.asarray(found, dtype=np.int64))
            at += len(found)
    b = snap.bm25
    arrays = {"vectors": snap.vectors, "statement_vectors": snap.statement_vectors,
              "term_ids": snap.terms.ids, "term_tfs": snap.terms.tfs, "term_counts": snap.terms.counts,
              "bm25_lengths": b.lengths, "bm25_offsets": b.offsets, "bm25_rows": b.rows, "bm25_tfs": b.tfs,
              "index_rows": np.concatenate(rows) if rows else np.zeros(0, np.int64),
              "chunk_offsets": chunk_offsets, "statement_offsets": statement_offsets}
    for name, array in arrays.items():
        np.save(target / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
    terms = sorted(vocab, key=vocab.__getitem__)
    (target / "vocab.json").write_text(json.dumps(terms), encoding="utf-8")
    meta = {"format": FORMAT, "generation": generation, "rows": len(snap.chunks),
            "statements": len(snap.statements), "spans": snap.spans, "index": index}
    (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")  # last: marks it whole


def _jsonl(path: Path, records: Sequence[Any]) -> np.ndarray:
    offsets = [0]
    with path.open("wb") as out:
        for record in records:
            line = json.dumps(record.__dict__, ensure_ascii=False).encode("utf-8") + b"\n"
            out.write(line)
            offsets.append(offsets[-1] + len(line))
    return np.array(offsets, dtype=np.int64)


def load(folder: Path, generation: int, vocab: dict[str, int]) -> Snapshot | None:
    """The saved snapshot of ``generation`` (vectors and postings memory-mapped, ``vocab`` filled
    in); None when there is none of that generation; Unreadable when the copy is damaged."""
    try:
        name = (folder / "current").read_text(encoding="utf-8").strip()
        meta = json.loads((folder / name / "meta.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise Unreadable(str(exc)) from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise Unreadable(f"unknown format {meta.get('format') if isinstance(meta, dict) else meta!r}")
    if meta.get("generation") != generation:
        return None  # of another generation: stale
    target = folder / name
    try:
        a = {n: np.load(target / f"{n}.npy", mmap_mode="r", allow_pickle=False) for n in _ARRAYS}
        terms = json.loads((target / "vocab.json").read_text(encoding="utf-8"))
        chunk_data = _mapped(target / "chunks.jsonl")
        statement_data = _mapped(target / "statements.jsonl")
        rows, said = int(meta["rows"]), int(meta["statements"])
        _check(a, rows, said, len(terms), len(chunk_data), len(statement_data))
        index = {field: {value: a["index_rows"][start:end] for value, start, end in values}
                 for field, values in meta["index"].items()}
        spans = {doc_id: (int(p[0]), int(p[1]), int(p[2]), int(p[3])) for doc_id, p in meta["spans"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise Unreadable(str(exc)) from exc
    vocab.clear()
    vocab.update(zip(terms, range(len(terms))))
    return Snapshot(
        chunks=Records(chunk_data, a["chunk_offsets"], ChunkRecord),
        vectors=a["vectors"],
        bm25=Bm25.of_arrays(vocab, a["bm25_lengths"], a["bm25_offsets"], a["bm25_rows"], a["bm25_tfs"]),
        index=index,
        statements=Records(statement_data, a["statement_offsets"], StatementRecord),
        statement_vectors=a["statement_vectors"],
        terms=RowTerms(a["term_ids"], a["term_tfs"], a["term_counts"]),
        spans=spans,
    )


def _mapped(path: Path) -> np.ndarray:
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=np.uint8)
    return np.memmap(path, dtype=np.uint8, mode="r")


def _check(a: dict[str, np.ndarray], rows: int, said: int, terms: int, chunk_bytes: int,
           statement_bytes: int) -> None:
    """Raise ValueError when the parts do not add up (a truncated or mixed copy)."""
    problems = [
        a["vectors"].shape[0] != rows and rows > 0,
        a["statement_vectors"].shape[0] != said and said > 0,
        len(a["term_counts"]) != rows or len(a["bm25_lengths"]) != rows,
        int(a["term_counts"].sum()) != len(a["term_ids"]) or len(a["term_ids"]) != len(a["term_tfs"]),
        len(a["bm25_offsets"]) != terms + 1 or int(a["bm25_offsets"][-1]) != len(a["bm25_rows"]),
        len(a["bm25_rows"]) != len(a["bm25_tfs"]),
        len(a["chunk_offsets"]) != rows + 1 or int(a["chunk_offsets"][-1]) != chunk_bytes,
        len(a["statement_offsets"]) != said + 1 or int(a["statement_offsets"][-1]) != statement_bytes,
    ]
    if any(problems):
        raise ValueError("its parts do not add up (truncated or mixed)")
