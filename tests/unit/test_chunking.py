import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chunking import canonical_text, chunk_blocks
from ingest.document import Block
from ingest.text import split_sentences

SENTENCE = "We will create {n} apprenticeships for local residents in ward {n} by 2027."


def section(n_sentences: int, page: int | None = 1, start: int = 0) -> Block:
    return Block(" ".join(SENTENCE.format(n=i) for i in range(start, start + n_sentences)), page)


def test_chunks_respect_size_and_end_on_sentence_boundaries():
    blocks = [Block("Jobs", 1, heading=1), section(40)]
    chunks = chunk_blocks(blocks, size=400, overlap=100)
    assert len(chunks) > 5
    for chunk in chunks:
        assert len(chunk.text) <= 400
        assert chunk.text.endswith("2027.") and chunk.text.startswith("We will")


def test_offsets_point_into_the_canonical_text():
    blocks = [Block("Intro", 1, heading=1), section(5), Block("Jobs", 2, heading=1), section(30, 2)]
    text, _ = canonical_text(blocks)
    for chunk in chunk_blocks(blocks, size=300, overlap=80):
        assert text[chunk.char_start:chunk.char_end] == chunk.text


def test_overlap_repeats_whole_sentences():
    chunks = chunk_blocks([section(30)], size=300, overlap=120)
    for first, second in zip(chunks, chunks[1:]):
        assert second.char_start < first.char_end  # overlapping span
        last_sentence = first.text[split_sentences(first.text)[-1][0]:]
        assert second.text.startswith(last_sentence)


def test_sections_and_pages_are_never_mixed():
    blocks = [Block("1. Jobs", 1, heading=1), section(3, 1), Block("1.1 Apprentices", 1, heading=2),
              section(3, 1, 10), section(3, 2, 20), Block("2. Environment", 2, heading=1),
              section(2, 2, 30)]
    chunks = chunk_blocks(blocks, size=2000, overlap=0)
    assert [(c.page, c.section, c.section_path) for c in chunks] == [
        (1, "1. Jobs", ("1. Jobs",)),
        (1, "1.1 Apprentices", ("1. Jobs", "1.1 Apprentices")),
        (2, "1.1 Apprentices", ("1. Jobs", "1.1 Apprentices")),
        (2, "2. Environment", ("2. Environment",)),
    ]
    assert chunks[3].header("Bid") == "Bid > 2. Environment"


def test_table_rows_stay_whole():
    rows = "\n".join(f"Measure {i} | {i * 10} | March 2027" for i in range(60))
    chunks = chunk_blocks([Block(rows, None, kind="table")], size=300, overlap=0)
    for chunk in chunks:
        for line in chunk.text.splitlines():
            assert line.startswith("Measure ") and line.endswith("March 2027")


def test_a_sentence_longer_than_the_chunk_is_cut_at_spaces():
    long_sentence = " ".join(["word"] * 400) + "."
    chunks = chunk_blocks([Block(long_sentence)], size=200, overlap=0)
    assert all(len(c.text) <= 200 for c in chunks)
    assert "".join(c.text.replace(" ", "") for c in chunks) == long_sentence.replace(" ", "")


def test_invalid_settings_are_rejected():
    with pytest.raises(ValueError, match="overlap"):
        chunk_blocks([section(3)], size=300, overlap=200)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=0, max_size=400), st.integers(0, 3),
                          st.one_of(st.none(), st.integers(1, 5))), max_size=12))
def test_chunking_any_blocks_keeps_every_body_character(items):
    blocks = [Block(text, page, heading=level) for text, level, page in items if text.strip()]
    text, _ = canonical_text(blocks)
    chunks = chunk_blocks(blocks, size=250, overlap=60)
    for chunk in chunks:
        assert text[chunk.char_start:chunk.char_end] == chunk.text
        assert len(chunk.text) <= 250
    covered = "".join(c.text for c in chunks)
    for block in blocks:
        if not block.heading:
            for word in block.text.split():
                assert word in covered


def test_a_chunk_that_starts_inside_a_table_carries_its_header_row():
    rows = ["KPI | FY21 | FY22 | 2026 ambition"] + [f"Measure {i} of the scheme | {i}% | {i + 1}% | >{i + 5}%"
                                                    for i in range(40)]
    blocks = [Block("Targets", heading=2), Block("\n".join(rows), kind="table")]
    chunks = chunk_blocks(blocks, size=300, overlap=0)
    assert len(chunks) > 2 and chunks[0].table_header == ""
    assert all(c.table_header == rows[0] for c in chunks[1:])
    assert chunks[1].header("Report") == "Report > Targets\nKPI | FY21 | FY22 | 2026 ambition"
    assert chunks[0].header("Report") == "Report > Targets"


def test_a_lead_in_never_ends_a_chunk_it_starts_the_next_with_its_items():
    lead = "Acme pledges to:"
    blocks = [Block(" ".join(SENTENCE.format(n=i) for i in range(4)) + " " + lead, 1),
              Block("• train 20 local apprentices\n• plant 500 trees in Testville", 1)]
    size = len(blocks[0].text) + 10  # the paragraph with its lead-in fits; the items do not
    chunks = chunk_blocks(blocks, size=size, overlap=0)
    assert not any(c.text.rstrip().endswith(":") for c in chunks[:-1])
    holding = [c for c in chunks if lead in c.text]
    assert holding and all("train 20 local apprentices" in c.text for c in holding)
