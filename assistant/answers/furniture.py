"""Lines of a passage that are never answers: headings, titles, captions and cover lines
(``is_heading``; they stay context in the citation's section), a page's furniture (a photo's
caption, a prompt to follow a link) and the lines of a table of contents, which say where to
read, not what (``contents_line``)."""

from __future__ import annotations

import re

from assistant.answers.base import row_cells
from assistant.answers.passages import carried_head, table_head

_CHART_CAPTION = re.compile(r"\s(?:chart|graph|diagram|infographic)$", re.I)
_LABEL_VALUE = re.compile(r"\w:\s+[^:]{0,40}\d(?!\d*+(?:st|nd|rd|th)\b)")  # an ordinal ("21st Century") is no figure
_TITLE_WORD = re.compile(r"[A-Z0-9][\w'’&-]*")
_SMALL = frozenset("a an and as at by for from in into of on or the to with vs v our your its".split())


def is_heading(line: str, header: str = "") -> bool:
    """A heading, title, caption or cover line: never an answer sentence."""
    text = " ".join(line.strip().lstrip("#").split())
    bare = text.rstrip(".:").strip()
    if not bare:
        return True
    if header and any(bare.lower() == part.strip().rstrip(".:").lower() for part in re.split(r" > |\n", header)):
        return True
    if _LABEL_VALUE.search(bare):
        return False  # "Decision due: 8 Feb 2024", "Target: 95%": a labelled figure answers
    label, colon, value = bare.partition(": ")
    if colon and value and any(w[:1].islower() and w not in _SMALL for w in re.findall(r"[\w'’&-]+", label)):
        return False  # "Eligible for call-in to: Policy and Resources Scrutiny Committee": a labelled fact
    if _CHART_CAPTION.search(text):
        return True  # "% of completed projects delivering >25% SLEV Chart": what a picture shows, not a sentence
    if text.endswith(("?", "!")) and len(text.split()) <= 12:
        return True  # a question used as a heading ("Need a guide to damp and mould?")
    words = [w for w in re.findall(r"[\w'’&-]+", bare) if w.lower() not in _SMALL]
    if not words or len(bare.split()) > 14 or "|" in bare:
        return False
    titled = sum(bool(_TITLE_WORD.fullmatch(w)) for w in words) / len(words)
    # a name in brackets closes a cover line ("Carbon Reduction Plan Limited (“Smart/tasking”)"); a figure does not
    ends_open = not re.sub(r"\s*+\([^()\d]*\)$", "", text).endswith((".", ":", ";", ")"))
    return titled >= 0.8 and (ends_open or " – " in bare or " - " in bare) and len(words) >= 2


def page_furniture(text: str) -> bool:
    """A photo's caption ("... train on test at Wildenrath (Photo Tony Miles)", "Pictured: ...") or
    a prompt to follow a link ("Please click here to read our Green Plan."): the page's furniture,
    never an answer."""
    return bool(_PHOTO_CAPTION.search(text) or _LINK_PROMPT.match(text))


def contents_line(lines: list[str], index: int, header: str) -> bool:
    """Whether a passage's line is one of a table of contents: a row under a "Page" column ("10 |
    Social Value Delivery Plan | 6" under "Section | Title | Page"), a row ending in a page number
    under a "Contents" heading, or a title led by dots to its page ("Our targets ....... 12"). It
    says where to read, never what."""
    line = lines[index].rstrip()
    title = line.rstrip("0123456789")  # dots leading to a page number (a regex would backtrack on dots)
    if 0 < len(line) - len(title) <= 3 and title.replace(" ", "").endswith(("....", "……")):
        return True
    if "|" not in line:
        return False
    head = table_head(lines, index, carried_head(header))
    if head is not None and _PAGE_COLUMN.fullmatch((row_cells(head) or [""])[-1]):
        return True
    cells = row_cells(line)
    under_contents = any(_CONTENTS.fullmatch(part.strip()) for part in re.split(r" > |\n", header))
    return under_contents and bool(cells) and cells[-1].isdigit()


_PAGE_COLUMN = re.compile(r"(?:page|pages|page no\.?|page number|p\.|pp\.)", re.I)
_CONTENTS = re.compile(r"(?:table of )?contents", re.I)


_PHOTO_CAPTION = re.compile(r"\((?:photo|picture|image|credit|pictured)\b[^)]{0,80}\)|"
                            r"^\W*(?:photo|picture|image|pictured|caption|credit)\s*(?:credit\s*)?:", re.I)
_LINK_PROMPT = re.compile(r"\W*+(?:please\s++)?(?:click|tap)\s++(?:here|on|the)\b|.{0,80}?\bclick here\b|"
                          r"\W*+(?:read|find out|learn|see) more\b", re.I)
