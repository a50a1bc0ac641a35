import io
from pathlib import Path

import pytest

from ingest.errors import LoadError
from ingest.loaders import decode_text, load


def make_pdf(pages: list[list[str]], password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            bold = line.startswith("#")
            pdf.set_font("Helvetica", "B" if bold else "", 14 if bold else 11)
            pdf.multi_cell(0, 6, line.lstrip("# "), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    data = bytes(pdf.output())
    if password:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(password)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Harrowden Tender Response", level=0)
    document.add_heading("Jobs and Skills", level=1)
    document.add_paragraph("We will create 12 apprenticeships for Harrowden residents by 2027.")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("Measure", "Target", "Date"), ("Apprenticeships", "12", "2027")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_heading("Environment", level=2)
    document.add_paragraph("We will plant 300 trees in Millbrook.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_keeps_page_numbers_and_finds_headings():
    data = make_pdf([["# 1. Introduction", "Brightside Ltd welcomes the opportunity."],
                     ["# 2. Jobs and Skills", "We will create 20 apprenticeships by 2027."]])
    doc = load(Path("bid.pdf"), data)
    headings = [(b.page, b.text) for b in doc.blocks if b.heading]
    assert headings == [(1, "1. Introduction"), (2, "2. Jobs and Skills")]
    body = [b for b in doc.blocks if "apprenticeships" in b.text]
    assert body and body[0].page == 2
    assert doc.pages == 2


def test_pdf_with_user_password_is_a_clear_error_but_empty_password_opens():
    locked = make_pdf([["Secret text here."]], password="s3cret")
    with pytest.raises(LoadError, match="password"):
        load(Path("locked.pdf"), locked)
    opened = load(Path("open.pdf"), make_pdf([["Readable text here."]], password=""))
    assert "Readable text" in opened.blocks[0].text


@pytest.mark.parametrize("data, match", [
    (b"%PDF-1.4\n1 0 obj garbage", "damaged"),
    (b"PK\x03\x04 not a pdf at all", "not a PDF"),
    (b"", "empty"),
])
def test_bad_pdfs_raise_load_errors_with_a_fix(data, match):
    with pytest.raises(LoadError, match=match):
        load(Path("bad.pdf"), data)


def test_docx_headings_become_sections_and_tables_stay_as_rows():
    doc = load(Path("bid.docx"), make_docx())
    assert doc.title == "Harrowden Tender Response"
    assert [(b.heading, b.text) for b in doc.blocks if b.heading] == [
        (1, "Harrowden Tender Response"), (1, "Jobs and Skills"), (2, "Environment")]
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.text.splitlines() == ["Measure | Target | Date", "Apprenticeships | 12 | 2027"]


def test_malformed_docx_is_a_clear_error():
    with pytest.raises(LoadError, match="Word file"):
        load(Path("bad.docx"), b"PK\x03\x04 this is not really a zip")


def test_html_drops_scripts_and_navigation():
    page = b"""<html><head><title>Social value</title><script>var secret='XSCRIPTX';</script></head>
    <body><nav><a href='/'>Home</a> | <a href='/x'>NAVLINKX</a></nav>
    <article><h1>Our promises</h1><p>We will create 20 apprenticeships for Rotherham residents
    by 2026, working with local colleges and training providers across the borough.</p>
    <h2>Environment</h2><p>We will reach net zero across our operations by 2030 and report
    progress every year to the council and to residents.</p></article>
    <footer>Cookie policy FOOTERX</footer></body></html>"""
    doc = load(Path("page.html"), page)
    text = " ".join(b.text for b in doc.blocks)
    assert "20 apprenticeships for Rotherham" in text
    assert "XSCRIPTX" not in text and "NAVLINKX" not in text
    assert any(b.heading and b.text == "Environment" for b in doc.blocks)


def test_markdown_headings_tables_and_inline_markup():
    text = ("# Bid\n\n## Jobs\n\nWe **will** create [20 jobs](http://x) in Leeds.\n\n"
            "| Measure | Target |\n|---|---|\n| Jobs | 20 |\n")
    doc = load(Path("bid.md"), text.encode())
    assert [(b.heading, b.text) for b in doc.blocks if b.heading] == [(1, "Bid"), (2, "Jobs")]
    assert any(b.text == "We will create 20 jobs in Leeds." for b in doc.blocks)
    assert any(b.kind == "table" and b.text.splitlines() == ["Measure | Target", "Jobs | 20"]
               for b in doc.blocks)


def test_a_markdown_table_without_outer_pipes_is_a_table():
    """GitHub's tables need no "|" at the ends of a row: a header row over its rule begins one."""
    text = ("## Repairs\n\nWe monitor repairs | twice a year.\n\nMeasure | 2023/24 result | Our target |\n"
            "---|---|---|\nRepairs fixed first time | 85% | 88% |\nCalls answered | 91% | 95%\n\nAfter the table.\n")
    blocks = load(Path("report.md"), text.encode()).blocks
    tables = [b.text.splitlines() for b in blocks if b.kind == "table"]
    assert tables == [["Measure | 2023/24 result | Our target", "Repairs fixed first time | 85% | 88%",
                       "Calls answered | 91% | 95%"]]
    assert any(b.text == "We monitor repairs | twice a year." for b in blocks)  # a pipe alone makes no table
    assert blocks[-1].text == "After the table." and blocks[-1].kind != "table"


def test_a_markdown_line_opening_with_a_figure_after_a_full_stop_begins_a_paragraph():
    text = "Our goal is a minimum of EPC band C.\n2024/25\nAction | Owner |\n---|---|\nReview EPC ratings | Director |\n"
    blocks = load(Path("plan.md"), text.encode()).blocks
    assert [b.text for b in blocks][:2] == ["Our goal is a minimum of EPC band C.", "2024/25"]
    wrapped = load(Path("note.md"), b"Page last updated:\n4 July 2018\n").blocks  # no full stop: one line
    assert [b.text for b in wrapped] == ["Page last updated: 4 July 2018"]


def test_a_middle_dot_is_a_bullet_as_word_processors_paste_it():
    """Council minutes copied from Word list with "·": each is a list item under its lead-in."""
    text = "Since 2019, the Council had:\n\n·      Adopted a Climate Change Action Plan.\n·      Cut emissions by 13%.\n"
    blocks = load(Path("minutes.md"), text.encode()).blocks
    assert [b.text for b in blocks] == ["Since 2019, the Council had:", "• Adopted a Climate Change Action Plan.",
                                        "• Cut emissions by 13%."]
    plain = load(Path("minutes.txt"), text.replace("\n\n", "\n").encode()).blocks
    assert [b.text for b in plain][1:] == ["· Adopted a Climate Change Action Plan.", "· Cut emissions by 13%."]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_text_encodings_are_detected(encoding):
    text = "Spend with local firms – £2m by 2027, café owners’ “fair” share included.\n"
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("’", "'").replace("“", '"').replace("”", '"')
    decoded = decode_text(text.encode(encoding))
    assert "£2m" in decoded and "café" in decoded


def test_binary_renamed_as_text_is_rejected():
    with pytest.raises(LoadError, match="binary"):
        load(Path("photo.txt"), bytes(range(256)) * 20)


def test_unsupported_extension_names_the_supported_ones():
    with pytest.raises(LoadError, match=r"unsupported file type '\.xlsx'.*\.pdf"):
        load(Path("sheet.xlsx"), b"data")


def test_plain_text_headings_and_paragraphs():
    text = ("Social Value Plan\n\nJOBS AND SKILLS\nWe will hire 10 local people by 2026.\n"
            "Our work continues across the borough.\n\n2.1 Local Spend\nWe will spend £1m locally.\n")
    doc = load(Path("plan.txt"), text.encode())
    assert [(b.heading, b.text) for b in doc.blocks if b.heading] == [
        (3, "Social Value Plan"), (2, "JOBS AND SKILLS"), (2, "2.1 Local Spend")]
    assert doc.title == "Social Value Plan"


def test_hard_wrapped_text_setext_headings_and_column_tables():
    text = ("PRICING SCHEDULE\n================\n\n"
            "1. Pricing basis\n----------------\n"
            "Pricing is submitted against variant Q7 of the schedule, the\n"
            "Council's adjusted schedule issued with the clarification response.\n\n"
            "Item                      Price\n"
            "------------------------  --------\n"
            "Fixed annual fee          £418,500\n"
            "Day rate                  £295\n")
    doc = load(Path("schedule.txt"), text.encode("cp1252"))
    assert [(b.heading, b.text) for b in doc.blocks if b.heading] == [
        (1, "PRICING SCHEDULE"), (2, "1. Pricing basis")]
    assert any(b.text.startswith("Pricing is submitted") and b.text.endswith("clarification response.")
               for b in doc.blocks)
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.text.splitlines() == ["Item | Price", "Fixed annual fee | £418,500", "Day rate | £295"]


def test_lines_longer_than_any_hard_wrap_and_ended_without_a_stop_are_apart():
    """A web table flattened to lines (each row a long line, no full stop) is one row a line; a
    hard-wrapped paragraph still reads as one."""
    rows = ("Introduce green champions Identify more than 25 green champions Head of Sustainability Dependent on "
            "strong engagement Mid 2026 Currently zero green champions\n"
            "Increase comms for the Green Plan Issue a quarterly newsletter Head of Sustainability Comms and engagement "
            "support Following Green Plan approval\n\n"
            "We will plant 300 trees across the borough's parks and\nschool grounds by the end of 2027.\n")
    for name in ("plan.md", "plan.txt"):
        texts = [b.text for b in load(Path(name), rows.encode()).blocks]
        assert any(t.startswith("Increase comms") for t in texts), texts
        assert any("parks and school grounds by the end of 2027." in t for t in texts), texts


def test_markdown_keeps_underscores_inside_words_and_literal_backslashes():
    doc = load(Path("a.md"), b"See greenway_pricing_schedule.txt and window.__pwned and _this_ and C:\\data \\* ok.\n")
    assert doc.blocks[0].text == "See greenway_pricing_schedule.txt and window.__pwned and this and C:\\data * ok."


def test_pdf_table_rows_keep_their_cells_together():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "The table below sets out our targets.", new_x="LMARGIN", new_y="NEXT")
    for row in [("Commitment", "Target", "Deadline"), ("Apprenticeships", "20", "March 2027"),
                ("Spend with local SMEs", "£2m", "2028"), ("Volunteering hours", "500", "Each year")]:
        for width, cell in zip((90, 40, 50), row):
            pdf.cell(width, 8, cell)
        pdf.ln(8)
    doc = load(Path("plan.pdf"), bytes(pdf.output()))
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.text.splitlines() == ["Commitment | Target | Deadline", "Apprenticeships | 20 | March 2027",
                                       "Spend with local SMEs | £2m | 2028", "Volunteering hours | 500 | Each year"]
    assert any(b.text == "The table below sets out our targets." for b in doc.blocks)


def test_pdf_paragraph_after_a_list_is_not_part_of_its_last_item():
    wrapped = ("Repairs are raised through the contact centre and passed to our scheduling system in real "
               "time, where a planner books each job with the resident. We will work to four priorities:")
    after = ("Residents will be offered morning and afternoon appointments. Every operative carries a van "
             "stock of around 450 lines, replenished each night from our stores, so most jobs are done at once.")
    doc = load(Path("method.pdf"), make_pdf([[wrapped, "- Urgent repairs: complete within 3 working days.",
                                              "- Planned repairs: complete within 60 working days.", after]]))
    texts = [b.text for b in doc.blocks]
    assert texts == [wrapped, "- Urgent repairs: complete within 3 working days.",
                     "- Planned repairs: complete within 60 working days.", after]


def test_pdf_table_rows_with_wrapped_cells_stay_whole_rows_not_headings():
    """A long first cell wraps onto a line of its own (and plain text wraps it elsewhere): the row
    is still one row of cells, not two short lines read as headings."""
    from fpdf import FPDF

    rows = [("Commitment", "Target", "Delivered in 2025/26", "Status"),
            ("Apprenticeships for Testville residents aged 16-24", "20 by March 2027", "22", "Achieved"),
            ("Work placements for students", "40 each year", "41", "Achieved"),
            ("Sheltered homes given a damp and mould survey", "1,150 by 31 December 2025", "1,150", "Achieved"),
            ("Vans converted to electric", "42 by December 2027", "27", "On track")]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=(34, 24, 22, 20), line_height=5, text_align="LEFT",
                   first_row_as_headings=True) as table:
        for row in rows:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    doc = load(Path("report.pdf"), bytes(pdf.output()))
    [table_block] = [b for b in doc.blocks if b.kind == "table"]
    assert table_block.text.splitlines() == [" | ".join(r) for r in rows]
    assert not any(b.heading for b in doc.blocks)


def test_markdown_lines_opening_with_a_bullet_glyph_are_list_items():
    """Text pasted from a page or PDF keeps its "•" bullets: each line is an item of its own."""
    text = "## Obligations\n\n• A transport contribution of £125,675\n• Meeting the Council's costs\n▪ Local labour\n"
    blocks = load(Path("s106.md"), text.encode()).blocks
    assert [b.text for b in blocks[1:]] == [
        "• A transport contribution of £125,675", "• Meeting the Council's costs", "• Local labour"]


@pytest.mark.parametrize("name", ["report.md", "report.txt"])
def test_lettered_and_numbered_lines_are_list_items_in_markdown_as_in_text(name):
    """"a)", "(b)", "(ii)", "c." and "(3)" items written line under line are items of their own,
    not one paragraph; the register reads each under its lead-in."""
    items = ["a) provided 41 work placements;", "(b) spent £1.3m with local SMEs;", "(ii) planted 300 trees;",
             "c. paid the Real Living Wage; and", "(3) gave 540 hours of volunteering."]
    text = "In the first year of the contract we:\n" + "\n".join(items) + "\n"
    blocks = load(Path(name), text.encode()).blocks
    assert [b.text for b in blocks] == ["In the first year of the contract we:", *items]


def test_numbered_clauses_line_under_line_are_items_and_a_wrapped_figure_is_not():
    """"5.2 to pay ..." after a clause that ended is a clause of its own; "19.5 per cent" after "by"
    goes on with its sentence."""
    text = ("## Obligations\n\n5.1 To use reasonable endeavours to secure that 20% of jobs go to residents;\n"
            "5.2 to pay £180,000 per year for seven years; and\n5.3 to report each year.\n\n"
            "We cut emissions by\n19.5 per cent last year.\n")
    blocks = load(Path("s106.md"), text.encode()).blocks
    assert [b.text for b in blocks[1:]] == [
        "5.1 To use reasonable endeavours to secure that 20% of jobs go to residents;",
        "5.2 to pay £180,000 per year for seven years; and", "5.3 to report each year.",
        "We cut emissions by 19.5 per cent last year."]


@pytest.mark.parametrize("name", ["targets.md", "targets.txt"])
def test_short_lines_under_a_lead_in_are_the_items_of_its_list(name):
    """A page pasted without its bullet marks still lists its items under the lead-in: each line
    is an item (in plain text, not a heading), while a run of capitals stays a heading."""
    text = ("By 2030 the council will achieve the following targets:\n10% of spend with local SMEs\n"
            "50 apprenticeships for Salford residents\n\nOur strategy has two themes:\nCHALLENGING INEQUALITY\n"
            "Helping those furthest from work.\n")
    blocks = load(Path(name), text.encode()).blocks
    texts = [b.text for b in blocks]
    assert texts[1:3] == ["• 10% of spend with local SMEs", "• 50 apprenticeships for Salford residents"]
    assert not any(b.heading for b in blocks[:3])
    assert "• CHALLENGING INEQUALITY" not in texts


@pytest.mark.parametrize("name", ["minutes.md", "minutes.txt"])
def test_minutes_lead_ins_and_word_sub_items_make_lists(name):
    """Minutes end a lead-in with ":-" and Word pastes its sub-items with an "o": both are lists,
    and a lead-in after an item ("And subject to the following conditions:-") starts its own."""
    text = ("Approved subject to a Section 106 Agreement securing the following:-\n"
            "• Public Open Space:\no Financial contribution towards indoor sports – £19,500\n"
            "• NHS contributions of £120,986 towards 2 GP Practices in Poynton\n"
            "And subject to the following conditions:-\n1. Standard Outline Time limit – 3 years\n")
    texts = [b.text for b in load(Path(name), text.encode()).blocks]
    assert texts[0].endswith("securing the following:")
    assert "• Financial contribution towards indoor sports – £19,500" in texts
    assert "• NHS contributions of £120,986 towards 2 GP Practices in Poynton" in texts
    assert "And subject to the following conditions:" in texts


def test_markdown_sentence_after_an_item_that_ended_is_a_paragraph_of_its_own():
    """A pasted page's list runs straight into the next paragraph; an item still runs on into a
    line it had not finished."""
    text = ("Highlights include:\n- 21 jobs have been created.\nIn addition, savings of £887,273 were made.\n"
            "- 14 apprenticeships were created for young people\nin the county.\n")
    texts = [b.text for b in load(Path("page.md"), text.encode()).blocks]
    assert texts == ["Highlights include:", "• 21 jobs have been created.", "In addition, savings of £887,273 were made.",
                     "• 14 apprenticeships were created for young people in the county."]


@pytest.mark.parametrize("name", ["table.md", "table.txt"])
def test_a_tables_rows_pasted_without_cells_stay_a_line_each(name):
    """A row ends in its last cell's figure: the next row is no hard wrap of it."""
    text = ("Community investment 10% increase (£2.82 million) £2.82 million £2.15 million\n"
            "Number of children benefiting from education materials 20,000 12,998 19,120\n"
            "Visitor satisfaction at recreation sites Maintain position above 50% 57.3%\n\n")
    texts = [b.text for b in load(Path(name), text.encode()).blocks]
    assert len(texts) == 3 and texts[1].startswith("Number of children"), texts


def test_markdown_short_lines_without_a_full_stop_end_their_paragraph_as_in_plain_text():
    """Pasted pages put a label or a figure on a line of its own ("Emergency repairs: 4 hours");
    joined to the next line it would swallow it. A long line still runs on into the next, and a
    line starting in lower case continues the one before."""
    text = ("## Repairs\n\nEmergency repairs: 4 hours\nUrgent repairs: 3 working days\n\n"
            "We will keep residents informed about every repair we carry out in their homes and\n"
            "Tenants will be told the date.\n\nTop 100\nin FTSE 250 for Board Diversity by 2030.\n")
    blocks = load(Path("page.md"), text.encode()).blocks
    assert [b.text for b in blocks[1:]] == [
        "Emergency repairs: 4 hours", "Urgent repairs: 3 working days",
        "We will keep residents informed about every repair we carry out in their homes and Tenants will be told "
        "the date.", "Top 100 in FTSE 250 for Board Diversity by 2030."]
