"""The Russian date rules against their own examples, and their vocabulary (dates.toml) against its schema.

Every example of every rule is run through ``find_dates`` (with the rule's hint, among all the other
rules) and must come out as the expression that very rule produces, with the expected meaning.
"""

from __future__ import annotations

import copy
import re
import tomllib
from datetime import date
from typing import Any

import pytest

from timeline.extract import dates as engine
from timeline.extract.dates import DateRule, Example, find_dates, trace_dates
from timeline.lang.ru import dates as ru
from timeline.lang.ru import vocab

CASES = [
    pytest.param(rule, example, id=f"{rule.name} {i}")  # test ids in ASCII: pytest escapes the rest
    for rule in ru.RULES
    for i, example in enumerate(rule.examples, 1)
]


def _meaning(e: Any) -> tuple[object, ...]:
    def day(d: date | str | None) -> str | None:
        return None if d is None else str(d)

    return (e.type if hasattr(e, "span") else e.expected_type, day(e.start), day(e.end), e.precision, e.modifier,
            e.duration, e.relative)


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_every_example_is_read_by_its_rule(rule: DateRule, example: Example) -> None:
    anchor = date.fromisoformat(example.anchor)
    found = [(e, name) for e, name in trace_dates(example.sentence, anchor) if e.text == example.text]
    assert len(found) == 1, [(e.text, name) for e, name in trace_dates(example.sentence, anchor)]
    expression, name = found[0]
    assert name == rule.name
    assert example.sentence[expression.span[0]:expression.span[1]] == example.text
    assert _meaning(expression) == _meaning(example)
    # the debug path reports what find_dates returns
    assert [e for e, _ in trace_dates(example.sentence, anchor)] == find_dates(example.sentence, anchor)


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_every_example_passes_its_rules_hint(rule: DateRule, example: Example) -> None:
    if rule.hint is not None:
        assert re.search(rule.hint, engine.normalize(example.sentence)), rule.hint


def test_every_rule_has_examples_a_unique_name_and_priority() -> None:
    assert all(rule.examples for rule in ru.RULES), [rule.name for rule in ru.RULES if not rule.examples]
    assert len({rule.name for rule in ru.RULES}) == len(ru.RULES)
    assert len({rule.priority for rule in ru.RULES}) == len(ru.RULES)
    # the engine runs them by priority
    assert [r.name for r in engine._rules().rules] == [r.name for r in sorted(ru.RULES, key=lambda r: r.priority)]


def test_every_fragment_a_pattern_names_exists() -> None:
    fragments = ru.fragments()
    for rule in ru.RULES:
        for name in re.findall(r"\{([A-Z][A-Z0-9_]*)\}", rule.pattern):
            assert name in fragments, (rule.name, name)
        assert "{" not in re.sub(r"\{\d+(,\d*)?\}", "", engine.expand(rule.pattern, fragments)), rule.name


def test_the_vocabulary_has_its_schema() -> None:
    with vocab.PATH.open("rb") as f:
        data = tomllib.load(f)
    assert vocab.problems(data) == []
    assert len(vocab.entry("months.lemmas")) == 12
    assert set(vocab.entry("months.abbreviations").values()) <= set(range(1, 13))
    assert len(vocab.entry("weekdays.accusative")) == len(vocab.entry("weekdays.genitive")) == 7
    assert set(vocab.entry("units.lemmas").values()) <= {"Y", "M", "W", "D", "H", "MIN", "S"}
    assert set(vocab.entry("seasons.forms").values()) <= {3, 6, 9, 12}
    assert set(vocab.entry("seasons.adverbs")) <= set(vocab.entry("seasons.forms"))
    assert set(vocab.entry("relative_days.eves")) <= set(vocab.entry("relative_days.shifts"))
    assert set(vocab.entry("ordinals.lemmas").values()) <= {1, 2, 3, 4}
    # folding keeps the text's length, so offsets carry over
    assert all(len(a) == len(b) == 1 for a, b in vocab.entry("orthography.fold").items())
    # every prefix word fits in the window the engine looks back through
    assert max(map(len, vocab.words("prefixes.words"))) + 1 < engine._PREFIX_WINDOW


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["months"].__setitem__("lemmas", "январь"), "months.lemmas: not a list of words"),
        (lambda d: d["units"]["lemmas"].__setitem__("год", 1), "units.lemmas: not a table of str"),
        (lambda d: d["tense"].pop("prospective"), "tense.prospective: missing"),
        (lambda d: d["hints"].__setitem__("decade", ["0-х"]), "hints.decade: not in the schema"),
        (lambda d: d.__setitem__("eras", {"words": ["эпоха"]}), "eras.words: not in the schema"),
    ],
)
def test_a_broken_vocabulary_is_reported(change: Any, problem: str) -> None:
    data = copy.deepcopy(vocab.data())
    change(data)
    assert problem in vocab.problems(data)


def test_no_entry_of_the_vocabulary_goes_unread() -> None:
    import timeline.lang.ru.events  # noqa: F401  # the event rules read the [clauses] of events too

    engine._rules()  # builds every fragment
    for rule in ru.RULES:
        for example in rule.examples:
            find_dates(example.sentence, date.fromisoformat(example.anchor))
    assert set(vocab.SCHEMA) - vocab.read() == set()


@pytest.mark.parametrize("space", [r"\s+", r"\ "])
def test_a_word_list_as_a_trie_reads_as_the_flat_alternation(space: str) -> None:
    words = ["март", "марта", "мае", "май", "ма", "за", "за год", "за  годы", "по ", "г."]
    flat = "(?:" + "|".join(sorted((re.escape(w).replace(r"\ ", space) for w in words), key=len, reverse=True)) + ")"
    text = "в марте, мае и мая; за год и за  годы, по 5 г. ма"
    for tail in ("", r"(?!\w)", r"\w", r"\s+\w+", r"(?:а|е)?\s"):
        trie, plain = re.compile(vocab.alt(words, space) + tail), re.compile(flat + tail)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
