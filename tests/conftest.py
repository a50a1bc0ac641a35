"""Shared fixtures. Unit tests run with the network blocked; integration tests are marked."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("SVA_CORPUS", ROOT.parent / "shared" / "corpus" / "real"))
EXAMPLES = ROOT / "examples" / "demo"


@pytest.fixture(autouse=True)
def _block_network(request, monkeypatch):
    """Unit tests may not open sockets: a test that needs the network is an integration test."""
    if request.node.get_closest_marker("integration"):
        return

    def refuse(*args, **kwargs):
        raise RuntimeError("network access in a unit test; mark it @pytest.mark.integration")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "questions.jsonl").exists():
        pytest.fail(f"the dev corpus is missing at {CORPUS}; set SVA_CORPUS to its folder")
    return CORPUS
