"""`timeline dates`: the CLI over the date tagger."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import invoke

SENTENCE = "Уиткофф и Кушнер в декабре уже посещали Москву и встречались с Путиным."


def test_json_output(runner: CliRunner) -> None:
    result = invoke(runner, "dates", SENTENCE, "--anchor", "2026-01-14", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found == [
        {
            "text": "в декабре",
            "span": [17, 26],
            "type": "date",
            "start": "2025-12-01",
            "end": "2025-12-31",
            "precision": "month",
            "modifier": None,
            "duration": None,
        }
    ]
    assert SENTENCE[17:26] == "в декабре"


def test_table_output_and_file_input(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Переговоры длились почти пять часов.", encoding="utf-8")
    result = invoke(runner, "dates", "--file", str(path), "--anchor", "2026-01-14")
    assert result.exit_code == 0, result.output
    assert "почти пять часов" in result.stdout and "PT5H" in result.stdout


def test_stdin(runner: CliRunner) -> None:
    args = ("dates", "--file", "-", "--anchor", "2026-01-14", "--format", "json")
    result = invoke(runner, *args, input="вчера")
    assert json.loads(result.stdout)[0]["start"] == "2026-01-13"


def test_errors(runner: CliRunner, tmp_path: Path) -> None:
    bad_anchor = invoke(runner, "dates", "вчера", "--anchor", "2026-02-30")
    assert bad_anchor.exit_code == 1 and bad_anchor.stderr.startswith("Error: --anchor")
    neither = invoke(runner, "dates")
    assert neither.exit_code == 1 and "Error:" in neither.stderr
    missing = invoke(runner, "dates", "--file", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1 and "nope.txt" in missing.stderr
    bad_format = invoke(runner, "dates", "вчера", "--format", "xml")
    assert bad_format.exit_code == 2
