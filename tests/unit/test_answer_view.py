"""Answers in the chat (issue 15): [n] links that open their passage, register tables that stack at
phone width, quoted table rows as cells — all with document text escaped."""

import re
from types import SimpleNamespace

from assistant.answers.base import Answer, Citation, Table
from assistant.app import render
from assistant.app.answer_view import table_cells as cells
from assistant.app.history import plain_history
from tests.unit.test_render import NASTY, assert_inert


def test_every_marker_links_to_the_passage_inside_its_footnote():
    answer = Answer("q", "Acme <b>will</b> create 20. [1]\nBolt will plant trees. [2] [9]", True,
                    citations=[Citation(1, "d1", "a.md", 2, "Jobs", "create 20"),
                               Citation(2, "d2", "b.md", None, "", "plant trees")])
    out = render.answer_html(answer, lambda doc_id, quote: SimpleNamespace(text=f"Before. {quote}. After.", audience="public"))
    assert_inert(out)
    for n in (1, 2):
        anchor = re.search(rf'<a class="sva-ref" href="#(sva-p-\w+-{n})"[^>]*>\[{n}\]</a>', out).group(1)
        assert f'<blockquote id="{anchor}">' in out  # inside the closed <details>: the browser opens it
    assert "</a> [9]</p>" in out  # no such source: no link
    assert "&lt;b&gt;will&lt;/b&gt;" in out


def test_a_table_answer_is_an_html_table_that_stacks_on_a_phone():
    answer = Answer("q", "Showing: all suppliers, every area.\nAcme: 2 promises [1].\nBolt <x>: 0 promises.", True,
                    citations=[Citation(1, "d1", "a.md", 2, "", "x")],
                    table=Table(["Supplier", "Promises", "Sources"], [["Acme", "2", "[1]"], ["Bolt <x>", "0", "—"]]))
    out = render.answer_html(answer, lambda doc_id, quote: None)
    assert_inert(out)
    assert "<table class='sva-table sva-stack'>" in out and "<th scope='row'>Bolt &lt;x&gt;</th>" in out
    assert "data-label='Promises'" in out and "Acme: 2 promises" not in out  # the table says it
    # each cell says its column in words as well: the chat's sanitiser strips data-label
    assert "<span class='sva-cell-label'>Promises: </span>2</td>" in out
    assert '<p class="sva-note">Showing: all suppliers, every area.</p>' in out
    assert 'href="#sva-p-' in out.split("<table")[1]  # the table's [n] link too


def test_the_table_stands_where_its_sentences_were_and_what_it_leaves_out_follows():
    answer = Answer("q", "Showing: about jobs.\nJobs: 6 jobs in all, from 1 promise: 6 jobs [1].\n"
                    "Not added, as they count something else: 20 apprenticeships (Acme) [2].", True,
                    citations=[Citation(1, "d1", "a.md", 2, "", "x"), Citation(2, "d1", "a.md", 2, "", "y")],
                    table=Table(["What is counted", "Total promised", "Promises", "Sources"], [["Jobs", "6 jobs", "1", "[1]"]]))
    out = render.answer_html(answer, lambda doc_id, quote: None)
    assert out.index("Showing: about jobs") < out.index("<table") < out.index("Not added, as they count")


def test_quoted_rows_with_their_table_show_as_the_table_only():
    answer = Answer("q", "Spend with SMEs | £2m | 2028 [1]", True,
                    citations=[Citation(1, "d", "r.pdf", 1, "", "Spend with SMEs | £2m | 2028")],
                    table=Table(["Measure", "Target", "By", "Source"], [["Spend with SMEs", "£2m", "2028", "[1]"]]))
    out = render.answer_html(answer, lambda d, q: None)
    assert "<th scope='col'>Target</th>" in out and "sva-answer-text" not in out
    assert 'href="#sva-p-' in out.split("<table")[1]


def test_a_quoted_table_row_shows_cells_not_pipes():
    """Cells are drawn apart; copied or read aloud they stay apart ("16-24 | 20", not "16-2420")."""
    bar = '<span class="sva-sr"> | </span>'
    assert cells("Spend with SMEs | £2m | 31 March 2028") == (
        f'<span class="sva-cell">Spend with SMEs</span>{bar}<span class="sva-cell">£2m</span>{bar}'
        '<span class="sva-cell">31 March 2028</span>')
    assert re.sub(r"<[^>]*>", "", cells("aged 16-24 | 20 | Achieved")) == "aged 16-24 | 20 | Achieved"
    assert cells("| --- | :---: |") == "" and cells("no bars here") == "no bars here"
    answer = Answer("q", "Spend with SMEs | £2m | 2028 [1]", True,
                    citations=[Citation(1, "d", "r.pdf", 1, "", "Spend with SMEs | £2m | 2028")])
    out = render.answer_html(answer, lambda d, q: SimpleNamespace(text="Target | Actual\nSpend with SMEs | £2m | 2028", audience="public"))
    assert "|" not in out.replace(bar, "") and out.count('<span class="sva-cell">') >= 8
    assert_inert(render.answer_html(Answer("q", NASTY + " | x | y [1]", True,
                                           citations=[Citation(1, "d", "s", 1, "", NASTY)]), lambda d, q: None))


def test_a_list_answer_is_a_list_with_evidence_under_its_promise():
    answer = Answer("q", "Showing: x.\nAcme made 1 commitment:\n• Plant trees. [1]\n  The report says: “done” [2]",
                    True, citations=[Citation(1, "d", "s", 1, "", "Plant trees"), Citation(2, "e", "r", 1, "", "done")])
    out = render.answer_html(answer, lambda d, q: None)
    assert '<ul class="sva-list"><li>Plant trees.' in out and '<li class="sva-evidence">The report says' in out





def test_a_notice_is_a_muted_note_under_the_answer_shown_as_text():
    notice = "The model said <script>alert(1)</script> & stopped."
    answer = Answer("q", "Acme will create 20. [1]", True, notices=[notice, notice],
                    citations=[Citation(1, "d", "a.md", 1, "", "create 20")])
    out = render.answer_html(answer, lambda d, q: None)
    assert_inert(out)
    note = '<p class="sva-note">Note: The model said &lt;script&gt;alert(1)&lt;/script&gt; &amp; stopped.</p>'
    assert out.count(note) == 1  # once, as text, never as markup
    assert out.index("Acme will create 20.") < out.index(note) < out.index("Sources")
    shown = plain_history([{"role": "assistant", "content": out}])[0]["content"]
    assert shown == "Acme will create 20. [1]"  # a follow-up reads the answer, not its notes


def test_an_answer_without_notices_renders_as_before():
    answer = Answer("q", "Acme will create 20.\n(Not a notice.)", True)
    assert render.answer_html(answer, lambda d, q: None) == (
        '<div class="sva-answer"><p class="sva-answer-text">Acme will create 20.</p>'
        '<p class="sva-answer-text">(Not a notice.)</p></div>')
