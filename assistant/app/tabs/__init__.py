"""The commissioner app's tabs: Gradio wiring, one module per tab, assembled by ui.py.

Each ``*_tab(shown, ...)`` builds its widgets inside the caller's ``gr.Tab`` and wires them to
what assistant/ provides; ``shown`` are the events on which the tab shows the store as it is now.
Like ui.py they hold no business logic, and all document text they show is escaped HTML made by
assistant.app.render.
"""

from assistant.app.tabs.charter import charter_tab
from assistant.app.tabs.commitments import commitments_tab
from assistant.app.tabs.documents import documents_tab

__all__ = ["charter_tab", "commitments_tab", "documents_tab"]
