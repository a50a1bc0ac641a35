"""The Documents tab: what is stored, adding files with their details, and editing, re-reading
or deleting one document."""

from __future__ import annotations

from assistant.app.tabs.sizes import FILE_TYPES, W


def documents_tab(shown, services, register, link) -> None:
    """``shown``: the events on which the tab shows the store as it is now."""
    import gradio as gr

    from assistant.app import documents, render
    from assistant.errors import SvaError
    from ingest.vocab import DOC_TYPES

    types = [(render.DOC_TYPE_TEXT[t], t) for t in DOC_TYPES]
    audiences = [("Restricted — commissioners only", "restricted"),
                 ("Public — residents can see it", "public")]

    def refresh(chosen: str | None = None, keep: bool = False):
        """The table and lists as stored now; the Document box left as it is (``keep``), or set to
        ``chosen`` while that is still stored."""
        stored = documents.listed(services)
        choices = [(f"{d.source} — {d.supplier or 'no supplier'} ({d.audience})", d.doc_id) for d in stored]
        suppliers = sorted({d.supplier for d in stored if d.supplier})
        picked = gr.update(choices=choices) if keep else \
            gr.update(choices=choices, value=chosen if chosen in {d.doc_id for d in stored} else None)
        return render.documents_html(stored, link), picked, gr.update(choices=suppliers)

    kept = (gr.update(), gr.update())  # the areas and audience asked for stay, to fix and try again

    def add(files, supplier, areas, doc_type, audience, progress=gr.Progress()):
        meta = documents.form_meta(supplier, areas, doc_type, audience, adding=True)
        missing = documents.missing_to_add(files, meta)
        if missing:  # the chosen files stay chosen
            return render.problems_html("Nothing added", missing), gr.update(), *refresh(keep=True), *kept

        def step(name: str, done: int, total: int) -> None:
            progress((done, total), desc=f"Reading {name}" if name else "Finished", unit="files")

        try:
            progress(0, desc="Keeping the uploaded files")
            report = documents.add(services, files, meta, step)
        except SvaError as exc:
            return render.problems_html("The files were not added", [str(exc)]), \
                gr.update() if documents.all_there(files) else None, *refresh(keep=True), *kept
        # the next batch starts from the safe default: nothing published unless chosen again
        return render.ingest_report_html(report), None, *refresh(keep=True), [], "restricted"

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
                    message = render.ingest_report_html(documents.reingest(services, doc_id), again=True)
                else:
                    doc = documents.delete(services, doc_id)
                    message = render.notice_html(f"Deleted {doc.source}.")
            except SvaError as exc:
                return render.problems_html("That did not work", [str(exc)]), *refresh(doc_id), \
                    gr.update(visible=False)
            return message, *refresh(doc_id), gr.update(visible=False)  # still chosen, unless deleted
        return run

    def ask_delete(doc_id):
        """The delete button asks to be sure, or says what to choose first (it did nothing)."""
        if not doc_id:
            return gr.update(visible=False), render.problems_html("Choose a document first", [])
        return gr.update(visible=True), ""

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
    add_button.click(add, [files, supplier, area, doc_type, audience], [report, files, *listed, area, audience],
                     api_name="add_documents", show_progress_on=report)
    chosen.change(pick, chosen, [e_supplier, e_area, e_type, e_audience, confirm],
                  api_visibility="undocumented")
    fields = [chosen, e_supplier, e_area, e_type, e_audience]
    save.click(act("save"), fields, [outcome, *listed, confirm], api_name="save_details",
               show_progress_on=outcome)
    reingest.click(act("reingest"), fields, [outcome, *listed, confirm], api_name="reingest",
                   show_progress_on=outcome)
    delete.click(ask_delete, chosen, [confirm, outcome], api_visibility="undocumented")
    confirm.click(act("delete"), fields, [outcome, *listed, confirm],
                  api_name="delete_document", show_progress_on=outcome)
    gr.on(shown, refresh, None, listed, api_visibility="undocumented")
