"""`sva ingest --profile` shows where the time went, in the pipeline's order, without changing
the JSON a plain `--json` prints."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
SVA = Path(sys.executable).parent / "sva"


def test_the_profile_splits_the_ingest_by_stage(tmp_path):
    (tmp_path / "bid.md").write_text("# Bid\n\nWe will plant 300 trees in Millbrook by 2027.\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SVA_")}
    done = subprocess.run([str(SVA), "ingest", str(tmp_path / "bid.md"), "--store", str(tmp_path / "s"),
                           "--json", "--profile"], capture_output=True, text=True, env=env, check=True)
    report = json.loads(done.stdout)
    stages = list(report["profile"])
    assert stages[:8] == ["open store", "read", "parse", "chunk", "extract", "embed chunks",
                          "embed statements", "write"]
    assert report["profile"]["vectors embedded"] >= 1 and "profile    embed chunks" in done.stderr
    assert sum(v for k, v in report["profile"].items() if not k.startswith("vectors")) == pytest.approx(
        report["seconds"], abs=0.05)
