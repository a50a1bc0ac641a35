"""The Charter tab: the active charter, using another, the coverage heatmap and the side-by-side
comparison of one tender's suppliers."""

from __future__ import annotations

from assistant.app.tabs.sizes import W


def charter_tab(shown, services, register, link) -> None:
    import gradio as gr

    from assistant.app import charter_view, forms

    def view():
        origin = charter_view.charter_origin(services.charter_path(), services.settings.store)
        return charter_view.charter_html(register().charter, origin)

    def coverage():
        r = register()
        return charter_view.coverage_html(r.matrix(), r.charter)

    def tender_of() -> dict[str, str]:
        """doc id -> the tender a response answers ("" for a contract's response given none)."""
        return {d.doc_id: d.tender for d in services.store.documents() if d.doc_type == "tender_response"}

    def tender_suppliers(tender=None):
        tenders = tender_of()
        return sorted({c.supplier for c in register().all() if c.doc_id in tenders
                       and (tender is None or not tender or tenders[c.doc_id] == tender)})

    def compare(suppliers, area, tender=""):
        tenders = tender_of()
        rows = [c for c in register().commitments(area=area or None) if c.doc_id in tenders
                and (not tender or tenders[c.doc_id] == tender)]
        bidders = set(tender_suppliers(tender)) if tender else None  # a tender's bidders only
        shown = [s for s in suppliers or [] if bidders is None or s in bidders]
        return charter_view.comparison_html(rows, shown, register().charter, link)

    def pick_tender(tender, picked, area):
        """Another tender: its bidders, all chosen, compared."""
        names = tender_suppliers(tender)
        return gr.update(choices=names, value=names), compare(names, area, tender)

    def use(file):
        return forms.use_charter_file(services, file), view(), coverage()

    def refresh(picked, area, tender):
        tenders = sorted({t for t in tender_of().values() if t})
        tender = tender if tender in tenders else ""
        names = tender_suppliers(tender)
        picked = [n for n in picked or [] if n in names] or names
        return view(), coverage(), gr.update(choices=names, value=picked), \
            gr.update(choices=[("All areas", "")] + list(register().charter.areas)), \
            gr.update(choices=[("All tender responses", "")] + tenders, value=tender), \
            compare(picked, area, tender)

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
        tender = gr.Dropdown(label="Tender", choices=[("All tender responses", "")], value="", min_width=W)
        chosen = gr.Dropdown(label="Suppliers", multiselect=True, choices=[], value=[], min_width=W)
        area = gr.Dropdown(label="Tender area", choices=[], value="", allow_custom_value=True,
                           min_width=W)
    comparison = gr.HTML()
    refreshed = [view_html, heat, chosen, area, tender, comparison]
    use_button.click(use, upload, [message, view_html, heat], api_name="use_charter",
                     show_progress_on=message).then(
        refresh, [chosen, area, tender], refreshed, api_visibility="undocumented")
    gr.on(shown, refresh, [chosen, area, tender], refreshed, api_visibility="undocumented", show_progress_on=heat)
    tender.input(pick_tender, [tender, chosen, area], [chosen, comparison], api_visibility="undocumented")
    gr.on([chosen.change, area.change], compare, [chosen, area, tender], comparison, api_name="compare")
