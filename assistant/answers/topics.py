"""The subject a question is about, when it names one a sentence cannot be about unnamed.

"What is Mitie doing to reduce water consumption?" asks about water. A sentence on Mitie's energy
use shares the supplier, the verb and the shape of an answer, but says nothing about water, and
quoting it answers a question nobody asked. Social value subjects are few and their words are
plain: a sentence (with its list items, heading and lead-in) about modern slavery says slavery or
trafficking, one about women says women, female or gender. So a question that names one of these
subjects is answered only by a sentence that names it too, in any of its words; when none does,
"not found" is the honest answer.

The subjects are kept to words that are rarely paraphrased; spend and jobs are not here, because
their sentences say them in too many ways ("procurement", "suppliers"; "roles", "posts", "FTE").
"""

from __future__ import annotations

from ingest.text import content_tokens

# Each subject: the words a question names it by, then the further words a sentence may name it
# by (as content_tokens reads them: lower case, lightly stemmed). "nature" names no subject in a
# question ("the nature of the contract") but does in an answer ("nature recovery").
_SUBJECTS: tuple[tuple[str, str], ...] = (
    ("water", ""),
    ("carbon emissions CO2 CO2e GHG greenhouse zero decarbonisation decarbonise decarbonising",
     # the greenhouse gases besides CO2 a sentence may name instead ("shut down its nitrous oxide manifold")
     "tCO2e scope neutral climate fossil methane nitrous refrigerant refrigerants HFC HFCs anaesthetic"),
    ("biodiversity habitat wildlife hedgerow", "nature ecology ecological species tree bng"),
    ("slavery trafficking", "forced"),
    ("women woman female gender girls", ""),
    ("electric EVs", "EV electrified"),
    ("volunteer volunteers volunteering", "volunteered"),
    ("veteran veterans military reservist", "armed forces"),
    ("disabled disability disabilities", "impairment"),
    ("homeless homelessness", "rough sleeping"),
    ("offender offenders prison prisoners", "probation conviction"),
    ("leavers", ""),
    ("damp mould", "condensation"),
    ("young youth youngsters teenagers", "student pupil school college children child neet graduate aged"),
    ("mental wellbeing", ""),
    ("waste recycling landfill", "recycle recycled reuse"),
    ("food meals catering", ""),
    ("pollution pollutants air", "quality NOx particulates emissions"),
)
_ASKED = tuple(frozenset(content_tokens(asks)) for asks, _ in _SUBJECTS)
_NAMED = tuple(frozenset(content_tokens(f"{asks} {also}")) for asks, also in _SUBJECTS)


def subjects_asked(terms: set[str]) -> tuple[frozenset[str], ...]:
    """The subjects a question's content terms name, each as the words any of which names it."""
    return tuple(named for asks, named in zip(_ASKED, _NAMED) if asks & terms)


def misses_subject(subjects: tuple[frozenset[str], ...], terms: set[str], any_one: bool = False) -> bool:
    """True when a sentence's terms (with its items, heading and lead-in) leave a subject unnamed;
    with ``any_one`` (subjects listed: "air pollution and waste targets"), when they name none."""
    if any_one:
        return bool(subjects) and not any(words & terms for words in subjects)
    return any(not words & terms for words in subjects)
