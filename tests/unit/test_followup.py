import pytest

from assistant.answers.followup import condense, is_follow_up, turns

FIRST = "How many apprenticeships will Acme create in Rotherham?"


@pytest.mark.parametrize("follow_up, standalone", [
    ("and in Leeds?", "How many apprenticeships will Acme create in Leeds?"),
    ("And Leeds?", "How many apprenticeships will Acme create in Leeds?"),
    ("what about Bolt?", "How many apprenticeships will Bolt create in Rotherham?"),
    ("When will they start?", f"When will they start? ({FIRST.rstrip('?')})"),
    ("How many jobs will Bolt create in Leeds?", "How many jobs will Bolt create in Leeds?"),
    # the pronoun's name is in the question itself: a new question, not a follow-up
    ("Has Bolt met its carbon target?", "Has Bolt met its carbon target?"),
    ("Why?", f"Why? ({FIRST.rstrip('?')})"),  # a question word alone names no one
])
def test_follow_ups_become_standalone(follow_up, standalone):
    history = [{"role": "user", "content": FIRST}, {"role": "assistant", "content": "20 [1]"}]
    assert condense(follow_up, history, places=["Rotherham", "Leeds"]) == standalone


@pytest.mark.parametrize("first, follow_up, standalone", [
    ("What jobs were promised for young people?", "And for women?", "What jobs were promised for women?"),
    ("What did Acme promise for young people in Leeds by 2027?", "and for care leavers?",
     "What did Acme promise for care leavers in Leeds by 2027?"),
    (FIRST, "and for care leavers?", f"{FIRST.rstrip('?')} for care leavers?"),  # for no one before
    ("What did Acme promise for Rotherham?", "And for women?", "What did Acme promise for Rotherham for women?"),
])
def test_and_for_a_group_asks_the_same_for_that_group(first, follow_up, standalone):
    assert condense(follow_up, [(first, "…")]) == standalone


def test_a_chain_of_follow_ups_builds_on_the_last_standalone_question():
    history = [(FIRST, "20 [1]"), ("what about Bolt?", "12 [1]")]
    assert condense("and in Leeds?", history) == "How many apprenticeships will Bolt create in Leeds?"


def test_another_supplier_after_a_pronoun_follow_up_replaces_the_supplier_not_the_question_word():
    history = [("What did Acme promise on apprenticeships?", "…"), ("Has it delivered them?", "…")]
    assert condense("What about Bolt?", history) == \
        "Has it delivered them? (What did Bolt promise on apprenticeships)?"


def test_without_history_nothing_changes():
    assert condense("and in Leeds?", None) == "and in Leeds?"
    assert not is_follow_up(FIRST) and is_follow_up("and in Leeds?")


def test_history_shapes():
    class Msg:
        role, content = "user", "hello"
    assert turns([("q", "a"), {"role": "assistant", "content": [{"text": "b"}]}, Msg()]) == [
        ("user", "q"), ("assistant", "a"), ("assistant", "b"), ("user", "hello")]


def test_and_about_a_topic_asks_the_same_about_it():
    history = [{"role": "user", "content": "What does the charter say about jobs?"},
               {"role": "assistant", "content": "..."}]
    assert condense("And about carbon?", history) == "What does the charter say about carbon?"
    assert condense("and on local spend?", history) == "What does the charter say about local spend?"


def test_this_year_is_no_pronoun_for_an_earlier_question():
    assert not is_follow_up("What is due this year?")
    # a question with a subject of its own stands alone; "when do they start?" leans on the last
    assert not is_follow_up("When will the hub open?") and is_follow_up("When do they start?")
    assert is_follow_up("When?") and is_follow_up("Where is it?")
    assert is_follow_up("Is that due this year?")
    assert is_follow_up("Which ones are vague?")


def test_is_there_is_no_pronoun_for_an_earlier_question():
    for question in ("What evidence is there for the apprenticeships?", "Are there any jobs for women?",
                     "Is there a community fund?", "There will be how many apprenticeships?"):
        assert not is_follow_up(question), question
    assert is_follow_up("What did they promise there?") and is_follow_up("What is promised there?")
    for question in ("Will there be jobs for people in Millbrook?", "Has there been any progress on the hub?"):
        assert not is_follow_up(question), question


def test_a_short_question_opening_with_a_verb_stands_alone():
    # "Can I get an apprenticeship?" asks something of its own; "Can they?" leans on the last answer
    assert not is_follow_up("Can I get an apprenticeship?") and not is_follow_up("Will Acme hire locally?")
    assert is_follow_up("Can they?") and is_follow_up("Will it?")


def test_that_after_a_saying_verb_begins_a_clause_and_points_at_nothing():
    assert not is_follow_up("Who checks that suppliers keep their promises?")
    assert not is_follow_up("Did Acme promise that apprentices are paid?")
    assert is_follow_up("Is that late?") and is_follow_up("When was that promised?")


def test_a_short_question_with_a_contraction_is_whole():
    assert not is_follow_up("What's overdue for Greenway?") and not is_follow_up("What is overdue for Greenway?")
    assert is_follow_up("What's due there?") and is_follow_up("And for Greenway?")
