"""Which documents and commitments make up a tender, and the citation every reason carries.

Tender and lot are document metadata (``sva ingest --tender ID --lot L``); a tender's bidders are
the suppliers with a tender response for it. Stores ingested before tenders existed simply hold
documents with no tender.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from assistant.errors import SvaError
from assistant.register.commitments import Commitment, Register
from ingest.records import DocRecord, lot_key, tender_key
from ingest.vocab import DocType

TENDER: DocType = "tender_response"  # the documents that are bids


class TenderError(SvaError):
    """A tender that does not exist, a criterion or bidder it does not have, or a bad score."""


@dataclass(frozen=True)
class Citation:
    """The passage a reason or question rests on."""

    doc_id: str
    source: str
    page: int | None
    quote: str

    @classmethod
    def of(cls, c: Commitment) -> Citation:
        return cls(c.doc_id, c.source, c.page, c.quote or c.text)

    def as_json(self) -> dict:
        return asdict(self)

    def label(self) -> str:
        return self.source + (f", p. {self.page}" if self.page else "")


@dataclass(frozen=True)
class Tender:
    """One tender (optionally one lot of it): its bid documents and bidders."""

    id: str
    lot: str
    docs: tuple[DocRecord, ...]

    @property
    def doc_ids(self) -> frozenset[str]:
        return frozenset(d.doc_id for d in self.docs)

    @property
    def bidders(self) -> list[str]:
        return sorted({d.supplier or "unnamed supplier" for d in self.docs})

    def bid(self, register: Register, supplier: str) -> list[Commitment]:
        """The supplier's social value commitments in this tender's bids (not service standards);
        a bid that lost an awarded tender is still scored as it was offered."""
        ids = self.doc_ids
        return [c for c in register.offers()
                if c.doc_id in ids and (c.supplier or "unnamed supplier") == supplier and c.kind == "commitment"]

    def earlier(self, register: Register, supplier: str) -> list[Commitment]:
        """The supplier's commitments on other contracts (their track record)."""
        ids = self.doc_ids
        return [c for c in register.all()
                if c.doc_id not in ids and c.supplier == supplier and c.doc_type == TENDER]


def tenders(docs: list[DocRecord]) -> dict[str, list[str]]:
    """Every tender id in the store, with its lots ("" when a bid names none)."""
    found: dict[str, set[str]] = {}
    for d in docs:
        if d.tender and d.doc_type == TENDER:
            found.setdefault(d.tender, set()).add(d.lot)
    return {t: sorted(lots) for t, lots in sorted(found.items())}


def find_tender(docs: list[DocRecord], tender: str, lot: str | None = None) -> Tender:
    """The tender's bid documents (of one lot when ``lot`` is given); a TenderError naming the
    tenders there are when it has none."""
    tender = " ".join(tender.split())
    bids = [d for d in docs if d.doc_type == TENDER and tender_key(d.tender) == tender_key(tender)
            and (lot is None or lot_key(d.lot) == lot_key(lot))]
    if not bids:
        known = tenders(docs)
        listed = ", ".join(f"{t} (lots {', '.join(x for x in lots if x) or 'none'})" for t, lots in known.items())
        raise TenderError(f"no tender responses for tender {tender!r}{f' lot {lot!r}' if lot else ''}; "
                          + (f"the store has: {listed}" if known else
                             "ingest the bids with `sva ingest BIDS --doc-type tender_response --tender ID`"))
    return Tender(bids[0].tender, bids[0].lot if lot else "", tuple(bids))
