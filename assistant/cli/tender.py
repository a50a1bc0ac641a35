"""`sva tender`: score competing bids, record overrides and notes, draft clarification questions.

Registered on the main app when assistant.cli imports this module; imports nothing heavy until a
command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli.common import JsonOpt, StoreOpt, app, emit, err, open_services

if TYPE_CHECKING:
    from assistant.register.report import ReportFiles

tender_app = typer.Typer(help="Evaluate competing bids for a tender (documents ingested with --tender).",
                         no_args_is_help=True)
app.add_typer(tender_app, name="tender")

TenderArg = Annotated[str, typer.Argument(help="The tender id the bids were ingested with (--tender).")]
LotOpt = Annotated[str | None, typer.Option("--lot", help="Only the bids for this lot.")]


@tender_app.command("list")
def tender_list(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """The tenders in the store, with their lots and bidders."""
    book = open_services(store).tenders()
    awards = book.awards()
    found = {t: {"lots": [x for x in lots if x], "bidders": book.tender(t).bidders,
                 "awarded": [{"lot": lot, "supplier": who} for (tender, lot), who in sorted(awards.items())
                             if tender == t]}
             for t, lots in book.tenders().items()}
    if as_json:
        emit({"tenders": [{"tender": t, **v} for t, v in found.items()]})
        return
    if not found:
        err("No tenders yet: ingest bids with `sva ingest BIDS --doc-type tender_response --tender ID`.")
    for t, v in found.items():
        lots = f"  lots {', '.join(v['lots'])}" if v["lots"] else ""
        won = "".join(f"  awarded{' (lot ' + a['lot'] + ')' if a['lot'] else ''} to {a['supplier']}"
                      for a in v["awarded"])
        typer.echo(f"{t}{lots}  bidders: {', '.join(v['bidders'])}{won}")


@tender_app.command("award")
def tender_award(
    tender: TenderArg,
    supplier: Annotated[str | None, typer.Option(help="The bidder that won (any case).")] = None,
    lot: LotOpt = None,
    undo: Annotated[bool, typer.Option("--undo", help="Withdraw the award in force.")] = False,
    by: Annotated[str | None, typer.Option("--by", help="Who records it (default: your user name).")] = None,
    store: StoreOpt = None,
) -> None:
    """Record who won a tender (or a lot): the winning bid becomes the contract, tracked and rated;
    the other bids' promises leave the register, residents' included (they are no one's to keep)."""
    import getpass

    if bool(supplier) == undo:
        raise typer.BadParameter("give --supplier NAME (who won) or --undo (withdraw the award)",
                                 param_hint="--supplier / --undo")
    book = open_services(store).tenders()
    winner = book.award(tender, "" if undo else supplier or "", by or getpass.getuser(), lot)
    where = f"{tender}{f' lot {lot}' if lot else ''}"
    err(f"award withdrawn for {where}" if undo else
        f"{where} awarded to {winner}; the other bids' promises leave the register")


@tender_app.command("score")
def tender_score(
    tender: TenderArg,
    lot: LotOpt = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the score sheet to this CSV file.")] = None,
    report_file: Annotated[Path | None, typer.Option(
        "--report", help="Write the evaluation report to X.html or X.pdf: both are written, the PDF "
                         "when Chromium is installed.")] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Suggested scores per bidder and award criterion, with cited reasons, overrides and totals."""
    files = _report_files(report_file) if report_file else None
    book = open_services(store).tenders()
    evaluation = book.evaluate(tender, lot)
    if csv_file:
        from assistant.tenders.exports import write_sheet_csv

        write_sheet_csv(evaluation, csv_file)
        err(f"wrote the score sheet to {csv_file}")
    if files:
        from assistant.register.report import write
        from assistant.tenders.report import report_html

        pdf = write(report_html(evaluation, book.questions(tender, lot)), files)
        err(f"wrote {files.html}" + (f" and {pdf}" if pdf else " (no PDF: install chromium for one)"))
    if as_json:
        emit(evaluation.as_json())
        return
    if csv_file or report_file:
        return
    weights = "  ".join(f"{c.id} ({c.weight:g})" for c in evaluation.criteria)
    typer.echo(f"tender {evaluation.tender.id}   criteria: {weights}")
    for b in evaluation.bidders:
        cells = "  ".join(f"{s.criterion} {s.final:g}{'*' if s.override is not None else ''}" for s in b.scores)
        typer.echo(f"{b.rank}. {b.supplier}: {b.total:g}   {cells}")
    typer.echo("(* an evaluator's override; --json or --report for the reasons)")


def _report_files(report_file: Path) -> ReportFiles:
    """The HTML and PDF files ``--report`` names; a usage error for any other extension."""
    from assistant.errors import SvaError
    from assistant.register.report import report_files

    try:
        return report_files(report_file)
    except SvaError as exc:
        raise typer.BadParameter(str(exc), param_hint="--report") from exc


@tender_app.command("override")
def tender_override(
    tender: TenderArg,
    supplier: Annotated[str, typer.Option(help="The bidder (any case).")],
    criterion: Annotated[str, typer.Option(help="The award criterion id, e.g. AC1.")],
    score: Annotated[float | None, typer.Option(
        help="Your score (leave out to keep the score in force: your last override, else the suggestion).")] = None,
    note: Annotated[str, typer.Option(help="Why (kept with your name and the time).")] = "",
    suggested: Annotated[bool, typer.Option(
        "--suggested", help="Drop the override: the suggested score counts again.")] = False,
    by: Annotated[str | None, typer.Option("--by", help="Who decides (default: your login name).")] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Override a suggested score, go back to it (--suggested), or write a note; kept with who and when.

    A note alone keeps the score in force."""
    import getpass
    from dataclasses import asdict

    if suggested and score is not None:
        raise typer.BadParameter("they cannot be combined: give one of them", param_hint="--score / --suggested")
    if score is None and not suggested and not note.strip():
        raise typer.BadParameter("nothing to save: give --score N, --note TEXT, or --suggested (back to "
                                 "the suggested score)", param_hint="--score / --note / --suggested")
    decision = open_services(store).tenders().override(tender, supplier, criterion, score, note,
                                                       by or getpass.getuser(), suggested=suggested)
    if as_json:
        emit(asdict(decision))
    else:
        err(f"saved: {decision.supplier} {decision.criterion} "
            f"{'score ' + format(decision.score, 'g') if decision.score is not None else 'suggested score'}"
            f"{', note: ' + decision.note if decision.note else ''} by {decision.who} at {decision.at}")


@tender_app.command("questions")
def tender_questions(
    tender: TenderArg,
    lot: LotOpt = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the questions to this CSV file.")] = None,
    docx_file: Annotated[Path | None, typer.Option(
        "--docx", help="Write the questions to this Word file, grouped by bidder.")] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A clarification question for every flagged commitment in the bids, citing its passage."""
    from assistant.tenders import exports

    book = open_services(store).tenders()
    found = book.questions(tender, lot)
    if csv_file:
        exports.write_questions_csv(found, csv_file)
        err(f"wrote {len(found)} questions to {csv_file}")
    if docx_file:
        exports.write_questions_docx(found, book.tender(tender, lot).id, docx_file)
        err(f"wrote {len(found)} questions to {docx_file}")
    if as_json:
        emit({"questions": [q.as_json() for q in found]})
    elif not (csv_file or docx_file):
        for q in found:
            typer.echo(f"[{q.supplier}] {q.question}\n")


@tender_app.command("values")
def tender_values(
    tender: TenderArg,
    measures: Annotated[Path, typer.Option(
        "--measures", help="CSV: code, description, unit, value (£ per unit), source, year.")],
    lot: LotOpt = None,
    choose: Annotated[list[str] | None, typer.Option(
        "--choose", help="COMMITMENT_ID=CODE: value a commitment under this measure (CODE empty: none).")] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Proxy values of the bids' quantified commitments, from the buyer's own measures table."""
    import getpass

    from assistant.tenders.proxy import load_measures

    book = open_services(store).tenders()
    table = load_measures(measures)
    for pick in choose or []:
        commitment_id, sep, code = pick.partition("=")
        if not sep or (code and code not in {m.code for m in table}):
            raise typer.BadParameter(f"use COMMITMENT_ID=CODE with a code from {measures}", param_hint="--choose")
        book.decisions.choose_measure(book.tender(tender, lot).id, commitment_id, code, getpass.getuser())
    rows = book.values(tender, table, lot)
    if as_json:
        emit({"values": [r.as_json() for r in rows]})
        return
    for r in rows:
        shown = f"£{r.value:,.2f} under {r.measure.code}" if r.measure and r.value is not None else "not valued"
        typer.echo(f"[{r.commitment.supplier}] {r.commitment.text[:90]}  -> {shown}"
                   + "".join(f"\n    warning: {w}" for w in r.warnings))
