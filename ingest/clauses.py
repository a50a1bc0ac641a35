"""One sentence's pledges, one clause each: "We will create 20 apprenticeships by 2027 and spend
£2m with local SMEs by 2028" is two commitments, each written so it reads alone ("... achieve 25%
local employment and 10% local spend" gives "... achieve 10% local spend"), and a clause that
pledges nothing ("Sixty firms are registered, and we expect ...") is the pledge's context.
"""

from __future__ import annotations

import re

from ingest.deadlines import DEADLINE, find_deadline
from ingest.quantities import quantities
from ingest.targets import NET_ZERO, PLEDGE

_AMOUNT_WITH_VERB = (r"(?:(?:nearly|almost|about|around|over|up to|at least|some)\s++)?[£$€]\d[\d,.]*+"
                     r"(?:\s*+(?:million|billion|bn|m|k)\b)?[^,;.\d]{0,30}?\b(?:is|are|will|would)\b")
_SPLIT = re.compile(
    r";\s+|,\s+and\s+|(?<!\s)\s++and\s+(?=(?:we\s+)?(?:will|shall|also)\b"
    # not "scope 1 and scope 2", "phase 1 and phase 2": one thing's names
    r"|(?!(?:scopes?|phases?|stages?|tiers?|levels?|lots?)\s)"
    r"[a-z]+\s+(?:(?:at least|up to|over|more than)\s+)?[£$€]?\d"
    r"|(?:are\s+|is\s+)?(?:aiming|committed|commit|pledging|planning)\s+to\b|to\s+[a-z]+ing\b"
    r"|(?:a|an|our)\s+(?:\w+\s+)?(?:aim|target|goal|commitment|pledge|ambition)\s+(?:to|of)\b)"
    # "25% local employment and 10% local spend"; not "Scope 1 and 2", "between £2,000 and £5,000"
    r"|(?<![\s\d])\s++and\s+(?=(?:(?:at least|up to|over|more than)\s+)?[£$€]?\d[\d,.]*+\s*+"
    r"(?:%|per ?cent\b|[a-z]{3,}))"
    # "reduce direct emissions by 29% by 2025 and cut indirect emissions by 11% by 2030"
    r"|(?<!\s)\s++and\s+(?=(?:cut|reduce|halve|increase|raise|grow|reach|achieve|deliver|create|spend|invest|"
    r"employ|recruit|plant|provide)\s[^,.;\d]{0,60}\d)"
    # "hiring 90% of the workforce locally as well as creating 63 apprenticeships"
    r"|(?<!\s)\s++as\s++well\s++as\s++(?=\w+ing\b|(?:(?:at least|up to|over|more than)\s+)?[£$€]?\d)"
    # "£13 million will be run by the Foundation, £7.1 million is to improve skills": an amount
    # opening a clause of its own
    rf"|,\s++(?={_AMOUNT_WITH_VERB})", re.I)
# an amount opening a clause with its own verb: "£7.1 million is to improve skills"
_OWN_VERB = re.compile(_AMOUNT_WITH_VERB, re.I)
# a clause that tells what was or has been, not what will be: context beside a pledge
_WAS = re.compile(r"\b(?:was|were|had|has|have|did)\b", re.I)
# A bracket's words belong to what they explain: "(Scope 1 and Scope 2)" splits no pledge.
_BRACKETED = re.compile(r"\([^()]{0,120}\)")
# Numbered names listed together are one thing's names: "Scope 1, 2, and 3" splits no pledge.
_NAMED_LIST = re.compile(r"\b(?:scopes?|phases?|stages?|tiers?|levels?|lots?|years?)\s++\d\d?"
                         r"(?:\s*+(?:,\s*+(?:and\s++|&\s*+|or\s++)?+|and\s++|&\s*+|or\s++)\d\d?\b)++", re.I)


_TO_SUBJECT = re.compile(r"^(.{0,120}?\b(?:commit\w*|pledg\w*|promis\w*|aim\w*|plan\w*|intend\w*|seek\w*|"
                         r"want\w*|continu\w*|going|undertak\w*|agree\w*|striv\w*|vow\w*) to)\s", re.I)


# what is or was, then what is intended: "We planted 2,950 trees in 2020/21 and intend to increase
# our planting"; "we are currently running 10; in the UK we currently plan to be operating 29"
_INTENT = r"(?:also\s++|now\s++|currently\s++)?(?:intends?|plans?|(?:are\s++|is\s++)?planning)\s++to\b"
_THEN_INTENDS = re.compile(rf";\s++(?=(?:[^,;]{{0,30}}?\b(?:we|they|it)\s++)?{_INTENT})|"
                           rf"(?:,\s*+|(?<![\s,])\s++)and\s++(?=(?:(?:we|they|it)\s++)?{_INTENT})", re.I)
_OPENER = re.compile(r"^(?:[^,]{0,60}+,\s*+)?((?i:we|they|it)|(?:[A-Z][\w’'&-]*+\s++){0,3}[A-Z][\w’'&-]*+)\s")


def _intended(sentence: str) -> str | None:
    """The intention that follows a clause pledging nothing, said with its subject ("We planted
    2,950 trees in 2020/21 and intend to increase our planting" -> "We intend to increase our
    planting"): the figure and the year before it are what was done, not the pledge."""
    cut = _THEN_INTENDS.search(sentence)
    if cut is None or PLEDGE.search(sentence, 0, cut.start()) or _INTENT_BEFORE.search(sentence, 0, cut.start()):
        return None
    rest = sentence[cut.end():].strip()
    if re.match(r"[^,;]{0,30}?\b(?:we|they|it)\s", rest, re.I):
        return _capitalised(rest)
    who = _OPENER.match(sentence)
    if who is None:
        return None
    return f"{_capitalised(_CONTRACTED.sub('', who.group(1)))} {rest}"  # "We've installed ..." -> "We ..."


_CONTRACTED = re.compile(r"['’](?:ve|re|d)$")
_INTENT_BEFORE = re.compile(r"\b(?:intends?|plans?|planning)\s++to\b", re.I)


def pledge_clauses(sentence: str) -> list[str]:
    """Split a sentence holding several quantified pledges into one clause per pledge (clauses that
    pledge nothing are left out: they are the sentence's context)."""
    intended = _intended(sentence)
    if intended:
        return [intended]
    listed = _listed(sentence)
    if listed:
        return listed
    masked = _BRACKETED.sub(lambda m: "(" + "_" * (len(m.group()) - 2) + ")", sentence)
    masked = _NAMED_LIST.sub(lambda m: "_" * len(m.group()), masked)
    cuts = [0, *(i for m in _SPLIT.finditer(masked) for i in m.span()), len(sentence)]
    parts = [p.strip(" ,") for p in (sentence[a:b] for a, b in zip(cuts[::2], cuts[1::2])) if p.strip(" ,")]
    if len(parts) < 2 or sum(1 for p in parts if _targets(p)) < 2:
        return [sentence]
    subject = re.match(r"^(.*?\b(?:will|shall|(?:commit(?:s|ted)?|pledge[sd]?|promise[sd]?|aim(?:s|ing)?) to)\b)",
                       parts[0], re.I)
    who = re.match(r"^(\w[\w ]{0,40}?)\s*(?:['’]re\b|\b(?:are|is|have|has|will|were|was)\b)", parts[0])
    gerund = re.match(r"^(.{0,80}?\b)\w{3,}ing\b", parts[0])  # "These will include hiring ..."
    out = [parts[0]]
    for part in parts[1:]:
        found = quantities(part)
        before = quantities(out[-1])
        # the words before the last clause's figure: "we've set targets to achieve"
        lead = out[-1][:before[0].start].rstrip() if before else ""
        if not (found or _targets(part)):
            out[-1] = f"{out[-1]} and {part}"
        elif re.match(r"(?:are|is)\s", part) and who:
            out.append(f"{who.group(1)} {part}")  # "We have cut 20% and are aiming to cut 50% by 2030"
        elif re.match(r"(?:will|shall)\s", part, re.I) and who:  # "..., and will plant 300 trees": whose
            out.append(f"{who.group(1)} {part}")
        elif _OWN_VERB.match(part):
            out.append(_capitalised(part))  # "£7.1 million is to improve skills": a clause of its own
        elif lead and found and found[0].start == 0 and not PLEDGE.search(part) \
                and not re.match(r"halv", part, re.I):  # "and halve it by 2045": a verb of its own
            out.append(f"{lead} {part}")  # "... achieve 25% local employment and 10% local spend"
        elif re.match(r"\w{3,}ing\b", part) and not PLEDGE.search(part):
            # "These will include hiring ... as well as creating 63 apprenticeships"
            out.append(f"{gerund.group(1)}{part}" if gerund else _capitalised(part))
        elif subject and not PLEDGE.search(part):
            # "committed to reduce ... 49.7% by 2030, and to reduce ... 46.2%": one "to"
            said = re.sub(r"^to\s+", "", part) if subject.group(1).lower().endswith(" to") else part
            # "We will commit to reducing waste by 20% and to recycling 60%": the "to" it shares
            shared = _TO_SUBJECT.match(parts[0]) if part.startswith("to ") and said == part else None
            if shared:
                out.append(f"{shared.group(1)} {part[3:]}")
                continue
            # "we will ensure our homes are net zero ..., and our operations are ...": its verb too
            verb = re.match(r"^.*?\b(?:will|shall)\s+\w+", parts[0], re.I) if _NOUN_FIRST.match(said) else None
            # the nearest subject: "25% of jobs will go to residents and the Meridian One will employ
            # 45 apprentices and create 145 local jobs": the Meridian One creates them
            nearest = _last_subject(out[-1])
            out.append(f"{verb.group() if verb else nearest or subject.group(1)} {said}")
        else:
            out.append(part)
    # a clause that pledges nothing is the pledge's context, not a pledge: "Sixty-three firms are
    # now registered, and we expect to exceed the £2m target"; "We have spent £31m since 2020 and
    # are targeting £45m by 2025" pledges £45m, not £31m. After a pledge, a figure's clause that
    # tells no past goes on with it: "£13m will be run by the Foundation, £7.1m is to improve
    # skills and £4.6m is for community safety"; and a sentence that pledges in no clause's words
    # (it is a pledge as a whole) gives each figure's clause that tells no past
    firsts = [i for i, clause in enumerate(out) if PLEDGE.search(clause)]
    kept = [clause for i, clause in enumerate(out) if PLEDGE.search(clause) or (
        (not firsts or i > firsts[0]) and _targets(clause) and not _WAS.search(clause))]
    return kept if len(kept) > 1 or firsts else [sentence]


# who a sentence is about, before its verb: "As part of its new jobs, Severn Trent is also set to"
_SUBJECT = re.compile(r"(?:[^,]{0,80}+,\s*+)?((?:[A-Z][\w’'&-]*+\s++){0,4}?[A-Z][\w’'&-]*+)\s++"
                      r"(?:is|are|has|have|will|was)\b")
_NOUN_FIRST = re.compile(r"(?:our|the|their|its|his|her|all|every|each)\s", re.I)  # a clause opening on its object


def _last_subject(clause: str) -> str | None:
    """The subject and modal of a clause's last "will" when an earlier subject came before it
    ("... will go to Enfield residents and the Meridian One will employ 45 apprentices" -> "The
    Meridian One will"); None when the clause has one "will" (its subject opens it)."""
    wills = list(re.finditer(r"\b(?:will|shall)\b", clause, re.I))
    if len(wills) < 2:
        return None
    before = clause[:wills[-1].start()]
    start = max([m.end() for m in re.finditer(r",\s*+|\band\s++", before)], default=0)
    return _capitalised(clause[start:wills[-1].end()].strip()) if start else None


def _capitalised(clause: str) -> str:
    return clause[:1].upper() + clause[1:]


def _targets(clause: str) -> bool:
    """Whether a clause sets a target: a figure, or a dated zero ("net zero by 2050")."""
    return bool(quantities(clause)) or bool(NET_ZERO.search(clause) and find_deadline(clause))


# what may sit between one listed figure's words and the next figure: a comma, "and", or both
_LINK = re.compile(r"(?:,\s*+(?:and\s++)?|(?<!\s)\s++and\s++)(?:(?:at least|up to|over|more than|around|some)\s++)?"
                   r"[£$€]?$", re.I)


def _listed(sentence: str) -> list[str] | None:
    """A list of figures sharing one verb, one clause per figure: "We will deliver 20 apprenticeships,
    15 local jobs and £2m of local spend by 2027" (the verb before them), "Over the next four
    years, 200 apprenticeships, 1,750 training places and 9,700 volunteer hours will be invested"
    (the verb after them). Three figures or more, or two before their verb; never a range
    ("between £2,000 and £5,000"). None when the sentence lists no figures so."""
    dated = [m.span() for m in DEADLINE.finditer(sentence)]  # "over the next four years" is no figure listed
    found = [q for q in quantities(sentence) if not any(a <= q.start < b for a, b in dated)]
    run, links = [0], []  # the figures listed, and where each one's words end (its link begins)
    for i in range(1, len(found)):
        gap = sentence[found[i - 1].end:found[i].start]
        near = len(_BRACKETED.sub("", gap)) <= 60 and ";" not in gap and not PLEDGE.search(gap)
        link = _LINK.search(gap) if near else None
        if link:
            run.append(i)
            links.append(found[i - 1].end + link.start())
        elif len(run) < 2:
            run, links = [i], []
        else:
            break
    prefix = sentence[:found[run[0]].start] if found else ""
    if len(run) < 2 or re.search(r"\b(?:between|from)\s+$", prefix, re.I):
        return None
    items = [found[i] for i in run]
    last = sentence[items[-1].start:]
    verb = PLEDGE.search(last)
    apart = re.search(r"[,;]\s*+(?:and\s++)?|\s\band\s++", last[items[-1].end - items[-1].start:verb.start()]) \
        if verb else None
    if apart:  # "take on 65 placements and 60 internships, and will welcome 130 apprentices": the
        # list is its own, the verb after it begins a clause of its own (said with the subject)
        cut = items[-1].end + apart.start()
        who = _SUBJECT.match(prefix)
        rest = sentence[items[-1].end + apart.end():].strip()
        return [f"{prefix}{sentence[q.start:end].strip()}" for q, end in zip(items, [*links, cut])] + \
            pledge_clauses(f"{who.group(1)} {rest}" if who else _capitalised(rest))  # its own figures split too
    before = PLEDGE.search(prefix)
    if not (before or verb) or (len(items) == 2 and before):
        return None  # two figures after their verb are for _SPLIT; no verb: nothing pledged
    tail = "" if before or verb is None else " " + last[verb.start():]
    clauses = [f"{prefix}{sentence[q.start:end].strip()}{tail}" for q, end in zip(items, links)]
    return clauses + [f"{prefix}{last}"]
