"""Issue 19, the voice stage: storage (schema, migrations, replacing not double-counting),
moderation, the export contract, the checks on what residents type, and the rate limits."""

from __future__ import annotations

import sqlite3
import time
from types import SimpleNamespace

import pytest

from assistant.errors import StoreError
from assistant.register.charter import load_charter
from assistant.voice import Limits, PublicVoice, Voice, VoiceError, db
from assistant.voice.limits import RateLimiter
from assistant.voice.screen import COMMENT_MAX, clean_area, clean_comment, has_email, has_phone


def promise(cid: str = "doc:s0", supplier: str = "Acme Ltd"):
    return SimpleNamespace(id=cid, supplier=supplier)


@pytest.fixture
def voice(tmp_path) -> Voice:
    return Voice(tmp_path / "voice.sqlite3")


@pytest.fixture
def public(voice) -> PublicVoice:
    return PublicVoice(voice, Limits(per_client=1000, per_area=1000))


def test_a_new_file_is_at_the_latest_schema_in_wal_mode(voice):
    conn = sqlite3.connect(voice.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == db.VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = {r[1] for table in ("priorities", "experiences")
               for r in conn.execute(f"PRAGMA table_info({table})")}
    assert not columns & {"name", "email", "ip", "address", "client", "user"}


def test_an_old_file_is_migrated_in_place_keeping_its_rows(tmp_path):
    path = tmp_path / "voice.sqlite3"
    conn = sqlite3.connect(path)
    for statement in db.MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO priorities (ballot, area, ranking, created) VALUES "
                 "('b', 'Harrowden', '[\"CV1\"]', '2025-01-01T00:00:00Z')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert db.migrate(path) == 1
    voice = Voice(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == db.VERSION
    assert voice.export()["priorities"] == [{"area": "Harrowden", "outcome": "CV1", "votes": 1}]


def test_a_file_from_a_newer_sva_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "voice.sqlite3"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {db.VERSION + 1}")
    with pytest.raises(StoreError, match="upgrade sva"):
        Voice(path)


def test_answering_again_from_the_same_page_replaces_the_answer(public, voice):
    public.tell(promise(), "Harrowden", "seen", "", "1.1.1.1", "page-1")
    public.tell(promise(), "Harrowden", "not_seen", "", "1.1.1.1", "page-1")
    public.tell(promise(), "harrowden", "seen", "", "1.1.1.1", "page-2")
    [row] = voice.export()["responses"]
    assert (row["seen"], row["not_seen"], row["dont_know"]) == (1, 1, 0)


def test_comments_wait_for_moderation_before_residents_see_them(public, voice):
    public.tell(promise(), "Harrowden", "seen", "The new apprentices started in May", "1.1.1.1", "a")
    public.tell(promise(), "Harrowden", "not_seen", "", "1.1.1.1", "b")
    assert public.published() == {}
    assert voice.export()["responses"][0]["published_comments"] == []
    assert voice.publish_plain_answers() == 1
    shown = public.published()["doc:s0"]
    assert (shown.tally.not_seen, shown.tally.seen, shown.comments) == (1, 0, ())
    [comment] = [r for r in voice.responses() if r.comment]
    assert comment.state == "pending"
    voice.moderate(comment.id, "published")
    shown = public.published()["doc:s0"]
    assert shown.comments == ("The new apprentices started in May",) and shown.tally.seen == 1
    voice.moderate(comment.id, "hidden")
    assert public.published()["doc:s0"].comments == ()
    assert voice.export()["responses"][0]["published_comments"] == []


def test_a_changed_answer_waits_for_moderation_again(public, voice):
    public.tell(promise(), "Harrowden", "seen", "Yes, at the depot", "1.1.1.1", "a")
    voice.moderate(voice.responses()[0].id, "published")
    public.tell(promise(), "Harrowden", "seen", "Actually something else", "1.1.1.1", "a")
    assert public.published() == {}


def test_priorities_count_votes_and_first_choices_per_area(public, voice):
    charter = load_charter()
    known = ("Harrowden", "Stanmoor")  # the known areas
    public.rank(charter, "Harrowden", ["CV1", "CV3", "CV5"], "1.1.1.1", "a", known)
    public.rank(charter, "Harrowden", ["CV3", "", ""], "1.1.1.1", "b", known)
    public.rank(charter, "Stanmoor", ["CV5"], "1.1.1.1", "c", known)
    public.rank(charter, "HARROWDEN", ["CV3", "CV1"], "1.1.1.1", "a", known)  # the same page again: replaced
    counts = {(p.area, p.outcome): (p.votes, p.first) for p in voice.priorities()}
    assert counts == {("Harrowden", "CV3"): (2, 2), ("Harrowden", "CV1"): (1, 0), ("Stanmoor", "CV5"): (1, 1)}
    assert voice.export("stanmoor")["priorities"] == [{"area": "Stanmoor", "outcome": "CV5", "votes": 1}]
    assert [m for m, r, _ in voice.trend()] == [time.strftime("%Y-%m", time.gmtime())]


@pytest.mark.parametrize("outcomes, problem", [
    ([], "at least one"), (["", "", ""], "at least one"), (["CV1", "CV1"], "different"),
    (["CV1", "CV2", "CV3", "CV4"], "up to 3"), (["NOPE"], "up to 3"), ([{"a": 1}], "up to 3"),
])
def test_a_ranking_that_is_not_a_choice_from_the_lists_is_refused(public, outcomes, problem):
    with pytest.raises(VoiceError, match=problem):
        public.rank(load_charter(), "Harrowden", outcomes, "1.1.1.1", "a", ("Harrowden",))


def test_the_export_has_exactly_the_contract_shape(public, voice):
    public.rank(load_charter(), "Harrowden", ["CV1"], "1.1.1.1", "a", ("Harrowden",))
    public.tell(promise(), "Harrowden", "dont_know", "", "1.1.1.1", "a")
    data = voice.export()
    assert set(data) == {"priorities", "responses"}
    assert set(data["priorities"][0]) == {"area", "outcome", "votes"}
    assert set(data["responses"][0]) == {"commitment_id", "area", "seen", "not_seen", "dont_know",
                                         "published_comments"}


# -- what residents type ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "write to jo.bloggs@example.org", "jo(at)example.co.uk", "jo [at] example.com", "JO@EXAMPLE.ORG please"])
def test_email_addresses_are_found(text):
    assert has_email(text)
    with pytest.raises(VoiceError, match="email address"):
        clean_comment(text)


@pytest.mark.parametrize("text", [
    "call 07700 900123", "+44 7700 900123", "(0114) 273 4567", "ring 020-7946-0000", "07700900123",
    "7700900123"])
def test_phone_numbers_are_found(text):
    assert has_phone(text)
    with pytest.raises(VoiceError, match="phone number"):
        clean_comment(text)


@pytest.mark.parametrize("text", [
    "20 apprenticeships by 2027", "£2,000,000 with local firms", "between 2026 2027 2028 2029",
    "@council please look", "we met at the park", "call me maybe", "ward 12, flat 3b", "a@b"])
def test_ordinary_comments_pass(text):
    assert not has_email(text) and not has_phone(text)
    assert clean_comment(text) == text


def test_comments_are_capped_and_cleaned():
    assert clean_comment("  two\n\nlines\u202e\u200b here ") == "two lines here"
    assert clean_comment(None) == ""
    with pytest.raises(VoiceError, match=f"under {COMMENT_MAX}"):
        clean_comment("x" * (COMMENT_MAX + 1))
    with pytest.raises(VoiceError, match="10,240"):
        clean_comment("x" * 10_240)
    with pytest.raises(VoiceError, match="text"):
        clean_comment({"path": "/etc/passwd"})
    for bad in ("", "   ", "12345", None):
        with pytest.raises(VoiceError, match="Choose your area"):
            clean_area(bad)


@pytest.mark.parametrize("text", ["@" * 200_000, "a@" * 100_000, "0 " * 100_000, "(" * 200_000,
                                  "+0" * 100_000, "a" * 64 + "@" + "b." * 50_000])
def test_the_checks_are_linear_on_pathological_input(text):
    started = time.perf_counter()
    has_email(text[:COMMENT_MAX * 4]), has_phone(text[:COMMENT_MAX * 4])
    has_email(text), has_phone(text)
    assert time.perf_counter() - started < 3.0


# -- limits ------------------------------------------------------------------------------------


def test_one_client_is_limited_and_told_when_to_come_back(voice):
    clock = [0.0]
    public = PublicVoice(voice, Limits(per_client=3, per_area=100, window=600), clock=lambda: clock[0])
    for i in range(3):
        public.tell(promise(f"d:s{i}"), "Harrowden", "seen", "", "9.9.9.9", f"p{i}")
    with pytest.raises(VoiceError, match="try again in 10 minutes"):
        public.tell(promise("d:s9"), "Harrowden", "seen", "", "9.9.9.9", "p9")
    public.tell(promise("d:s9"), "Harrowden", "seen", "", "8.8.8.8", "p9")  # another client may
    clock[0] = 601
    public.tell(promise("d:s8"), "Harrowden", "seen", "", "9.9.9.9", "p8")
    assert len(voice.responses()) == 5


def test_one_area_is_limited_whoever_sends():
    limiter = RateLimiter(Limits(per_client=100, per_area=2, window=60))
    limiter.admit("a", "Harrowden")
    limiter.admit("b", "harrowden")
    with pytest.raises(VoiceError, match="This area"):
        limiter.admit("c", "HARROWDEN")
    limiter.admit("c", "Stanmoor")


def test_the_limiter_remembers_a_bounded_number_of_keys():
    limiter = RateLimiter(Limits(per_client=5, per_area=5, window=60), keys=100)
    for i in range(1000):
        limiter.admit(f"client{i}", f"area{i}")
    assert len(limiter._hits) <= 100  # noqa: SLF001


def test_limits_must_be_positive():
    with pytest.raises(ValueError, match="SVA_VOICE_CLIENT_LIMIT"):
        Limits(per_client=0)


def test_a_priority_area_is_a_known_place_never_a_name_or_an_address(public, voice):
    """The area box keeps no personal details: only the charter's areas, those the documents were
    stored for, or a UK place are stored."""
    for typed in ("jo.bloggs@example.com", "Jo Bloggs, 12 Elm Row, 07700 900123", "Narnia"):
        with pytest.raises(VoiceError):
            public.rank(load_charter(), typed, ["CV1"], "1.1.1.1", "a", ("Harrowden",))
    public.rank(load_charter(), "leeds", ["CV1"], "1.1.1.2", "b", ("Harrowden",))
    assert [p.area for p in voice.priorities()] == ["Leeds"]
