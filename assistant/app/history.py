"""A chat history as the answerers read it: plain text, checked and bounded.

The history comes from the browser (or from anyone calling the app's endpoints), so nothing about
its shape or size is trusted; the answers in it are the app's own HTML, whose footnotes and markup
are removed by a linear scan (no regex: a crafted message cannot make it backtrack).
"""

from __future__ import annotations

import html

HISTORY_MESSAGES = 20  # the most recent messages of a chat history that are read
HISTORY_CHARS = 8000  # characters of one message that are read
_ROLES = ("user", "assistant")


def plain_history(history) -> list[dict]:
    """Chat history as plain text: each answer without its footnotes or markup.

    The history comes from the browser, so it is checked here whatever the page sent: only
    ``{"role": "user" | "assistant", "content": text}`` messages (text parts of a list are joined;
    files and anything else are dropped), the last ``HISTORY_MESSAGES`` of them, each cut to
    ``HISTORY_CHARS``. The markup is removed by a linear scan (no regex backtracking)."""
    out = []
    items = history if isinstance(history, list) else []
    for item in items[-HISTORY_MESSAGES:]:
        if not isinstance(item, dict) or item.get("role") not in _ROLES:
            continue
        content = item.get("content")
        if isinstance(content, list):
            content = " ".join(c["text"] for c in content[:HISTORY_MESSAGES] if isinstance(c, dict)
                               and c.get("type", "text") == "text" and isinstance(c.get("text"), str))
        if not isinstance(content, str):
            continue
        text = strip_markup(content[:HISTORY_CHARS])
        out.append({"role": item["role"], "content": " ".join(text.split())})
    return out


_DROPPED = (("<details", "</details>"), ('<p class="sva-note">', "</p>"),
            ('<p class="sva-sources">', "</p>"))


def strip_markup(text: str) -> str:
    """``text`` (an answer as shown) as plain text: footnotes, notes and tags removed, ``<br>`` as
    a line break, entities undone. One pass with ``str.find``: linear in the length of ``text``."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        start = text.find("<", i)
        if start < 0:
            out.append(text[i:])
            break
        out.append(text[i:start])
        end = next((text.find(close, start) for opener, close in _DROPPED
                    if text.startswith(opener, start)), None)
        if end is not None:  # a whole footnote or note: skip to its end (or drop the rest)
            i = n if end < 0 else end + len(_closing(text, start))
            out.append(" ")
            continue
        close = text.find(">", start)
        if close < 0:  # a "<" that opens no tag is text
            out.append(text[start:])
            break
        out.append("\n" if text[start:close + 1] == "<br>" else " ")
        i = close + 1
    return html.unescape("".join(out))


def _closing(text: str, start: int) -> str:
    return next(close for opener, close in _DROPPED if text.startswith(opener, start))
