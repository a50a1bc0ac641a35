"""The apps are built from what assistant/ provides; the resident app takes public handles only."""

import pytest

import ui
from assistant.config import load_settings
from assistant.services import Services
from tests.fakes import HashEmbedder, MemoryStore


@pytest.fixture
def services(tmp_path, monkeypatch):
    for key in [k for k in __import__("os").environ if k.startswith("SVA_")]:
        monkeypatch.delenv(key)
    return Services(load_settings(store=tmp_path / "store"), embedder=HashEmbedder(),
                    store=MemoryStore())


def api_names(blocks) -> set[str]:
    return {d.get("api_name") for d in blocks.get_config_file()["dependencies"]}


def test_the_resident_app_refuses_anything_but_a_public_view(services):
    for handle in (services, services.answerer("all"), services.answerer("public"),
                   services.register("public")):
        with pytest.raises(ValueError, match="public-only view"):
            ui.build_resident_app(handle)
    app = ui.build_resident_app(services.public())
    assert {"ask", "promises", "areas"} <= api_names(app)
    assert not {"register", "add_documents", "delete_document", "use_charter"} & api_names(app)


def test_the_question_box_holds_no_more_than_is_read(services):
    from assistant.app.chat import MAX_QUESTION

    boxes = [c for c in ui.build_resident_app(services.public()).get_config_file()["components"]
             if c["props"].get("placeholder", "").startswith("e.g. How many apprenticeships")]
    assert [b["props"]["max_length"] for b in boxes] == [MAX_QUESTION]


def test_the_commissioner_app_has_every_tab(services):
    app = ui.build_commissioner_app(services)
    assert {"ask", "add_documents", "save_details", "reingest", "delete_document", "register",
            "use_charter", "compare"} <= api_names(app)


def test_launch_prints_a_one_time_password_and_listens_on_localhost(services, monkeypatch):
    import uvicorn

    made, ran, said = {}, {}, []
    monkeypatch.setattr(ui, "create_app", lambda s, credentials: made.setdefault("creds", credentials))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: ran.update(kwargs))
    ui.launch(services, log=said.append)
    password = made["creds"].generated_password
    assert password and any(password in line for line in said)
    assert made["creds"].check("commissioner", password)
    assert ran["host"] == "127.0.0.1" and ran["port"] == 7860


def test_launch_with_configured_credentials_prints_no_password(services, monkeypatch):
    import uvicorn
    from pydantic import SecretStr

    services.settings.commissioner_user = "anna"
    services.settings.commissioner_password = SecretStr("a long password")
    made, said = {}, []
    monkeypatch.setattr(ui, "create_app", lambda s, credentials: made.setdefault("creds", credentials))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: None)
    ui.launch(services, log=said.append)
    assert made["creds"].generated_password is None and made["creds"].check("anna", "a long password")
    assert not any("password" in line for line in said)


def test_both_apps_have_a_proper_title(services):
    place = services.public().register().charter.place
    resident = ui.build_resident_app(services.public()).get_config_file()["title"]
    assert resident == f"sva — what suppliers promised for {place}" and place
    assert ui.build_commissioner_app(services).get_config_file()["title"] == "sva — commissioner"


def test_residents_are_told_in_plain_words_when_nothing_answers(services):
    from assistant.answers.not_found import NOT_FOUND, NOT_FOUND_PUBLIC

    public = services.public().answerer().answer("What colour is the moon on Tuesdays?")
    assert not public.supported and public.answer == NOT_FOUND_PUBLIC
    assert "ingested" not in public.answer and "published" in public.answer
    everyone = services.answerer("all").answer("What colour is the moon on Tuesdays?")
    assert everyone.answer == NOT_FOUND  # commissioners still get the hint to check the store
