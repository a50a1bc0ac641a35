from ingest.text import (
    contains_quote,
    content_tokens,
    normalize,
    split_sentences,
    tokens,
)


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_split_on_full_stops_but_not_inside_numbers_or_abbreviations():
    text = ("We will spend £1.5m with SMEs, e.g. builders and Ltd. firms, by 2027. "
            "Dr. Jones leads it! Is 4.5% enough? Yes.")
    assert sentences(text) == [
        "We will spend £1.5m with SMEs, e.g. builders and Ltd. firms, by 2027.",
        "Dr. Jones leads it!", "Is 4.5% enough?", "Yes.",
    ]
    assert sentences("Staff get 2 days off (Approx. £9,200 a year). We help.") == [
        "Staff get 2 days off (Approx. £9,200 a year).", "We help."]


def test_sentence_spans_are_exact_offsets():
    text = "  First one.   Second one.\nThird"
    for start, end in split_sentences(text):
        assert text[start:end] == text[start:end].strip()
    assert sentences(text) == ["First one.", "Second one.", "Third"]


def test_tokens_keep_money_and_numbers_whole_and_drop_possessives():
    assert tokens("Torbay's £31m target: 2,000 jobs") == ["torbay", "£31m", "target", "2,000", "jobs"]
    assert "£31m" in tokens("spent £31m") and "2,000" in tokens("2,000 jobs")
    assert "torbay" in tokens("Torbay's guidance")


def test_content_tokens_stem_plurals_together():
    assert content_tokens("apprentices")[0] == content_tokens("apprentice")[0]
    assert content_tokens("the and of") == []


def test_contains_quote_ignores_quote_styles_spacing_and_case():
    text = "We\u2019ve   spent £31m with\nsocial enterprises."
    assert contains_quote(text, "we've spent £31m with social enterprises")
    assert not contains_quote(text, "we have spent")
    assert normalize("a\u2013b") == "a-b"


def test_a_list_items_number_stays_with_its_sentence():
    """"1. Support 100 apprenticeships." is one item, not the sentence "1." and a stray one."""
    assert sentences("1. Support 100 apprenticeships. We will report yearly.") == [
        "1. Support 100 apprenticeships.", "We will report yearly."]
    assert sentences("5.2 to use reasonable endeavours. Done in 2019. 3. Next item.") == [
        "5.2 to use reasonable endeavours.", "Done in 2019.", "3. Next item."]
