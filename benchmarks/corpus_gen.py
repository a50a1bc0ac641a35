"""Deterministic, realistic tender-response PDFs for benchmarks (fpdf2, seeded random.Random).

Each PDF has a running header and a "Page n of m" footer, numbered section headings
("3.2 Apprenticeships and Training"), paragraphs mixing boilerplate with measurable commitments
("We will create 12 apprenticeships for Harrowden residents by March 2027") and a commitments
table per section. The same (pages, seed, docs) always yields byte-identical files.

Run from the repo root (writes into OUT_DIR, which should be a temporary folder):
    . .venv/bin/activate
    python benchmarks/corpus_gen.py OUT_DIR [--pages 120] [--docs 6] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

SUPPLIERS = ["Calder Build Partnership", "Northmoor Facilities Ltd", "Brightwater Civils",
             "Oakridge Care Services", "Kestrel Highways", "Fenwick Digital"]
BUYERS = ["Harrowden Borough Council", "Ashcombe County Council", "Tewsbury City Council"]
PLACES = ["Harrowden", "Ashcombe", "Tewsbury", "Marlow Fields", "Brackley Vale", "Eastmoor",
          "Kingsholt", "Wenbury", "Lydcott", "Stanwick"]
MONTHS = ["January", "March", "April", "June", "September", "December"]
GROUPS = ["young people not in education, employment or training", "care leavers",
          "veterans", "people with disabilities", "long-term unemployed residents",
          "ex-offenders", "refugees", "school leavers"]
ORGS = ["Harrowden Food Bank", "the Eastmoor Youth Trust", "Kingsholt Men's Shed",
        "the Wenbury Credit Union", "Lydcott Community Garden", "Stanwick Dementia Cafe"]
THEMES = {
    "Employment and Skills": ["Apprenticeships and Training", "Local Recruitment",
                              "Work Placements", "Careers Support in Schools"],
    "Local Supply Chain": ["Spend with Local SMEs", "Social Enterprises", "Prompt Payment"],
    "Environment and Net Zero": ["Carbon Reduction", "Waste and Recycling", "Fleet Emissions",
                                 "Biodiversity"],
    "Community Wellbeing": ["Volunteering", "Community Investment Fund", "Health and Wellbeing"],
    "Fair Work and Ethical Practice": ["Real Living Wage", "Modern Slavery",
                                       "Equality and Inclusion"],
    "Governance and Reporting": ["Social Value Reporting", "Key Performance Indicators",
                                 "Contract Management"],
}
ADJ = ["robust", "measurable", "targeted", "sustainable", "inclusive", "transparent",
       "proactive", "collaborative", "long-term", "place-based", "evidence-led", "proportionate"]
NOUNS = ["delivery plan", "framework", "programme", "partnership", "approach", "strategy",
         "governance structure", "action plan", "reporting cycle", "supply chain charter"]
VERBS = ["embed", "deliver", "monitor", "strengthen", "align", "review", "evidence", "maintain",
         "prioritise", "report on"]
STAKE = ["the Council", "local residents", "our supply chain partners", "ward members",
         "community groups", "the contract manager", "our site teams", "the Social Value Board"]
COMMITMENTS = [
    "We will create {n} apprenticeships for {place} residents by {month} {year}.",
    "We will spend £{m}m with SMEs based within {r} miles of {place} over the contract term.",
    "We will deliver {h} hours of staff volunteering with {org} each year.",
    "We will offer {n} paid work placements to {group} in {place} by {month} {year}.",
    "We will reduce our Scope 1 and 2 emissions on this contract by {p}% against our {base} "
    "baseline by {year}.",
    "We will pay at least the Real Living Wage to all {n2} staff working on the contract.",
    "We will divert {p}% of construction waste from landfill across all {place} sites.",
    "We will contribute £{k},000 a year to a community investment fund managed with {org}.",
    "We will hold {n} careers events in {place} schools before {month} {year}.",
    "We will ensure {p}% of new hires on this contract live in {place} or {place2}.",
]


def _fill(rng: random.Random, template: str) -> str:
    place, place2 = rng.sample(PLACES, 2)
    return template.format(
        n=rng.randint(2, 40), n2=rng.randint(40, 400), m=rng.choice([0.5, 1.2, 2.4, 3.8, 6]),
        r=rng.choice([10, 15, 20, 25]), h=rng.randint(2, 30) * 50, p=rng.randint(15, 95),
        k=rng.randint(5, 80), place=place, place2=place2, month=rng.choice(MONTHS),
        year=rng.randint(2026, 2030), base=rng.randint(2019, 2024), org=rng.choice(ORGS),
        group=rng.choice(GROUPS))


def _sentence(rng: random.Random) -> str:
    """Filler: a vague pledge, past evidence or a description of how things are done today."""
    adj, noun = rng.choice(ADJ), rng.choice(NOUNS)
    article = "an" if adj[0] in "aeiou" else "a"
    benefit = rng.choice(["social value", "community benefits", "local outcomes", "added value"])
    kind = rng.random()
    if kind < 0.3:
        return (f"Our {rng.choice(ADJ)} {noun} will {rng.choice(VERBS)} {benefit} with "
                f"{rng.choice(STAKE)}, using {article} {adj} {rng.choice(NOUNS)} reviewed "
                f"{rng.choice(['monthly', 'quarterly', 'at each milestone', 'annually'])}.")
    if kind < 0.65:
        return (f"On our {rng.choice(['highways', 'schools', 'housing', 'care', 'facilities'])} "
                f"contract in {rng.choice(PLACES)} we supported {rng.randint(5, 300)} "
                f"{rng.choice(['apprentices', 'local suppliers', 'volunteers', 'job seekers'])} "
                f"between {rng.randint(2016, 2019)} and {rng.randint(2020, 2024)}, "
                f"as evidenced in our {adj} {noun}.")
    return (f"{rng.choice(STAKE).capitalize()} {rng.choice(['receive', 'review', 'agree'])} "
            f"{article} {adj} {noun} that sets out how {benefit} is measured, "
            f"who is accountable and how {rng.choice(STAKE)} are kept informed.")


def _paragraph(rng: random.Random) -> str:
    parts = [_sentence(rng) for _ in range(rng.randint(2, 4))]
    for _ in range(rng.randint(1, 2)):
        parts.insert(rng.randint(0, len(parts)), _fill(rng, rng.choice(COMMITMENTS)))
    return " ".join(parts)


class _Tender(FPDF):
    running_header = ""

    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 6, self.running_header, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")


def _document(path: Path, pages: int, rng: random.Random, supplier: str, buyer: str) -> None:
    pdf = _Tender(format="A4")
    pdf.set_creation_date(datetime(2025, 1, 1, tzinfo=UTC))  # byte-identical reruns
    ref = f"{buyer.split()[0][:2].upper()}/2025/{rng.randint(100, 999)}"
    pdf.running_header = f"{buyer} - Tender {ref} - Social Value Response by {supplier}"
    pdf.set_title(f"{supplier}: Social Value Method Statement ({ref})")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, f"Social Value Method Statement\n{supplier}\nResponse to {buyer}")
    pdf.ln(4)
    themes = list(THEMES)
    section = 0
    # Keep adding blocks until the last wanted page is mostly full; every block is shorter
    # than the 100 mm left, so the document never spills onto an extra page.
    while pdf.page_no() < pages or pdf.get_y() < pdf.h - 100:
        section += 1
        theme = themes[(section - 1) % len(themes)]
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 9, f"{section} {theme}", new_x="LMARGIN", new_y="NEXT")
        for sub, topic in enumerate(THEMES[theme], start=1):
            if pdf.page_no() >= pages and pdf.get_y() > pdf.h - 100:
                break
            pdf.set_font("Helvetica", "B", 11)
            pdf.cell(0, 8, f"{section}.{sub} {topic}", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 10)
            for _ in range(rng.randint(1, 3)):
                if pdf.page_no() >= pages and pdf.get_y() > pdf.h - 100:
                    break
                pdf.multi_cell(0, 5, _paragraph(rng))
                pdf.ln(3)
        if pdf.page_no() < pages or pdf.get_y() < pdf.h - 100:
            _table(pdf, rng, theme)
    pdf.output(str(path))


def _table(pdf: FPDF, rng: random.Random, theme: str) -> None:
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 7, f"Table: {theme} commitments and measures", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=(60, 25, 25, 30), line_height=5) as table:
        table.row(["Measure", "Target", "Year", "Area"])
        for _ in range(rng.randint(3, 5)):
            measure = rng.choice(["Apprenticeship starts", "Local spend (£k)", "Volunteer hours",
                                  "Work placements", "Careers events", "CO2e reduction (%)"])
            table.row([measure, str(rng.randint(3, 400)), str(rng.randint(2026, 2030)),
                       rng.choice(PLACES)])
    pdf.ln(4)


def generate(out_dir: Path, pages: int, seed: int = 7, docs: int = 6) -> list[Path]:
    """Write ``docs`` tender-response PDFs holding ``pages`` pages in total; return their paths."""
    if pages < docs:
        raise ValueError("need at least one page per document")
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(docs):
        share = pages // docs + (1 if i < pages % docs else 0)
        supplier, buyer = SUPPLIERS[i % len(SUPPLIERS)], BUYERS[i % len(BUYERS)]
        path = out_dir / f"tender_response_{i + 1:02d}.pdf"
        _document(path, share, rng, supplier, buyer)
        paths.append(path)
    return paths


def questions(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct, varied questions in the vocabulary of the generated tenders."""
    rng = random.Random(seed + 1)
    forms = [
        "How many apprenticeships will be created for {place} residents?",
        "What will be spent with local SMEs near {place}?",
        "How many volunteering hours will be given to {org}?",
        "What work placements are offered to {group} in {place}?",
        "By how much will Scope 1 and 2 emissions be reduced by {year}?",
        "Do all staff on the {place} contract get the Real Living Wage?",
        "What share of construction waste is diverted from landfill in {place}?",
        "How much goes into the community investment fund with {org}?",
        "How many careers events will be held in {place} schools?",
        "What percentage of new hires will live in {place}?",
        "How is {topic} reported to the Council?",
        "What is the approach to {topic} in {place}?",
    ]
    topics = [t.lower() for subs in THEMES.values() for t in subs]
    found: dict[str, None] = {}
    while len(found) < n:
        found[rng.choice(forms).format(
            place=rng.choice(PLACES), org=rng.choice(ORGS), group=rng.choice(GROUPS),
            topic=rng.choice(topics), year=rng.randint(2026, 2030))] = None
    return list(found)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--docs", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for p in generate(args.out_dir, args.pages, args.seed, args.docs):
        print(p)
