"""The body of an answer in the chat: its sentences with every [n] a link to its passage, a
register answer's table, quoted table rows shown as cells instead of pipes, and its notices (a
fallback, a warning) as muted notes, so a reader can tell them from what the documents say.

A [n] link points at the passage inside its closed footnote; the browser opens a closed
``<details>`` when a link targets something inside it, so no script is needed (Gradio runs none
in chat messages). Text arrives here already escaped or is escaped here: document text is data.
"""

from __future__ import annotations

import hashlib
import html
import re

from assistant.answers.base import row_cells

_MARKER = re.compile(r"\[(\d{1,3})\]")
_RULE = re.compile(r"[\s:\-]*")  # a Markdown table's |---|---| line


def table_cells(escaped: str) -> str:
    """An escaped line holding table bars ("Spend | £2m | 2028") as cells; other lines unchanged."""
    if "|" not in escaped:
        return escaped
    parts = row_cells(escaped)
    if all(_RULE.fullmatch(p) for p in parts):
        return ""
    # the bars between cells are drawn by CSS; a hidden " | " keeps them apart when the answer is
    # copied or read aloud ("aged 16-24 | 20 by March 2027", not "aged 16-2420 by March 2027")
    return '<span class="sva-sr"> | </span>'.join(f'<span class="sva-cell">{p}</span>' for p in parts)


def answer_uid(answer) -> str:
    """A short id for one answer, so its footnotes' anchors differ from other answers' in a chat."""
    seed = "\n".join([answer.question, answer.answer] + [f"{c.doc_id}{c.quote}" for c in answer.citations])
    return hashlib.blake2b(seed.encode("utf-8", "replace"), digest_size=5).hexdigest()


def passage_anchor(uid: str, n: int) -> str:
    return f"sva-p-{uid}-{n}"


def linked(escaped: str, uid: str, numbers: set[int]) -> str:
    """Each [n] of a known citation as a link that opens its passage."""
    def link(match: re.Match) -> str:
        n = int(match.group(1))
        if n not in numbers:
            return match.group(0)
        return (f'<a class="sva-ref" href="#{passage_anchor(uid, n)}" title="Open source {n}">'
                f"[{n}]</a>")
    return _MARKER.sub(link, escaped)


def answer_body(answer, uid: str) -> str:
    """The answer's sentences (bullets as a list) and, when it has one, its table, where the
    sentences it stands for were (what a total leaves out is said under it, not above)."""
    from assistant.app.render import count, html_table

    numbers = {c.n for c in answer.citations}
    table = answer.table
    said = answer.answer.split("\n")
    lines: list[str | None] = list(said)
    shown_table = ""
    if table is not None:  # the table says what the per-row sentences say: show it instead
        kept = [line for line in said if not (_is_row_sentence(line, table) or _quoted_rows(line, table))]
        at = next((i for i, line in enumerate(said) if line not in kept), len(kept))
        lines = [*kept[:at], None, *kept[at:]]  # None: where the table goes
        rows = [[linked(html.escape(cell, quote=True), uid, numbers) for cell in row] for row in table.rows]
        shown_table = html_table(count(len(rows), "row"), table.headers, rows, "Answer table")
    out: list[str] = []
    items: list[str] = []
    for line in lines:
        if line is None:
            if items:
                out.append(f'<ul class="sva-list">{"".join(items)}</ul>')
                items = []
            out.append(shown_table)
            continue
        shown = linked(table_cells(html.escape(line, quote=True)), uid, numbers)
        if line.startswith(("• ", "  ")):
            items.append(f"<li>{shown.lstrip('• ').strip()}</li>" if line.startswith("• ")
                         else f'<li class="sva-evidence">{shown.strip()}</li>')
            continue
        if items:
            out.append(f'<ul class="sva-list">{"".join(items)}</ul>')
            items = []
        css = "sva-note" if line.startswith("Showing: ") else "sva-answer-text"
        out.append(f'<p class="{css}">{shown}</p>')
    if items:
        out.append(f'<ul class="sva-list">{"".join(items)}</ul>')
    return "".join(out)


def answer_notices(answer) -> str:
    """Each notice, once, as a muted note under the answer (escaped: a notice may quote a model's
    error or a document). The answer's text never holds them (the answer contract)."""
    shown = [n for n in dict.fromkeys(answer.notices) if n.strip()]
    return "".join(f'<p class="sva-note">Note: {html.escape(n, quote=True)}</p>' for n in shown)


def _quoted_rows(line: str, table) -> bool:
    """A line of quoted table rows ("a | b [1] c | d [2]") whose every [n] is in the table."""
    marks = set(_MARKER.findall(line))
    in_table = {m for row in table.rows for cell in row for m in _MARKER.findall(cell)}
    return "|" in line and bool(marks) and marks <= in_table


def _is_row_sentence(line: str, table) -> bool:
    return any(row and line.startswith(f"{row[0]}:") for row in table.rows)
