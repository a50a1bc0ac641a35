"""20 concurrent resident chat sessions while an ingest runs: no errors, no mixed-up answers."""

import pytest

pytestmark = pytest.mark.integration


@pytest.mark.slow
def test_concurrent_chats_during_an_ingest():
    from benchmarks.load import run

    result = run(clients=20, questions=2, pages=12)
    assert result["questions"] == 40
    assert result["errors"] == 0, result["error_examples"]
    assert result["wrong_answers"] == 0, result["wrong_examples"]
    assert result["ingest_exit"] == 0
