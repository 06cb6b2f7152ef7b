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


def _json(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = invoke(runner, "dates", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_dates_reads_a_file_as_import_stores_it(runner: CliRunner, tmp_path: Path) -> None:
    """Same normalization, same sentences, same anchor: the offsets are the stored article's."""
    from timeline.sources import read_file

    path = tmp_path / "a.txt"
    text = "date 2026-01-14 Заголовок.\r\n\r\nВ декабре\u00a0— по словам А. Петрова — ставку снизят.\r\n"
    path.write_bytes(text.encode("cp1251"))
    found = _json(runner, "--file", str(path))
    stored = next(read_file(path))
    assert found and all(stored.text[e["span"][0]:e["span"][1]] == e["text"] for e in found)  # type: ignore[index]
    assert (found[0]["start"], found[0]["end"]) == ("2026-12-01", "2026-12-31")  # anchored on the date line


def test_dates_and_import_agree_on_a_sentence_with_an_initial(runner: CliRunner, tmp_path: Path) -> None:
    """«А. Петрова»: one sentence for both (the dates command once split it after the initial)."""
    from datetime import date

    from timeline.extract.events import extract_events

    sentence = "В декабре — по словам А. Петрова — ставку снизят."
    found = _json(runner, sentence, "--anchor", "2026-01-14")
    assert (found[0]["start"], found[0]["end"]) == ("2026-12-01", "2026-12-31")
    events = extract_events(sentence, date(2026, 1, 14))
    assert [(e.start, e.end) for e in events] == [(date(2026, 12, 1), date(2026, 12, 31))]


def test_a_json_lines_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"published": "2026-01-14", "text": "Вчера."}\n', encoding="utf-8")
    result = invoke(runner, "dates", "--file", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 1 and "JSON Lines" in result.stderr
