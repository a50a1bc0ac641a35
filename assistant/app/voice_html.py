"""HTML for what residents say: the notes beside each promise on the residents' page, and the
commissioner's results (priorities per area with bars, the trend, tallies and comments per promise
and supplier). Residents' comments are text from the public: every one goes through ``esc``, so a
comment holding markup shows as the characters typed, never as markup or a link."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.app.render import count, esc, html_table, natural_key, source_ref, status_badge
from assistant.voice import PriorityCount, Published, Response, Tally

STATE_TEXT = {"pending": "waiting for you", "published": "published", "hidden": "hidden"}


def tally_text(t: Tally) -> str:
    return (f"{count(t.seen, 'resident')} {'has' if t.seen == 1 else 'have'} seen this happen · "
            f"{t.not_seen} {'has' if t.not_seen == 1 else 'have'} not · {t.dont_know} don't know")


# Said once above the promises, not under each of them.
INVITATION = ("<p class='sva-voice-note sva-muted'>Have you seen any of these promises kept? Tell us under "
              "“Have you seen these promises kept?”. What residents say is shown beside a promise once "
              "the council has read it.</p>")


def notes_html(published: Published | None) -> str:
    """Beside one promise on the residents' page: the moderated tally and published comments
    (nothing while none are published: the page invites answers once, above the promises)."""
    if published is None or not published.tally.total:
        return ""
    said = "".join(f"<li>“{esc(c)}”</li>" for c in published.comments)
    return (f"<div class='sva-voice-note'><strong>Residents say:</strong> {esc(tally_text(published.tally))}"
            + (f"<ul class='sva-voice-comments' aria-label='Residents’ comments'>{said}</ul>" if said else "")
            + "</div>")


def _bar(n: int, top: int, label: str) -> str:
    width = 0 if top <= 0 else max(2, round(100 * n / top)) if n else 0
    return (f"<span class='sva-bar-row' title='{esc(label)}'><span class='sva-bar' style='width:{width}%'>"
            f"</span><span class='sva-bar-n'>{n}</span></span>")


def priorities_html(counts: list[PriorityCount], charter, offered: dict[str, int], area: str) -> str:
    """One area's priorities beside what suppliers offer there: per outcome, how many residents
    ranked it (a bar), how many ranked it first, and the commitments mapped to it."""
    mine = {p.outcome: p for p in counts}
    residents = max([p.votes for p in counts] + [0])
    if not counts:
        return f"<p>No resident has ranked priorities for {esc(area or 'any area')} yet.</p>"
    order = sorted(charter.outcomes, key=lambda o: (-(mine[o.id].votes if o.id in mine else 0), natural_key(o.id)))
    rows = []
    for o in order:
        p = mine.get(o.id)
        votes, first = (p.votes, p.first) if p else (0, 0)
        label = f"{o.id} {o.title}: {count(votes, 'resident')} ranked it"
        n = offered.get(o.id, 0)
        rows.append([f"{esc(o.id)} {esc(o.title)}", _bar(votes, residents, label), str(first),
                     str(n) if n else "<span class='sva-gap'>0 — a gap</span>"])
    return html_table(f"What residents of {area or 'every area'} ranked in their top three",
                      ["Outcome", "Residents who ranked it", "Ranked it first", "Commitments offered"], rows,
                      "Residents' priorities", stack=True)


def trend_html(trend: list[tuple[str, int, int]]) -> str:
    if not trend:
        return "<p>No responses yet.</p>"
    top = max(max(r, a) for _, r, a in trend)
    rows = [[esc(month), _bar(r, top, f"{month}: {r} rankings"), _bar(a, top, f"{month}: {a} answers")]
            for month, r, a in trend]
    return html_table("Responses per month", ["Month", "Priorities ranked", "Answers about promises"], rows,
                      "Trend over time", stack=True)


def responses_html(rows: Iterable, responses: list[Response], link=None) -> str:
    """Per supplier, each promise residents answered about: status, every answer counted, and
    each comment with its moderation state and number (the number is what Publish/Hide act on)."""
    by_promise: dict[str, list[Response]] = {}
    for r in responses:
        by_promise.setdefault(r.commitment_id, []).append(r)
    known = {c.id: c for c in rows}
    if not by_promise:
        return "<p>No resident has answered about a promise yet.</p>"
    suppliers: dict[str, list[list[str]]] = {}
    for cid, answers in by_promise.items():
        c = known.get(cid)
        supplier = c.supplier if c else answers[0].supplier
        t = Tally(*(sum(1 for r in answers if r.answer == a) for a in ("seen", "not_seen", "dont_know")))
        said = "".join(f"<li><span class='sva-badge sva-mod-{esc(r.state)}'>#{r.id} {esc(STATE_TEXT[r.state])}"
                       f"</span> “{esc(r.comment)}” <span class='sva-muted'>({esc(r.area)}, "
                       f"{esc(r.created[:10])})</span></li>" for r in answers if r.comment)
        promise = (esc(" ".join(c.text.split())) + "<br>" + source_ref(c.source, c.page, "", c.doc_id, link)
                   if c else f"{esc(cid)} <span class='sva-muted'>(no longer in the register)</span>")
        suppliers.setdefault(supplier, []).append([
            promise, status_badge(c) if c else "—", str(t.seen), str(t.not_seen), str(t.dont_know),
            f"<ul class='sva-voice-comments'>{said}</ul>" if said else "—"])
    parts = []
    for supplier, table in sorted(suppliers.items()):
        seen = sum(int(r[2]) for r in table)
        not_seen = sum(int(r[3]) for r in table)
        parts.append(f"<h3>{esc(supplier)}</h3><p>{seen} seen · {not_seen} not seen, over "
                     f"{count(len(table), 'promise')}</p>"
                     + html_table(f"What residents say about {supplier}'s promises",
                                  ["Promise", "Status", "Seen", "Not seen", "Don't know", "Comments"], table,
                                  f"Residents' answers: {supplier}"))
    return "".join(parts)
