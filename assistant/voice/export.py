"""What residents said, for people outside the app: the `sva voice export` CSV, and the summary
section of the printable report (`sva report`). Both carry counts and published comments only:
a comment no commissioner has published never leaves the store."""

from __future__ import annotations

import csv
from html import escape
from pathlib import Path

from assistant.errors import write_error
from assistant.register.exports import inert
from assistant.voice.responses import Voice

CSV_COLUMNS = ["type", "area", "outcome", "votes", "commitment_id", "seen", "not_seen", "dont_know",
               "published_comments"]


def csv_rows(data: dict) -> list[list]:
    """The export (``Voice.export()``) as rows: one per area and outcome, then one per promise
    and area; comments joined with " | "; no cell can start a spreadsheet formula."""
    rows = [["priority", p["area"], p["outcome"], p["votes"], "", "", "", "", ""] for p in data["priorities"]]
    rows += [["response", r["area"], "", "", r["commitment_id"], r["seen"], r["not_seen"], r["dont_know"],
              " | ".join(r["published_comments"])] for r in data["responses"]]
    return [inert(row) for row in rows]


def write_csv(data: dict, path: Path) -> int:
    """Write the export to ``path``; returns the number of rows."""
    rows = csv_rows(data)
    try:
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(CSV_COLUMNS)
            writer.writerows(rows)
    except OSError as exc:
        raise write_error(path, exc) from exc
    return len(rows)


def report_section(voice: Voice, rows: list, area: str | None = None, titles: dict[str, str] | None = None) -> str:
    """The "What residents say" section of one supplier's report: each promise residents answered
    about, with every answer counted and the published comments; then the area's priorities."""
    ids = {c.id: c for c in rows}
    tallies = voice.tallies(area)
    comments: dict[str, list[str]] = {}
    for r in voice.responses(area, list(ids), states=("published",)):
        if r.comment:
            comments.setdefault(r.commitment_id, []).append(r.comment)
    body = "".join(
        f"<tr><td><p class='quote'>“{escape(c.text)}”</p></td><td>{tallies[c.id].seen}</td>"
        f"<td>{tallies[c.id].not_seen}</td><td>{tallies[c.id].dont_know}</td><td>"
        + "".join(f"<p class='quote'>“{escape(text)}”</p>" for text in comments.get(c.id, [])[:5])
        + "</td></tr>" for c in rows if c.id in tallies)
    answers = ("<table><thead><tr><th>Promise</th><th>Seen it happen</th><th>Not seen</th><th>Don't know"
               f"</th><th>Published comments</th></tr></thead><tbody>{body}</tbody></table>" if body else
               "<p>No resident has answered about these promises yet.</p>")
    wanted = voice.priorities(area)
    names = titles or {}
    ranked = "".join(f"<li>{escape(p.area)}: {escape(p.outcome)} {escape(names.get(p.outcome, ''))} — "
                     f"{p.votes} resident{'s' if p.votes != 1 else ''}</li>" for p in wanted[:15])
    priorities = (f"<h3>Residents' priorities{' in ' + escape(area) if area else ''}</h3><ul>{ranked}</ul>"
                  if ranked else "")
    return ("<h2>What residents say</h2><p>Residents' answers to “Have you seen this happen?” (every "
            f"answer counted) and the comments a commissioner has published.</p>{answers}{priorities}")
