"""The Commitments tab: the whole register, filtered, with its CSV; service standards apart from
the social value commitments; a row sva read wrong put right by hand.

No `from __future__ import annotations`: Gradio reads the ``request: gr.Request`` annotation.
"""

from assistant.app.tabs.sizes import W


def commitments_tab(shown, services, register, link) -> None:
    import gradio as gr

    from assistant.app import forms, render
    from assistant.vocab import FLAGS, STATUSES

    exports = forms.downloads("sva-exports-")

    def show(*chosen):
        r = register()
        rows = forms.filtered(r, *chosen)
        csv, xlsx = forms.export_files(rows, r, exports)
        return render.register_html(rows, link, r.charter), str(csv), str(xlsx)

    def rows_to_correct(*chosen):
        r = register()
        return gr.update(choices=forms.correctable(r, forms.filtered(r, *chosen)), value=None)

    def correct(row_id, choice, note, request: gr.Request):
        who = getattr(request, "username", None) or "commissioner"
        return forms.save_correction(services, register(), row_id, choice, note, who), ""

    def refresh_choices():
        return tuple(gr.update(choices=c) for c in forms.filter_choices(register()))

    suppliers, areas, outcomes = forms.filter_choices(register())
    gr.Markdown("## Commitments register\nEvery commitment found in the documents, mapped to the "
                "charter's outcomes; the contract's service standards and KPIs apart (Kind). Flagged "
                "rows have a marker on the left.")
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
        kind = gr.Dropdown(label="Kind", value="commitment", min_width=W, choices=[
            ("Social value commitments", "commitment"), ("Service standards and KPIs", "service_standard"),
            ("Both", "")])
    with gr.Row():
        csv_file = gr.DownloadButton("Download CSV", variant="secondary", size="sm", scale=0, min_width=160)
        xlsx_file = gr.DownloadButton("Download XLSX", variant="secondary", size="sm", scale=0, min_width=160)
    gr.HTML(render.flag_legend())
    table = gr.HTML(elem_id="sva-register")
    with gr.Accordion("Correct a row sva read wrong", open=False, elem_id="sva-correct"):
        gr.Markdown("sva reads each sentence as a social value commitment, a service standard of the "
                    "contract, or no promise at all. When it reads one wrong, put it right here: the "
                    "register, the residents' view, exports, chat answers and bid scores all follow, "
                    "and the correction is kept with your name.")
        row = gr.Dropdown(label="Row", choices=[], value=None, filterable=True)
        choice = gr.Radio(label="It is", choices=forms.CORRECTION_CHOICES)
        note = gr.Textbox(label="Why (optional)", max_length=500, lines=1)
        save = gr.Button("Save correction", variant="primary", size="sm", scale=0, min_width=160)
        said = gr.HTML()
    filters = [supplier, area, outcome, flag, status, kind]
    gr.on([f.change for f in filters] + shown, show, filters, [table, csv_file, xlsx_file],
          api_name="register", show_progress_on=table).then(
        rows_to_correct, filters, row, api_visibility="undocumented")
    save.click(correct, [row, choice, note], [said, note], api_name="correct_row").then(
        show, filters, [table, csv_file, xlsx_file], api_visibility="undocumented").then(
        rows_to_correct, filters, row, api_visibility="undocumented")
    gr.on(shown, refresh_choices, None, [supplier, area, outcome], api_visibility="undocumented")
