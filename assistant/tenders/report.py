"""The evaluation of one tender as HTML: the moderation table (bidders side by side per
criterion, weighted totals), then per bidder the reasons with their quotes, overrides and notes,
and the clarification questions. The commissioner tab shows the same fragments.

Every piece of document text and every note is escaped: it is data, never markup.
"""

from __future__ import annotations

from html import escape

from assistant.tenders.questions import Question
from assistant.tenders.scoring import CriterionScore, Evaluation

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;max-width:64rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#f2f2f2} .sva-override{font-weight:600} .sva-muted{color:#555}
blockquote{margin:.2rem 0 .4rem 1rem;font-style:italic}
@media print{body{margin:0}}
"""


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _score(s: CriterionScore) -> str:
    if s.override is None:
        return f"{s.score:g}"
    return f"<span class='sva-override'>{s.override:g}</span> <span class='sva-muted'>(suggested {s.score:g})</span>"


def moderation_html(evaluation: Evaluation) -> str:
    """Bidders side by side: one row per criterion, one column per bidder, totals last."""
    if not evaluation.bidders:
        return "<p>No bids for this tender.</p>"
    head = "".join(f"<th scope='col'>{_e(b.supplier)}</th>" for b in evaluation.bidders)
    rows = []
    for c in evaluation.criteria:
        cells = "".join(f"<td data-label='{_e(b.supplier)}'>{_score(b.score(c.id))}</td>" for b in evaluation.bidders)
        rows.append(f"<tr><th scope='row'>{_e(c.id)} {_e(c.title)} <span class='sva-muted'>(weight "
                    f"{c.weight:g})</span></th>{cells}</tr>")
    totals = "".join(f"<td data-label='{_e(b.supplier)}'><strong>{b.total:g}</strong> (rank {b.rank})</td>"
                     for b in evaluation.bidders)
    rows.append(f"<tr><th scope='row'>Weighted total (out of {sum(c.weight for c in evaluation.criteria):g})</th>"
                f"{totals}</tr>")
    return (f"<div class='sva-scroll' role='region' tabindex='0' aria-label='Moderation'><table class='sva-table'>"
            f"<caption>Tender {_e(evaluation.tender.id)}: suggested scores, with overrides in bold</caption>"
            f"<thead><tr><th scope='col'>Criterion</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def reasons_html(evaluation: Evaluation, supplier: str) -> str:
    """One bidder's scores: per criterion the band it needs, the reasons with their quotes, the
    override and the note with who made them and when."""
    bidder = next((b for b in evaluation.bidders if b.supplier == supplier), None)
    if bidder is None:
        return "<p>Choose a bidder.</p>"
    parts = [f"<h3>{_e(bidder.supplier)}: {bidder.total:g} (rank {bidder.rank})</h3>"]
    for c in evaluation.criteria:
        s = bidder.score(c.id)
        parts.append(f"<h4>{_e(c.id)} {_e(c.title)}: {_score(s)}</h4><p class='sva-muted'>Suggested band: "
                     f"{_e(s.band)}</p>")
        if s.decision:
            d = s.decision
            parts.append(f"<p>Decision by {_e(d.who)} at {_e(d.at)}"
                         + (f": <strong>{d.score:g}</strong>" if d.score is not None else ": suggestion kept")
                         + (f". Note: {_e(d.note)}" if d.note else "") + "</p>")
        items = "".join(f"<li>{_e(r.text)}<blockquote>“{_e(r.citation.quote)}” — {_e(r.citation.label())}"
                        "</blockquote></li>" for r in s.reasons)
        parts.append(f"<ul>{items}</ul>" if items else "<p>Nothing in the bid for these outcomes.</p>")
    return "".join(parts)


def questions_html(questions: list[Question]) -> str:
    if not questions:
        return "<p>No commitment in these bids needs clarifying.</p>"
    parts = []
    for supplier in dict.fromkeys(q.supplier for q in questions):
        items = "".join(f"<li>{_e(q.question)} <span class='sva-muted'>[{_e(', '.join(q.flags))}]</span></li>"
                        for q in questions if q.supplier == supplier)
        parts.append(f"<h3>{_e(supplier)}</h3><ol>{items}</ol>")
    return "".join(parts)


def report_html(evaluation: Evaluation, questions: list[Question]) -> str:
    """The printable evaluation report of one tender."""
    lot = f", lot {_e(evaluation.tender.lot)}" if evaluation.tender.lot else ""
    body = [f"<h1>Social value evaluation: tender {_e(evaluation.tender.id)}{lot}</h1>",
            "<p class='sva-muted'>Suggested scores are drafted by sva from the bids' commitments and the "
            "bidders' reported delivery on earlier contracts; the evaluators' overrides and notes are "
            "shown beside them.</p>", moderation_html(evaluation), "<h2>Scores and reasons</h2>"]
    body += [reasons_html(evaluation, b.supplier) for b in evaluation.bidders]
    body += ["<h2>Clarification questions</h2>", questions_html(questions)]
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Evaluation of tender "
            f"{_e(evaluation.tender.id)}</title><style>{_STYLE}</style></head><body>{''.join(body)}</body></html>")
