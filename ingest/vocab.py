"""The words a document and a statement are described with, typed once for every stage."""

from __future__ import annotations

from typing import Literal, cast, get_args

from ingest.errors import SvaError

DocType = Literal["tender_response", "social_value_report", "policy", "other"]
Audience = Literal["public", "restricted"]
# What a kept statement is: a social value promise, an operational standard (KPI), or a claim of
# something done (delivery evidence). Aspirations, forecasts and policy are counted, not kept.
StatementKind = Literal["commitment", "service_standard", "achievement"]

DOC_TYPES: tuple[DocType, ...] = get_args(DocType)
AUDIENCES: tuple[Audience, ...] = get_args(Audience)
REPORT: DocType = "social_value_report"  # the documents whose delivery claims are evidence
TENDER: DocType = "tender_response"  # written for one contract: the places its title names are the contract's


def doc_type(value: str) -> DocType:
    """``value`` as a DocType, or an error listing the ones there are."""
    if value not in DOC_TYPES:
        raise SvaError(f"unknown document type {value!r}: use one of {', '.join(DOC_TYPES)}")
    return cast(DocType, value)


def audience(value: str) -> Audience:
    """``value`` as an Audience, or an error saying which there are."""
    if value not in AUDIENCES:
        raise SvaError(f"audience must be public or restricted, not {value!r}")
    return cast(Audience, value)


def statement_kind(value: str) -> StatementKind:
    if value not in get_args(StatementKind):
        raise ValueError(f"not a kept statement kind: {value!r}")
    return cast(StatementKind, value)


RATE = "£ per "  # a sum paid per unit of something ("£5,000 per MW"): a unit of its own, never added to £


def is_rate(unit: str | None) -> bool:
    """Whether a unit is a rate ("£ per MW", "£ per household"), not a sum of money."""
    return unit is not None and unit.startswith(RATE)
