"""The Commitments tab: the whole register, filtered, with its CSV."""

from __future__ import annotations

import tempfile
from pathlib import Path

from assistant.app.tabs.sizes import W


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
