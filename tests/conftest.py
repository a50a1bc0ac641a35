"""Shared fixtures. Unit tests run with the network blocked; integration tests are marked."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hypothesis import settings

# Fuzz tests: a quick profile for a developer's run, the full one in CI (.ci/run sets "ci").
settings.register_profile("default", max_examples=30)
settings.register_profile("ci", max_examples=150)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Sweeps and stress tests (each over half a minute on a busy 2-core box) run in CI, and in a
# developer's run only when asked for, so the README's `pytest` stays within ten minutes.
RUN_SLOW = os.environ.get("SVA_RUN_SLOW", "") == "1"


def pytest_collection_modifyitems(config, items):
    if RUN_SLOW:
        return
    skip = pytest.mark.skip(reason="slow: CI runs it (.ci/run); SVA_RUN_SLOW=1 runs it here")
    for item in items:
        if item.get_closest_marker("slow"):
            item.add_marker(skip)


os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "dev"  # the real dev corpus, copied into the repo
EXAMPLES = ROOT / "assistant" / "data" / "demo"


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
    return CORPUS
