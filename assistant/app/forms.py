"""What the commissioner's forms do, without Gradio: register filters and exports, a charter upload.

ui.py wires widgets to these and shows what they return.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.app import render
from assistant.app.documents import check_received, discard, upload_folder
from assistant.errors import SvaError
from assistant.register.charter import CharterError
from assistant.register.commitments import Commitment, Register
from assistant.vocab import KINDS

if TYPE_CHECKING:
    from assistant.services import Services

ANY_FLAG = "ANY"  # the flag filter's "any flag at all"


def filter_choices(register: Register) -> tuple[list, list, list]:
    """(suppliers, areas, outcomes) for the register's filter drop-downs, each with an "All" entry."""
    suppliers = sorted({c.supplier for c in register.all() if c.supplier})
    return ([("All suppliers", "")] + suppliers, [("All areas", "")] + list(register.charter.areas),
            [("All outcomes", "")] + [(f"{o.id} {o.title}", o.id) for o in register.charter.outcomes])


def filtered(register: Register, supplier: str, area: str, outcome: str, flag: str,
             status: str, kind: str = "") -> list[Commitment]:
    """The rows the filters select ("" means any; ANY_FLAG means flagged at all; ``kind`` is
    commitment, service_standard or "" for both)."""
    rows = register.commitments(supplier or None, area or None, outcome or None,
                                None if flag == ANY_FLAG else flag or None, status or None,
                                kind=next((k for k in KINDS if k == kind), None))
    return [c for c in rows if c.flags] if flag == ANY_FLAG else rows


UNDO = "undo"
CORRECTION_CHOICES = [("Social value commitment", "commitment"),
                      ("Service standard of the contract (repairs, mobilisation, staff transfer ...)",
                       "service_standard"),
                      ("Not a promise (a fact, an aim, a past result, the council's own text)", "not_a_promise"),
                      ("Undo the correction", UNDO)]


def correctable(register: Register, shown: list[Commitment]) -> list[tuple[str, str]]:
    """(label, row id) for the correction form: the rows on screen, then the rows taken out as
    no promise (so that can be undone)."""
    def label(c, prefix=""):
        return f"{prefix}{c.supplier or c.source} — {' '.join(c.said.split())[:100]}"
    present = {c.id for c in register.all()}
    return [(label(c), c.id) for c in shown] + [(label(c, "(taken out) "), c.id) for c in register.as_read()
                                                 if c.id not in present]


def save_correction(services: Services, register: Register, row_id: str, choice: str, note: str,
                    who: str) -> str:
    """Record a commissioner's correction of one row; the notice (or problem) to show."""
    from assistant.register.corrections import KIND_LABELS

    row = next((c for c in register.as_read() if c.id == row_id), None) if row_id else None
    if row is None or choice not in {v for _, v in CORRECTION_CHOICES}:
        return render.problems_html("Not saved", ["Choose a row and what it is first."])
    fixes = services.corrections()
    if choice == UNDO and fixes.in_force(row) is None:
        return render.problems_html("Not saved", ["That row has no correction to undo."])
    try:
        saved = fixes.save(row, "" if choice == UNDO else choice, note or "", who)
    except SvaError as exc:
        return render.problems_html("Not saved", [str(exc)])
    said = "correction undone" if choice == UNDO else f"now a {KIND_LABELS[saved.kind]}" \
        if saved.kind != "not_a_promise" else "taken out of the register as not a promise"
    return render.notice_html(f"Saved by {saved.who} at {saved.at}: “{' '.join(row.text.split())[:80]}” — {said}.")


def export_files(rows: list[Commitment], register: Register, root: Path) -> tuple[Path, Path]:
    """The rows as CSV and XLSX in a fresh folder under ``root`` (older folders are pruned)."""
    from assistant.register.exports import write_csv, write_xlsx

    folder = fresh_folder(root)
    write_csv(rows, folder / "sva-commitments.csv")
    write_xlsx(rows, folder / "sva-commitments.xlsx", register.matrix(rows))
    return folder / "sva-commitments.csv", folder / "sva-commitments.xlsx"


def downloads(prefix: str) -> Path:
    """A private folder for one tab's download files, removed when the app's process ends (it holds
    residents' comments and register extracts, which should not outlive the server)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def fresh_folder(root: Path) -> Path:
    """A new folder for one set of downloads under ``root`` (a download folder from ``downloads``),
    whose folders older than an hour are pruned."""
    folder = Path(tempfile.mkdtemp(dir=root))
    prune(root)
    return folder


def prune(folder: Path, age: float = 3600) -> None:
    for child in folder.iterdir():
        if time.time() - child.stat().st_mtime > age:
            shutil.rmtree(child, ignore_errors=True)


def use_charter_file(services: Services, file: str | None, received: Path | None = None) -> str:
    """Check an uploaded charter and make it the store's; HTML saying what happened. Only a file
    this server received as an upload (in ``received``, Gradio's upload folder by default)."""
    if not file:
        return render.problems_html("Choose a charter file first", [])
    path = Path(file)
    try:
        check_received([path], upload_folder() if received is None else received)
    except SvaError as exc:
        return render.problems_html("The charter was not used", [str(exc)])
    try:
        services.save_charter(path.read_text(encoding="utf-8"), source=path.name)
    except UnicodeDecodeError:
        return render.problems_html("That is not a text file", ["save the charter as UTF-8 YAML"])
    except CharterError as exc:
        return render.problems_html(f"{path.name} was not used: fix these and try again", exc.problems)
    finally:
        discard([file])
    return render.notice_html(f"Now using {path.name}. Commitments have been re-mapped to it.")
