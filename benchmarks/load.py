"""Load: concurrent resident chat sessions against `sva serve` while an ingest runs.

A Chroma server holds the demo documents; `sva serve` and a concurrent `sva ingest` of
generated tender PDFs both use it. Each client asks questions whose right answer is known and
checks it got that answer (not a neighbour's). Prints latency p50/p95, errors and wrong answers.
Traffic stays on 127.0.0.1 and every loop is bounded.

    . .venv/bin/activate
    python benchmarks/load.py [--clients 20] [--questions 5] [--pages 60]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [  # (question, a phrase the right answer contains)
    ("How many apprenticeships will Brightstone create for Harrowden residents?", "20 apprenticeships"),
    ("What will Brightstone do for adults with learning disabilities?", "supported employment placements"),
    ("How much will Brightstone spend with SMEs in Harrowden?", "£2m"),
    ("What did Brightstone promise for Stanmoor?", "Brightstone Construction Ltd made"),
    ("How many trees will Brightstone plant?", "1,000 trees"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


def run(clients: int, questions: int, pages: int) -> dict:
    from benchmarks.corpus_gen import generate

    work = Path(tempfile.mkdtemp(prefix="sva-load-"))
    chroma_port, app_port = free_port(), free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SVA_")},
           "SVA_CHROMA_URL": f"http://127.0.0.1:{chroma_port}", "SVA_STORE": str(work / "store"),
           "SVA_CHARTER": str(ROOT / "assistant" / "data" / "demo_charter.yaml"),
           "SVA_COMMISSIONER_USER": "load", "SVA_COMMISSIONER_PASSWORD": "load-test-password-1",
           "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}
    procs = []
    try:
        procs.append(subprocess.Popen([str(BIN / "chroma"), "run", "--path", str(work / "chroma"),
                                       "--host", "127.0.0.1", "--port", str(chroma_port)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat")
        subprocess.run([sys.executable, "-c", "from assistant.demo import prepare_demo; "
                        "from assistant.config import load_settings; "
                        "from assistant.services import Services; prepare_demo(Services(load_settings()))"],
                       env=env, cwd=ROOT, check=True, capture_output=True, timeout=600)
        procs.append(subprocess.Popen([str(BIN / "sva"), "serve", "--port", str(app_port)], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        url = f"http://127.0.0.1:{app_port}/"
        wait_for(url)
        pdfs = generate(work / "pdfs", pages)
        ingest = subprocess.Popen([str(BIN / "sva"), "ingest", *map(str, pdfs), "--supplier",
                                   "Load Test Ltd", "--audience", "public"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times, errors, wrong = [], [], []
        lock = threading.Lock()

        def session(n: int) -> None:
            from gradio_client import Client

            client = Client(url, verbose=False)
            for i in range(questions):
                question, expected = QUESTIONS[(n + i) % len(QUESTIONS)]
                started = time.perf_counter()
                try:
                    reply = str(client.predict(question, api_name="/ask"))
                except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                with lock:
                    times.append((time.perf_counter() - started) * 1000)
                    if expected not in reply.replace("\\", ""):
                        wrong.append((question, reply[:200]))

        threads = [threading.Thread(target=session, args=(n,)) for n in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=900)
        wall = time.perf_counter() - started
        ingest_done = ingest.poll() is not None
        ingest.wait(timeout=900)
        return {"clients": clients, "questions": len(times) + len(errors), "errors": len(errors),
                "wrong_answers": len(wrong), "p50_ms": round(statistics.median(times), 1) if times else None,
                "p95_ms": round(statistics.quantiles(times, n=20)[-1], 1) if len(times) > 2 else None,
                "wall_s": round(wall, 1), "ingest_running_during_load": not ingest_done,
                "ingest_exit": ingest.returncode, "error_examples": errors[:3], "wrong_examples": wrong[:3]}
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--pages", type=int, default=60)
    args = parser.parse_args()
    print(json.dumps(run(args.clients, args.questions, args.pages), indent=2))


if __name__ == "__main__":
    main()
