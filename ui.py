"""The Gradio apps, built from assistant/. No business logic here: it wires widgets to what
assistant/ provides and shows what it returns (as HTML made by assistant/render.py, where all
document text is escaped: it is data, never markup).

    /               the resident app: public documents only, no login
    /commissioner   the commissioner app: everything; login required for every path under it
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

TITLE = "sva — Social Value Assistant"
COMMISSIONER = "/commissioner"
PUBLIC_EVENTS = {"ask", "promises", "areas", "add_documents", "save_details", "reingest",  # the API;
                 "delete_document", "register", "use_charter", "compare",
                 "tender_scores", "save_override", "rank_priorities", "say_seen", "moderate"}  # others: private


# -- chat -----------------------------------------------------------------------------------------


def chat(fn, examples: list[str], placeholder: str, context=()):
    """The chat widget; ``fn`` is an assistant.app.chat.respond(...) turn; ``context`` components
    (the resident's area) are passed to it after the history."""
    import gradio as gr

    from assistant.app.chat import MAX_QUESTION

    return gr.ChatInterface(
        fn,
        # the conversation grows with its answers (the page scrolls, not a small box) and is not
        # scrolled to its end: app.js brings each new question to the top, its answer below it
        chatbot=gr.Chatbot(label="Conversation", height=None, min_height="55vh", autoscroll=False,
                           sanitize_html=True, latex_delimiters=[], feedback_options=None,
                           buttons=["copy"], elem_classes=["sva-chat"],
                           placeholder="Answers quote the documents, with a numbered source for "
                                       "each quote. Open a source to read the passage."),
        textbox=gr.Textbox(placeholder=placeholder, label="Your question", show_label=False,
                           submit_btn="Ask", lines=1, max_lines=4, max_length=MAX_QUESTION),
        examples=[[e] for e in examples] if context else examples, additional_inputs=list(context),
        api_name="ask", autofocus=False, fill_height=False,
    )


# -- the resident app ----------------------------------------------------------------------------


def build_resident_app(public):
    """What residents see. ``public`` hands out public-only registers and answerers (see
    ``Services.public()``): the app holds nothing that can reach a restricted document."""
    import gradio as gr

    from assistant.app import render, voice_html, web
    from assistant.app.chat import example_questions, respond
    from assistant.app.tabs import residents as say
    from assistant.services import PublicView

    if not isinstance(public, PublicView):
        raise ValueError("the resident app must be given a public-only view (Services.public())")
    link, glossary = render.doc_link(""), public.glossary()

    def area_choices():
        return gr.update(choices=list(public.register().charter.areas))

    def promises(area: str) -> str:
        area = " ".join((area or "").split())[:80]
        if not area:
            return "<p>Choose your area from the list, or type a town or ward.</p>"
        register = public.register()
        area = say.as_the_charter_spells(register.charter.areas, area)
        named = register.commitments(area=area, named_only=True)
        ids = {c.id for c in named}
        wider = [c for c in register.commitments(area=area) if c.id not in ids]
        return glossary.annotate(voice_html.INVITATION
                                 + render.promises_html(area, named, wider, link, say.promise_notes(public)))

    areas = list(public.register().charter.areas)
    title, _ = web.resident_head(public.register().charter.place)
    with gr.Blocks(title=title, analytics_enabled=False, fill_width=False) as app:
        gr.Markdown("# What was promised for your area\nCompanies bidding for council contracts "
                    "promise things for local people: jobs, apprenticeships, money spent with local "
                    "firms, help for community groups. Here you can see those promises, from "
                    "published documents only, and whether they have been kept.")
        with gr.Tabs(overflow_behavior="wrap"):  # every tab in sight on a phone, none behind "⋯"
            with gr.Tab("Promises for your area", id="promises"):
                with gr.Row(elem_classes=["sva-area-row"]):
                    area = gr.Dropdown(choices=areas, value=None, allow_custom_value=True,
                                       label="Your area", scale=4, min_width=220,
                                       info="Choose from the list, or type a town or ward")
                    show = gr.Button("Show promises", variant="primary", scale=1, min_width=140,
                                     elem_classes=["sva-inline-button"])
                shown = gr.HTML("<p>Choose your area to see what each supplier promised there.</p>",
                                elem_id="sva-promises")
                gr.on([area.input, show.click], promises, inputs=area,
                      outputs=shown, api_name="promises")
                say.experience_form(public, area, [area.input, show.click])
                say.glossary_section(glossary)
            with gr.Tab("What matters to you", id="priorities") as tab:
                say.priorities_tab([app.load, tab.select], public, glossary, chosen=area)
            with gr.Tab("Ask a question", id="ask"):
                chat(respond(public.answerer, link), context=[area],  # "my area" is the chosen area
                     examples=example_questions(public.register()),
                     placeholder="e.g. How many apprenticeships were promised for my area?")
        app.load(area_choices, outputs=area, api_name="areas")
    return app


# -- the commissioner app ------------------------------------------------------------------------


def build_commissioner_app(services, prefix: str = COMMISSIONER):
    """Everything, for signed-in commissioners. Serve it only behind ``create_app``'s login."""
    import gradio as gr

    from assistant.app import render, web
    from assistant.app.chat import example_questions, respond
    from assistant.app.tabs import charter_tab, commitments_tab, documents_tab
    from assistant.app.tabs.tenders import tenders_tab
    from assistant.app.tabs.voice import voice_tab

    link = render.doc_link(prefix)

    def register():
        return services.current_register("all")

    with gr.Blocks(title=web.COMMISSIONER_HEAD[0], analytics_enabled=False,
                   delete_cache=(3600, 3600)) as app:
        with gr.Row(elem_classes=["sva-header"]):
            gr.Markdown(f"# {TITLE}\nQuestion tenders, track every commitment, check it against "
                        "your charter.", elem_id="sva-title")
            gr.Button("Log out", link=f"{prefix}/logout", size="sm", scale=0, min_width=90,
                      elem_classes=["sva-inline-button"])
        with gr.Tabs(overflow_behavior="wrap"):  # every tab in sight on a phone, none behind "⋯"
            with gr.Tab("Ask", id="ask"):
                chat(respond(lambda: services.current_answerer("all"), link),
                     examples=example_questions(register()),
                     placeholder="Ask about any document, public or restricted")
            with gr.Tab("Documents", id="documents") as tab:
                documents_tab([app.load, tab.select], services, register, link)
            with gr.Tab("Commitments", id="commitments") as tab:
                commitments_tab([app.load, tab.select], services, register, link)
            with gr.Tab("Charter", id="charter") as tab:
                charter_tab([app.load, tab.select], services, register, link)
            with gr.Tab("Residents", id="residents") as tab:
                voice_tab([app.load, tab.select], services, register, link)
            with gr.Tab("Tenders", id="tenders") as tab:
                tenders_tab([app.load, tab.select], services)
    return app


# -- serving ------------------------------------------------------------------------------------


def create_app(services, credentials, sessions=None, throttle=None):
    """One FastAPI app: the resident app at /, the commissioner app at /commissioner behind a
    login that guards every path under it; requests checked by assistant.app.guard first."""
    import gradio as gr
    from fastapi import FastAPI
    from gradio.utils import get_upload_folder

    from assistant.app import guard, web
    from assistant.app.auth import Sessions, Throttle

    sessions = sessions or Sessions()
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    web.add_login_routes(app, credentials, sessions, throttle or Throttle(), COMMISSIONER)
    web.add_source_routes(app, services, COMMISSIONER)
    web.add_asset_routes(app)
    # Gradio's screen-reader status names its key ("common.complete") where it has no words of its own
    spoken = gr.I18n(en={"common.complete": "Done", "common.error": "Something went wrong"})
    common = dict(footer_links=[], run_history=False, css=web.app_css(), ssr_mode=False, i18n=spoken)
    commissioner = guard.private_events(build_commissioner_app(services), PUBLIC_EVENTS)
    gr.mount_gradio_app(app, commissioner.queue(default_concurrency_limit=2), path=COMMISSIONER,
                        auth_dependency=web.session_user(sessions),
                        blocked_paths=[str(Path(services.settings.store).resolve())],
                        max_file_size=f"{int(services.settings.max_file_mb)}mb",
                        head=web.app_head(login=f"{COMMISSIONER}/login"), **common)
    resident = guard.private_events(build_resident_app(services.public()), PUBLIC_EVENTS)
    gr.mount_gradio_app(app, resident.queue(default_concurrency_limit=4), path="", show_error=False,
                        blocked_paths=[os.path.abspath(os.sep)], max_file_size=1, head=web.app_head(),
                        **common)
    place = services.public().register().charter.place
    app.add_middleware(web.PageHead, pages={"/": web.resident_head(place), COMMISSIONER: web.COMMISSIONER_HEAD})
    app.add_middleware(guard.RequestGuard, uploads=get_upload_folder(), prefix=COMMISSIONER)
    app.add_middleware(web.LoginGate, sessions=sessions, prefix=COMMISSIONER)
    return app


def launch(services, host: str = "127.0.0.1", port: int = 7860,
           log: Callable[[str], None] = print, forwarded_allow_ips: str | None = None) -> None:
    import uvicorn

    from assistant.app.auth import Credentials
    from assistant.app.guard import server_options
    options = server_options(host, port, forwarded_allow_ips)  # a bad port is refused first
    credentials = Credentials.from_settings(services.settings)
    services.current_register("all")  # load the model and the store before the first visitor
    # build both registers (every commitment mapped and judged) while the server starts, so the
    # first register question does not wait for it (seconds on a large store)
    threading.Thread(target=lambda: [services.current_register(a).all() for a in ("public", "all")],
                     name="sva-register-warmup", daemon=True).start()
    app = create_app(services, credentials)
    if credentials.generated_password:
        log("sva: no commissioner login is configured, so one was made for this run only:\n"
            f"       user: {next(iter(credentials.users))}   password: {credentials.generated_password}\n"
            "     set SVA_COMMISSIONER_USER and SVA_COMMISSIONER_PASSWORD to choose your own")
    log(f"sva: residents:     http://{host}:{port}/\n"
        f"     commissioners: http://{host}:{port}{COMMISSIONER}   (store: {services.settings.store})")
    uvicorn.run(app, **options)
