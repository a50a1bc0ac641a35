"""The Commitments tab's kind filter and correction form, without Gradio (assistant.app.forms),
and how a corrected row is shown; the form is the commissioners' only (not a resident endpoint)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import ui
from assistant.app import forms, render
from assistant.config import load_settings
from assistant.services import Services
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore
from tests.unit.test_register import BID, CHARTER
from tests.unit.test_ui import api_names

REPAIRS = "# Acme method statement\n\n## Repairs\n\n- Urgent repairs: complete within 3 working days.\n"


@pytest.fixture
def services(tmp_path, monkeypatch):
    monkeypatch.delenv("SVA_LLM", raising=False)
    (tmp_path / "charter.yaml").write_text(CHARTER, encoding="utf-8")
    monkeypatch.setenv("SVA_CHARTER", str(tmp_path / "charter.yaml"))
    services = Services(load_settings(store=tmp_path / "store"), embedder=HashEmbedder(), store=MemoryStore())
    (tmp_path / "acme.md").write_text(BID, encoding="utf-8")
    (tmp_path / "repairs.md").write_text(REPAIRS, encoding="utf-8")
    services.ingest([tmp_path / "acme.md", tmp_path / "repairs.md"],
                    IngestMeta("Acme", ("Testville",), audience="public"))
    return services


def shown(services, kind="commitment"):
    return forms.filtered(services.register("all"), "", "", "", "", "", kind)


def test_the_kind_filter_keeps_service_standards_apart(services):
    texts = {k: " ".join(c.text for c in shown(services, k)) for k in ("commitment", "service_standard", "")}
    assert "Urgent repairs" in texts["service_standard"] and "Urgent repairs" not in texts["commitment"]
    assert "golf day" in texts["commitment"] and "golf day" not in texts["service_standard"]
    assert "Urgent repairs" in texts[""] and "golf day" in texts[""]


def test_a_correction_from_the_form_moves_the_row_and_says_who(services):
    register = services.register("all")
    golf = next(c for c in shown(services) if "golf day" in c.text)
    assert "Choose a row" in forms.save_correction(services, register, "", "commitment", "", "anna")
    assert "no correction to undo" in forms.save_correction(services, register, golf.id, forms.UNDO, "", "anna")
    said = forms.save_correction(services, register, golf.id, "service_standard", "<b>events</b>", "anna")
    assert "Saved by anna" in said and "now a service standard" in said
    assert "golf day" not in " ".join(c.text for c in shown(services))
    row = next(c for c in shown(services, "service_standard") if "golf day" in c.text)
    html = render.register_html([row])
    assert "corrected by anna" in html and "sva read it as a social value commitment" in html
    assert "&lt;b&gt;events&lt;/b&gt;" in html and "<b>events" not in html  # a note is text, never markup


def test_a_row_taken_out_can_still_be_chosen_to_undo(services):
    register = services.register("all")
    golf = next(c for c in shown(services) if "golf day" in c.text)
    said = forms.save_correction(services, register, golf.id, "not_a_promise", "", "anna")
    assert "taken out of the register" in said
    choices = forms.correctable(register, shown(services))
    assert (f"(taken out) Acme — {golf.text}", golf.id) in choices
    assert all(golf.id != i for label, i in choices if not label.startswith("(taken out)"))
    forms.save_correction(services, register, golf.id, forms.UNDO, "", "ben")
    assert any("golf day" in c.text for c in shown(services))


def test_only_the_commissioner_app_can_correct(services):
    assert "correct_row" in api_names(ui.build_commissioner_app(services))
    assert "correct_row" not in api_names(ui.build_resident_app(services.public()))


def test_the_form_refuses_a_correction_to_what_sva_read(services):
    register = services.register("all")
    golf = next(c for c in shown(services) if "golf day" in c.text)
    said = forms.save_correction(services, register, golf.id, "commitment", "", "anna")
    assert "Not saved" in said and "nothing to correct" in said
    assert services.corrections().history() == []


def test_a_tabs_download_folder_is_removed_when_the_server_exits(tmp_path):
    code = ("from assistant.app.forms import downloads; d = downloads('sva-voice-'); "
            "(d / 'residents.csv').write_text('a comment', encoding='utf-8'); print(d)")
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=Path(ui.__file__).parent)
    folder = Path(out.stdout.strip())
    assert folder.parent == tmp_path and folder.name.startswith("sva-voice-")
    assert not folder.exists()
