"""Register questions answered from the register (issue 15), with fakes: lists, totals, "has X
delivered Y", comparisons, places left out, "my area", follow-ups, and the eval's exact rows."""

from datetime import date

import pytest

from assistant.answers.base import Answer, Citation, StreamResult
from assistant.answers.extractive import ExtractiveAnswerer
from assistant.answers.intents import QuestionReader
from assistant.answers.promises import PromiseAnswerer
from assistant.answers.register_eval import evaluate_register, row_key
from assistant.library import ingest
from assistant.register.charter import parse_charter
from assistant.register.commitments import Register
from assistant.search.mirror import Mirror
from assistant.search.retriever import Retriever
from ingest.parse import IngestMeta
from tests.fakes import HashEmbedder, MemoryStore
from tests.unit.test_register import CHARTER

CHARTER = CHARTER.replace("areas: [Testville, Northend]", "areas: [Testville, Northend, Southgate]")
ACME = """# Acme bid for Testville

## Jobs

We will create 20 apprenticeships for Testville residents by March 2030.
We will create 5 apprenticeships in Northend by 2020.
We will plant 300 trees in Southgate by 2029.
We will sponsor a golf day in Leeds by 2028.
We will support the community in Northend wherever we can.
"""
BOLT = """# Bolt bid for Testville

## Jobs

We will take on 6 apprentices in Southgate by 2027.
We will cut carbon emissions by 30% by 2029.
We will spend £50,000 with local firms in Testville.
"""


def answerer_over(tmp_path, documents) -> PromiseAnswerer:
    """The chat's answerer over (file name, text, supplier) documents, with fakes."""
    store = MemoryStore()
    for name, text, supplier in documents:
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest([tmp_path / name], store, HashEmbedder(), IngestMeta(supplier, ("Testville",), audience="public"))
    mirror = Mirror(store)
    charter = parse_charter(CHARTER)
    register = Register(mirror, HashEmbedder(), charter, as_of=date(2026, 11, 25))
    return PromiseAnswerer(lambda: register, charter,
                           ExtractiveAnswerer(Retriever(mirror, HashEmbedder()), HashEmbedder()))


@pytest.fixture
def answerer(tmp_path):
    return answerer_over(tmp_path, (("acme.md", ACME, "Acme Housing"), ("bolt.md", BOLT, "Bolt Builders")))


def texts(answerer, answer) -> list[str]:
    by_id = {r.id: r.text for r in answerer.register.all()}
    return [by_id[i] for i in answer.rows]


def test_is_anything_late_lists_every_overdue_row_and_says_how_it_read_the_question(answerer):
    answer = answerer.answer("Is anything late?")
    assert answer.answerer == "register" and answer.supported
    assert answer.answer.startswith("Showing: overdue, all suppliers, every area.")
    assert texts(answerer, answer) == ["We will create 5 apprenticeships in Northend by 2020."]
    # whose: one supplier made them all (of two asked about), so it is named once, not "Suppliers"
    assert answer.answer.split("\n")[1:3] == ["Acme Housing made 1 commitment:",
                                              "• We will create 5 apprenticeships in Northend by 2020 (deadline passed). [1]"]
    both = answerer.answer("What was promised?").answer
    assert "Suppliers made" in both and "• Acme Housing: " in both and "• Bolt Builders: " in both  # whose, when several
    assert [c.n for c in answer.citations] == [1] and "[1]" in answer.answer


def test_a_broken_promise_is_one_whose_deadline_passed_but_broken_windows_are_a_topic(answerer):
    for question in ("Which promises were broken?", "Have any promises been broken?", "Show the broken promises"):
        answer = answerer.answer(question)
        assert answer.answer.startswith("Showing: overdue,"), question
        assert texts(answerer, answer) == ["We will create 5 apprenticeships in Northend by 2020."], question
    assert "overdue" not in answerer.answer("Which promises are about broken windows?").answer.splitlines()[0]


def test_flags_and_kinds_are_filters(answerer):
    no_deadline = answerer.answer("Which commitments have no deadline?")
    assert "No deadline" in no_deadline.answer.split("\n")[0].capitalize() or "no deadline" in no_deadline.answer
    rows = answerer.register.all()
    assert set(no_deadline.rows) == {r.id for r in rows if "NO_DEADLINE" in r.flags}
    not_local = answerer.answer("Which promises are not local?")
    assert set(not_local.rows) == {r.id for r in rows if "NOT_LOCAL" in r.flags}
    assert any("golf day" in t for t in texts(answerer, not_local))


def test_a_total_adds_up_per_unit_cites_each_row_and_never_mixes_units(answerer):
    answer = answerer.answer("How many apprenticeships will there be?")
    assert answer.answerer == "register"
    assert sorted(texts(answerer, answer)) == ["We will create 20 apprenticeships for Testville residents by March 2030.",
                                               "We will create 5 apprenticeships in Northend by 2020.",
                                               "We will take on 6 apprentices in Southgate by 2027."]
    assert "31 apprenticeships in all" in answer.answer and "[3]" in answer.answer
    assert answer.table is not None and answer.table.rows[0][1] == "31 apprenticeships"
    assert "£" not in answer.answer and "%" not in answer.answer


def test_places_outside_an_area_leave_it_out(answerer):
    answer = answerer.answer("What was promised for places outside Northend?")
    shown = texts(answerer, answer)
    assert shown and not [t for t in shown if "Northend" in t]
    assert any("Southgate" in t for t in shown) and "not Northend" in answer.answer.split("\n")[0]


def test_my_area_is_the_residents_chosen_area_and_the_answer_names_it(answerer):
    answer = answerer.answer("What did they promise for my area?", home_area="Southgate")
    assert answer.answer.startswith("Showing: all suppliers, Southgate (your area).")
    assert sorted(texts(answerer, answer)) == ["We will plant 300 trees in Southgate by 2029.",
                                               "We will take on 6 apprentices in Southgate by 2027."]
    unknown = answerer.answer("What did they promise for my area?")
    assert not unknown.supported and "Which area" in unknown.answer


def test_has_a_supplier_delivered_gives_the_status_with_the_promise_quoted(answerer):
    answer = answerer.answer("Has Acme delivered its apprenticeships?")
    assert answer.answerer == "register"
    assert sorted(texts(answerer, answer)) == ["We will create 20 apprenticeships for Testville residents by March 2030.",
                                               "We will create 5 apprenticeships in Northend by 2020."]
    assert "Deadline passed, not reported as delivered. Acme Housing promised: “We will create 5" in answer.answer
    # "keep their promises" asks the same of every promise: "keep" is no topic
    kept = answerer.answer("Did Acme keep its promises?")
    assert kept.answerer == "register" and len(kept.rows) == 5 and "about" not in kept.answer.split("\n")[0]
    # nor is "meet": the apprenticeships are what is asked about
    met = answerer.answer("Did Acme meet its apprenticeships target?")
    assert met.answerer == "register" and met.answer.split("\n")[0] == "Showing: about apprenticeships, Acme Housing, every area."


def test_is_a_supplier_on_track_asks_how_its_promise_is_going_whatever_its_status(answerer):
    """The £50,000 has no deadline (no evidence, not "not yet due"): it is still the promise asked about."""
    answer = answerer.answer("Is Bolt on track with its local spend commitment?")
    assert answer.answerer == "register" and texts(answerer, answer) == [
        "We will spend £50,000 with local firms in Testville."]
    assert "track" not in answer.answer.split("\n")[0]
    listed = answerer.answer("Which promises are on track?")  # a status: the promises not yet due
    status = {r.id: r.status for r in answerer.register.all()}
    assert listed.rows and all(status[i] == "promised" for i in listed.rows)


def test_the_topic_is_shown_in_the_questions_own_words_not_their_stems(answerer):
    answer = answerer.answer("Has Acme delivered its apprenticeships?")
    shown = answer.answer.split("\n")[0]
    assert "about apprenticeships" in shown and "apprentice " not in shown + " "


def test_a_topic_no_row_holds_whole_gives_the_rows_naming_the_group_it_is_for(answerer):
    # no row holds both "apprenticeships" and "golf": "for golf" is what the rows must name
    narrowed = answerer.answer("What apprenticeships were promised for golf?")
    assert texts(answerer, narrowed) == ["We will sponsor a golf day in Leeds by 2028."]
    joined = answerer.answer("What did the suppliers promise on apprenticeships or golf?")
    assert len(joined.rows) == 4 and "We will sponsor a golf day in Leeds by 2028." in texts(answerer, joined)


def test_a_resident_asking_for_themselves_gets_the_promises_for_their_group(tmp_path):
    """"I'm a young person in Southgate, is anything promised for me?": "I'm" is no topic word, and
    a young person is one of the young people a promise names."""
    doc = ACME + "We will offer 10 work placements to young people in Southgate by July 2028.\n"
    answerer = answerer_over(tmp_path, (("acme.md", doc, "Acme Housing"),))
    answer = answerer.answer("I'm a young person in Southgate, is anything promised for me?")
    assert answer.answerer == "register" and "i'm" not in answer.answer.split("\n")[0].lower()
    assert texts(answerer, answer) == ["We will offer 10 work placements to young people in Southgate by July 2028."]


def test_compare_gives_a_table_with_a_row_per_supplier(answerer):
    answer = answerer.answer("Compare the suppliers on apprenticeships and jobs")
    assert answer.table is not None and [row[0] for row in answer.table.rows] == ["Acme Housing", "Bolt Builders"]
    assert answer.table.headers[0] == "Supplier" and all("[" in row[-1] for row in answer.table.rows)
    assert answer.as_json()["table"]["headers"] == answer.table.headers


def test_document_questions_still_go_to_the_documents(answerer):
    assert answerer.answer("What is social value?").answerer != "register"
    assert "rows" not in answerer.answer("What is social value?").as_json()


def test_follow_ups_are_rewritten_from_the_last_question_without_nesting(answerer):
    history = [{"role": "user", "content": "What did Acme promise for Northend?"},
               {"role": "assistant", "content": "..."}, {"role": "user", "content": "How many?"},
               {"role": "assistant", "content": "..."}]
    late = answerer.answer("Is anything late?", history)
    assert late.question == "Is anything late?"  # complete: taken as it is
    leeds = answerer.answer("and in Southgate?", history[:2])
    assert leeds.question == "What did Acme promise for Southgate?"
    topic = answerer.answer("what about trees?", [{"role": "user", "content": "What did Acme promise about jobs?"}])
    assert topic.question == "What did Acme promise about trees?" and texts(answerer, topic) == [
        "We will plant 300 trees in Southgate by 2029."]


def test_intent_by_similarity_to_example_questions_when_no_rule_fires():
    charter = parse_charter(CHARTER)
    reader = QuestionReader(charter, HashEmbedder(), threshold=0.5)
    assert reader.intent("Which promises are late?") == "list"  # by rule
    assert reader.intent("Commitments overdue") == "list"  # no asking word: nearest example
    assert reader.intent("Overdue library books fines") == ""  # a slot word, but like no example
    assert reader.intent("What is the weather like?") == ""
    # a baseline is a figure reported, never promises added up ("151 tCO2e in all" was the answer)
    assert reader.intent("What were Acme's total baseline emissions in 2018, in tCO2e?") == ""
    assert reader.intent("How many apprenticeships were promised in total?") == "total"
    assert reader.intent("What was promised for Southgate and have they kept it?") == "delivered"
    assert reader.intent("What did Acme promise to deliver?") == "list"  # what was promised, not whether done
    for how_it_is_going in ("Is Acme keeping its promises?", "What happened to the tree planting?",
                            "What's happened with Bolt's apprentices?", "What is happening in Southgate?",
                            "What's going on in my area?"):
        assert reader.intent(how_it_is_going) == "delivered", how_it_is_going
    for ranked in ("Who has promised the most?", "Which bid for lot 2 offers the most apprenticeships?"):
        assert reader.intent(ranked) == "compare", ranked
    late = reader.read("Which Acme targets have a deadline that has already passed?", "list", ["Acme Housing"])
    assert late.statuses == ["overdue"]


def test_the_eval_scores_exact_rows_per_file(answerer):
    rows = {r.text: r for r in answerer.register.all()}
    late = row_key(rows["We will create 5 apprenticeships in Northend by 2020."])
    gold = {"a.jsonl": [{"id": "1", "question": "Is anything late?", "route": "register", "rows": [late]},
                        {"id": "2", "question": "What is social value?", "route": "documents"}],
            "b.jsonl": [{"id": "3", "question": "Which promises are overdue?", "route": "register", "rows": []}]}
    result = evaluate_register(gold, answerer)
    assert result["files"] == {"a.jsonl": {"n": 2, "exact_rows": 1.0}, "b.jsonl": {"n": 1, "exact_rows": 0.0}}
    assert result["exact_rows"] == round(2 / 3, 4) and result["items"][2]["extra"] == [late]


def test_expected_rows_are_derived_from_written_conditions(answerer):
    from assistant.answers.register_eval import derive_rows

    gold = [{"question": "Is anything late?", "route": "register", "where": {"status": "overdue"}},
            {"question": "What is social value?", "route": "documents"}]
    derived = derive_rows(gold, answerer.register)
    assert derived[0]["rows"] == [row_key(r) for r in answerer.register.all() if r.status == "overdue"]
    assert "rows" not in derived[1]
    with pytest.raises(ValueError, match="unknown condition"):
        derive_rows([{"question": "q", "route": "register", "where": {"colour": "red"}}], answerer.register)


PLAN = """# Acme bid for Testville

## Local economy

We will spend £2m with SMEs based in Testville by March 2028.
We will spend £2m with social enterprises in Northend by March 2028.

## Jobs

Within the first three years of the contract we will create 12 new apprenticeships, with priority given to care leavers.
We will create 12 new jobs in Northend by 2027.

## Delivery plan

| Commitment | Target | Deadline |
|---|---|---|
| Spend with SMEs based in Testville | £2m | March 2028 |
| New apprenticeships, prioritising care leavers | 12 | By March 2028 |
| New jobs in Testville | 12 | By 2027 |
"""


def test_a_promise_restated_in_its_documents_delivery_plan_is_one_row_and_added_up_once(tmp_path):
    answerer = answerer_over(tmp_path, (("plan.md", PLAN, "Acme Housing"),))
    rows = [r for r in answerer.register.all() if r.quantity == 2_000_000]
    assert [r.text.split(" with ")[1][:3] for r in rows] == ["SME", "soc"]  # one row per promise
    assert [a.quote for a in rows[0].also] == ["Spend with SMEs based in Testville | £2m | March 2028"]
    assert rows[0].as_json()["also"][0]["section"] == "Delivery plan" and not rows[1].also
    answer = answerer.answer("How much will Acme Housing spend in total?")
    assert "£4,000,000 in all, from 2 promises" in answer.answer  # SMEs once, social enterprises once
    assert "(again [" in answer.answer  # the restatement is still cited
    # the same thing counted, in the same words, its deadline relative in one and a date in the
    # other: one promise; the same count of jobs for another place: two
    apprenticeships = [r for r in answerer.register.all() if r.quantity == 12 and "apprentice" in r.unit]
    assert len(apprenticeships) == 1 and apprenticeships[0].text.startswith("Within the first three years")
    assert [a.quote for a in apprenticeships[0].also] == [
        "New apprenticeships, prioritising care leavers | 12 | By March 2028"]
    assert len([r for r in answerer.register.all() if r.quantity == 12 and "job" in r.unit]) == 2


def test_a_sum_restated_in_the_plan_with_another_deadline_is_one_promise_and_money_totals_it_once(tmp_path):
    plan = ("# Acme bid\n\n## Local economy\n\nAcme commits to spending £2.5m with SMEs and VCSEs based in "
            "Testville over the life of the contract.\nWe will invest £2.5m in insulating homes in Northend.\n\n"
            "## Delivery plan\n\n| Theme | Commitment | Target | Deadline |\n|---|---|---|---|\n"
            "| Local economy | Spend with Testville SMEs and VCSEs | £2.5m | By March 2030 |\n")
    answerer = answerer_over(tmp_path, (("plan.md", plan, "Acme Housing"),))
    rows = [r for r in answerer.register.all() if r.quantity == 2_500_000]
    assert len(rows) == 2 and [len(r.also) for r in rows] == [1, 0]  # the insulation is another promise
    answer = answerer.answer("How much money was promised?")
    assert answer.answer.splitlines()[0].startswith("Showing: money,")
    assert "£5,000,000 in all, from 2 promises" in answer.answer


def test_a_lot_named_in_the_question_keeps_only_the_bids_for_that_lot(tmp_path):
    store = MemoryStore()
    for name, text, supplier, lot in (("acme.md", ACME, "Acme Housing", ""),
                                      ("acme_lot2.md", "# Acme lot 2 bid\n\n## Jobs\n\n"
                                       "We will create 4 apprenticeships in Testville by 2029.\n", "Acme Housing", "Lot 2"),
                                      ("bolt_lot2.md", "# Bolt lot 2 bid\n\n## Jobs\n\n"
                                       "We will create 9 apprenticeships in Testville by 2029.\n", "Bolt Builders", "2")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest([tmp_path / name], store, HashEmbedder(),
               IngestMeta(supplier, ("Testville",), audience="public", tender="T-1", lot=lot))
    mirror = Mirror(store)
    charter = parse_charter(CHARTER)
    register = Register(mirror, HashEmbedder(), charter, as_of=date(2026, 11, 25))
    answerer = PromiseAnswerer(lambda: register, charter,
                               ExtractiveAnswerer(Retriever(mirror, HashEmbedder()), HashEmbedder()))
    listed = answerer.answer("What did the bidders promise on lot 2?")
    assert listed.answer.startswith("Showing: lot 2, all suppliers")
    assert sorted(r.text for r in register.all() if r.id in listed.rows) == [
        "We will create 4 apprenticeships in Testville by 2029.", "We will create 9 apprenticeships in Testville by 2029."]
    most = answerer.answer("Which bidder offers the most apprenticeships on lot 2?")
    assert most.answerer == "register" and most.table is not None
    assert [row[0] for row in most.table.rows] == ["Acme Housing", "Bolt Builders"]
    assert "9 apprenticeships" in most.answer and "20 apprenticeships" not in most.answer  # the lot's bids only


def test_a_comparison_never_adds_percentages_and_service_standards_are_called_so(tmp_path):
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme bid for Testville\n\n## Carbon\n\n"
                                         "We will cut carbon emissions in Testville by 30% by 2029.\n"
                                         "We will cut carbon emissions from our vans in Testville by 50% by 2027.\n\n"
                                         "## Repairs\n\nUrgent repairs: complete within 3 working days.\n"
                                         "Routine repairs: complete within 20 working days.\n", "Acme Housing"),))
    compared = answerer.answer("Compare the suppliers on carbon")
    assert "30%, 50%" in compared.answer and "80%" not in compared.answer
    line = next(row for row in compared.table.rows if row[0] == "Acme Housing")
    marks = line[-1].split()
    assert len(marks) == len(set(marks))  # each source once
    standards = answerer.answer("Show Acme's service standards")
    assert standards.answer.split("\n")[1] == "Acme Housing set 2 service standards:"
    assert "commitment" not in standards.answer
    # what was promised: the social value commitments, the contract's standards counted apart
    promised = answerer.answer("What did Acme promise?").answer.split("\n")
    assert promised[1] == "Acme Housing made 2 social value commitments:"
    assert not any("repairs" in line for line in promised[2:4])
    assert promised[-1].startswith("It also set 2 service standards of the contract")
    asked = answerer.answer("What service standards did Acme Housing set?").answer.split("\n")
    assert asked[1] == "Acme Housing set 2 service standards:"
    # asked what is flagged (or late, or rated), the standards are listed too, under their own name
    undated = answerer.answer("Which of Acme's commitments have no deadline?").answer.split("\n")
    assert undated[1:] == ["Acme Housing set 2 service standards:", "• Urgent repairs: complete within 3 working days. [1]",
                           "• Routine repairs: complete within 20 working days. [2]"]


def test_asked_what_is_flagged_the_standards_are_listed_apart_from_the_commitments(tmp_path):
    """"Which commitments have no deadline?" listed 7 promises and 17 repair times as "24 commitments"."""
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme bid for Testville\n\n## Communities\n\n"
                                         "We will support community groups in Testville.\n\n"
                                         "## Repairs\n\nUrgent repairs: complete within 3 working days.\n"
                                         "Routine repairs: complete within 20 working days.\n", "Acme Housing"),))
    undated = answerer.answer("Which commitments have no deadline?").answer.split("\n")
    assert undated[1:] == ["Acme Housing made 1 social value commitment:",
                           "• We will support community groups in Testville. [1]",
                           "It also set 2 service standards of the contract (repair times, KPIs):",
                           "• Urgent repairs: complete within 3 working days. [2]",
                           "• Routine repairs: complete within 20 working days. [3]"]


def test_a_sum_of_unlike_units_is_said_in_the_words_they_share(tmp_path):
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme bid for Testville\n\n## Jobs\n\n"
                                         "We will create 8 new customer service jobs in Testville by 2027.\n"
                                         "We will create 95 local jobs in Testville by 2028.\n", "Acme Housing"),))
    compared = answerer.answer("Compare the suppliers on jobs")
    assert "103 jobs" in compared.answer and "103 new customer service jobs" not in compared.answer
    total = answerer.answer("How many jobs were promised in total?")
    assert "103 jobs in all" in total.answer


def test_a_total_says_what_else_the_topic_promised_in_other_units_without_adding_it(tmp_path):
    """"How many jobs?" over jobs, apprenticeships and a share: the jobs are added; the others are
    said beside them, cited, and not among the rows the answer gives."""
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme bid for Testville\n\n## Jobs and skills\n\n"
                                         "We will create 8 new jobs in Testville by 2027.\n"
                                         "We will create 20 apprenticeships in Testville by 2028.\n"
                                         "At least 25% of the new jobs will go to women by 2028.\n", "Acme Housing"),))
    total = answerer.answer("How many jobs were promised in total?")
    lines = total.answer.split("\n")
    assert lines[1].startswith("Jobs: 8 new jobs in all, from 1 promise")
    assert lines[2].startswith("Not added, as they count something else: 20 apprenticeships (Acme Housing) [")
    assert "25%: “At least 25% of the new jobs will go to women by 2028”" in lines[2]
    assert len(total.rows) == 1 and len(total.citations) == 3


def test_which_suppliers_promised_nothing_names_them_not_the_promises_of_others(answerer):
    answer = answerer.answer("Which suppliers promised nothing for Southgate?")
    assert answer.answerer == "register" and answer.supported
    assert answer.answer.splitlines()[1] == "Every supplier made a matching promise."
    northend = answerer.answer("Which suppliers promised nothing for Northend?")
    assert northend.answer.splitlines()[1] == "No matching promise from: Bolt Builders."
    assert northend.answer.splitlines()[2:] == [
        "Acme Housing made 2 matching promises:",
        "• We will create 5 apprenticeships in Northend by 2020 (deadline passed). [1]",
        "• We will support the community in Northend wherever we can. [2]"]
    assert texts(answerer, northend) == ["We will create 5 apprenticeships in Northend by 2020.",
                                         "We will support the community in Northend wherever we can."]
    one = answerer.answer("Did Bolt promise nothing on trees?")
    assert one.answer.splitlines()[1] == "No matching promise from: Bolt Builders." and not one.rows


def test_which_have_been_kept_is_the_registers_to_answer_not_a_quote_of_the_promise(answerer):
    class QuotesThePromise:  # documents that "answer" by quoting the promise itself
        retriever = answerer.fallback.retriever

        def answer(self, question, history=(), filters=None):
            quote = "We will plant 300 trees in Southgate by 2029."
            return Answer(question, f"{quote} [1]", True, citations=[Citation(1, "d1", "acme.md", None, "", quote)])

        def stream(self, question, history=(), filters=None):
            return StreamResult.done(self.answer(question))

    kept = PromiseAnswerer(lambda: answerer.register, answerer.charter, QuotesThePromise())
    answer = kept.answer("Which promises for Southgate have been kept?")
    assert answer.answerer == "register" and not answer.supported
    assert answer.answer.splitlines()[1] == "I found no commitments naming Southgate that match, in the documents."
    # with a topic, a report may say it was done: the documents are still asked
    assert kept.answer("Which tree promises for Southgate have been kept?").supported


def test_which_supplier_has_the_most_compares_them(answerer):
    answer = answerer.answer("Which supplier has the most promises in Southgate?")
    assert answer.table is not None and [row[:2] for row in answer.table.rows] == [["Acme Housing", "1"],
                                                                                ["Bolt Builders", "1"]]
    best = answerer.answer("Which bidder is best for trees?")
    assert best.table is not None and best.answer.splitlines()[0].startswith("Showing: about trees,")
    fewest = answerer.answer("Which supplier made the fewest promises with no deadline?")
    assert fewest.table is not None and "about" not in fewest.answer.splitlines()[0]


def test_which_supplier_promised_the_most_of_a_thing_says_who_first_counting_only_that_thing(tmp_path):
    answerer = answerer_over(tmp_path, (("acme.md", ACME, "Acme Housing"), ("bolt.md", BOLT, "Bolt Builders"),
                                        ("cole.md", "# Cole bid for Testville\n\n## Jobs\n\nWe will offer 40 work "
                                         "placements in Testville by 2028.\n", "Cole Care")))
    most = answerer.answer("Which supplier promised the most apprenticeships?").answer.splitlines()
    assert most[1].startswith("Most apprenticeships: Acme Housing, 25 apprenticeships [")
    assert "Then: Bolt Builders, 6 apprentices [" in most[1]
    assert most[1].endswith("None counted by: Cole Care.")  # placements are no apprenticeships
    for asked in ("Which of the bidders offers the most apprenticeships?", "Which one of the suppliers promised "
                  "the most apprenticeships?"):  # the suppliers named in other words
        assert answerer.answer(asked).answer.splitlines()[1] == most[1], asked
    fewest = answerer.answer("Which supplier promised the fewest apprenticeships?").answer.splitlines()
    assert fewest[1].startswith("Fewest apprenticeships, of those that promised any: Bolt Builders, 6 apprentices")
    alone = answerer_over(tmp_path, (("acme.md", ACME, "Acme Housing"),))
    assert alone.answer("Which supplier promised the most apprenticeships?").answer.splitlines()[1].startswith(
        "Only one supplier promised apprenticeships: Acme Housing, 25 apprenticeships [")
    money = answerer_over(tmp_path, (("acme.md", ACME, "Acme Housing"), ("bolt.md", BOLT, "Bolt Builders")))
    spend = money.answer("Which supplier will spend the most with local firms?").answer.splitlines()
    assert spend[1].startswith("Most money (£): Bolt Builders, £50,000 [") and spend[1].endswith(
        "None counted by: Acme Housing.")
    yearly = answerer_over(tmp_path, (("bolt.md", BOLT, "Bolt Builders"), *(
        (f"{name.lower()}.md", f"# {name} bid for Testville\n\n## Fund\n\nWe will give £{amount} each year to "
         "Testville charities.\n", name) for name, amount in (("Cole", "5,000"), ("Dane", "8,000")))))
    fund = yearly.answer("Which supplier promised the most money?").answer.splitlines()[1]
    assert fund.startswith("Most money (£): Dane, £8,000 a year [") and "Then: Cole, £5,000 a year [" in fund
    assert "Not ranked, given otherwise: Bolt Builders, £50,000." in fund  # a sum is no yearly figure
    # nothing counted in the question: the comparison alone
    assert not answerer.answer("Which supplier promised the most for the environment?").answer.splitlines()[1] \
        .startswith("Most")


def test_what_will_a_supplier_do_for_a_place_lists_what_it_promised_there(answerer):
    answer = answerer.answer("What will Acme do for Northend?")
    assert answer.answerer == "register" and answer.answer.startswith("Showing: Acme Housing, Northend.")
    assert texts(answerer, answer) == ["We will create 5 apprenticeships in Northend by 2020.",
                                       "We will support the community in Northend wherever we can."]


def test_promised_nothing_with_no_supplier_in_the_store_says_so(tmp_path):
    empty = answerer_over(tmp_path, ())
    answer = empty.answer("Which suppliers promised nothing for Southgate?")
    assert answer.answerer == "register" and not answer.supported
    assert answer.answer.endswith("The documents hold no supplier's promises yet.")


def test_the_group_a_topic_is_for_is_shown_as_the_question_said_it(answerer):
    answer = answerer.answer("What apprenticeships were promised for golf days?")
    assert answer.answer.splitlines()[0] == "Showing: about apprenticeships for golf days, all suppliers, every area."


def test_the_documents_answer_a_register_question_about_a_place_only_with_that_place(answerer):
    class AnswersAboutNorthend:  # documents whose best sentence is about another place
        retriever = answerer.fallback.retriever

        def answer(self, question, history=(), filters=None):
            cited = Citation(1, "d1", "acme.md", None, "Jobs", "We will create 5 apprenticeships in Northend.")
            return Answer(question, "We will create 5 apprenticeships in Northend. [1]", True, citations=[cited])

        def stream(self, question, history=(), filters=None):
            return StreamResult.done(self.answer(question))

    placed = PromiseAnswerer(lambda: answerer.register, answerer.charter, AnswersAboutNorthend())
    southgate = placed.answer("What golf days were promised in Southgate?")
    assert southgate.answerer == "register" and not southgate.supported and "Northend" not in southgate.answer
    assert placed.answer("What golf days were promised in Northend?").supported  # its own place answers


def test_how_many_were_done_is_answered_by_the_report_that_says_so(tmp_path):
    """A report's figure of what was done answers "how many did X build last year?"; the promise's
    status answers only when no document gives the figure."""
    report = ("# Acme annual report\n\n## Homes\n\nAcme has pledged to provide 1,000 new homes in Testville "
              "by 2030, with 226 homes built last financial year.\n")
    answerer = answerer_over(tmp_path, (("report.md", report, "Acme Housing"),))
    built = answerer.answer("How many homes did Acme build last financial year?")
    assert built.answerer == "extractive" and built.supported and "226 homes built" in built.citations[0].quote
    bid = ("# Acme bid\n\n## Homes\n\nAcme will provide 1,000 new homes in Testville by 2030.\n")
    unsaid = answerer_over(tmp_path, (("bid.md", bid, "Acme Housing"),)).answer("How many homes has Acme built?")
    assert unsaid.answerer == "register" and "Acme Housing promised" in unsaid.answer


def test_has_x_done_the_thing_asks_the_register_whether_it_was_delivered(answerer):
    planted = answerer.answer("Has Acme planted the trees?")
    assert planted.answerer == "register" and planted.answer.splitlines()[0].startswith("Showing: about trees,")
    assert texts(answerer, planted) == ["We will plant 300 trees in Southgate by 2029."]
    assert "Promised, not due yet. Acme Housing promised" in planted.answer
    cut = answerer.answer("Has Bolt cut its carbon emissions?")
    assert texts(answerer, cut) == ["We will cut carbon emissions by 30% by 2029."]
    taken = answerer.answer("Has Bolt taken on the apprentices?")
    assert texts(answerer, taken) == ["We will take on 6 apprentices in Southgate by 2027."]
    assert "Promised, not due yet. Bolt Builders promised" in taken.answer


def test_what_was_promised_and_has_it_happened_gives_each_promise_with_its_status(answerer):
    both = answerer.answer("What did Acme promise for Southgate, and has it happened?")
    assert both.answerer == "register" and "Showing: Acme Housing, Southgate." in both.answer
    assert "We will plant 300 trees in Southgate by 2029." in texts(answerer, both)
    assert "Promised, not due yet. Acme Housing promised" in both.answer  # the status beside each promise
    planted = answerer.answer("Has Acme's tree planting promise happened?")
    assert texts(answerer, planted) == ["We will plant 300 trees in Southgate by 2029."]
    assert "Promised, not due yet." in planted.answer


def test_how_many_have_been_done_so_far_is_asked_against_each_promise_not_summed(answerer):
    done = answerer.answer("How many apprenticeships have been created so far?")
    assert done.answerer == "register" and "in all" not in done.answer
    assert "• Deadline passed, not reported as delivered. Acme Housing promised" in done.answer
    promised = answerer.answer("How many apprenticeships were promised?")
    assert "in all" in promised.answer


def test_an_apostrophe_inside_a_suppliers_name_leaves_none_of_it_in_the_topic(answerer):
    suppliers = ["Laing O’Rourke", "Wates Group"]
    for question in ("Has Laing O'Rourke delivered its apprenticeships?", "Has Laing O’Rourke delivered "
                     "its apprenticeships?"):
        reading = answerer.reader.read(question, "delivered", suppliers)
        assert reading.suppliers == ["Laing O’Rourke"] and reading.topic_said == ["apprenticeships"], question


def test_a_town_that_names_a_supplier_and_no_stored_area_is_the_supplier(answerer):
    suppliers = ["Hyde Housing Association", "Wates Group"]
    reading = answerer.reader.read("What did Hyde promise for local jobs?", "list", suppliers, None, ["Testville"])
    assert reading.suppliers == ["Hyde Housing Association"] and reading.areas == []
    stored = answerer.reader.read("What did Wates promise for Hyde?", "list", suppliers, None, ["Hyde"])
    assert stored.suppliers == ["Wates Group"] and stored.areas == ["Hyde"]


def over_a_report(tmp_path, report: str, *bids) -> PromiseAnswerer:
    """The chat's answerer over Acme Housing's ``report`` (a social value report) and (file name,
    text, supplier) ``bids``."""
    store = MemoryStore()
    (tmp_path / "report.md").write_text(report, "utf-8")
    ingest([tmp_path / "report.md"], store, HashEmbedder(),
           IngestMeta("Acme Housing", ("Testville",), "social_value_report", "public"))
    for name, text, supplier in bids:
        (tmp_path / name).write_text(text, "utf-8")
        ingest([tmp_path / name], store, HashEmbedder(), IngestMeta(supplier, ("Testville",), audience="public"))
    charter = parse_charter(CHARTER)
    register = Register(Mirror(store), HashEmbedder(), charter, as_of=date(2026, 11, 25))
    return PromiseAnswerer(lambda: register, charter,
                           ExtractiveAnswerer(Retriever(Mirror(store), HashEmbedder()), HashEmbedder()))


def test_what_was_promised_and_has_it_happened_lists_every_promise_not_only_those_reported(tmp_path):
    answerer = over_a_report(tmp_path, "# Acme social value report 2026\n\n## Jobs\n\nWe have planted 300 trees "
                                       "in Southgate.\n", ("acme.md", ACME, "Acme Housing"))
    done = answerer.answer("What has been delivered?")  # what the reports say was done; the rest counted
    assert len(done.rows) == 1 and "not reported as delivered yet" in done.answer
    both = answerer.answer("What did Acme promise, and has it happened?")
    assert len(both.rows) == 5 and "not reported as delivered yet." not in both.answer.split("\n")[-1]
    assert "Deadline passed, not reported as delivered. Acme Housing promised: “We will create 5" in both.answer


def test_a_target_a_report_sets_itself_is_still_a_promise_to_ask_about(tmp_path):
    answerer = over_a_report(tmp_path, "# Acme annual report 2023\n\n## Our targets\n\n"
                                       "We will reduce our operating costs by 1% each year until 2024.\n")
    answer = answerer.answer("Has Acme delivered its promise to reduce operating costs?")
    assert answer.supported and "reduce our operating costs by 1%" in answer.answer


def test_the_targets_of_a_supplier_with_only_reports_are_its_promises_to_add_up(tmp_path):
    """A report's rows are evidence of a bid's promises; a supplier whose only documents are
    reports still promised what they set out, and totals and comparisons count it."""
    answerer = over_a_report(tmp_path, "# Acme annual report 2025\n\n## Next year\n\nWe will invest £65,000 in "
                                       "community projects in Testville by 2027.\n", ("bolt.md", BOLT, "Bolt Builders"))
    total = answerer.answer("How much money has Acme promised in total?")
    assert total.supported and "£65,000" in total.answer
    compared = answerer.answer("Compare the suppliers on money")
    assert "Acme Housing: 1 promise" in compared.answer and "Bolt Builders" in compared.answer


def test_a_suppliers_word_inside_another_name_is_answered_from_the_documents_else_asked_about(tmp_path):
    """"The Acme Pledge scheme" holds a word of Acme Housing's name: the documents say what its
    target is. "Acme Living" may be another firm: when the documents say nothing of it, ask which."""
    text = ACME + "\nOur Acme Pledge scheme asks our contractors to create jobs, with a target of 500 jobs by 2030.\n"
    answerer = answerer_over(tmp_path, (("acme.md", text, "Acme Housing"), ("bolt.md", BOLT, "Bolt Builders")))
    scheme = answerer.answer("What is the target of the Acme Pledge scheme?")
    assert scheme.supported and "500 jobs" in scheme.answer
    other = answerer.answer("What did Acme Living promise for Zedford?")
    assert not other.supported and other.answer.startswith("Which supplier do you mean?")


def test_already_done_or_still_to_come_asks_which_and_filters_by_neither(answerer):
    suppliers = ["Acme Housing"]
    either = answerer.reader.read("Has Acme already insulated the homes, or is that still to come?", "delivered",
                                  suppliers)
    assert either.statuses == []
    late = answerer.reader.read("Which Acme promises are still to come?", "list", suppliers)
    assert late.statuses == ["promised"]

def bid_and_report(folder, report: str) -> PromiseAnswerer:
    """Acme's bid and a report of its own, in one store: a chat over both."""
    (folder / "bid.md").write_text(ACME, encoding="utf-8")
    (folder / "report.md").write_text(report, encoding="utf-8")
    store = MemoryStore()
    ingest([folder / "bid.md"], store, HashEmbedder(), IngestMeta("Acme Housing", ("Testville",), "tender_response"))
    ingest([folder / "report.md"], store, HashEmbedder(),
           IngestMeta("Acme Housing", ("Testville",), "social_value_report"))
    mirror, charter = Mirror(store), parse_charter(CHARTER)
    register = Register(mirror, HashEmbedder(), charter, as_of=date(2026, 11, 25))
    return PromiseAnswerer(lambda: register, charter, ExtractiveAnswerer(Retriever(mirror, HashEmbedder()),
                                                                         HashEmbedder()))


def test_what_did_x_deliver_lists_what_the_reports_say_first_and_counts_the_rest(tmp_path):
    chat = bid_and_report(tmp_path, "# Acme social value report 2026\n\n## Jobs\n\n"
                                    "We planted 300 trees in Southgate this year.\n")
    assert chat.reader.intent("What did Acme deliver last year?") == "delivered"
    assert chat.reader.intent("What did Acme promise to deliver?") == "list"  # what was promised
    answer = chat.answer("What did Acme deliver last year?")
    assert answer.answer.splitlines()[0] == "Showing: Acme Housing, every area."  # "last year" is no topic
    assert texts(chat, answer) == ["We will plant 300 trees in Southgate by 2029."]
    assert "The report says: “We planted 300 trees in Southgate this year.”" in answer.answer
    assert answer.answer.splitlines()[-1] == "The other 4 promises are not reported as delivered yet."


def test_what_is_happening_in_a_place_gives_each_of_its_promises_with_its_status(tmp_path):
    """Northend's two promises, the one a report speaks to and the one it does not, each with how it
    stands; "What has been delivered in Northend?" puts the reported one first and counts the other."""
    chat = bid_and_report(tmp_path, "# Acme social value report 2026\n\n## Jobs\n\n"
                                    "We created 5 apprenticeships in Northend this year.\n")
    for question in ("What is happening in Northend?", "What will happen in Northend?", "What's going on in Northend?"):
        lines = chat.answer(question).answer.splitlines()
        assert lines[0] == "Showing: all suppliers, Northend.", question
        assert sum(line.startswith("• ") for line in lines) == 2 and "The other" not in lines[-1], question
    done = chat.answer("What has been delivered in Northend?").answer.splitlines()
    assert "apprenticeships in Northend" in done[1] and done[-1] == "The other promise is not reported as delivered yet."


def test_what_was_not_delivered_leaves_out_what_was(tmp_path):
    """"What has Acme not delivered yet?" listed what Acme had delivered: the "not" was not read."""
    chat = bid_and_report(tmp_path, "# Acme social value report 2026\n\n## Jobs\n\n"
                                    "We planted 300 trees in Southgate this year.\n")
    for question in ("What has Acme not delivered yet?", "Which of Acme's promises haven't been kept?",
                     "What is Acme still to deliver?"):
        answer = chat.answer(question)
        assert answer.answer.splitlines()[0] == "Showing: not delivered, Acme Housing, every area.", question
        assert "We will plant 300 trees in Southgate by 2029." not in texts(chat, answer), question
    assert "We will create 5 apprenticeships in Northend by 2020." in texts(
        chat, chat.answer("Which of Acme's promises haven't been kept?"))


def test_how_many_promises_counts_the_promises_not_their_figures(answerer):
    """"How many promises are overdue?" added up the overdue promises' figures (6 jobs, 500 homes)."""
    assert answerer.reader.intent("How many promises are overdue?") == "list"
    assert answerer.reader.intent("How many apprenticeships were promised?") == "total"
    lines = answerer.answer("How many promises are overdue?").answer.split("\n")
    assert lines[1] == "Acme Housing made 1 commitment:" and "5 apprenticeships in Northend" in lines[2]


def test_why_asks_the_documents_for_a_reason_not_the_register_for_rows(answerer):
    """"Why are the trees late?" asks the cause a report gives; the late rows say only that they are."""
    assert answerer.reader.intent("Why are Acme's promises late?") == ""
    assert answerer.reader.intent("Are Acme's promises late?") != ""


def test_what_share_of_the_promises_were_delivered_says_the_share(tmp_path):
    chat = bid_and_report(tmp_path, "# Acme social value report 2026\n\n## Jobs\n\n"
                                    "We planted 300 trees in Southgate this year.\n")
    lines = chat.answer("What share of Acme's promises have been delivered?").answer.splitlines()
    assert lines[1] == "1 of 5 commitments on contracts (20%) is reported as delivered."
    lines = chat.answer("How many of Acme's promises have not been delivered?").answer.splitlines()
    assert lines[1] == "4 of 5 commitments on contracts (80%) are not delivered."
    lines = chat.answer("What share of Acme's promises are late or partly delivered?").answer.splitlines()
    assert lines[1] == "1 of 5 commitments on contracts (20%) is overdue or partly delivered."  # each status asked
    assert "of 5 commitments" not in chat.answer("Which of Acme's promises have been delivered?").answer


def test_how_is_a_supplier_doing_asks_what_it_delivered(tmp_path):
    chat = bid_and_report(tmp_path, "# Acme social value report 2026\n\n## Jobs\n\n"
                                    "We planted 300 trees in Southgate this year.\n")
    for question in ("How is Acme doing against its targets?", "How are the suppliers performing?",
                     "How has Acme got on with its promises?"):
        assert chat.reader.intent(question) == "delivered", question
    answer = chat.answer("How is Acme doing against its targets?")
    assert "The report says: “We planted 300 trees in Southgate this year.”" in answer.answer


def test_a_delivery_tables_row_is_quoted_with_its_column_names(tmp_path):
    """"Trees planted in Southgate | 300 by 2029 | 320 | Achieved" says little alone: each figure
    is told with what its column calls it (the citation still quotes the row as written)."""
    chat = bid_and_report(tmp_path, "# Acme social value report 2026\n\n## Summary of delivery against commitments\n\n"
                                    "| Commitment | Target | Delivered in 2025/26 | Status |\n|---|---|---|---|\n"
                                    "| Trees planted in Southgate | 300 by 2029 | 320 | Achieved |\n")
    answer = chat.answer("Has Acme planted its trees in Southgate?")
    assert ("The report says: “Trees planted in Southgate — Target: 300 by 2029; Delivered in 2025/26: 320; "
            "Status: Achieved”") in answer.answer
    assert "Trees planted in Southgate | 300 by 2029 | 320 | Achieved" in [c.quote for c in answer.citations]
    [trees] = [c.as_json() for c in chat.register.all() if "300 trees" in c.text]  # `sva commitments --json`
    assert trees["columns"] == "" and [e["columns"] for e in trees["evidence"] if "|" in e["quote"]] == [
        "Commitment | Target | Delivered in 2025/26 | Status"]


def test_a_reports_list_item_is_told_after_its_lead_in(tmp_path):
    """"planted 300 trees in Southgate;" says neither who nor when: its lead-in does (the citation
    still quotes the item as written)."""
    chat = bid_and_report(tmp_path, "# Acme social value report 2026\n\n## Jobs\n\nIn the first year of the contract "
                                    "we:\n\n- planted 300 trees in Southgate;\n- spent £50,000 with local firms.\n")
    answer = chat.answer("Has Acme planted its trees in Southgate?")
    assert "“In the first year of the contract we planted 300 trees in Southgate.”" in answer.answer
    assert any(c.quote.startswith("planted 300 trees in Southgate") for c in answer.citations)
    [trees] = [c.as_json() for c in chat.register.all() if "300 trees" in c.text]  # `sva commitments --json`
    assert trees["lead"] == "" and [e["lead"] for e in trees["evidence"]] == ["In the first year of the contract we:"]


def test_money_delivered_asks_the_promises_of_money_only(answerer):
    """Acme promised no sum: "how much in pounds has Acme delivered" lists none of its other rows."""
    reading = answerer.reader.read("How much money in pounds has Acme delivered so far?", "delivered",
                                   ["Acme Housing", "Bolt Builders"])
    assert reading.money and reading.suppliers == ["Acme Housing"]
    from assistant.answers.register_questions import answer_delivered
    assert not answer_delivered("q", reading, answerer.register).supported
    bolt = answer_delivered("q", answerer.reader.read("How much money has Bolt delivered?", "delivered",
                                                      ["Acme Housing", "Bolt Builders"]), answerer.register)
    assert texts(answerer, bolt) == ["We will spend £50,000 with local firms in Testville."]


def test_a_total_for_an_area_that_no_promise_names_says_the_promises_are_contract_wide(tmp_path):
    (tmp_path / "bid.md").write_text("# Cobb bid\n\n## Jobs\n\nWe will create 12 apprenticeships by 2028.\n", "utf-8")
    chat = answerer_over(tmp_path, ())
    ingest([tmp_path / "bid.md"], chat.register.mirror.store, HashEmbedder(),
           IngestMeta("Cobb Ltd", ("Testville", "Northend"), "tender_response"))
    text = chat.answer("How many apprenticeships were promised in total in Northend?").answer
    assert "No promise names Northend itself; these are for the whole contract area" in text
    assert "12 apprenticeships in all" in text


def test_anyone_asked_about_is_no_topic(answerer):
    anyone = answerer.answer("Did anyone promise anything for Southgate?")
    assert anyone.answerer == "register" and "about" not in anyone.answer.split("\n")[0]
    assert sorted(texts(answerer, anyone)) == ["We will plant 300 trees in Southgate by 2029.",
                                               "We will take on 6 apprentices in Southgate by 2027."]


def test_whether_a_places_promises_were_kept_lists_those_naming_it_and_counts_the_contract_wide(tmp_path):
    (tmp_path / "bid.md").write_text("# Cobb bid\n\n## Jobs\n\nWe will create 12 apprenticeships by 2028.\n"
                                     "We will plant 40 trees in Northend by 2029.\n", "utf-8")
    chat = answerer_over(tmp_path, ())
    ingest([tmp_path / "bid.md"], chat.register.mirror.store, HashEmbedder(),
           IngestMeta("Cobb Ltd", ("Testville", "Northend"), "tender_response"))
    both = chat.answer("What was promised for Northend, and has it happened?")
    assert texts(chat, both) == ["We will plant 40 trees in Northend by 2029."]
    assert "1 more commitment covers the whole contract area, which includes Northend." in both.answer
    # no promise names the place: the contract-wide ones are what there is to show
    wide = chat.answer("What was promised for Testville, and has it happened?")
    assert texts(chat, wide) == ["We will create 12 apprenticeships by 2028."]


def test_a_share_in_a_total_says_what_it_is_a_share_of(answerer):
    """A share is said with its words ("30%: “We will cut carbon emissions by 30% by 2029”"), not
    as a bare "Percentages: not added"."""
    text = answerer.answer("How big a carbon cut was promised in total?").answer
    assert "not added" not in text and "30%: “We will cut carbon emissions by 30% by 2029”" in text
    assert "No promise names “big”" not in text  # "how big" asks a size, it names no topic


def test_rows_for_the_whole_area_are_counted_by_kind(answerer):
    """The chat said "34 more commitments" where the page said 34 promises, 16 of them service
    standards: each kind is counted as what it is."""
    from dataclasses import replace

    from assistant.answers.register_questions import _more

    row = answerer.register.all()[0]
    rows = [row] * 18 + [replace(row, kind="service_standard")] * 16
    plain = " (how well the service itself runs)"  # the term in a resident's words
    assert _more(rows) == f"18 more commitments and 16 service standards{plain}"
    assert _more([row]) == "1 more commitment"
    assert _more([replace(row, kind="service_standard")] * 2) == f"2 more service standards{plain}"


def test_part_of_a_promise_delivered_after_its_date_is_late(tmp_path):
    """180 of 500 sensors, due September 2026, asked in November: late, though something was done."""
    (tmp_path / "bid.md").write_text("# Acme bid\n\n## Homes\n\nWe will fit damp and mould sensors in 500 "
                                     "homes in Southgate by September 2026.\n", encoding="utf-8")
    (tmp_path / "report.md").write_text("# Acme social value report 2026\n\n## Homes\n\nWe fitted damp and "
                                        "mould sensors in 180 homes in Southgate this year.\n", encoding="utf-8")
    chat = answerer_over(tmp_path, ())
    ingest([tmp_path / "bid.md"], chat.register.mirror.store, HashEmbedder(),
           IngestMeta("Acme Housing", ("Testville",), "tender_response"))
    ingest([tmp_path / "report.md"], chat.register.mirror.store, HashEmbedder(),
           IngestMeta("Acme Housing", ("Testville",), "social_value_report"))
    [row] = chat.register.all()
    assert (row.status, row.progress, row.late, row.rating) == ("partly", 36.0, True, "inadequate")
    answer = chat.answer("Is anything late?")
    assert texts(chat, answer) == [row.text]
    assert "(36% of the promise), deadline passed" in chat.answer("Has Acme delivered the sensors?").answer


def test_a_topic_that_is_one_group_is_named_by_its_rarest_word_not_its_commonest(tmp_path):
    bid = ("# Cobb bid for Testville\n\n## Communities\n\nWe will run a lunch club for older tenants in "
           "Northend by 2028.\nWe will train 10 people in Southgate by 2027.\nWe will help 50 people into "
           "work by 2029.\n")
    chat = answerer_over(tmp_path, (("cobb.md", bid, "Cobb Care"),))
    answer = chat.answer("What is promised for older people?")
    assert texts(chat, answer) == ["We will run a lunch club for older tenants in Northend by 2028."]
    assert len(chat.answer("What is promised for people?").rows) == 2  # one word: every row holding it


def test_the_eval_knows_an_answer_from_the_glossary_from_one_from_the_documents(answerer):
    from assistant.glossary import Glossary, Term

    chat = PromiseAnswerer(answerer.register_of, answerer.charter, answerer.fallback,
                           glossary=Glossary((Term(term="social value", means="The extra good a company does."),)))
    gold = {"a.jsonl": [{"id": "1", "question": "What is social value?", "route": "glossary"},
                        {"id": "2", "question": "What is social value?", "route": "documents"}]}
    result = evaluate_register(gold, chat)
    assert [i["right"] for i in result["items"]] == [True, False]
    assert [i["routed"] for i in evaluate_register(gold, answerer)["items"]] == ["documents", "documents"]


def test_a_comparison_over_time_asks_the_reports_not_the_register(answerer):
    reader = answerer.reader
    assert reader.intent("How did Acme's spending with social enterprises in 2018 compare with 2017?") == ""
    assert reader.intent("How does Acme's local spend compare with last year?") == ""
    assert reader.intent("Compare the suppliers' promises for 2025 and 2026") == "compare"
    assert reader.intent("Compare the suppliers on carbon by 2030") == "compare"


def test_a_question_of_when_asks_the_documents_unless_it_filters_the_register(answerer):
    reader = answerer.reader
    assert reader.intent("By when is Acme committed to reaching net zero?") == ""
    assert reader.intent("When will Acme deliver its promised apprenticeships?") == ""
    assert reader.intent("When are the overdue promises due?") != ""  # a register slot: the rows


def test_the_other_half_of_a_yes_no_question_does_not_ask_for_rows(answerer):
    reader = answerer.reader
    assert reader.intent("Has Acme put its service standards out yet, or are they still being drawn up?") == ""
    assert reader.intent("Are Acme's service standards published?") == "list"  # "are ...?" opening asks for them


def test_bids_are_compared_and_figures_that_do_not_add_up_are_the_ones_to_review(answerer):
    reader = answerer.reader
    assert reader.intent("Which bid offers the most local jobs?") == "compare"
    assert reader.intent("Which tender gives the most apprenticeships?") == "compare"
    suppliers = ["Acme Housing", "Bolt Builders"]
    for question in ("Are any figures in the report inconsistent?", "Which figures don't add up?",
                     "Do any reports contradict each other?"):
        reading = reader.read(question, reader.intent(question), suppliers)
        assert reader.intent(question) == "list" and reading.statuses == ["needs_review"], question
        assert reading.topic == [], question  # "figures", "report": what is reviewed, not a topic
    assert reader.intent("How many apprenticeships does it add up to?") == "total"


def test_an_area_the_documents_were_stored_for_is_read_as_a_place_though_the_charter_names_it_not(tmp_path):
    (tmp_path / "acme.md").write_text("# Acme bid\n\n## Jobs\n\nWe will create 5 apprenticeships in Eastmoor by 2027.\n"
                                      "We will plant 40 trees in Testville by 2028.\n", encoding="utf-8")
    store = MemoryStore()
    ingest([tmp_path / "acme.md"], store, HashEmbedder(), IngestMeta("Acme Housing", ("Eastmoor", "Westmoor"),
                                                              audience="public"))
    charter = parse_charter(CHARTER)
    assert "Eastmoor" not in charter.areas
    register = Register(Mirror(store), HashEmbedder(), charter, as_of=date(2026, 11, 25))
    answerer = PromiseAnswerer(lambda: register, charter,
                               ExtractiveAnswerer(Retriever(Mirror(store), HashEmbedder()), HashEmbedder()))
    answer = answerer.answer("What did Acme promise for Eastmoor?")
    assert answer.answer.split("\n")[0].endswith("Eastmoor.")
    assert texts(answerer, answer) == ["We will create 5 apprenticeships in Eastmoor by 2027."]


def test_a_topic_word_no_listed_promise_holds_is_said_not_passed_over(tmp_path):
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme bid for Testville\n\n## Jobs\n\n"
                                         "We will create 7 apprenticeships in Testville by 2029.\n", "Acme Housing"),))
    lines = answerer.answer("What did Acme promise about horticulture apprenticeships?").answer.split("\n")
    assert lines[1] == "No promise names “horticulture”; these are the promises of apprenticeships:"
    assert lines[3].startswith("• We will create 7 apprenticeships")
    plain = answerer.answer("What did Acme promise about apprenticeships?").answer
    assert "No promise names" not in plain
    # "since" and "working towards" say when and how far along, not what about
    along = answerer.answer("What has Acme done on apprenticeships since then, and what commitment is it working "
                            "towards?").answer
    assert "No promise names" not in along


def test_work_is_a_topic_and_working_days_are_a_time(tmp_path):
    """"About work" lists the promises that say work, not every promise; "within 5 working days" is
    a time, and "working towards" says how far along, not what about."""
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme bid for Testville\n\n## Promises\n\n"
                                         "We will offer 10 work placements in Testville by 2027.\n\n"
                                         "We will answer every repair within 5 working days.\n\n"
                                         "We will plant 100 trees in Testville by 2028.\n", "Acme Housing"),))
    answer = answerer.answer("What was promised about work?")
    assert texts(answerer, answer) == ["We will offer 10 work placements in Testville by 2027."]
    along = answerer.answer("What commitments is Acme working towards?")
    assert len(texts(answerer, along)) == 2  # the placements and the trees; the repair time is a standard


def test_a_count_of_a_thing_no_promise_or_passage_names_is_not_answered_with_another(tmp_path):
    """No promise names horticulture and the passages found do not either: the register's reply
    says so, instead of the documents' answer about other apprenticeships."""
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme bid for Testville\n\n## Jobs\n\n"
                                         "We will create 7 apprenticeships in Testville by 2029.\n", "Acme Housing"),))
    answer = answerer.answer("How many horticulture apprenticeships were promised?")
    assert answer.answerer == "register"
    assert "No promise names “horticulture”; these are the promises of apprenticeships:" in answer.answer

def test_a_total_no_promise_names_whole_is_the_documents_figure_when_they_give_one(tmp_path):
    """"What was Acme's total carbon footprint in 2019?" is no sum of the promises of carbon: the
    report's figure answers; a total the promises do name is still theirs."""
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme report for Testville\n\n## Carbon\n\n"
                                         "We will cut carbon by 300 tonnes in Testville by 2029.\n"
                                         "Acme's total carbon footprint in 2019 was 13,162 tCO2e.\n", "Acme Housing"),))
    answer = answerer.answer("What was Acme's total carbon footprint in 2019?")
    assert answer.answerer == "extractive" and "13,162 tCO2e" in answer.answer
    promised = answerer.answer("How much carbon did Acme promise to cut in total?")
    assert promised.answerer == "register" and "300" in promised.answer


def test_what_was_achieved_of_promises_no_report_is_matched_to_is_told_by_the_documents(tmp_path):
    """The register can say only "not reported yet" of a promise no report is matched to; a
    sentence saying what was achieved on the topic tells more. One that says what is done now does not."""
    promise = "# Acme contract for Testville\n\n## Carbon\n\nAcme will fit smart meters on every Testville site to cut carbon.\n"
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    told = answerer_over(tmp_path / "a", (("acme.md", promise + "Acme has already achieved a 27 per cent cut in "
                                           "carbon at its depots.\n", "Acme Housing"),))
    achieved = told.answer("What has Acme already achieved on carbon?")
    assert achieved.answerer == "extractive" and "already achieved a 27 per cent cut" in achieved.answer
    untold = answerer_over(tmp_path / "b", (("acme.md", promise + "Acme runs a carbon cutting programme at its "
                                             "depots.\n", "Acme Housing"),)).answer("What has Acme already achieved on carbon?")
    assert untold.answerer == "register" and "Not reported as delivered yet" in untold.answer


def test_whether_a_promise_has_happened_yet_is_told_by_the_documents_when_no_report_is_matched(tmp_path):
    """"... yet, or only promised?" asks what happened, which a news story may tell; status words
    ("already", "planned") are no topic a promise must name."""
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme contract for Testville\n\n## Jobs\n\nAcme will create "
                                         "7 apprenticeships in Testville by 2029.\n\nAcme has now taken on 10 "
                                         "apprentices in Testville, the council leader said.\n", "Acme Housing"),))
    question = "Has Acme actually taken on apprentices in Testville yet, or have they only been promised?"
    answer = answerer.answer(question)
    assert answer.answerer == "extractive" and "taken on 10 apprentices" in answer.answer
    reading = answerer.reader.read("Has Acme already taken on any apprentices, or are they still only planned?",
                                   "delivered", ["Acme Housing"])
    assert reading.topic == ["apprentice"]


def test_a_promise_for_each_year_is_not_added_to_a_promise_made_once(tmp_path):
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme bid for Testville\n\n## Jobs\n\n"
                                         "We will offer 40 work placements in Testville each year.\n"
                                         "We will offer 10 work placements in Testville by 2028.\n", "Acme Housing"),))
    total = answerer.answer("How many work placements were promised in total?").answer
    assert "50" not in total
    assert "40 work placements a year in all" in total and "10 work placements in all" in total
    compared = answerer.answer("Compare the suppliers on work placements").answer
    assert "40 work placements a year" in compared and "50" not in compared


def contract_and_bid(folder, documents) -> PromiseAnswerer:
    """A chat over (file name, text, supplier, tender) documents: those with a tender are bids for
    its lot 2, not yet awarded; the others are promises on contracts."""
    store = MemoryStore()
    for name, text, supplier, tender in documents:
        (folder / name).write_text(text, encoding="utf-8")
        ingest([folder / name], store, HashEmbedder(), IngestMeta(supplier, ("Testville",), "tender_response",
                                                                 "public", tender=tender, lot="2" if tender else ""))
    charter = parse_charter(CHARTER)
    register = Register(Mirror(store), HashEmbedder(), charter, as_of=date(2026, 11, 25))
    return PromiseAnswerer(lambda: register, charter,
                           ExtractiveAnswerer(Retriever(Mirror(store), HashEmbedder()), HashEmbedder()))


def test_a_total_keeps_a_bid_not_yet_awarded_apart_from_promises(tmp_path):
    answerer = contract_and_bid(tmp_path, (
        ("contract.md", "# Contract\n\n## Jobs\n\nWe will create 20 apprenticeships in Testville by 2027.\n", "Acme Housing", ""),
        ("bid.md", "# Lot 2 bid\n\n## Jobs\n\nWe will create 6 apprenticeships in Testville by 2028.\n", "Acme Housing",
         "T-9")))
    lines = answerer.answer("How many apprenticeships did Acme promise?").answer.split("\n")
    assert lines[1].startswith("Apprenticeships: 20 apprenticeships in all, from 1 promise")
    assert lines[2].startswith("Not added: offered in bids for tenders not yet awarded, 6 apprenticeships (Acme Housing)")
    lot = answerer.answer("How many apprenticeships were offered on lot 2?").answer
    assert "6 apprenticeships in all" in lot and "Not added" not in lot
    compared = answerer.answer("Compare the suppliers on apprenticeships").answer
    assert "26" not in compared
    assert "20 apprenticeships — offered in open bids, not added: 6 apprenticeships" in compared


def test_a_list_whose_promises_hold_few_of_the_topics_words_gives_way_to_the_documents(tmp_path):
    """The one promise holds "strategy" alone of "communities project people strategy": the passage
    saying what the people strategy brings to every project answers instead."""
    doc = ("# Acme bid for Testville\n\n## Jobs\n\nOur people strategy brings local employment on every project and "
           "volunteering in the communities around each site.\n\nWe will create 20 apprenticeships in Testville under "
           "our strategy by 2030.\n")
    answerer = answerer_over(tmp_path, (("acme.md", doc, "Acme Housing"),))
    answer = answerer.answer("What does Acme Housing promise communities on every project under its people strategy?")
    assert answer.supported and answer.answer.startswith("Our people strategy brings local employment")
    held = answerer.answer("What did Acme Housing promise about apprenticeships under its strategy?")
    assert held.answerer == "register"  # every word held: the register's list


def test_one_suppliers_offer_in_an_open_bid_is_not_ranked_against_anothers_promise(tmp_path):
    """Bolt's only apprenticeships are offered in a bid not yet awarded: it is said apart, as Acme's
    own offer would be, not ranked above Acme's promise on a contract."""
    answerer = contract_and_bid(tmp_path, (
        ("acme.md", "# Contract\n\n## Jobs\n\nWe will create 20 apprenticeships in Testville by 2027.\n", "Acme Housing", ""),
        ("bolt.md", "# Lot 2 bid\n\n## Jobs\n\nWe will create 30 apprenticeships in Testville by 2028.\n", "Bolt Builders",
         "T-9")))
    lines = answerer.answer("Which supplier promised the most apprenticeships?").answer.split("\n")
    assert lines[1].startswith("Most apprenticeships: Acme Housing, 20 apprenticeships")
    assert "Bolt Builders: 1 promise, 1 with a number (offered in open bids, not added: 30 apprenticeships) [2]." in lines


def test_a_list_says_offers_in_open_bids_apart_from_promises_on_contracts(tmp_path):
    """Acme's contract promises 20 apprenticeships; its bid and Bolt's, for a tender not yet awarded,
    offer more: listed under them as offers, each said whose, and a bid alone is said as offered."""
    answerer = contract_and_bid(tmp_path, (
        ("acme.md", "# Contract\n\n## Jobs\n\nWe will create 20 apprenticeships in Testville by 2027.\n", "Acme Housing", ""),
        ("bid.md", "# Lot 2 bid\n\n## Jobs\n\nWe will create 6 apprenticeships in Testville by 2028.\n", "Acme Housing",
         "T-9"),
        ("bolt.md", "# Lot 2 bid\n\n## Jobs\n\nWe will create 30 apprenticeships in Testville by 2028.\n", "Bolt Builders",
         "T-9")))
    listed = answerer.answer("What apprenticeships were promised?")
    lines = listed.answer.split("\n")
    assert lines[1:3] == ["Acme Housing made 1 commitment:", "• We will create 20 apprenticeships in Testville by 2027. [1]"]
    assert lines[3] == "Also offered in bids for tenders not yet awarded, not promised on a contract:"
    assert lines[4:] == ["• Acme Housing: We will create 6 apprenticeships in Testville by 2028. [2]",
                                 "• Bolt Builders: We will create 30 apprenticeships in Testville by 2028. [3]"]
    assert len(listed.rows) == 3
    bolt = answerer.answer("What did Bolt Builders offer?").answer.split("\n")
    assert bolt[1] == "Bolt Builders offered 1 commitment in bids for tenders not yet awarded:"


def test_a_supplier_asked_about_is_told_what_its_lost_bid_offered_and_that_no_one_must_keep_it(tmp_path):
    """Bolt's bid for T-1 lost to Acme's: the register leaves its offer out, yet asked about Bolt the
    answer lists it as offered in a lost bid (its date passed binds no one), and a resident, for
    whom Bolt's bid was never published, hears nothing of it."""
    store = MemoryStore()
    for name, supplier, audience, year in (("acme.md", "Acme Housing", "public", 2027),
                                           ("bolt.md", "Bolt Builders", "restricted", 2025)):
        (tmp_path / name).write_text(f"# Bid\n\n## Jobs\n\nWe will create 20 apprenticeships in Testville by {year}.\n",
                                     encoding="utf-8")
        ingest([tmp_path / name], store, HashEmbedder(),
               IngestMeta(supplier, ("Testville",), "tender_response", audience, tender="T-1"))
    charter = parse_charter(CHARTER)

    def chat(audience):
        register = Register(Mirror(store), HashEmbedder(), charter, audience, as_of=date(2026, 11, 25),
                            awards=lambda: {("T-1", ""): "Acme Housing"})
        return PromiseAnswerer(lambda: register, charter, ExtractiveAnswerer(
            Retriever(Mirror(store), HashEmbedder(), audience=audience), HashEmbedder()))

    bolt = chat("all").answer("What did Bolt Builders promise on apprenticeships?")
    assert bolt.supported and bolt.answer.split("\n")[1:] == [
        "Offered in a bid for a tender awarded to another supplier, so no one must keep it:",
        "• We will create 20 apprenticeships in Testville by 2025. [1]"]
    every = chat("all").answer("What apprenticeships were promised?").answer
    assert "Acme Housing made 1 commitment" in every and "2025" not in every
    resident = chat("public").answer("What did Bolt Builders promise on apprenticeships?").answer
    assert "2025" not in resident and "awarded to another supplier" not in resident


def test_a_group_asked_for_is_held_by_rows_naming_it_in_other_words(tmp_path):
    """No row says "young people": those for residents aged 16-24 and for students are for them;
    one for local people, or for trees, is not. The same rows answer whether it was delivered."""
    doc = ("# Acme bid for Testville\n\n## Commitments\n\nWe will create 20 apprenticeships for Testville residents "
           "aged 16-24 by 2027.\n\nWe will offer 40 work placements to students at Testville College by 2027.\n\n"
           "We will support local people into work by 2027.\n\nWe will plant 300 trees in Testville by 2027.\n")
    answerer = answerer_over(tmp_path, (("acme.md", doc, "Acme Housing"),))
    listed = answerer.answer("What was promised for young people?")
    assert listed.answerer == "register" and listed.answer.split("\n")[1:] == [
        "Acme Housing made 2 commitments:",
        "• We will create 20 apprenticeships for Testville residents aged 16-24 by 2027. [1]",
        "• We will offer 40 work placements to students at Testville College by 2027. [2]"]
    done = answerer.answer("What has Acme Housing done for young people?").answer
    assert "aged 16-24" in done and "students" in done and "local people" not in done and "trees" not in done
    women = answerer.answer("What was promised for women?")  # no row names them in any words
    assert "apprenticeships" not in women.answer


def test_a_supplier_with_no_promise_is_still_a_name_the_documents_answer_for(tmp_path):
    """A report stored for "Lewisham Gateway" that never names itself and promises nothing: a
    question naming it is answered from the report, not refused as naming no one."""
    report = ("# Social value update\n\nOur latest report showcases the social value we have delivered.\n\n"
              "Key highlights so far:\n\n- 4 apprentices have worked 92 weeks\n- 1 Meet the Contractor event\n"
              "- 87 local people employed (FTE)\n")
    answerer = answerer_over(tmp_path, (("acme.md", ACME, "Acme Housing"), ("update.md", report, "Lewisham Gateway")))
    assert "Lewisham Gateway" in answerer.register.suppliers()
    answer = answerer.answer("How many local people have been employed by Lewisham Gateway?")
    assert answer.supported and "87 local people employed" in answer.answer
    # a list item that gives no time takes its lead-in's ("so far"): a yes/no about an event held
    held = answerer.answer("Has there been a Meet the Contractor event?")
    assert held.supported and "1 Meet the Contractor event" in held.answer


def test_the_suppliers_a_resident_can_name_are_those_of_public_documents(tmp_path):
    store = MemoryStore()
    for name, supplier, audience in (("a.md", "Acme Housing", "public"), ("b.md", "Secret Ltd", "restricted")):
        (tmp_path / name).write_text(f"# {supplier} report\n\nWe trained 40 people in Testville.\n", encoding="utf-8")
        ingest([tmp_path / name], store, HashEmbedder(), IngestMeta(supplier, ("Testville",), audience=audience))
    charter = parse_charter(CHARTER)
    assert Register(Mirror(store), HashEmbedder(), charter, "public").suppliers() == ["Acme Housing"]
    assert Register(Mirror(store), HashEmbedder(), charter, "all").suppliers() == ["Acme Housing", "Secret Ltd"]


def test_a_name_the_register_does_not_hold_is_answered_with_those_a_resident_can_name(tmp_path):
    store = MemoryStore()
    for name, supplier, audience in (("a.md", "Acme Housing", "public"), ("b.md", "Secret Ltd", "restricted")):
        (tmp_path / name).write_text(f"# {supplier} bid\n\nWe will train 40 people in Testville by 2027.\n",
                                     encoding="utf-8")
        ingest([tmp_path / name], store, HashEmbedder(), IngestMeta(supplier, ("Testville",), audience=audience))
    mirror, charter = Mirror(store), parse_charter(CHARTER)
    register = Register(mirror, HashEmbedder(), charter, "public", as_of=date(2026, 11, 25))
    answerer = PromiseAnswerer(lambda: register, charter, ExtractiveAnswerer(
        Retriever(mirror, HashEmbedder(), audience="public"), HashEmbedder()))
    answer = answerer.answer("What did Phoenix Homes promise?")
    assert not answer.supported and "Its promises are from Acme Housing, for Testville" in answer.answer
    assert "Secret" not in answer.answer and "Phoenix" not in answer.answer  # never named back, never leaked


def test_a_group_asked_for_is_the_promises_naming_it_not_an_outcome_titled_with_it(tmp_path, monkeypatch):
    """"What is promised for young people?" asks the promises to young people; an outcome whose
    title names them ("Carbon, trees and young people") holds promises about other things."""
    monkeypatch.setitem(globals(), "CHARTER", CHARTER.replace("Carbon and trees", "Carbon, trees and young people"))
    doc = ACME + "We will offer 10 work placements to young people in Southgate by July 2028.\n"
    answerer = answerer_over(tmp_path, (("acme.md", doc, "Acme Housing"),))
    answer = answerer.answer("What is promised for young people?")
    assert texts(answerer, answer) == ["We will offer 10 work placements to young people in Southgate by July 2028."]
    on = answerer.reader.read("What is promised on carbon and trees?", "list", ["Acme Housing"])
    assert on.outcome and on.outcome_in_words  # an outcome named as a topic is still the outcome


def test_an_outcome_named_in_its_own_words_is_asked_of_the_documents_too(tmp_path, monkeypatch):
    """"How much has X spent with local businesses?" names the outcome "Money spent with local
    businesses" by its words: when no promise answers, a report's figure does (an outcome named
    by its id asks the register only)."""
    monkeypatch.setitem(globals(), "CHARTER", CHARTER.replace("Carbon and trees", "Money spent with local businesses"))
    report = "# Bolt report\n\nKey highlights so far:\n\n- £53,554,494 spent with local businesses\n"
    answerer = answerer_over(tmp_path, (("report.md", report, "Bolt Builders"),))
    reading = answerer.reader.read("How much has Bolt Builders spent with local businesses?", "total",
                                   ["Bolt Builders"])
    assert reading.outcome and reading.outcome_in_words
    answer = answerer.answer("How much has Bolt Builders spent with local businesses?")
    assert answer.supported and "£53,554,494 spent with local businesses" in answer.answer


def test_a_supplier_named_in_lower_case_is_still_a_name_the_answer_must_come_from(tmp_path):
    """"mhs homes" asked in lower case (or stored so) is that landlord, not any landlord's repairs."""
    northgate = "# Northgate Homes standards\n\nWe will complete all routine repairs within 21 calendar days.\n"
    valley = "# Valley Homes standards\n\nWe will answer your call within 30 seconds.\n"
    answerer = answerer_over(tmp_path, (("northgate.md", northgate, "Northgate Homes"),
                                        ("valley.md", valley, "valley homes")))
    for question in ("How long does valley homes take to complete routine repairs?",
                     "How long does Valley Homes take to complete routine repairs?"):
        assert not answerer.answer(question).supported, question
    found = answerer.answer("How long does northgate homes take to complete routine repairs?")
    assert found.supported and "21 calendar days" in found.citations[0].quote


def test_which_organisations_asks_who_not_about_organisations(answerer):
    answer = answerer.answer("Which organisations have promised to plant trees?")
    assert answer.answerer == "register" and texts(answerer, answer) == ["We will plant 300 trees in Southgate by 2029."]
    assert "organisations" not in answer.answer.split("\n")[0]


def test_a_promise_naming_no_place_is_for_the_one_area_its_document_covers(tmp_path):
    """A bid for Testville alone promises for Testville what it says nowhere by name."""
    bid = "# Acme bid\n\n## Jobs\n\nWe will create 12 apprenticeships by 2028.\n"
    answerer = answerer_over(tmp_path, (("bid.md", bid, "Acme Housing"),))
    answer = answerer.answer("What did Acme promise for Testville?")
    assert answer.supported and texts(answerer, answer) == ["We will create 12 apprenticeships by 2028."]


def test_two_suppliers_named_together_are_both_asked_about(answerer):
    answer = answerer.answer("Who promised more apprentices, Acme or Bolt?")
    shown = texts(answerer, answer)
    assert "We will take on 6 apprentices in Southgate by 2027." in shown  # Bolt's
    assert any("Acme" in line or "apprenticeships" in line for line in shown)  # and Acme's
    assert "about apprentices, Acme Housing, Bolt Builders," in answer.answer.split("\n")[0]


def test_a_place_typed_in_lower_case_is_the_place_not_a_supplier_named_for_it(tmp_path):
    """"in southgate" is the area, though "Southgate Homes" begins with it."""
    homes = "# Southgate Homes plan\n\n## Homes\n\nWe will build 20 homes in Southgate by 2028.\n"
    answerer = answerer_over(tmp_path, (("acme.md", ACME, "Acme Housing"), ("sg.md", homes, "Southgate Homes")))
    answer = answerer.answer("what was promised in southgate?")
    assert sorted(texts(answerer, answer)) == ["We will build 20 homes in Southgate by 2028.",
                                               "We will plant 300 trees in Southgate by 2029."]


def test_outside_a_places_hall_is_where_a_thing_stands_not_a_place_left_out(answerer):
    reading = answerer.reader.read("Has the defibrillator outside Northend village hall been paid for?", "delivered",
                                   answerer.register.suppliers())
    assert reading.not_areas == [] and reading.areas == ["Northend"]
    assert answerer.reader.read("What was promised outside Northend?", "list",
                                answerer.register.suppliers()).not_areas == ["Northend"]


def test_how_the_answer_is_to_be_shown_is_no_topic(answerer):
    """"a table of ... key commitments with their deadlines" asks for every commitment, shown so."""
    every = texts(answerer, answerer.answer("What did Acme promise?"))
    for question in ("Give me a table of Acme's commitments", "List Acme's key commitments with their deadlines"):
        assert texts(answerer, answerer.answer(question)) == every


def test_jobs_that_are_not_local_are_said_apart_from_local_ones(tmp_path):
    """"Local jobs": the jobs of an office in Leeds (flagged NOT_LOCAL) are not added to them, and
    are said apart, not hidden."""
    text = ("# Cobalt bid for Testville\n\n## Jobs\n\nWe will create 10 local jobs in Testville by 2028.\n"
            "We will open an office in Leeds by 2027, creating 6 jobs.\n")
    answerer = answerer_over(tmp_path, (("cobalt.md", text, "Cobalt Care"),))
    total = answerer.answer("How many local jobs were promised in total?")
    assert "10 local jobs in all" in total.answer and "Not added: not local, 6 jobs (Cobalt Care)" in total.answer
    compared = answerer.answer("Compare the suppliers on local jobs")
    assert "(10 local jobs — not local, not added: 6 jobs)" in compared.answer
    # of one supplier, "promised nothing for ...?" is answered once, not twice over
    alone = answerer.answer("Which suppliers promised nothing for Testville?")
    assert "made a matching promise." not in alone.answer and "Cobalt Care made 1 matching promise:" in alone.answer


def test_a_sum_paid_per_megawatt_or_household_is_a_rate_never_added_to_money(tmp_path):
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme wind farm for Testville\n\n## Community fund\n\n"
                                         "We will pay £5,000 per MW of installed capacity to the Testville fund.\n"
                                         "We will invest £2m in Testville's town centre by 2029.\n", "Acme Energy"),))
    rate = next(r for r in answerer.register.all() if r.quantity == 5000)
    assert rate.unit == "£ per MW"
    total = answerer.answer("How much money was promised?").answer
    assert "£2,000,000 in all, from 1 promise" in total and "2,005,000" not in total
    assert "Not added: paid at a rate, not a sum, £5,000 per MW (Acme Energy)" in total
    compared = answerer.answer("Compare the suppliers on money").answer
    assert "2,005,000" not in compared and "£5.01m" not in compared


def test_a_promise_that_leads_in_to_its_targets_keeps_its_colon_and_behind_them_is_no_status(tmp_path):
    answerer = answerer_over(tmp_path, (("acme.md", "# Acme plan for Testville\n\n## Carbon\n\n"
                                         "We will reach net zero in Testville by 2040 with:\n\n"
                                         "- a 46% cut in our emissions by 2030\n", "Acme Energy"),))
    answer = answerer.answer("Which targets sit behind Acme's commitment to net zero by 2040?")
    assert answer.supported and "Showing: overdue" not in answer.answer
    assert "by 2040 with: [1]" in answer.answer and "with:." not in answer.answer
    assert answerer.answer("Which of Acme's promises are behind schedule?").answer.startswith("Showing: overdue")
