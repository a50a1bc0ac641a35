"""The built wheel carries everything sva needs at run time: prompts, the demo documents, the
charter, the statement-kind model, the gazetteer, the font. Installed into a fresh virtualenv
(dependencies borrowed from this one), it answers a question about the demo from outside the
checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_wheel_installs_and_answers_from_its_own_files(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(wheels.glob("social_value_assistant-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the dependencies come from this environment, appended after the new venv's own packages
    Path(site, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SVA_")},
           "SVA_STORE": str(tmp_path / "store"), "PYTHONPATH": ""}
    check = (
        "import assistant, json\n"
        "from assistant.answers.prompts import load_prompt\n"
        "from assistant.demo import DEMO_DOCUMENTS, prepare_demo\n"
        "from assistant.config import load_settings\n"
        "from assistant.services import Services\n"
        "from ingest.kinds import shipped_model\n"
        "prompts = [load_prompt(n).name for n in ('answer', 'condense', 'plain')]\n"
        "prepare_demo(Services(load_settings()), log=lambda m: None)\n"
        "shipped_model()\n"
        "print(json.dumps({'package': assistant.__file__, 'prompts': prompts,\n"
        "                  'demo': sorted(p.name for p in DEMO_DOCUMENTS.iterdir())}))\n"
    )
    out = subprocess.run([python, "-c", check], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["package"].startswith(site) and found["prompts"] == ["answer", "condense", "plain"]
    assert "manifest.json" in found["demo"] and "greenway_tender_response.docx" in found["demo"]
    asked = subprocess.run([venv / "bin" / "sva", "ask", "How many apprenticeships will Brightstone create?",
                            "--json"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["supported"] and "apprenticeships" in answer["answer"]
    assert answer["citations"] and answer["citations"][0]["source"].startswith("brightstone")
