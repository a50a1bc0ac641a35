"""The Gradio apps, built from assistant/. No business logic here: it wires widgets to what
assistant/ provides and shows what it returns (as HTML made by assistant/render.py, where all
document text is escaped: it is data, never markup).

    /               the resident app: public documents only, no login
    /commissioner   the commissioner app: everything; login required for every path under it
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

TITLE = "sva — Social Value Assistant"
COMMISSIONER = "/commissioner"
FILE_TYPES = [".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt"]
PUBLIC_EVENTS = {"ask", "promises", "areas", "add_documents", "save_details", "reingest",  # the API;
                 "delete_document", "register", "use_charter", "compare"}  # other events: private
W = 240  # narrowest a form field gets before its row wraps (phones get one field per row)


# -- chat -----------------------------------------------------------------------------------------


def chat(fn, examples: list[str], placeholder: str):
    """The chat widget; ``fn`` is an assistant.app.chat.respond(...) turn."""
    import gradio as gr

    return gr.ChatInterface(
        fn,
        chatbot=gr.Chatbot(label="Conversation", height=460, sanitize_html=True, latex_delimiters=[],
                           feedback_options=None, buttons=["copy"], elem_classes=["sva-chat"],
                           placeholder="Answers quote the documents, with a numbered source for "
                                       "each quote. Open a source to read the passage."),
        textbox=gr.Textbox(placeholder=placeholder, label="Your question", show_label=False,
                           submit_btn="Ask", lines=1, max_lines=4),
        examples=examples, api_name="ask", autofocus=False, fill_height=False,
    )


# -- the resident app ----------------------------------------------------------------------------


def build_resident_app(public):
    """What residents see. ``public`` hands out public-only registers and answerers (see
    ``Services.public()``): the app holds nothing that can reach a restricted document."""
    import gradio as gr

    from assistant.app import render, web
    from assistant.app.chat import example_questions, respond
    from assistant.services import PublicView

    if not isinstance(public, PublicView):
        raise ValueError("the resident app must be given a public-only view (Services.public())")
    link = render.doc_link("")

    def area_choices():
        return gr.update(choices=list(public.register().charter.areas))

    def promises(area: str) -> str:
        area = " ".join((area or "").split())[:80]
        if not area:
            return "<p>Choose your area from the list, or type a town or ward.</p>"
        register = public.register()
        named = register.commitments(area=area, named_only=True)
        ids = {c.id for c in named}
        wider = [c for c in register.commitments(area=area) if c.id not in ids]
        return render.promises_html(area, named, wider, link)

    areas = list(public.register().charter.areas)
    title, _ = web.resident_head(public.register().charter.place)
    with gr.Blocks(title=title, analytics_enabled=False, fill_width=False) as app:
        gr.Markdown("# What was promised for your area\nCompanies bidding for council contracts "
                    "promise things for local people: jobs, apprenticeships, money spent with local "
                    "firms, help for community groups. Here you can see those promises, from "
                    "published documents only, and whether they have been kept.")
        with gr.Tabs():
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
            with gr.Tab("Ask a question", id="ask"):
                chat(respond(public.answerer, link),
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
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                chat(respond(lambda: services.current_answerer("all"), link),
                     examples=example_questions(register()),
                     placeholder="Ask about any document, public or restricted")
            with gr.Tab("Documents", id="documents") as tab:
                documents_tab([app.load, tab.select], services, register, link)
            with gr.Tab("Commitments", id="commitments") as tab:
                commitments_tab([app.load, tab.select], register, link)
            with gr.Tab("Charter", id="charter") as tab:
                charter_tab([app.load, tab.select], services, register, link)
    return app


def documents_tab(shown, services, register, link) -> None:
    """``shown``: the events on which the tab shows the store as it is now."""
    import gradio as gr

    from assistant.app import documents, render
    from assistant.errors import SvaError
    from ingest.vocab import DOC_TYPES

    types = [(render.DOC_TYPE_TEXT[t], t) for t in DOC_TYPES]
    audiences = [("Restricted — commissioners only", "restricted"),
                 ("Public — residents can see it", "public")]

    def refresh():
        stored = documents.listed(services)
        choices = [(f"{d.source} — {d.supplier or 'no supplier'} ({d.audience})", d.doc_id) for d in stored]
        suppliers = sorted({d.supplier for d in stored if d.supplier})
        return (render.documents_html(stored, link), gr.update(choices=choices, value=None),
                gr.update(choices=suppliers))

    def add(files, supplier, areas, doc_type, audience, progress=gr.Progress()):
        if not files:
            return render.problems_html("Nothing added", ["Choose one or more files first."]), \
                gr.update(), *refresh()
        def step(name: str, done: int, total: int) -> None:
            progress((done, total), desc=f"Reading {name}" if name else "Finished", unit="files")

        try:
            progress(0, desc="Keeping the uploaded files")
            report = documents.add(services, files, documents.form_meta(supplier, areas, doc_type, audience), step)
        except SvaError as exc:
            return render.problems_html("The files were not added", [str(exc)]), gr.update(), *refresh()
        return render.ingest_report_html(report), None, *refresh()

    def pick(doc_id):
        doc = next((d for d in documents.listed(services) if d.doc_id == doc_id), None)
        if doc is None:
            return gr.update(value=None), gr.update(value=[]), gr.update(), gr.update(), \
                gr.update(visible=False)
        return doc.supplier, doc.areas, doc.doc_type, doc.audience, gr.update(visible=False)

    def act(action: str):
        def run(doc_id, supplier, areas, doc_type, audience):
            if not doc_id:
                return render.problems_html("Choose a document first", []), *refresh(), \
                    gr.update(visible=False)
            try:
                if action == "save":
                    doc = documents.update_details(
                        services, doc_id, documents.form_meta(supplier, areas, doc_type, audience))
                    message = render.notice_html(f"Saved the details of {doc.source}.")
                elif action == "reingest":
                    message = render.ingest_report_html(documents.reingest(services, doc_id))
                else:
                    doc = documents.delete(services, doc_id)
                    message = render.notice_html(f"Deleted {doc.source}.")
            except SvaError as exc:
                return render.problems_html("That did not work", [str(exc)]), *refresh(), \
                    gr.update(visible=False)
            return message, *refresh(), gr.update(visible=False)
        return run

    areas = list(register().charter.areas)
    gr.Markdown("## Add documents")
    files = gr.File(label="Files (PDF, Word, HTML, Markdown or text) — choose several at once",
                    file_count="multiple", file_types=FILE_TYPES, type="filepath")
    with gr.Row():
        supplier = gr.Dropdown(label="Supplier", choices=[], allow_custom_value=True,
                               info="Choose one, or type a new name", min_width=W)
        area = gr.Dropdown(label="Areas they cover", choices=areas, multiselect=True,
                           allow_custom_value=True, value=[], min_width=W,
                           info="Choose or type; several allowed")
    with gr.Row():
        doc_type = gr.Dropdown(label="Document type", choices=types, value="tender_response",
                               min_width=W)
        audience = gr.Radio(label="Who may see them", choices=audiences, value="restricted",
                            min_width=W)
    add_button = gr.Button("Add documents", variant="primary")
    report = gr.HTML(elem_id="sva-ingest-report", min_height=60)
    gr.Markdown("## Documents in the store")
    table = gr.HTML()
    gr.Markdown("## Change, re-read or delete a document")
    chosen = gr.Dropdown(label="Document", choices=[], value=None)
    with gr.Row():
        e_supplier = gr.Dropdown(label="Supplier", choices=[], allow_custom_value=True, min_width=W)
        e_area = gr.Dropdown(label="Areas", choices=areas, multiselect=True,
                             allow_custom_value=True, min_width=W)
    with gr.Row():
        e_type = gr.Dropdown(label="Document type", choices=types, value="tender_response",
                             min_width=W)
        e_audience = gr.Radio(label="Who may see it", choices=audiences, value="restricted",
                              min_width=W)
    with gr.Row():
        save = gr.Button("Save details", min_width=W)
        reingest = gr.Button("Re-ingest (read the file again)", min_width=W)
        delete = gr.Button("Delete…", variant="stop", min_width=W)
    confirm = gr.Button("Yes, delete this document for good", variant="stop", visible=False)
    outcome = gr.HTML()

    listed = [table, chosen, supplier]
    add_button.click(add, [files, supplier, area, doc_type, audience], [report, files, *listed],
                     api_name="add_documents", show_progress_on=report)
    chosen.change(pick, chosen, [e_supplier, e_area, e_type, e_audience, confirm],
                  api_visibility="undocumented")
    fields = [chosen, e_supplier, e_area, e_type, e_audience]
    save.click(act("save"), fields, [outcome, *listed, confirm], api_name="save_details",
               show_progress_on=outcome)
    reingest.click(act("reingest"), fields, [outcome, *listed, confirm], api_name="reingest",
                   show_progress_on=outcome)
    delete.click(lambda d: gr.update(visible=bool(d)), chosen, confirm, api_visibility="undocumented")
    confirm.click(act("delete"), fields, [outcome, *listed, confirm],
                  api_name="delete_document", show_progress_on=outcome)
    gr.on(shown, refresh, None, listed, api_visibility="undocumented")


def commitments_tab(shown, register, link) -> None:
    import gradio as gr

    from assistant.app import forms, render
    from assistant.vocab import FLAGS, STATUSES

    exports = Path(tempfile.mkdtemp(prefix="sva-exports-"))

    def show(*chosen):
        r = register()
        rows = forms.filtered(r, *chosen)
        csv, xlsx = forms.export_files(rows, r, exports)
        return render.register_html(rows, link, r.charter), str(csv), str(xlsx)

    def refresh_choices():
        return tuple(gr.update(choices=c) for c in forms.filter_choices(register()))

    suppliers, areas, outcomes = forms.filter_choices(register())
    gr.Markdown("## Commitments register\nEvery commitment found in the documents, mapped to the "
                "charter's outcomes. Flagged rows have a marker on the left.")
    with gr.Row():
        supplier = gr.Dropdown(label="Supplier", choices=suppliers, value="", min_width=W)
        area = gr.Dropdown(label="Area", choices=areas, value="", allow_custom_value=True, min_width=W)
        outcome = gr.Dropdown(label="Charter outcome", choices=outcomes, value="", min_width=W)
    with gr.Row():
        flag = gr.Dropdown(label="Flag", value="", min_width=W, choices=[
            ("Flagged or not", ""), ("Any flag", forms.ANY_FLAG)]
            + [(f"{f} — {render.FLAG_HELP[f]}", f) for f in FLAGS])
        status = gr.Dropdown(label="Status", value="", min_width=W, choices=[("Any status", "")] + [
            (render.STATUS_TEXT.get(s, s), s) for s in STATUSES])
    with gr.Row():
        csv_file = gr.DownloadButton("Download CSV", variant="secondary", size="sm", scale=0, min_width=160)
        xlsx_file = gr.DownloadButton("Download XLSX", variant="secondary", size="sm", scale=0, min_width=160)
    gr.HTML(render.flag_legend())
    table = gr.HTML(elem_id="sva-register")
    filters = [supplier, area, outcome, flag, status]
    gr.on([f.change for f in filters] + shown, show, filters, [table, csv_file, xlsx_file],
          api_name="register", show_progress_on=table)
    gr.on(shown, refresh_choices, None, [supplier, area, outcome], api_visibility="undocumented")


def charter_tab(shown, services, register, link) -> None:
    import gradio as gr

    from assistant.app import forms, render

    def view():
        origin = render.charter_origin(services.charter_path(), services.settings.store)
        return render.charter_html(register().charter, origin)

    def coverage():
        r = register()
        return render.coverage_html(r.matrix(), r.charter)

    def tender_suppliers():
        return sorted({c.supplier for c in register().all() if c.doc_type == "tender_response"})

    def compare(suppliers, area):
        rows = [c for c in register().commitments(area=area or None) if c.doc_type == "tender_response"]
        return render.comparison_html(rows, list(suppliers or []), register().charter, link)

    def use(file):
        return forms.use_charter_file(services, file), view(), coverage()

    def refresh(picked, area):
        names = tender_suppliers()
        picked = [n for n in picked or [] if n in names] or names
        return view(), coverage(), gr.update(choices=names, value=picked), \
            gr.update(choices=[("All areas", "")] + list(register().charter.areas)), \
            compare(picked, area)

    gr.Markdown("## The active charter")
    view_html = gr.HTML()
    with gr.Accordion("Use a different charter", open=False):
        gr.Markdown("A YAML file with `name`, `place`, `areas` and `outcomes`, like the one "
                    "`sva charter show` prints. It is checked first; any problems are listed with "
                    "their line. Commitments are re-mapped to it at once, without re-reading documents.")
        upload = gr.File(label="Charter file (.yaml)", file_types=[".yaml", ".yml"], type="filepath",
                         height=140)
        use_button = gr.Button("Check and use this charter", variant="primary")
    message = gr.HTML()
    gr.Markdown("## Coverage: which outcomes each supplier addresses")
    heat = gr.HTML()
    gr.Markdown("## Compare suppliers for one tender\nTender responses only, side by side.")
    with gr.Row():
        chosen = gr.Dropdown(label="Suppliers", multiselect=True, choices=[], value=[], min_width=W)
        area = gr.Dropdown(label="Tender area", choices=[], value="", allow_custom_value=True,
                           min_width=W)
    comparison = gr.HTML()
    use_button.click(use, upload, [message, view_html, heat], api_name="use_charter",
                     show_progress_on=message).then(
        refresh, [chosen, area], [view_html, heat, chosen, area, comparison],
        api_visibility="undocumented")
    gr.on(shown, refresh, [chosen, area], [view_html, heat, chosen, area, comparison],
          api_visibility="undocumented", show_progress_on=heat)
    gr.on([chosen.change, area.change], compare, [chosen, area], comparison, api_name="compare")


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
    common = dict(footer_links=[], run_history=False, css=web.app_css(), ssr_mode=False)
    commissioner = guard.private_events(build_commissioner_app(services), PUBLIC_EVENTS)
    gr.mount_gradio_app(app, commissioner.queue(default_concurrency_limit=2), path=COMMISSIONER,
                        auth_dependency=web.session_user(sessions),
                        blocked_paths=[str(Path(services.settings.store).resolve())],
                        max_file_size=f"{int(services.settings.max_file_mb)}mb", **common)
    resident = guard.private_events(build_resident_app(services.public()), PUBLIC_EVENTS)
    gr.mount_gradio_app(app, resident.queue(default_concurrency_limit=4), path="", show_error=False,
                        blocked_paths=[os.path.abspath(os.sep)], max_file_size=1, **common)
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
    app = create_app(services, credentials)
    if credentials.generated_password:
        log("sva: no commissioner login is configured, so one was made for this run only:\n"
            f"       user: {next(iter(credentials.users))}   password: {credentials.generated_password}\n"
            "     set SVA_COMMISSIONER_USER and SVA_COMMISSIONER_PASSWORD to choose your own")
    log(f"sva: residents:     http://{host}:{port}/\n"
        f"     commissioners: http://{host}:{port}{COMMISSIONER}   (store: {services.settings.store})")
    uvicorn.run(app, **options)
