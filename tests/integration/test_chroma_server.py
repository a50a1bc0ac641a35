"""sva against a REAL Chroma server (`chroma run`): ingest, search, two app processes, the CLI.

One server is started for the module; every test works in its own collection, so tests are
independent of each other and of their order. The fast ``hash`` embedder keeps this quick.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent
CHROMA = BIN / "chroma"
SVA = BIN / "sva"
ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0

RESTRICTED_PHRASE = "MAGENTA-OTTER-77"
PUBLIC_PHRASE = "kingfisher workshop"
TEXT_PHRASE = "Millbrook orchard"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _heartbeat(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _start_server(data: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        if _heartbeat(url):
            return proc, url
        time.sleep(0.2)
    _stop(proc)
    raise RuntimeError(
        f"the Chroma server did not answer {url}/api/v2/heartbeat within {START_TIMEOUT:.0f} s "
        f"(exit code {proc.returncode}). Its output:\n{log_path.read_text(errors='replace')}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory) -> str:
    shared = os.environ.get("SVA_TEST_CHROMA_URL")  # .ci/run starts one server for the run
    if shared:
        if not _heartbeat(shared):
            pytest.fail(f"SVA_TEST_CHROMA_URL={shared} does not answer its heartbeat")
        yield shared
        return
    if not CHROMA.exists():
        pytest.fail(f"the chroma executable is missing at {CHROMA}; install chromadb in the venv")
    base = tmp_path_factory.mktemp("chroma-server")
    log_path = base / "server.log"
    errors = []
    for _attempt in range(3):  # a freed port can be taken by someone else before chroma binds it
        try:
            proc, url = _start_server(base / "data", log_path)
            break
        except RuntimeError as exc:
            errors.append(str(exc))
    else:
        pytest.fail("could not start a Chroma server:\n" + "\n\n".join(errors))
    yield url
    _stop(proc)


@pytest.fixture
def collection() -> str:
    return f"t{uuid.uuid4().hex[:12]}"


def make_services(chroma_url: str, store: Path, collection: str):
    """One "app process": its own settings, Chroma client, embedder and in-memory mirror."""
    from assistant.config import load_settings
    from assistant.services import Services

    settings = load_settings(chroma_url=chroma_url, store=store,
                             collection=collection)
    return Services(settings)


@pytest.fixture
def docs(tmp_path) -> dict[str, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    files = {
        "acme": folder / "acme_offer.md",
        "beacon": folder / "beacon_report.txt",
        "secret": folder / "acme_pricing_confidential.md",
    }
    files["acme"].write_text(
        "# Acme Social Value Offer\n\n"
        "## Jobs and skills\n\n"
        "Acme Builders will create 12 apprenticeships for Harrowden residents by March 2027.\n\n"
        f"Apprentices will train at the {PUBLIC_PHRASE} in Harrowden town centre.\n\n"
        "## Environment\n\n"
        "Acme Builders will switch its van fleet to electric vehicles by 2028.\n",
        encoding="utf-8")
    files["beacon"].write_text(
        "Beacon Services planted 300 fruit trees in Millbrook parks during 2025.\n\n"
        f"Volunteers from Beacon Services now look after the {TEXT_PHRASE} every weekend.\n",
        encoding="utf-8")
    files["secret"].write_text(
        "# Acme Commercial Pricing (confidential)\n\n"
        "## Apprenticeship costs\n\n"
        f"Apprenticeships for Harrowden residents are priced under rate code {RESTRICTED_PHRASE}.\n\n"
        "The apprenticeship day rate for Harrowden residents is £95.\n",
        encoding="utf-8")
    return files


def _meta(supplier: str, areas: tuple[str, ...], audience: str, doc_type: str = "tender_response"):
    from ingest.parse import IngestMeta

    return IngestMeta(supplier=supplier, areas=areas, doc_type=doc_type, audience=audience)


ACME_PUBLIC = ("Acme Builders", ("Harrowden",), "public")
BEACON_PUBLIC = ("Beacon Services", ("Millbrook",), "public", "social_value_report")
ACME_RESTRICTED = ("Acme Builders", ("Harrowden",), "restricted")


def _ingest_all(services, docs) -> dict[str, str]:
    """Ingest the three test files; return their doc ids by key."""
    ids = {}
    for key, meta in (("acme", ACME_PUBLIC), ("beacon", BEACON_PUBLIC), ("secret", ACME_RESTRICTED)):
        report = services.ingest([docs[key]], _meta(*meta))
        assert not report.skipped, report.skipped
        assert [i["path"] for i in report.ingested] == [str(docs[key])], report.as_json()
        assert report.ingested[0]["chunks"] >= 1
        ids[key] = report.ingested[0]["doc_id"]
    return ids


def _sources(hits) -> list[str]:
    return [h.chunk.source for h in hits]


def _texts(hits) -> str:
    return "\n".join(f"{h.chunk.section}\n{h.chunk.text}" for h in hits)


# -- ingest and search ----------------------------------------------------------------------


def test_ingest_then_search_returns_documents_with_provenance(chroma_url, collection, docs, tmp_path):
    from urllib.parse import urlparse

    import chromadb

    from assistant.search.retriever import Filters

    services = make_services(chroma_url, tmp_path / "store", collection)
    ids = _ingest_all(services, docs)

    # the data lives in the server, not in a local store directory
    parsed = urlparse(chroma_url)
    client = chromadb.HttpClient(host=parsed.hostname, port=parsed.port)
    assert client.get_collection(f"{collection}-chunks").count() >= 3
    assert not (tmp_path / "store" / "chroma.sqlite3").exists()

    manifest = {d.doc_id: d for d in services.store.documents()}
    assert set(manifest) == set(ids.values())
    acme = manifest[ids["acme"]]
    assert (acme.source, acme.title, acme.format) == ("acme_offer.md", "Acme Social Value Offer",
                                                      "markdown")
    assert (acme.supplier, acme.areas, acme.doc_type, acme.audience) == (
        "Acme Builders", ["Harrowden"], "tender_response", "public")
    assert manifest[ids["secret"]].audience == "restricted"
    assert manifest[ids["beacon"]].doc_type == "social_value_report"

    hits = services.retriever("all").search("How many apprenticeships for Harrowden residents?", k=5)
    assert hits, "no results from the server-backed store"
    top = next(h for h in hits if h.chunk.doc_id == ids["acme"])
    assert top.chunk.source == "acme_offer.md"
    assert top.chunk.title == "Acme Social Value Offer"
    assert top.chunk.section == "Jobs and skills"
    assert top.chunk.page is None
    assert "12 apprenticeships" in top.chunk.text
    assert (top.chunk.supplier, top.chunk.areas, top.chunk.audience) == (
        "Acme Builders", ["Harrowden"], "public")
    as_json = top.as_json()
    assert set(as_json) == {"doc_id", "source", "title", "page", "section", "text", "score"}
    assert as_json["doc_id"] == ids["acme"] and as_json["score"] > 0

    text_hits = services.retriever("all").search(f"Who looks after the {TEXT_PHRASE}?", k=3)
    assert text_hits[0].chunk.source == "beacon_report.txt"
    assert text_hits[0].chunk.doc_id == ids["beacon"]
    assert TEXT_PHRASE in text_hits[0].chunk.text

    only_beacon = services.retriever("all").search(
        "apprenticeships trees", k=10, filters=Filters(supplier="Beacon Services"))
    assert only_beacon and set(_sources(only_beacon)) == {"beacon_report.txt"}
    only_harrowden = services.retriever("all").search(
        "apprenticeships trees", k=10, filters=Filters(area="Harrowden"))
    assert only_harrowden and "beacon_report.txt" not in _sources(only_harrowden)
    only_reports = services.retriever("all").search(
        "apprenticeships trees", k=10, filters=Filters(doc_type="social_value_report"))
    assert set(_sources(only_reports)) == {"beacon_report.txt"}

    answer = services.answerer("public").answer("How many apprenticeships will Acme create for Harrowden residents?")
    assert answer.supported, answer.answer
    assert "12" in answer.answer
    assert answer.citations and answer.citations[0].source == "acme_offer.md"
    assert answer.citations[0].section == "Jobs and skills"


def test_reingest_reports_unchanged_and_metadata_or_content_changes(chroma_url, collection, docs,
                                                                    tmp_path):
    services = make_services(chroma_url, tmp_path / "store", collection)
    ids = _ingest_all(services, docs)

    generation = services.store.generation()
    for key, meta in (("acme", ACME_PUBLIC), ("beacon", BEACON_PUBLIC),
                      ("secret", ACME_RESTRICTED)):
        again = services.ingest([docs[key]], _meta(*meta))
        assert again.unchanged == [str(docs[key])], again.as_json()
        assert not again.ingested and not again.skipped, again.as_json()
    assert services.store.generation() == generation  # nothing was written

    # a second process also sees the manifest and embeds nothing
    other = make_services(chroma_url, tmp_path / "store2", collection)
    report = other.ingest([docs["acme"]], _meta(*ACME_PUBLIC))
    assert report.unchanged == [str(docs["acme"])] and not report.ingested, report.as_json()

    # changed content at the same path: a new doc id, and the old version is gone everywhere
    docs["acme"].write_text(
        "# Acme Social Value Offer\n\n## Jobs and skills\n\n"
        "Acme Builders will create 18 apprenticeships for Harrowden residents by March 2027.\n",
        encoding="utf-8")
    changed = services.ingest([docs["acme"]], _meta(*ACME_PUBLIC))
    assert len(changed.ingested) == 1, changed.as_json()
    new_id = changed.ingested[0]["doc_id"]
    assert new_id != ids["acme"]
    known = {d.doc_id for d in other.store.documents()}
    assert new_id in known and ids["acme"] not in known
    hits = other.retriever("all").search(PUBLIC_PHRASE, k=10)
    assert PUBLIC_PHRASE not in _texts(hits)
    hits = other.retriever("all").search("apprenticeships Harrowden residents", k=10)
    assert "18 apprenticeships" in _texts(hits)
    assert "12 apprenticeships" not in _texts(hits)


# -- two "app processes" over one server ----------------------------------------------------


def test_second_services_sees_ingests_and_deletes(chroma_url, collection, docs, tmp_path):
    writer = make_services(chroma_url, tmp_path / "a", collection)
    reader = make_services(chroma_url, tmp_path / "b", collection)
    reader_search = reader.retriever("all")

    assert reader_search.search("apprenticeships Harrowden", k=5) == []  # mirror built, empty
    generation = reader.store.generation()

    report = writer.ingest([docs["acme"]], _meta(*ACME_PUBLIC))
    acme_id = report.ingested[0]["doc_id"]
    assert reader.store.generation() > generation
    hits = reader_search.search(f"Where is the {PUBLIC_PHRASE}?", k=5)
    assert hits and hits[0].chunk.doc_id == acme_id, _sources(hits)
    assert PUBLIC_PHRASE in hits[0].chunk.text

    report = writer.ingest([docs["beacon"]], _meta(*BEACON_PUBLIC))
    beacon_id = report.ingested[0]["doc_id"]
    both = reader_search.search("apprenticeships Harrowden trees Millbrook", k=10)
    assert {h.chunk.doc_id for h in both} == {acme_id, beacon_id}

    writer.store.delete_document(acme_id)
    assert acme_id not in {d.doc_id for d in reader.store.documents()}
    after = reader_search.search(f"Where is the {PUBLIC_PHRASE}?", k=10)
    assert acme_id not in {h.chunk.doc_id for h in after}
    assert PUBLIC_PHRASE not in _texts(after)
    assert {h.chunk.doc_id for h in reader_search.search("Millbrook trees", k=5)} == {beacon_id}
    # the chunks are gone from the server too, not just hidden
    assert list(writer.store.chunks([acme_id])) == []
    assert writer.store.orphan_doc_ids() == set()


def test_public_retriever_never_returns_restricted_text(chroma_url, collection, docs, tmp_path):
    writer = make_services(chroma_url, tmp_path / "a", collection)
    ids = _ingest_all(writer, docs)
    resident = make_services(chroma_url, tmp_path / "b", collection)
    public = resident.retriever("public")
    queries = [RESTRICTED_PHRASE, f"rate code {RESTRICTED_PHRASE}",
               "apprenticeship day rate for Harrowden residents",
               "How are apprenticeships for Harrowden residents priced?",
               "Acme commercial pricing confidential"]

    # control: the restricted text is there and findable by the owner
    owner_hits = resident.retriever("all").search(RESTRICTED_PHRASE, k=5)
    assert owner_hits and owner_hits[0].chunk.doc_id == ids["secret"]
    assert RESTRICTED_PHRASE in owner_hits[0].chunk.text

    for query in queries:
        for hits in (public.search(query, k=50), public.find(query, k=50).hits):
            assert all(h.chunk.audience == "public" for h in hits), query
            assert ids["secret"] not in {h.chunk.doc_id for h in hits}, query
            assert RESTRICTED_PHRASE not in _texts(hits), query
        answer = resident.answerer("public").answer(query)
        shown = json.dumps({"answer": answer.answer, "citations": answer.as_json()["citations"]})
        assert RESTRICTED_PHRASE not in shown, query
        assert ids["secret"] not in shown, query

    # demoting a public document to restricted hides it from the other process's public view
    assert ids["acme"] in {h.chunk.doc_id for h in public.search(PUBLIC_PHRASE, k=10)}
    report = writer.ingest([docs["acme"]], _meta(*ACME_RESTRICTED))
    assert report.ingested and report.ingested[0].get("updated") == "metadata", report.as_json()
    hits = public.search(PUBLIC_PHRASE, k=50)
    assert ids["acme"] not in {h.chunk.doc_id for h in hits}
    assert PUBLIC_PHRASE not in _texts(hits)
    assert ids["acme"] in {h.chunk.doc_id for h in resident.retriever("all").search(PUBLIC_PHRASE)}


# -- the CLI as a separate process ----------------------------------------------------------


def _sva_command() -> list[str]:
    if SVA.exists():
        return [str(SVA)]
    pytest.fail(f"the `sva` console script is missing at {SVA}: install the package "
                "(pip install -e . --no-deps) so [project.scripts] is created")


def _run_sva(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(_sva_command() + args, env=env, cwd=cwd, capture_output=True,
                            text=True, timeout=180)
    return result


def test_cli_ingest_and_search_against_server(chroma_url, collection, docs, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SVA_")}
    env.update(SVA_CHROMA_URL=chroma_url, SVA_COLLECTION=collection,
               SVA_STORE=str(tmp_path / "unused-store"), HF_HUB_OFFLINE="1",
               ANONYMIZED_TELEMETRY="False", GRADIO_ANALYTICS_ENABLED="False")
    cwd = tmp_path  # no stray .env from the repository

    first = _run_sva(["ingest", str(docs["acme"]), "--supplier", "Acme Builders",
                      "--area", "Harrowden", "--doc-type", "tender_response",
                      "--audience", "public", "--json"], env, cwd)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)  # stdout is the JSON alone
    assert set(report) == {"ingested", "unchanged", "skipped", "ignored", "seconds"}
    assert isinstance(report["seconds"], float)
    assert report["unchanged"] == [] and report["skipped"] == []
    assert len(report["ingested"]) == 1
    item = report["ingested"][0]
    assert {"path", "doc_id", "chunks", "commitments"} <= set(item)
    assert Path(item["path"]).name == "acme_offer.md" and item["chunks"] >= 1

    again = _run_sva(["ingest", str(docs["acme"]), "--supplier", "Acme Builders",
                      "--area", "Harrowden", "--doc-type", "tender_response",
                      "--audience", "public", "--json"], env, cwd)
    assert again.returncode == 0, again.stderr
    again_report = json.loads(again.stdout)
    assert again_report["ingested"] == [] and len(again_report["unchanged"]) == 1

    found = _run_sva(["search", "apprenticeships for Harrowden residents", "--json"], env, cwd)
    assert found.returncode == 0, found.stderr
    result = json.loads(found.stdout)
    assert set(result) == {"query", "results"}
    assert result["query"] == "apprenticeships for Harrowden residents"
    assert result["results"], result
    for hit in result["results"]:
        assert set(hit) == {"doc_id", "source", "title", "page", "section", "text", "score"}
    top = result["results"][0]
    assert top["doc_id"] == item["doc_id"]
    assert top["source"] == "acme_offer.md"
    assert top["title"] == "Acme Social Value Offer"
    assert top["section"] == "Jobs and skills"
    assert top["page"] is None
    assert "12 apprenticeships" in top["text"]

    public = _run_sva(["search", "apprenticeships", "--audience", "public", "--k", "2",
                       "--json"], env, cwd)
    assert public.returncode == 0, public.stderr
    assert 1 <= len(json.loads(public.stdout)["results"]) <= 2

    # an in-process app sees what the CLI process wrote
    services = make_services(chroma_url, tmp_path / "store", collection)
    assert [d.doc_id for d in services.store.documents()] == [item["doc_id"]]
    assert services.retriever("public").search(PUBLIC_PHRASE)[0].chunk.doc_id == item["doc_id"]


def test_register_over_the_server_keeps_restricted_pledges_from_residents(chroma_url, docs, tmp_path,
                                                                          collection):
    from ingest.parse import IngestMeta

    owner = make_services(chroma_url, tmp_path / "a", collection)
    owner.ingest([docs["acme"]], IngestMeta("Acme Builders", ("Harrowden",), "tender_response", "public"))
    owner.ingest([docs["secret"]], IngestMeta("Acme Builders", ("Harrowden",), "other", "restricted"))
    other_process = make_services(chroma_url, tmp_path / "b", collection)
    everything = other_process.register("all").all()
    public = other_process.register("public").all()
    assert any("12 apprenticeships" in c.text for c in public)
    assert all(c.source != docs["secret"].name for c in public)
    assert {c.source for c in everything} >= {docs["acme"].name}
    answer = other_process.answerer("public").answer("What did Acme promise for Harrowden?")
    assert answer.supported and RESTRICTED_PHRASE not in answer.answer, answer.answer
