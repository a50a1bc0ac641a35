"""The Tenders tab: competing bids side by side per award criterion, each bidder's suggested
scores with the passages they rest on, the evaluator's overrides and notes (kept with who and
when), clarification questions, and the files a moderation panel passes round.

No `from __future__ import annotations`: Gradio reads the ``request: gr.Request`` annotation.
Commissioners only: ui.py builds it into the commissioner app alone; the resident app holds no
handle that reaches tenders (PublicView has none).
"""

from assistant.app.tabs.sizes import W

NOT_AWARDED = "Not awarded yet"


def tenders_tab(shown, services) -> None:
    import gradio as gr

    from assistant.app import forms, render
    from assistant.errors import SvaError
    from assistant.tenders import exports
    from assistant.tenders.report import moderation_html, questions_html, reasons_html, report_html

    book = services.tenders()
    downloads = forms.downloads("sva-tenders-")

    def choices():
        awarded = {t for t, _ in book.awards()}
        tenders = sorted(book.tenders(), key=lambda t: t in awarded)  # open tenders first
        return gr.update(choices=tenders, value=tenders[0] if tenders else None)

    def show(tender, bidder):
        if not tender:
            empty = "<p>No tenders yet. Add bids with a tender id (`sva ingest BIDS --doc-type " \
                    "tender_response --tender ID`).</p>"
            return empty, "", "", gr.update(choices=[]), gr.update(choices=[]), None, None, None, None
        try:
            evaluation = book.evaluate(tender)
            asked = book.questions(tender)
        except SvaError as exc:
            return render.problems_html("This tender cannot be scored", [str(exc)]), "", "", \
                gr.update(), gr.update(), None, None, None, None
        names = [b.supplier for b in evaluation.bidders]
        bidder = bidder if bidder in names else names[0] if names else None
        folder = forms.fresh_folder(downloads)
        sheet, docx, csv, report = (folder / n for n in ("sva-score-sheet.csv", "sva-questions.docx",
                                                         "sva-questions.csv", "sva-evaluation.html"))
        exports.write_sheet_csv(evaluation, sheet)
        exports.write_questions_docx(asked, evaluation.tender.id, docx)
        exports.write_questions_csv(asked, csv)
        report.write_text(report_html(evaluation, asked), encoding="utf-8")
        criteria = [(f"{c.id} {c.title} (0-{c.top:g})", c.id) for c in evaluation.criteria]
        return (moderation_html(evaluation), reasons_html(evaluation, bidder or ""), questions_html(asked),
                gr.update(choices=names, value=bidder), gr.update(choices=criteria),
                str(sheet), str(docx), str(csv), str(report))

    def save(tender, bidder, criterion, score, note, suggested, request: gr.Request):
        who = getattr(request, "username", None) or "commissioner"
        if not (tender and bidder and criterion):
            return render.problems_html("Choose a tender, a bidder and a criterion first", [])
        typed = " ".join(str(score or "").split())
        try:  # an empty score keeps the score in force; the box goes back to the suggestion
            value = float(typed) if typed else None
        except ValueError:
            return render.problems_html("Not saved", [f"the score {typed!r} is not a number: type e.g. 50, or "
                                                      "leave it empty to keep the score in force"])
        try:
            d = book.override(tender, bidder, criterion, value, note or "", who, suggested=bool(suggested))
        except SvaError as exc:
            return render.problems_html("Not saved", [str(exc)])
        kept = f"score {d.score:g}" if d.score is not None else "the suggested score"
        return render.notice_html(f"Saved for {d.supplier}, {d.criterion}: {kept}, by {d.who} at {d.at}.")

    def in_force(tender, bidder, criterion):
        """The chosen criterion's override and note in force, to edit (empty when none)."""
        try:
            found = book.tender(tender).id if tender else None
        except SvaError:
            found = None
        d = book.decisions.current(found).get((bidder, criterion)) if found and bidder and criterion else None
        return ("" if d is None or d.score is None else f"{d.score:g}"), (d.note if d else ""), False

    def award_in_force(tender):
        """The tender's bidders to choose the winner from, the winner in force, and what it means."""
        try:
            found = book.tender(tender) if tender else None
        except SvaError:
            found = None
        if found is None:
            return gr.update(choices=[], value=None), ""
        winner = book.awards().get((found.id, ""))
        said = (f"Awarded to {winner}: that bid is the contract, tracked and rated; the other bids' promises "
                "are left out of the register and the residents' view." if winner else
                "Not awarded: every bid is an offer, scored here.")
        return gr.update(choices=[*found.bidders, NOT_AWARDED], value=winner or NOT_AWARDED), render.notice_html(said)

    def save_award(tender, winner, request: gr.Request):
        who = getattr(request, "username", None) or "commissioner"
        if not (tender and winner):
            return render.problems_html("Choose a tender and who won it first", [])
        try:
            book.award(tender, "" if winner == NOT_AWARDED else winner, who)
        except SvaError as exc:
            return render.problems_html("Not saved", [str(exc)])
        return award_in_force(tender)[1]

    gr.Markdown("## Evaluate bids\nSuggested social value scores for each bidder, per award criterion "
                "of the charter, drafted from the bids' commitments and the bidders' delivery on earlier "
                "contracts. Every reason quotes its passage. Your overrides and notes are kept.")
    with gr.Row():
        tender = gr.Dropdown(label="Tender", choices=list(book.tenders()), value=None, min_width=W)
        # checked by the handlers against the tender's bidders and criteria (API callers too)
        bidder = gr.Dropdown(label="Bidder", choices=[], value=None, allow_custom_value=True, min_width=W)
    moderation = gr.HTML(elem_id="sva-moderation")
    reasons = gr.HTML(elem_id="sva-reasons")
    with gr.Accordion("Override a score or write a note", open=True):
        with gr.Row():
            criterion = gr.Dropdown(label="Criterion", choices=[], value=None, allow_custom_value=True,
                                    min_width=W)
            score = gr.Textbox(label="Your score (empty: keep the score in force)", value="", placeholder="e.g. 50",
                               max_lines=1, min_width=W)
        suggested = gr.Checkbox(label="Back to the suggested score (drops the override)", value=False)
        note = gr.Textbox(label="Note", lines=2, max_lines=6)
        save_button = gr.Button("Save decision", variant="primary")
        saved = gr.HTML(elem_id="sva-decision")
    with gr.Accordion("Award the tender", open=False):
        with gr.Row():
            winner = gr.Dropdown(label="Who won it", choices=[], value=None, min_width=W)
            award_button = gr.Button("Save award", variant="secondary", scale=0, min_width=150)
        awarded = gr.HTML(elem_id="sva-award")
    gr.Markdown("### Clarification questions")
    asked = gr.HTML(elem_id="sva-questions")
    with gr.Row():
        files = [gr.DownloadButton(label, variant="secondary", size="sm", scale=0, min_width=170)
                 for label in ("Score sheet (CSV)", "Questions (DOCX)", "Questions (CSV)", "Report (HTML)")]
    outputs = [moderation, reasons, asked, bidder, criterion, *files]
    gr.on(shown, choices, None, tender, api_visibility="undocumented")
    gr.on([tender.change, bidder.change], show, [tender, bidder], outputs, api_name="tender_scores",
          show_progress_on=moderation)
    gr.on([criterion.change, bidder.change], in_force, [tender, bidder, criterion], [score, note, suggested],
          api_visibility="undocumented")
    tender.change(award_in_force, tender, [winner, awarded], api_visibility="undocumented")
    award_button.click(save_award, [tender, winner], awarded, api_name="save_award")
    save_button.click(save, [tender, bidder, criterion, score, note, suggested], saved, api_name="save_override").then(
        show, [tender, bidder], outputs, api_visibility="undocumented")
