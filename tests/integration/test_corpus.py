"""The real thing end to end: bundled model, Chroma on disk, the dev corpus (tests/data/dev), the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

SVA = str(Path(sys.executable).parent / "sva")


def run(*args: str, store: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "SVA_STORE": str(store)}
    env.pop("SVA_EMBEDDER", None)
    proc = subprocess.run([SVA, *args], capture_output=True, text=True, env=env, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"sva {' '.join(args)} -> {proc.returncode}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus_dir) -> Path:
    store = tmp_path_factory.mktemp("store")
    files = sorted(str(p) for p in corpus_dir.glob("*.txt"))
    report = json.loads(run("ingest", *files, "--supplier", "Various", "--audience", "public",
                            "--json", store=store).stdout)
    assert len(report["ingested"]) == 5 and not report["skipped"]
    assert all(item["chunks"] > 5 for item in report["ingested"])
    return store


@pytest.fixture(scope="module")
def corpus_dir() -> Path:
    from tests.conftest import CORPUS

    return CORPUS


def test_eval_meets_the_retrieval_and_answer_targets(store, corpus_dir):
    result = json.loads(run("eval", str(corpus_dir / "questions.jsonl"), "--k", "5", "--json",
                            store=store).stdout)
    assert set(result) >= {"k", "recall_at_k", "mrr", "answer_support", "items"}
    assert result["recall_at_k"] >= 0.95, result["recall_at_k"]
    assert result["mrr"] >= 0.80, result["mrr"]
    assert result["answer_support"] >= 0.70, result["answer_support"]
    item = result["items"][0]
    assert set(item) >= {"id", "question", "results", "answer"}
    assert set(item["results"][0]) == {"doc_id", "source", "title", "page", "section", "text", "score"}


def test_reingest_reports_every_file_unchanged(store, corpus_dir):
    files = sorted(str(p) for p in corpus_dir.glob("*.txt"))
    report = json.loads(run("ingest", *files, "--supplier", "Various", "--audience", "public",
                            "--json", store=store).stdout)
    assert report["ingested"] == [] and report["skipped"] == []
    assert sorted(report["unchanged"]) == files


def test_ask_cites_document_section_and_quote(store):
    data = json.loads(run("ask", "How many young people does Wates hope to reach by 2025?", "--json",
                          store=store).stdout)
    assert data["supported"] and data["answerer"] == "extractive"
    assert "100,000" in data["answer"] and "[1]" in data["answer"]
    citation = data["citations"][0]
    assert citation["source"] == "wates_social_value_strategy.txt"
    assert "100,000 by 2025" in citation["quote"] and citation["section"]


def test_ask_says_not_found_for_questions_the_documents_cannot_answer(store):
    for question in ["What is the capital of France?",
                     "How many apprentices will Acme Housing create in Rotherham?"]:
        data = json.loads(run("ask", question, "--json", store=store).stdout)
        assert data["supported"] is False and data["citations"] == []
        assert "not find" in data["answer"]


def test_search_json_filters_and_audience(store):
    data = json.loads(run("search", "social enterprise spend", "--k", "3", "--supplier", "Various",
                          "--json", store=store).stdout)
    assert data["query"] == "social enterprise spend" and len(data["results"]) == 3
    none = json.loads(run("search", "social enterprise spend", "--supplier", "Nobody", "--json",
                          store=store).stdout)
    assert none["results"] == []


def test_bad_files_beside_good_ones_exit_1_and_are_named(tmp_path, corpus_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((corpus_dir / "wates_social_value_strategy.txt").read_text("utf-8"), "utf-8")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.5\n1 0 obj << /Type /Catalog")
    (folder / "empty.md").write_bytes(b"")
    (folder / "data.bin").write_bytes(os.urandom(64))
    proc = run("ingest", str(folder), "--json", store=tmp_path / "s", check=False)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert [Path(i["path"]).name for i in report["ingested"]] == ["good.txt"]
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert set(reasons) == {"corrupt.pdf", "empty.md"}
    assert [Path(p).name for p in report["ignored"]] == ["data.bin"]  # not a type sva reads
    assert all(len(reason) > 20 for reason in reasons.values())


def test_help_is_fast_and_lists_the_commands():
    proc = subprocess.run([SVA, "--help"], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0
    for command in ("ingest", "search", "ask", "eval", "serve"):
        assert command in proc.stdout
