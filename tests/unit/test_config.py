import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError


def test_defaults_are_valid_and_env_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv("SVA_STORE", str(tmp_path))
    settings = load_settings()
    assert settings.store == tmp_path and settings.chunk_overlap < settings.chunk_size


@pytest.mark.parametrize("env, message", [
    ({"SVA_CHUNK_OVERLAP": "800"}, "SVA_CHUNK_OVERLAP"),
    ({"SVA_CHUNK_SIZE": "50"}, "SVA_CHUNK_SIZE"),
    ({"SVA_CHUNK_SIZE": "lots"}, "SVA_CHUNK_SIZE"),
    ({"SVA_CHROMA_URL": "localhost:8000"}, "http://"),
])
def test_bad_settings_say_which_and_how_to_fix(monkeypatch, env, message):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError, match=message):
        load_settings()


def test_native_bf16_reads_the_cpu_flags(tmp_path):
    from assistant.backends.embedders import native_bf16

    flags = tmp_path / "cpuinfo"
    flags.write_text("flags\t\t: fpu sse avx512f avx512_bf16 amx_tile\n")
    assert native_bf16(flags)
    flags.write_text("flags\t\t: fpu sse avx2 avx512f\n")
    assert not native_bf16(flags)
    assert not native_bf16(tmp_path / "missing")
