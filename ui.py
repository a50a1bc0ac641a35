"""The Gradio app, built from assistant/. No business logic here: it formats what assistant/ returns.

Document text is always escaped before display: it is data, never markup.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

EXAMPLES = Path(__file__).resolve().parent / "examples" / "demo"
TITLE = "sva — Social Value Assistant"


def demo_store_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("sva", appauthor=False)) / "demo-store"


def prepare_demo(services, log: Callable[[str], None] = print) -> None:
    """Ingest the bundled fictional demo documents (a no-op once they are in the store)."""
    from ingest.pipeline import IngestMeta

    manifest = json.loads((EXAMPLES / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest:
        meta = IngestMeta(supplier=entry["supplier"], areas=tuple(entry["areas"]),
                          doc_type=entry["doc_type"], audience=entry["audience"])
        report = services.ingest([EXAMPLES / entry["path"]], meta)
        for item in report.ingested:
            log(f"demo: ingested {Path(item['path']).name} ({item['chunks']} chunks)")
        for item in report.skipped:
            log(f"demo: skipped {item['path']}: {item['reason']}")


def format_answer(answer) -> str:
    """Answer text and numbered sources as Markdown, with every piece of document text escaped."""
    lines = [_escape(answer.answer)]
    if answer.citations:
        lines.append("\n**Sources**")
        for c in answer.citations:
            where = ", ".join(p for p in (f"page {c.page}" if c.page else "",
                                          f"section “{c.section}”" if c.section else "") if p)
            lines.append(f"{c.n}. **{_escape(c.source)}**{', ' + _escape(where) if where else ''}"
                         f"<br>“{_escape(c.quote)}”")
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Show text as text: HTML escaped, and Markdown markers neutralised."""
    escaped = html.escape(" ".join(text.split()), quote=True)
    for ch in "\\`*_{}[]#|~":
        escaped = escaped.replace(ch, "\\" + ch)
    return escaped


def build_resident_app(answerer):
    """A chat over public documents only: ``answerer`` must hold a public-only retriever."""
    import gradio as gr

    if answerer.retriever.audience != "public":
        raise ValueError("the resident app must be given a public-only answerer")

    def respond(message: str, history: list) -> str:
        if not message or not message.strip():
            return "Please type a question."
        return format_answer(answerer.answer(message))

    with gr.Blocks(title=TITLE) as app:
        gr.Markdown(f"# {TITLE}\nAsk what suppliers promised for your area. Answers quote the "
                    "published documents and cite document, page and section.")
        gr.ChatInterface(
            respond,
            chatbot=gr.Chatbot(label="Conversation", height=480, sanitize_html=True,
                               allow_tags=False, feedback_options=None),
            textbox=gr.Textbox(placeholder="e.g. How many apprenticeships were promised for Harrowden?",
                               label="Your question", show_label=False),
            examples=["How many apprenticeships will be created for Harrowden residents?",
                      "What will Greenway spend with local SMEs?",
                      "What is the Stanmoor Repair Café?"],
            api_name="ask",
        )
    return app


def launch(services, host: str = "127.0.0.1", port: int = 7860,
           log: Callable[[str], None] = print) -> None:
    app = build_resident_app(services.answerer("public"))
    log(f"sva: serving on http://{host}:{port}/  (store: {services.settings.store})")
    app.queue(default_concurrency_limit=4).launch(server_name=host, server_port=port,
                                                  footer_links=[], quiet=True)
