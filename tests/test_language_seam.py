"""The seam between the engine and the language packs holds: no Russian outside ``timeline/lang/ru``.

The engine (sources, extract, storage, query, search) knows no language: every word list, pattern
and model of Russian lives in the pack, so a second language is a new pack, not a fork. A string
literal with Cyrillic letters outside the pack is Russian data in the engine; comments and docstrings
may quote Russian examples. The interface (``timeline/output``, ``timeline/cli``) speaks Russian to
its users — its labels are the interface's language, not the articles', and are exempt.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "timeline"
PACKS = ROOT / "lang"
INTERFACE = (ROOT / "output", ROOT / "cli")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _docstring_lines(source: str) -> set[int]:
    lines = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            first = body[0] if body else None
            value = first.value if isinstance(first, ast.Expr) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                lines.add(value.lineno)
    return lines


def _russian_strings(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    docs = _docstring_lines(source)
    return [
        f"{path.relative_to(ROOT.parent)}:{tok.start[0]}: {tok.string[:60]}"
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.STRING and CYRILLIC.search(tok.string) and tok.start[0] not in docs
    ]


def test_no_russian_outside_the_pack() -> None:
    engine = [
        p for p in sorted(ROOT.rglob("*.py"))
        if not p.is_relative_to(PACKS) and not any(p.is_relative_to(i) for i in INTERFACE)
    ]
    assert engine, "no engine modules found"
    found = [line for p in engine for line in _russian_strings(p)]
    assert not found, "Russian in the engine:\n" + "\n".join(found)


def test_the_scan_finds_russian_where_there_is_some() -> None:
    path = ROOT / "lang" / "ru" / "text.py"
    assert _russian_strings(path), "the scan must see the pack's own Russian strings"
