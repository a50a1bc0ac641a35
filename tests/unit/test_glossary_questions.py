"""A question about what a word means is answered from the glossary the residents' page shows,
cited to it; a question that names more than the word is still one for the documents."""

from assistant.answers.glossary_questions import SOURCE, answer_term, defined
from assistant.answers.promises import PromiseAnswerer
from assistant.app import render
from assistant.glossary import Glossary, Term, load_glossary
from tests.unit.test_register_questions import answerer  # noqa: F401 (fixture)

WORDS = Glossary((
    Term(term="SME", means="A small or medium-sized business.", forms=("SME", "SMEs")),
    Term(term="net zero", means="Cutting greenhouse gases and balancing the rest."),
    Term(term="Requires improvement (rating)", means="Between half and 80% of the target so far.",
         forms=("Rating: Requires improvement",)),
    Term(term="broken promise", means="The council can take it up with the supplier.",
         forms=("broken promise", "breaks a promise")),
))


def test_what_a_word_means_is_read_off_the_ways_people_ask():
    asked = {"What is an SME?": "SME", "what are smes": "SME", "What does SME stand for?": "SME",
             "Define net zero": "net zero", "What is meant by 'net zero'?": "net zero",
             "What does “net zero” mean?": "net zero", "Explain the term net zero.": "net zero",
             "What does requires improvement mean?": "Requires improvement (rating)",
             "What happens if a supplier breaks a promise?": "broken promise"}
    for question, term in asked.items():
        found = defined(question, WORDS)
        assert found is not None and found.term == term, question
    for question in ("What is Brightstone's net zero target?", "When will Acme reach net zero?",
                     "What did SMEs get?", "What is the charter?", "Who is Brightstone?",
                     "What happens if a supplier is late?", "What are the SMEs?"):
        assert defined(question, WORDS) is None, question
    assert defined("What is an SME?", None) is None  # no glossary: the documents answer


def test_the_answer_is_the_glossary_sentence_cited_to_the_glossary_with_no_document_to_open():
    answer = answer_term("What is an SME?", defined("What is an SME?", WORDS))
    assert answer.supported and answer.answer == "SME: A small or medium-sized business. [1]"
    [cited] = answer.citations
    assert (cited.doc_id, cited.source, cited.section) == ("", SOURCE, "SME")
    out = render.answer_html(answer, lambda doc_id, quote: None, link=lambda doc_id, page: f"/source/{doc_id}")
    assert SOURCE in out and "Open the whole document" not in out


def test_the_chat_answers_from_the_glossary_before_the_register_or_the_documents(answerer):  # noqa: F811
    chat = PromiseAnswerer(answerer.register_of, answerer.charter, answerer.fallback, glossary=WORDS)
    answer = chat.answer("What does requires improvement mean?")
    assert answer.answer.startswith("Requires improvement (rating): Between half") and not answer.rows
    # without the glossary the same question read as a register question about "mean"
    assert "Between half" not in answerer.answer("What does requires improvement mean?").answer
    assert chat.answer("What did Acme promise?").rows  # other questions are routed as before
    listed = PromiseAnswerer(answerer.register_of, answerer.charter, answerer.fallback, glossary=Glossary((
        Term(term="service standard", means="How the service itself is run.", forms=("service standards",)),)))
    assert "How the service itself" not in listed.answer("What are the service standards?").answer  # the list
    assert "How the service itself" in listed.answer("What are service standards?").answer


def test_the_shipped_glossary_explains_what_residents_ask_about():
    shipped = load_glossary()
    for question in ("What is social value?", "What is a VCSE?", "What is the Real Living Wage?",
                     "What happens if a supplier breaks a promise?", "What is TUPE?", "What is an FTE?"):
        assert defined(question, shipped) is not None, question


def test_a_short_question_about_this_service_gets_its_help_answer_cited_to_it():
    from assistant.answers.glossary_questions import ABOUT, answer_help, helped
    from assistant.glossary import Help

    words = Glossary(WORDS.terms, (Help(title="Having your say", asks=("have my say", "give my views"),
                                        says="Choose what matters most under “What matters to you”."),))
    for question in ("How can I have my say?", "where do I give my views", "Can I HAVE MY SAY here?"):
        assert helped(question, words).title == "Having your say", question
    for question in ("Did Acme have a say in the charter?", "What did residents say?",
                     "How can I have my say about the depot Acme plans in Northend and the jobs it promised there "
                     "for local people?"):  # another question, or a long one about something else as well
        assert helped(question, words) is None, question
    answer = answer_help("How can I have my say?", helped("How can I have my say?", words))
    assert answer.answer == "Choose what matters most under “What matters to you”. [1]"
    assert (answer.citations[0].doc_id, answer.citations[0].source) == ("", ABOUT)
    shipped = load_glossary()
    for question in ("How can I have my say?", "Who checks that suppliers keep their promises?",
                     "Can I see the original documents?", "Who checks that the promises are kept?",
                     "Who makes sure that all the promises are kept?", "Who is responsible for checking these promises?"):
        assert helped(question, shipped) is not None, question
    for question in ("How can I complain if a promise is broken?", "What can I do if a promise was not kept?"):
        assert helped(question, shipped).title == "When a promise is not kept", question
    assert helped("Where does this money come from?", shipped) is None  # a word that counts between them


def test_the_chat_gives_the_help_answer_before_the_documents(answerer):  # noqa: F811
    from assistant.glossary import Help

    words = Glossary(WORDS.terms, (Help(title="Having your say", asks=("have my say",),
                                        says="Choose what matters most under “What matters to you”."),))
    chat = PromiseAnswerer(answerer.register_of, answerer.charter, answerer.fallback, glossary=words)
    assert chat.answer("How can I have my say?").answer.startswith("Choose what matters most")
    assert "Choose what matters" not in answerer.answer("How can I have my say?").answer  # without it
    # a follow-up's context is no part of the question: "that" here is no pronoun for the last one
    history = [{"role": "user", "content": "How can I have my say?"}, {"role": "assistant", "content": "..."}]
    assert "Choose what matters" not in chat.answer("Who checks that suppliers keep their promises?", history).answer


def test_what_a_flag_means_is_answered_in_the_registers_own_words():
    from assistant.answers.glossary_questions import answer_flag, flag_defined

    for question, flag in (("What does VAGUE mean?", "VAGUE"), ("What is NOT_LOCAL?", "NOT_LOCAL"),
                           ("what does unmapped mean", "UNMAPPED"), ("Define NO_DEADLINE", "NO_DEADLINE")):
        assert flag_defined(question) == flag, question
    assert flag_defined("What does vague promise mean?") is None and flag_defined("Which promises are vague?") is None
    answer = answer_flag("What does VAGUE mean?", "VAGUE")
    assert answer.answer == "VAGUE: a promise so flagged has no target it can be measured by. [1]"
    assert answer.supported and answer.citations[0].doc_id == ""  # no document to open


def test_the_chat_answers_what_a_flag_means_before_reading_it_as_a_filter(answerer):  # noqa: F811
    chat = PromiseAnswerer(answerer.register_of, answerer.charter, answerer.fallback, glossary=WORDS)
    assert chat.answer("What does VAGUE mean?").answer.startswith("VAGUE: a promise so flagged")
    assert chat.answer("Which promises are vague?").answer.startswith("Showing: no measurable target")
