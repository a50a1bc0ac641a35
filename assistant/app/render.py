"""HTML for the app: answers with footnotes, passages, documents, the register, residents' promises.

Every piece of document text goes through ``esc`` (HTML-escaped) before it is placed in markup;
``<mark>`` is only ever wrapped around text that is already escaped. Nothing here decides what a
reader may see: callers pass in only what their audience is allowed.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterable
from urllib.parse import quote as url_quote

from assistant.app.answer_view import answer_body, answer_notices, answer_uid, passage_anchor, table_cells
from assistant.vocab import (
    DOC_TYPE_LABELS,
    FLAG_LABELS,
    RATING_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    THEME_LABELS,
    due_text,
    status_text,
)
from ingest.quantities import amount_text
from ingest.records import ChunkRecord

Link = Callable[[str, "int | None"], str]  # (doc_id, page) -> URL of the document
# a document opens beside the page, which keeps the reader's area, answers and place on it
NEW_TAB = ' target="_blank" rel="noopener noreferrer"'

FLAG_HELP: dict[str, str] = {flag: label.plain for flag, label in FLAG_LABELS.items()}
STATUS_TEXT: dict[str, str] = {status: label.plain for status, label in STATUS_LABELS.items()}
DOC_TYPE_TEXT = DOC_TYPE_LABELS
THEME_TEXT: dict[str, str] = {theme: text for theme, text in THEME_LABELS.items()}


def theme_text(theme: str) -> str:
    return THEME_TEXT.get(theme, theme.replace("_", " ").capitalize())


def count(n: int, noun: str, plural: str = "") -> str:
    """“1 promise”, “2 promises”."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def esc(text: object) -> str:
    """Text shown as text: HTML-escaped, quotes included."""
    return html.escape("" if text is None else str(text), quote=True)


def natural_key(text: str) -> tuple:
    """Sorts "CV2" before "CV10": runs of digits compare as numbers, the rest ignoring case."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.findall(r"\d+|\D+", text))


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def where(page: int | None, section: str) -> str:
    parts = [f"page {page}" if page else "", f"section “{one_line(section)}”" if section else ""]
    return ", ".join(p for p in parts if p)


def source_ref(source: str, page: int | None, section: str, doc_id: str = "",
               link: Link | None = None) -> str:
    """“report.pdf, page 4, section “Jobs”” with the file name linked when a link is given."""
    shown = esc(source)
    name = f"<strong>{shown}</strong>"
    if link and doc_id:
        name = f'<a class="sva-doc" href="{esc(link(doc_id, page))}"{NEW_TAB}>{shown}</a>'
    place = where(page, section)
    return name + (f", {esc(place)}" if place else "")


def doc_link(prefix: str) -> Link:
    """Links to ``{prefix}/source/<doc_id>`` (with the PDF page as a fragment)."""
    def link(doc_id: str, page: int | None) -> str:
        return f"{prefix}/source/{url_quote(doc_id)}" + (f"#page={page}" if page else "")
    return link


# -- passages and answers ---------------------------------------------------------------------


def highlight(text: str, quote: str, context: int = 600) -> str:
    """``text`` escaped, with ``quote`` (found ignoring spacing) wrapped in <mark>; long text is
    cut to ``context`` characters either side of the quote."""
    span = find_spaced(text, quote)
    if span is None:
        return _lines(text[:2 * context] + ("…" if len(text) > 2 * context else ""))
    start, end = span
    before = text[max(0, start - context):start]
    after = text[end:end + context]
    lead = "…" if start > context else ""
    tail = "…" if end + context < len(text) else ""
    return (_lines(lead + before) + "<mark>" + _lines(text[start:end]) + "</mark>"
            + _lines(after + tail))


def find_spaced(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text`` when runs of whitespace count as one space: (start, end) in
    ``text``, or None. Both are collapsed and searched with ``str.find`` (linear: no regex that a
    document or a question could make backtrack), then the span is mapped back."""
    words = quote.split()
    if not words:
        return None
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    collapsed, starts, at = [], [], 0
    for a, b in spans:
        starts.append(at)
        collapsed.append(text[a:b])
        at += b - a + 1
    found = " ".join(collapsed).find(" ".join(words))
    if found < 0:
        return None
    last = found + len(" ".join(words)) - 1  # both ends fall inside words (quotes are trimmed)

    def original(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return spans[i][0] + pos - starts[i]
    return original(found), original(last) + 1


def _lines(text: str) -> str:  # a quoted table row shows as its cells, not as pipes
    return "<br>".join(table_cells(esc(line)) for line in text.split("\n"))


def answer_html(answer, passage: Callable[[str, str], ChunkRecord | None], note: str = "",
                link: Link | None = None) -> str:
    """The answer (each [n] a link to its passage), its notices, then one footnote per citation."""
    parts = [_note(note), answer_body(answer, uid := answer_uid(answer)), answer_notices(answer)]
    if answer.citations:
        parts.append('<p class="sva-sources"><strong>Sources</strong> — open one to read the '
                     "passage, with the quoted words highlighted</p>")
    for c in answer.citations:
        chunk = passage(c.doc_id, c.quote)
        body = highlight(chunk.text, c.quote) if chunk is not None else f"<mark>{_lines(c.quote)}</mark>"
        opener = (f'<p><a class="sva-doc" href="{esc(link(c.doc_id, c.page))}"{NEW_TAB}>Open the whole '
                  "document</a></p>") if link and c.doc_id else ""  # the charter is no document
        marker = restricted_marker() if chunk is not None and chunk.audience == "restricted" else ""
        parts.append(f"<details class=\"sva-cite\"><summary>[{c.n}] "
                     f"{source_ref(c.source, c.page, c.section)}{marker}</summary>"
                     f'<blockquote id="{passage_anchor(uid, c.n)}">{body}</blockquote>{opener}</details>')
    return f'<div class="sva-answer">{"".join(parts)}</div>'


def partial_html(text: str, note: str = "") -> str:  # an answer still arriving
    return f'<div class="sva-answer">{_note(note)}<p class="sva-answer-text">{_lines(text)}</p></div>'


def _note(note: str) -> str:  # the question as it was made standalone
    return f'<p class="sva-note">Taking your question as: “{esc(note)}”</p>' if note else ""


def message_html(text: str) -> str:
    return f'<div class="sva-answer"><p>{esc(text)}</p></div>'


# -- documents --------------------------------------------------------------------------------


def ingest_report_html(report, shown_name: Callable[[str], str] = lambda p: p.rsplit("/", 1)[-1],
                       again: bool = False) -> str:
    """What happened to each file, in plain words; skipped files first, with the reason.
    ``again``: the files were stored already and were read again (re-ingest), not added."""
    data = report.as_json()
    parts = []
    if data["skipped"]:
        items = "".join(f"<li><strong>{esc(shown_name(s['path']))}</strong>: {esc(s['reason'])}</li>"
                        for s in data["skipped"])
        parts.append(f'<div class="sva-problem" role="alert"><p><strong>{count(len(data["skipped"]), "file")} '
                     f'could not be {"read again" if again else "added"}</strong></p><ul>{items}</ul></div>')
    if data["ingested"]:
        items = "".join(
            f"<li><strong>{esc(shown_name(i['path']))}</strong>: "
            + ("details updated" if i.get("updated") == "metadata" else
               f"{count(i['chunks'], 'passage')}, {count(i['commitments'], 'commitment')} found")
            + "</li>"
            for i in data["ingested"])
        files = count(len(data["ingested"]), "file")
        parts.append(f"<p>{f'Read {files} again' if again else f'Added {files}'}:</p><ul>{items}</ul>")
    if data["unchanged"]:
        items = "".join(f"<li>{esc(shown_name(p))}</li>" for p in data["unchanged"])
        parts.append(f"<p>Already in the store, unchanged:</p><ul>{items}</ul>")
    if not parts:
        parts.append("<p>No files were given.</p>")
    parts.append(f'<p class="sva-muted">Took {data["seconds"]:.1f} s.</p>')
    return f'<div class="sva-report" aria-live="polite">{"".join(parts)}</div>'


def documents_html(docs: list, link: Link | None = None) -> str:
    if not docs:
        return "<p>No documents yet. Add some above.</p>"
    headers = ["Document", "Supplier", "Areas", "Type", "Who can see it", "Passages", "Commitments",
               "Added"]
    rows = [[source_ref(d.source, None, "", d.doc_id, link), esc(d.supplier or "—"),
             esc(", ".join(d.areas) or "—"), esc(DOC_TYPE_TEXT.get(d.doc_type, d.doc_type)),
             _audience_badge(d.audience), str(d.chunks), str(d.commitments), esc(d.ingested_at[:10])]
            for d in docs]
    return html_table(f"{count(len(docs), 'document')} in the store", headers, rows)


def _audience_badge(audience: str) -> str:
    if audience == "public":
        return '<span class="sva-badge sva-public">Public — residents see it</span>'
    return '<span class="sva-badge sva-restricted">Restricted — commissioners only</span>'


def restricted_marker() -> str:
    """The small mark beside a source residents cannot see (only commissioners are shown one)."""
    return (' <span class="sva-badge sva-restricted sva-mini" title="Restricted: commissioners only; '
            'residents never see this document">restricted</span>')


def html_table(caption: str, headers: list[str], rows: list, label: str = "", stack: bool = True,
               flagged: frozenset[int] | set[int] = frozenset()) -> str:
    """A captioned table in a scrollable region; the first cell of a row is its header. With
    ``stack``, each row becomes a card on a narrow screen (cells labelled by their column)."""
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in headers)
    body = []
    for i, cells in enumerate(rows):
        first, rest = cells[0], cells[1:]
        # the label is written in the cell too: the chat's sanitiser strips data-label, and a
        # stacked card on a phone needs to say what each value is
        tds = "".join(f"<td data-label='{esc(h)}'><span class='sva-cell-label'>{esc(h)}: </span>{c}</td>"
                      for h, c in zip(headers[1:], rest))
        mark = " class='sva-flagged'" if i in flagged else ""
        body.append(f"<tr{mark}><th scope='row'>{first}</th>{tds}</tr>")
    kind = "sva-table sva-stack" if stack else "sva-table"
    return (f'<div class="sva-scroll" role="region" tabindex="0" aria-label="{esc(label or caption)}">'
            f"<table class='{kind}'><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


# -- the register -------------------------------------------------------------------------------


def amount(c) -> str:
    return amount_text(c.quantity, c.unit)


def flag_badges(flags: Iterable[str]) -> str:
    flags = list(flags)
    if not flags:
        return '<span class="sva-badge sva-ok">none</span>'
    return " ".join(f'<span class="sva-badge sva-flag" title="{esc(FLAG_HELP.get(f, f))}">⚑ {esc(f)}'
                    f'<span class="sva-sr"> ({esc(FLAG_HELP.get(f, ""))})</span></span>' for f in flags)


def status_badge(c) -> str:
    text = status_text(c.status, c.progress, c.late)
    badge = f'<span class="sva-badge sva-status-{esc(c.status)}">{esc(text)}</span>'
    rating = RATING_LABELS.get(c.rating)
    if rating is None or c.rating == "other":
        return badge
    return (f'{badge} <span class="sva-rating" title="{esc(rating.plain)}">Rating: {esc(rating.short)}'
            f'<span class="sva-sr"> ({esc(rating.plain)})</span></span>')


def register_html(rows: list, link: Link | None = None, charter=None) -> str:
    if not rows:
        return "<p>No commitments match these filters.</p>"
    titles = {o.id: o.title for o in charter.outcomes} if charter else {}
    headers = ["Commitment", "Supplier", "How much", "By when", "Where", "Outcomes", "Flags",
               "Status", "Source"]
    cells = []
    for c in rows:
        outcomes = ", ".join(f'<abbr title="{esc(titles.get(o, o))}">{esc(o)}</abbr>' for o in c.outcomes)
        where_ = _places(c.place) if c.place else (
            f"<span class='sva-muted' title='{esc(', '.join(c.areas))}'>the contract area</span>"
            if c.areas else "")
        cells.append([esc(one_line(c.said)) + _kind_note(c), esc(c.supplier), esc(amount(c)), esc(due_text(c.deadline)),
                      where_, outcomes or "—", flag_badges(c.flags),
                      status_badge(c), source_ref(c.source, c.page, "", c.doc_id, link) + _again(c.also)])
    flagged = {i for i, c in enumerate(rows) if c.flags}
    caption = f"{count(len(rows), 'commitment')}, {len(flagged)} flagged"
    return html_table(caption, headers, cells, "Commitments register", flagged=flagged)


def _kind_note(c) -> str:
    """Under a row's text: "Service standard" for one, and who corrected what sva read, and why."""
    from assistant.register.corrections import KIND_LABELS

    notes = ["Service standard"] if c.kind == "service_standard" else []
    fix = c.correction
    if fix is not None:
        notes.append(f"corrected by {fix.who} on {fix.at[:10]} (sva read it as a "
                     f"{KIND_LABELS.get(fix.read_as, fix.read_as)})" + (f": {fix.note}" if fix.note else ""))
    return f"<br><span class='sva-muted'>{esc('; '.join(notes))}</span>" if notes else ""


def _again(also: list) -> str:
    """Where the document restates the promise (a row of its delivery plan), under its source."""
    if not also:
        return ""
    where_ = "; ".join(r.provenance.where(40).lstrip(", ") or "elsewhere" for r in also)
    quotes = " / ".join(one_line(r.quote) for r in also)
    return f"<br><span class='sva-muted' title='{esc(quotes)}'>also given: {esc(where_)}</span>"


def _places(place: str, shown: int = 2) -> str:
    """A long list of places, shortened to its first ones and a count (the rest for screen
    readers and on hover), so one row is not six lines tall."""
    names = [p.strip() for p in place.split(",") if p.strip()]
    if len(names) <= shown + 1:
        return esc(place)
    rest = ", ".join(names[shown:])
    return (f"{esc(', '.join(names[:shown]))} <span class='sva-muted' title='{esc(rest)}' aria-hidden='true'>"
            f"+{len(names) - shown} more</span><span class='sva-sr'>, {esc(rest)}</span>")


def flag_legend() -> str:
    items = "".join(f"<li><span class='sva-badge sva-flag'>⚑ {f}</span> {esc(h)}</li>"
                    for f, h in FLAG_HELP.items())
    return f"<ul class='sva-legend' aria-label='What the flags mean'>{items}</ul>"


def problems_html(title: str, problems: list[str]) -> str:
    items = "".join(f"<li>{esc(p)}</li>" for p in problems)
    return f'<div class="sva-problem" role="alert"><p><strong>{esc(title)}</strong></p><ul>{items}</ul></div>'


def notice_html(text: str) -> str:
    return f'<p class="sva-done" role="status">{esc(text)}</p>'


# -- residents --------------------------------------------------------------------------------------


def promises_html(area: str, named: list, wider: list, link: Link | None = None, after=None) -> str:
    """Per supplier, what was promised for ``area`` — named there first, then contract-wide."""
    if not named and not wider:
        return (f"<p>No published promises mention {esc(area)} yet. Try a nearby town or ward, "
                "or ask about it on the “Ask a question” tab.</p>")
    suppliers = sorted({c.supplier for c in named + wider})
    total = len(named) + len(wider)
    parts = [f"<p>{count(total, 'published promise')} {'covers' if total == 1 else 'cover'} {esc(area)}, "
             f"from {count(len(suppliers), 'supplier')}.</p>"]
    for supplier in suppliers:
        here = [c for c in named if c.supplier == supplier]
        rest = [c for c in wider if c.supplier == supplier]
        parts.append(f"<section class='sva-supplier'><h3>{esc(supplier)}</h3>")
        if here:
            parts.append(f"<p>Promised for {esc(area)} by name:</p>{_promise_list(here, link, after)}")
        if rest:
            parts.append(f"<details{' open' if not here else ''}><summary>{count(len(rest), 'promise')} "
                         f"for the whole contract area, which includes {esc(area)}</summary>"
                         f"{_promise_list(rest, link, after)}</details>")
        parts.append("</section>")
    return "".join(parts)


def _promise_list(rows: list, link: Link | None, after=None) -> str:  # after(c): HTML to add
    items = []
    for c in rows:
        evidence = "".join(
            f"<li>{ROLE_LABELS[e.role].plain}: “{esc(one_line(e.said))}” "
            f"({source_ref(e.source, e.page, '', e.doc_id, link)})</li>"
            for e in c.evidence[:2])
        items.append(
            f"<li><div>{esc(one_line(c.said))}</div><div>{status_badge(c)}"
            + (f" <span class='sva-muted'>Due: {esc(due_text(c.deadline))}</span>" if c.deadline else "")
            + f"</div><div class='sva-muted'>Source: "
            f"{source_ref(c.source, c.page, c.section, c.doc_id, link)}</div>"
            + (f"<ul>{evidence}</ul>" if evidence else "") + (after(c) if after else "") + "</li>")
    return f"<ul class='sva-promises'>{''.join(items)}</ul>"
