"""How the bids score, asked in the commissioners' chat: answered from the tender evaluation,
ranked and cited; never for residents (their answerer is built without it); questions about
what a bid says still go where they went."""

from __future__ import annotations

import pytest

from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.promises import PromiseAnswerer
from assistant.answers.tender_questions import NOT_PUBLISHED, asks_ranking
from assistant.config import load_settings
from assistant.folder import StoreFolder
from assistant.library import ingest
from assistant.register.charter import default_charter_path
from assistant.register.commitments import Register
from assistant.search.mirror import Mirror
from assistant.search.retriever import Retriever
from assistant.services import Services
from assistant.tenders.book import TenderBook
from assistant.tenders.decisions import Decisions
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore
from tests.unit.test_tenders import AREAS, CHARTER, STRONG, WEAK

RANKING = ["Which bid scores highest?", "Who should win the tender?", "How do the bids rank?",
           "What are the suggested scores for the Lot 2 tender?", "Which bidder is best on social value?",
           "Which bidder has the strongest social value offer for lot 2?"]
ABOUT_A_BID = ["What does the bid say about apprenticeships?", "What did Strong's bid promise?",
               "What customer satisfaction score did Weak Ltd's bid promise?",
               "Who is the best bidder for apprenticeships?", "Compare the suppliers on local jobs"]


def _store(tmp_path, bids=(("strong.md", STRONG, "Strong Ltd", "T-1", "2"),
                           ("weak.md", WEAK, "Weak Ltd", "T-1", "2"))) -> MemoryStore:
    store = MemoryStore()
    for name, text, supplier, tender, lot in bids:
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest([tmp_path / name], store, HashEmbedder(),
               IngestMeta(supplier, AREAS, "tender_response", "public", tender=tender, lot=lot))
    return store


def _chat(tmp_path, store: MemoryStore, scored: bool = True) -> PromiseAnswerer:
    mirror = Mirror(store)
    register = Register(mirror, HashEmbedder(), CHARTER)
    book = TenderBook(store, lambda: register, Decisions(StoreFolder(tmp_path / "folder").tenders)) if scored else None
    return PromiseAnswerer(lambda: register, CHARTER,
                           ExtractiveAnswerer(Retriever(mirror, HashEmbedder()), HashEmbedder()),
                           evaluations=book)


@pytest.fixture
def chats(tmp_path):
    store = _store(tmp_path)
    return _chat(tmp_path, store), _chat(tmp_path, store, scored=False)


@pytest.mark.parametrize("question", RANKING)
def test_a_ranking_question_gets_the_bidders_best_first_each_cited(chats, question):
    answer = chats[0].answer(question)
    assert answer.supported and answer.answerer == "register"
    lines = answer.answer.split("\n")
    assert lines[0] == "Suggested scores for tender T-1 (lot 2), best first:"
    assert lines[1].startswith("1. Strong Ltd: ") and lines[2].startswith("2. Weak Ltd: ")
    assert "override stands where one was made" in lines[-1] and "Tenders tab" in lines[-1]
    assert [c.source for c in answer.citations] == ["strong.md", "weak.md"]
    assert all(c.quote in STRONG + WEAK for c in answer.citations)  # passages of the bids, verbatim
    assert answer.table is not None and [r[0] for r in answer.table.rows] == ["1. Strong Ltd", "2. Weak Ltd"]
    assert answer.table.rows[0][-1] == "[1]" and "[1]" in lines[1]


@pytest.mark.parametrize("question", RANKING)
def test_without_the_evaluation_the_same_question_is_never_ranked(chats, question):
    assert "Suggested scores" not in chats[1].answer(question).answer


@pytest.mark.parametrize("question", ABOUT_A_BID)
def test_questions_about_what_a_bid_says_are_unchanged(chats, question):
    scored, plain = (chat.answer(question) for chat in chats)
    assert "Suggested scores" not in scored.answer
    assert (scored.answer, scored.answerer, scored.supported) == (plain.answer, plain.answerer, plain.supported)


@pytest.mark.parametrize("question, ranking", [
    ("Which bid scores highest?", True), ("How did the bidders score?", True), ("Who won?", True),
    ("Which is the strongest bid?", True), ("What does the bid say about apprenticeships?", False),
    ("What did Brightstone's bid promise?", False), ("Which supplier is best?", False),
    ("What is the best thing about the borough?", False)])
def test_only_words_of_scoring_or_ranking_the_bids_are_read_as_a_ranking(question, ranking):
    assert asks_ranking(question) is ranking


def test_who_won_says_who_the_tender_was_awarded_to_before_the_suggested_scores(tmp_path):
    """Asked who won, the chat gave the suggested scores only, as if no award had been recorded."""
    store = _store(tmp_path)
    chat = _chat(tmp_path, store)
    assert chat.answer("Who won?").answer.split("\n")[:2] == [
        "Tender T-1 (lot 2) has not been awarded yet.", "Suggested scores for tender T-1 (lot 2), best first:"]
    assert chat.answer("Which bid scores highest?").answer.startswith("Suggested scores")  # not asked who won
    book = TenderBook(store, lambda: None, Decisions(StoreFolder(tmp_path / "folder").tenders))
    book.award("T-1", "weak ltd", "c", "2")
    for question in ("Who won?", "Which bid scores highest?"):
        assert chat.answer(question).answer.split("\n")[0] == "Tender T-1 (lot 2) was awarded to Weak Ltd."


def test_who_won_a_contract_named_by_what_it_buys_is_the_award_of_the_tender_whose_bids_say_it(tmp_path):
    """"Which supplier won the repairs contract?" quoted a passage about other repairs contracts:
    the tender is the one whose bids are about repairs."""
    repairs = "# {} repairs bid\n\n## Jobs\n\nWe will carry out responsive repairs and create 4 apprenticeships.\n"
    parks = "# {} parks bid\n\n## Jobs\n\nWe will maintain the parks and create 2 apprenticeships.\n"
    store = _store(tmp_path, tuple((f"{who.lower()}_{t}.md", text.format(who), f"{who} Ltd", t, "")
                                   for t, text in (("T-1", repairs), ("T-2", parks)) for who in ("Strong", "Weak")))
    TenderBook(store, lambda: None, Decisions(StoreFolder(tmp_path / "folder").tenders)).award("T-1", "weak ltd", "c")
    chat = _chat(tmp_path, store)
    for question in ("Which supplier won the repairs contract?", "Who was awarded the repairs contract?"):
        assert chat.answer(question).answer.split("\n")[:2] == [
            "Tender T-1 was awarded to Weak Ltd.", "Suggested scores for tender T-1, best first:"]
    assert chat.answer("Who got the parks contract?").answer.startswith("Tender T-2 has not been awarded yet.")
    assert "Suggested scores" not in chat.answer("Who won the library contract?").answer  # no bid says it


def test_with_no_tenders_the_question_goes_where_it_went(tmp_path):
    store = MemoryStore()
    (tmp_path / "strong.md").write_text(STRONG, encoding="utf-8")
    ingest([tmp_path / "strong.md"], store, HashEmbedder(), IngestMeta("Strong Ltd", AREAS, "tender_response"))
    scored, plain = _chat(tmp_path, store).answer(RANKING[0]), _chat(tmp_path, store, False).answer(RANKING[0])
    assert (scored.answer, scored.answerer) == (plain.answer, plain.answerer)


def test_several_tenders_the_one_named_else_each(tmp_path):
    store = _store(tmp_path, (("strong.md", STRONG, "Strong Ltd", "T-1", ""),
                              ("weak.md", WEAK, "Weak Ltd", "T-2", "")))
    chat = _chat(tmp_path, store)
    named = chat.answer("How do the bids for tender T-2 rank?").answer
    assert named.startswith("Suggested scores for tender T-2, best first:\n1. Weak Ltd: ") and "T-1" not in named
    each = chat.answer("Which bid scores highest?")
    assert "tender T-1, best first:\n1. Strong Ltd" in each.answer
    assert "tender T-2, best first:\n1. Weak Ltd" in each.answer and each.table is None
    missing = chat.answer("What are the scores for tender T-9?")
    assert not missing.supported and "no tender 'T-9'" in missing.answer and "T-1; T-2" in missing.answer
    no_lot = chat.answer("What are the suggested scores for lot 4?")
    assert not no_lot.supported and "lot '4'" in no_lot.answer


def test_an_override_is_said_and_moves_the_ranking(tmp_path):
    store = _store(tmp_path)
    chat = _chat(tmp_path, store)
    book = chat.evaluations
    assert isinstance(book, TenderBook)
    for criterion in ("AC1", "AC2", "AC3", "AC4", "AC5"):
        book.override("T-1", "Weak Ltd", criterion, 100, "clarified", "anna")
    lines = chat.answer("How do the bids rank?").answer.split("\n")
    assert lines[1] == ("1. Weak Ltd: 100 (with a commissioner's override); strongest on AC1 "
                        f"{CHARTER.criteria[0].title} (100) [1]")


def test_only_the_commissioners_answerer_is_given_the_evaluation(tmp_path, monkeypatch):
    monkeypatch.setenv("SVA_CHARTER", str(default_charter_path(demo=True)))
    monkeypatch.delenv("SVA_LLM", raising=False)
    services = Services(load_settings(store=tmp_path / "store"), embedder=HashEmbedder(), store=MemoryStore())
    for name, text, supplier in (("strong.md", STRONG, "Strong Ltd"), ("weak.md", WEAK, "Weak Ltd")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        services.ingest([tmp_path / name], IngestMeta(supplier, AREAS, "tender_response", "public", tender="T-1"))
    assert services.answerer("all").answer(RANKING[0]).answer.startswith("Suggested scores for tender T-1")
    resident = services.public().answerer()
    assert resident.evaluations is None and services.answerer("public").evaluations is None
    for question in RANKING:
        assert "Suggested scores" not in resident.answer(question).answer
    # how the bids score is said to be unpublished, not answered with a passage that matches
    said = resident.answer("Which bid scores highest?")
    assert said.answer == NOT_PUBLISHED and not said.supported and not said.citations
    assert resident.answer("Who won the contract?").answer != NOT_PUBLISHED  # the documents may say
    assert services.answerer("all").answer("Which bid scores highest?").answer != NOT_PUBLISHED
    assert resident.answer("How are the bids scored?").answer != NOT_PUBLISHED  # the method may be published
    # one bid's score too; what the bid promised is still answered
    assert resident.answer("What score did Strong get?").answer == NOT_PUBLISHED
    assert resident.answer("What did Strong promise?").answer != NOT_PUBLISHED
    # and a ranking on one award criterion, named by its title's words
    assert resident.answer("Which bid scores best on local jobs?").answer == NOT_PUBLISHED
    assert resident.answer("How do the bids rank?").answer == NOT_PUBLISHED
    assert resident.answer("Which bid scores best on local jobs for young people?").answer != NOT_PUBLISHED


def test_one_bidders_score_is_its_total_place_and_each_criterion_with_its_reason(chats):
    answer = chats[0].answer("What score did Strong get?")
    lines = answer.answer.split("\n")
    assert answer.supported and answer.answerer == "register"
    assert lines[0] == "Strong Ltd: 41.25 of 100, ranked 1 of 2 for tender T-1 (lot 2)."
    assert lines[1].startswith(f"AC1 {CHARTER.criteria[0].title}: 75 (weight 30); ") and lines[1].endswith("[1]")
    assert "6 apprenticeships" in lines[1] and answer.citations[0].source == "strong.md"
    assert lines[3] == f"AC3 {CHARTER.criteria[2].title}: 0 (weight 20); no commitment in the bid for it"
    assert [row[0] for row in answer.table.rows] == [f"{c.id} {c.title}" for c in CHARTER.criteria]
    assert chats[1].answer("What score did Strong get?").answerer != "register"  # residents: no evaluation


def test_a_criterion_named_narrows_one_bidders_scores_and_two_bidders_get_the_ranking(chats):
    carbon = chats[0].answer("How did Weak Ltd's bid score on carbon?").answer.split("\n")
    assert carbon[0].startswith("Weak Ltd: 27.5 of 100, ranked 2 of 2")
    assert carbon[1].startswith("AC3 ") and not any(line.startswith(("AC1", "AC2", "AC4", "AC5")) for line in carbon)
    both = chats[0].answer("What scores did Strong and Weak get?").answer
    assert both.startswith("Suggested scores for tender T-1 (lot 2), best first:\n1. Strong Ltd")
    # a topic besides the bidder is a question for the documents
    assert not chats[0].answer("What apprenticeship score did Strong promise?").answer.startswith("Strong Ltd:")


def test_a_bidder_is_named_by_what_sets_its_name_apart_in_any_of_many_tenders(tmp_path):
    bids = [("acme.md", STRONG, "Acme Housing", "T-1", "2"), ("bolt.md", WEAK, "Bolt Housing", "T-1", "2")]
    bids += [(f"o{i}.md", WEAK.replace("10", str(11 + i)), f"Other{i} Ltd", f"T-{i + 2}", "") for i in range(3)]
    chat = _chat(tmp_path, _store(tmp_path, tuple(bids)))
    acme = chat.answer("What score did Acme Housing get?")  # "Housing" names both: "Acme" names one
    assert acme.answerer == "register" and acme.answer.startswith("Acme Housing: ")
    assert "ranked 1 of 2 for tender T-1 (lot 2)" in acme.answer  # found among four tenders
    both = chat.answer("What scores did Acme and Bolt get?").answer
    assert both.startswith("Suggested scores for tender T-1 (lot 2), best first:")


def test_a_ranking_on_one_criterion_is_each_bidders_score_on_it_best_first(tmp_path):
    chat = _chat(tmp_path, _store(tmp_path))
    answer = chat.answer("Which bid scores best on local jobs?")
    lines = answer.answer.split("\n")
    assert answer.supported and answer.answerer == "register"
    assert lines[0] == (f"Suggested scores on AC1 {CHARTER.criteria[0].title} (weight 30) for tender T-1 (lot 2), "
                        "best first:")
    assert lines[1].startswith("1. Strong Ltd: 75; Specific, measurable, local and dated") and lines[1].endswith("[1]")
    assert lines[2].startswith("2. Weak Ltd: 50; ") and lines[2].endswith("[2]")
    assert [c.source for c in answer.citations] == ["strong.md", "weak.md"]
    assert [row[:2] for row in answer.table.rows] == [["1. Strong Ltd", "75"], ["2. Weak Ltd", "50"]]
    # "local" is also in AC2's title; it adds nothing "jobs" has not matched, so AC2 is not ranked
    assert not any(line.startswith("Suggested scores on AC2") for line in lines)
    two = chat.answer("Which bid scores highest on local jobs and carbon?").answer
    assert "on AC1 " in two and "on AC3 " in two and "on AC2 " not in two
    # an override moves the criterion's ranking; equal scores share a place
    book = chat.evaluations
    assert isinstance(book, TenderBook)
    book.override("T-1", "Weak Ltd", "AC3", 0, "checked", "anna")
    carbon = chat.answer("How do the bids rank on carbon?").answer.split("\n")
    assert carbon[1].startswith("1. Strong Ltd: 0;") and carbon[2].startswith("1. Weak Ltd: 0 (a commissioner's override)")
    book.override("T-1", "Weak Ltd", "AC1", 100, "clarified", "anna")
    assert chat.answer("Which bid scores best on local jobs?").answer.split("\n")[1].startswith("1. Weak Ltd: 100")
    # a word of no criterion's title: a question for the documents
    assert chat.answer("Which bid scores best on local jobs for young people?").answerer != "register"


def test_a_score_stepped_down_for_an_overdue_earlier_promise_says_so_cited(tmp_path):
    earlier = "# Old contract\n\n## Jobs\n\nWe will create 9 apprenticeships for Harrowden residents by March 2024.\n"
    store = _store(tmp_path, (("strong.md", STRONG, "Strong Ltd", "T-1", "2"), ("weak.md", WEAK, "Weak Ltd", "T-1", "2"),
                              ("old.md", earlier, "Strong Ltd", "", "")))
    chat = _chat(tmp_path, store)
    first = chat.answer("Which bid scores best on local jobs?").answer.split("\n")[1]
    assert first.startswith("1. Strong Ltd: 50; Specific, measurable, local and dated")
    assert "Track record: an earlier promise for these outcomes is overdue (March 2024)" in first
    assert first.endswith("[2]")
    own = chat.answer("How did Strong score on local jobs?").answer
    assert "overdue (March 2024)" in own and own.count("[") == 2


def test_the_award_criteria_are_answered_from_the_charter_for_commissioners_only(chats):
    scored, plain = chats
    answer = scored.answer("What are the award criteria?")
    lines = answer.answer.splitlines()
    assert answer.supported and lines[0].startswith("A bid's social value is marked against 5 award criteria in")
    assert lines[1] == "• AC1 Local jobs, skills and routes into work: weight 30, covering CV1, CV2 [1]"
    assert [c.section for c in answer.citations][:1] == ["AC1 Local jobs, skills and routes into work"]
    one = scored.answer("How much weight does the criterion for carbon carry?").answer.splitlines()
    assert one[0].endswith("the one asked about:") and one[1].startswith("• AC3 Cutting carbon")
    assert "award criteria in" not in plain.answer("What are the award criteria?").answer  # no evaluations: documents
    # another body's criteria, and social value's share of the whole tender, are the documents'
    assert "award criteria in" not in scored.answer("What are Blackpool's award criteria?").answer
    assert "award criteria in" not in scored.answer("How is social value weighted in the tender?").answer


def test_commissioners_asking_what_to_ask_a_bidder_get_its_drafted_clarification_questions(chats):
    """The questions sva drafts for each flagged commitment (the Tenders tab's), each citing the
    passage it quotes; asked of one bidder, only its own. Residents' chat has no evaluations."""
    answer = chats[0].answer("What clarification questions should I ask Weak Ltd?")
    lines = answer.answer.split("\n")
    assert answer.supported and lines[0] == ("Clarification questions to Weak Ltd for tender T-1 (lot 2), "
                                             "one for each flagged commitment:")
    assert len(lines) == 4 and all(line.startswith(f"{n}. You commit to “") for n, line in enumerate(lines[1:], 1))
    spend = next(n for n, line in enumerate(lines[1:], 1) if "£80,000" in line)
    assert "by when" in lines[spend] and answer.citations[spend - 1].quote == "We will spend £80,000 with local suppliers."
    every = chats[0].answer("What questions should we put to the bidders?")
    assert {"Strong Ltd:", "Weak Ltd:"} <= set(every.answer.split("\n"))  # whose each is, said once
    assert len(every.citations) == sum(line[:1].isdigit() for line in every.answer.split("\n")) > 3
    assert "Clarification questions" not in chats[1].answer("What clarification questions should I ask Weak Ltd?").answer


def test_the_weaknesses_of_a_bid_are_its_flagged_commitments_each_with_what_it_lacks(chats):
    """"What are the weaknesses of Weak Ltd's bid?" found nothing in the documents: the flagged
    commitments answer it, each cited with what it lacks; a question of no bid is unchanged."""
    answer = chats[0].answer("What are the weaknesses of Weak Ltd's bid?")
    lines = answer.answer.split("\n")
    assert answer.supported and lines[0].startswith("Flagged commitments of Weak Ltd in the bids for tender T-1 (lot 2)")
    assert "1. “" in lines[1] and len(lines) == 4
    assert "“We will spend £80,000 with local suppliers.”: no deadline [" in answer.answer
    for question in ("What are the risks of damp and mould?", "Which concerns did residents raise?"):
        assert not chats[0].answer(question).answer.startswith("Flagged commitments"), question
    assert "Flagged commitments" not in chats[1].answer("What are the weaknesses of Weak Ltd's bid?").answer
