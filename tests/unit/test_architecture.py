"""The shape of the code, checked: dependencies run one way, stages stay in their folders,
test doubles stay in tests/, modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "assistant").rglob("*.py")) + sorted((ROOT / "ingest").rglob("*.py")) + [ROOT / "ui.py"]

# What each part of assistant/ may import from the rest of assistant/ (ingest is always allowed).
ALLOWED = {
    "backends": {"backends", "errors", "config", "folder"},
    "search": {"backends", "search", "errors"},
    "library": {"backends", "errors"},
    "register": {"backends", "search", "register", "errors", "vocab", "folder"},
    "answers": {"backends", "search", "register", "answers", "errors", "vocab", "glossary"},
    "tenders": {"backends", "search", "register", "tenders", "errors", "vocab", "folder"},
    "voice": {"register", "voice", "errors", "vocab", "folder"},
    "glossary": {"errors"},
    "app": {"backends", "search", "register", "answers", "tenders", "voice", "app", "errors", "vocab",
            "services", "library", "config", "folder", "demo", "glossary"},
}


def imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_ingest_never_imports_the_assistant():
    offenders = {p.name: m for p in (ROOT / "ingest").rglob("*.py") for m in imports(p)
                 if m == "assistant" or m.startswith(("assistant.", "ui"))}
    assert offenders == {}


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_each_stage_imports_only_the_stages_below_it(stage):
    base = ROOT / "assistant"
    files = sorted((base / stage).rglob("*.py")) + sorted(base.glob(f"{stage}.py"))
    bad = [(f.name, m) for f in files for m in imports(f)
           if m.startswith("assistant.") and part(m) not in ALLOWED[stage]]
    assert bad == []


def test_only_the_serve_command_imports_the_gradio_wiring():
    users = [p.relative_to(ROOT).as_posix() for p in SOURCES if "ui" in imports(p)]
    assert users == ["assistant/cli/__init__.py"]
    tree = ast.parse((ROOT / "assistant" / "cli" / "__init__.py").read_text(encoding="utf-8"))
    serve = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "serve")
    assert any(isinstance(n, ast.Import) and n.names[0].name == "ui" for n in ast.walk(serve))


def test_test_doubles_live_only_under_tests():
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        assert "tests." not in " ".join(imports(path)), path
        for double in ("class HashEmbedder", "class MemoryStore", "class ScriptedChatModel"):
            assert double not in text, (path, double)


def test_no_module_is_over_400_lines():
    long = {p.relative_to(ROOT).as_posix(): n for p in SOURCES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
