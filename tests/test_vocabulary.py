"""Kinds and statuses: listed, typed as codes or Russian words, refused with the valid ones; every
command's help ends with examples; shell completion works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tests.conftest import invoke
from tests.sample_events import Sample, populate
from timeline.cli import app
from timeline.errors import TimelineError
from timeline.extract.types import STATUSES
from timeline.lang import LANGUAGES, pack
from timeline.vocabulary import KINDS, resolve_kind, resolve_status


def test_every_pack_names_every_kind_and_status() -> None:
    for code in LANGUAGES:
        assert set(pack(code).kind_labels()) == set(KINDS)
        assert set(pack(code).status_labels) == set(STATUSES)


@pytest.mark.parametrize(("typed", "code"), [
    ("meeting", "meeting"), ("встреча", "meeting"), ("Встреча", "meeting"), ("встречи", "meeting"),
    ("переговорам", "talks"), ("телефонный разговор", "call"), ("забастовка", "strike"),
])
def test_a_kind_by_its_code_or_its_word(typed: str, code: str) -> None:
    assert resolve_kind(typed) == code


@pytest.mark.parametrize(("typed", "code"), [("planned", "planned"), ("запланировано", "planned"),
                                             ("Состоялось", "occurred"), ("отменено", "cancelled")])
def test_a_status_by_its_code_or_its_word(typed: str, code: str) -> None:
    assert resolve_status(typed) == code


def test_an_unknown_or_ambiguous_word_is_an_error_that_helps() -> None:
    with pytest.raises(TimelineError) as unknown:
        resolve_kind("совещаниеx")
    assert "meeting (встреча)" in str(unknown.value) and "timeline kinds" in str(unknown.value)
    with pytest.raises(TimelineError, match="opening, discovery"):
        resolve_kind("открытие")  # two kinds share the word: the code decides


@pytest.fixture
def sample(sqlite_url: str) -> Sample:
    return populate(sqlite_url)


def test_kind_and_status_options_take_the_russian_word(runner: CliRunner, sample: Sample) -> None:
    by_code = invoke(runner, "events", "--kind", "meeting", "--format", "json", "--db", sample.url).stdout
    by_word = invoke(runner, "events", "--kind", "встреча", "--format", "json", "--db", sample.url).stdout
    assert by_code == by_word and json.loads(by_code)
    planned = invoke(runner, "events", "--status", "ожидается", "--format", "json", "--db", sample.url)
    assert {e["status"] for e in json.loads(planned.stdout)} == {"expected"}
    bad = invoke(runner, "events", "--kind", "встречка", "--db", sample.url)
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: --kind 'встречка': no such kind; use one of:")


def test_timeline_kinds_lists_codes_words_and_meanings(runner: CliRunner) -> None:
    rows = json.loads(invoke(runner, "kinds", "--format", "json").stdout)
    kinds = {r["code"]: r for r in rows if r["what"] == "kind"}
    assert set(kinds) == set(KINDS) and kinds["meeting"]["label"] == "встреча"
    assert {r["code"] for r in rows if r["what"] == "status"} == set(STATUSES)
    lines = invoke(runner, "kinds").stdout.splitlines()
    assert lines[0] == "what\tcode\tlabel\tmeaning" and "kind\tmeeting\tвстреча\tpeople meet" in lines


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):  # a group
            found += _commands(cmd, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def test_every_commands_help_ends_with_real_examples(runner: CliRunner) -> None:
    commands = _commands(typer.main.get_command(app))
    assert ("events",) in commands and ("feeds", "update") in commands
    for command in commands:
        result = invoke(runner, *command, "--help")
        text = [line.strip() for line in result.stdout.splitlines() if line.strip()]
        at = max(i for i, line in enumerate(text) if line == "Examples:")
        examples = text[at + 1:]
        assert at > 0 and len(examples) >= 1 and "╰" in text[at - 1], command  # after the options
        assert all(e.startswith("timeline " + " ".join(command)) or "timeline " in e for e in examples), examples
    # Two or three for the commands people use most.
    for command in (("import",), ("events",), ("show",), ("kinds",), ("article",)):
        text = invoke(runner, *command, "--help").stdout
        assert text.count(f"timeline {command[0]}") >= 2, command


def test_shell_completion_is_on() -> None:
    env = {**os.environ, "_TIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": "timeline events --kind me",
           "COMP_CWORD": "3"}
    done = subprocess.run([sys.executable, "-m", "timeline"], env=env, capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["meeting"], done.stderr
    env.update(COMP_WORDS="timeline fe", COMP_CWORD="1")
    done = subprocess.run([sys.executable, "-m", "timeline"], env=env, capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["feeds"], done.stderr
    script = subprocess.run([sys.executable, "-m", "timeline", "--show-completion", "bash"],
                            capture_output=True, text=True, check=False)
    assert "_TIMELINE_COMPLETE" in script.stdout
