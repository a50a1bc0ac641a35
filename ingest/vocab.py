"""The words a document and a statement are described with, typed once for every stage."""

from __future__ import annotations

from typing import Literal, get_args

DocType = Literal["tender_response", "social_value_report", "policy", "other"]
Audience = Literal["public", "restricted"]
# What a sentence found at ingest is: a promise, or a claim of something done (delivery evidence).
StatementKind = Literal["commitment", "achievement"]

DOC_TYPES: tuple[DocType, ...] = get_args(DocType)
AUDIENCES: tuple[Audience, ...] = get_args(Audience)
REPORT: DocType = "social_value_report"  # the documents whose delivery claims are evidence
