"""The store a command is given: a mistyped --store is an error naming it (not a new empty store
that answers nothing), and a file where a folder should be is a clear error, not a traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.cli.common import open_services
from assistant.errors import ConfigError, StoreError


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    for key in ("SVA_STORE", "SVA_CHROMA_URL", "SVA_CHARTER", "SVA_LLM"):
        monkeypatch.delenv(key, raising=False)


@pytest.mark.parametrize("args", [("ask", "What was promised?"), ("search", "apprenticeships"), ("documents",),
                                  ("commitments",), ("tender", "list"), ("correct", "--list")])
def test_reading_a_store_that_is_not_there_names_it_and_the_fix(tmp_path, args):
    typo = tmp_path / "stroe"
    result = CliRunner().invoke(app, [*args, "--store", str(typo)])
    assert isinstance(result.exception, StoreError)
    assert f"there is no sva store at {typo}" in str(result.exception) and "sva ingest" in str(result.exception)
    assert not typo.exists()  # nothing made on the way


def test_commands_that_make_a_store_may_name_a_new_one(tmp_path):
    assert open_services(tmp_path / "new", create=True).settings.store == tmp_path / "new"
    (tmp_path / "old").mkdir()
    assert open_services(tmp_path / "old").settings.store == tmp_path / "old"


def test_a_file_given_as_the_store_is_a_clear_error(tmp_path):
    (tmp_path / "afile").write_text("not a store", encoding="utf-8")
    with pytest.raises(ConfigError, match="is a file, not a folder: give --store"):
        open_services(tmp_path / "afile", create=True)


def test_ask_reads_with_the_charter_named(monkeypatch, tmp_path):
    import assistant.cli as cli
    from assistant.answers.base import Answer

    opened: list[dict] = []

    class Services:
        def answerer(self, audience):
            return type("Answerer", (), {"answer": staticmethod(lambda q: Answer(q, "fine", True))})()

    def open_services(store, **kw):
        opened.append(kw)
        return Services()
    monkeypatch.setattr(cli, "open_services", open_services)
    CliRunner().invoke(app, ["ask", "What was promised?", "--charter", str(tmp_path / "ours.yaml")])
    CliRunner().invoke(app, ["ask", "What was promised?"])
    assert opened == [{"charter": tmp_path / "ours.yaml"}, {}]
