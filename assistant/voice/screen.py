"""Checks on what residents type, before anything is stored. No personal data is asked for, so a
comment that carries an email address or a phone number is refused (with the reason), not stored
and cleaned later. Every check is a single pass over the text with bounded look-around: no regex
that a hostile comment could make backtrack."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from assistant.voice.records import VoiceError
from ingest.places import PlaceFinder

COMMENT_MAX = 500  # characters in a comment
AREA_MAX = 80  # characters in an area name
_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-'")
_DOMAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_PHONE_SEPARATORS = frozenset(" -().\u00a0/")
PHONE_DIGITS = 10  # UK numbers have 10 or 11 digits (0114 273 4567, 07700 900123)


def plain_text(value: object, limit: int, what: str) -> str:
    """``value`` as one line of text: control and format characters (bidi overrides, zero-width)
    dropped, whitespace collapsed. Refused when it is not text or longer than ``limit``."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise VoiceError(f"The {what} must be text.")
    if len(value) > limit * 4:  # refuse before looking at a huge text
        raise VoiceError(f"Please keep the {what} under {limit} characters "
                         f"(this one has {len(value):,}).")
    kept = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\n\t")
    text = " ".join(kept.split())
    if len(text) > limit:
        raise VoiceError(f"Please keep the {what} under {limit} characters (this one has {len(text):,}).")
    return text


def clean_comment(value: object) -> str:
    """A comment fit to store, or VoiceError naming what to change."""
    text = plain_text(value, COMMENT_MAX, "comment")
    if has_email(text):
        raise VoiceError("Please take out the email address: we do not keep personal details. "
                         "Your comment was not saved.")
    if has_phone(text):
        raise VoiceError("Please take out the phone number: we do not keep personal details. "
                         "Your comment was not saved.")
    return text


def clean_area(value: object) -> str:
    area = plain_text(value, AREA_MAX, "area name")
    if not any(ch.isalpha() for ch in area):
        raise VoiceError("Choose your area from the list, or type the name of your town or ward.")
    return area


def known_area(value: object, areas: Sequence[str]) -> str:
    """The area a resident gave, as the charter spells it: one of ``areas`` (the charter's place
    and areas) or a UK town, county or region, in any case. Anything else is refused, so a name,
    an address or an email typed into the box is never stored."""
    area = clean_area(value)
    spelt = next((a for a in areas if a.casefold() == area.casefold()), None)
    if spelt:
        return spelt
    if has_email(area) or has_phone(area) or any(ch.isdigit() for ch in area):
        raise VoiceError("Please give only the name of your area: we do not keep personal details. "
                         "Nothing was saved.")
    places = PlaceFinder().find(area.title() if area.islower() else area)
    if len(places) == 1 and places[0].casefold() == area.casefold():
        return places[0]
    raise VoiceError("Choose your area from the list, or type the name of a UK town, county or region.")


def has_email(text: str) -> bool:
    """An address like name@example.org (also written name(at)example.org or name [at] ...)."""
    text = text.replace("(at)", "@").replace("[at]", "@").replace(" @ ", "@")
    at = text.find("@")
    while at >= 0:
        left = 0
        while left < 64 and at - left - 1 >= 0 and text[at - left - 1] in _LOCAL:
            left += 1
        right = at + 1
        while right - at <= 255 and right < len(text) and text[right] in _DOMAIN:
            right += 1
        domain = text[at + 1:right].strip(".-")
        if left and "." in domain and not domain.startswith(".") and len(domain.rsplit(".", 1)[-1]) >= 2:
            return True
        at = text.find("@", at + 1)
    return False


def has_phone(text: str) -> bool:
    """A phone number: a run of digits and separators (spaces, dashes, brackets, dots) holding at
    least PHONE_DIGITS digits that starts with 0 or +, or has no separators at all. Years in a row
    ("2026 2027 2028") start with neither and have separators, so they pass."""
    i, n = 0, len(text)
    while i < n:
        if not (text[i].isdigit() or text[i] in "+("):
            i += 1
            continue
        start, digits, separated, gap = i, 0, False, 0
        while i < n and (text[i].isdigit() or text[i] in _PHONE_SEPARATORS or (text[i] == "+" and i == start)):
            if text[i].isdigit():
                digits, gap = digits + 1, 0
            else:
                gap += 1
                separated = separated or text[i] != "("
                if gap > 2:  # "07700 -- 900" is still one number; a longer break ends it
                    break
            i += 1
        lead = text[start:i].lstrip("(")
        if digits >= PHONE_DIGITS and (lead.startswith(("0", "+")) or not separated):
            return True
        i = max(i, start + 1)
    return False
