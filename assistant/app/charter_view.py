"""HTML for the charter tab: the active charter, where it comes from, the supplier x outcome
coverage heatmap and suppliers side by side. Document text goes through ``esc`` as in render."""

from __future__ import annotations

from assistant.app.render import Link, count, esc, html_table, one_line, theme_text


def coverage_html(matrix: dict, charter) -> str:
    """Supplier x outcome counts, each cell shaded by its count (the number is always shown)."""
    if not matrix["suppliers"]:
        return "<p>No commitments yet.</p>"
    titles = {o.id: o.title for o in charter.outcomes}
    top = max([1] + [n for row in matrix["counts"].values() for n in row.values()])
    rows = []
    for supplier in matrix["suppliers"]:
        cells = [esc(supplier)]
        for o in matrix["outcomes"]:
            n = matrix["counts"][supplier][o]
            level = 0 if n == 0 else 1 + min(4, int(4 * n / top))
            label = f"{supplier}: {count(n, 'commitment')} for {o} {titles.get(o, '')}"
            cells.append(f"<span class='sva-heat sva-heat-{level}' title='{esc(label)}'>{n}</span>")
        rows.append(cells)
    key = "".join(f"<li><strong>{esc(o.id)}</strong> {esc(o.title)}</li>" for o in charter.outcomes)
    swatch = "".join(f"<span class='sva-heat sva-heat-{level}' aria-hidden='true'>{n}</span>"
                     for level, n in ((1, "few"), (3, "more"), (5, "most")))
    return ("<p class='sva-heat-key'>Darker blue: more commitments "
            f"<span class='sva-heat-scale'>{swatch}</span>. A <span class='sva-heat sva-heat-0'>0</span>"
            " on orange is a gap: no commitment for that outcome.</p>"
            + html_table("Commitments per supplier and outcome", ["Supplier", *matrix["outcomes"]], rows,
                         "Coverage heatmap", stack=False)
            + f"<details><summary>What the outcome codes mean</summary><ul>{key}</ul></details>")


def comparison_html(rows: list, suppliers: list[str], charter, link: Link | None = None) -> str:
    """Suppliers side by side: one row per charter outcome, one column per supplier."""
    if not suppliers:
        return "<p>Choose at least one supplier.</p>"
    table = []
    for outcome in charter.outcomes:
        cells = [f"{esc(outcome.id)} {esc(outcome.title)}"]
        for supplier in suppliers:
            mine = sorted((c for c in rows if c.supplier == supplier and outcome.id in c.outcomes),
                          key=lambda c: len(c.flags))  # firm, measurable promises first
            items = "".join(
                f"<li>{esc(one_line(c.text))}"
                + (f" <span class='sva-flagtext'>⚑ {esc(', '.join(c.flags))}</span>" if c.flags else "")
                + "</li>" for c in mine)
            firm = sum(1 for c in mine if not c.flags)
            summary = f"<p class='sva-count'>{count(len(mine), 'commitment')}, {firm} unflagged</p>"
            cells.append(f"{summary}<ul>{items}</ul>" if mine
                         else "<span class='sva-gap'>nothing offered</span>")
        table.append(cells)
    table.append(["Matching no outcome"] + [
        str(sum(1 for c in rows if c.supplier == s and not c.outcomes)) for s in suppliers])
    return html_table("What each supplier offers, outcome by outcome", ["Outcome", *suppliers], table,
                      "Supplier comparison", stack=False)


def charter_origin(path, store) -> str:
    """Where the active charter comes from, in words (never a path on the server)."""
    if path is None:
        return "the charter that ships with sva"
    if store is not None and path.parent.resolve() == store.resolve():
        return "the charter uploaded for this store"
    return "the charter this server was started with"


def charter_html(charter, origin: str) -> str:
    outcomes = "".join(
        f"<details><summary><strong>{esc(o.id)}</strong> {esc(o.title)} "
        f"<span class='sva-muted'>— {esc(theme_text(o.theme))}</span></summary>"
        f"<p>{esc(o.description)}</p><ul>"
        + "".join(f"<li>{esc(m.id)}: {esc(m.text)} ({esc(m.unit)})</li>" for m in o.measures)
        + "</ul></details>" for o in charter.outcomes)
    return (f"<h3>{esc(charter.name)}</h3><p><strong>Place:</strong> {esc(charter.place)}<br>"
            f"<strong>Local areas:</strong> {esc(', '.join(charter.areas) or 'none listed')}<br>"
            f"<span class='sva-muted'>In use: {esc(origin)}</span></p>{outcomes}")
