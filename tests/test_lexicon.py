"""The event vocabulary (timeline/lang/ru/data/events.toml): it loads into the expected types, every word in
it is a lemma the analyzer gives, and every table reaches the matcher."""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterator, Mapping
from datetime import date
from importlib.resources import files
from types import MappingProxyType

import pytest

from timeline.extract.events import extract_events
from timeline.lang.ru import events
from timeline.lang.ru import words as ru_words
from timeline.lang.ru.lexicon import KIND_SWITCHES, LEXICON, PHRASE_SETS, STATUS_SETS, Lexicon, LexiconError, parse
from timeline.lang.ru.morph import analyzer

RAW = tomllib.loads(files("timeline.lang.ru").joinpath("data", "events.toml").read_text(encoding="utf-8"))
# The kinds timeline.extract.events names in its rules; the file must have them.
KINDS_THE_MATCHER_NAMES = {"opening", "discovery", "publication", "statement", "other", "talks", "meeting"}


def phrase_keys() -> set[str]:
    return {" ".join(words) for group in LEXICON.phrases.values() for words in group}


def entries() -> Iterator[tuple[str, str]]:
    """(where, lemma) for every lemma of every table. A field of a kind this does not know fails the test:
    a new table must say here how its words are read, and then it is checked like the others."""
    keys = phrase_keys()
    for field in dataclasses.fields(Lexicon):
        value = getattr(LEXICON, field.name)
        if field.name in ("labels", "weak_kinds"):
            continue  # titles and kinds' names, not words to match
        if field.name == "triggers":
            for kind, lemmas in value.items():
                yield from ((f"kinds.{kind}", lemma) for lemma in lemmas)
        elif field.name == "phrases":
            for name, group in value.items():
                for words in group:
                    yield from ((f"status.{name} phrases", w) for w in words)
        elif field.name in ("shared", "as_written"):
            yield from ((field.name, lemma) for lemma in value)
        elif field.name in ("needs_context", "not_after", "not_with"):
            for lemma, context in value.items():
                yield field.name, lemma
                yield from ((f"{field.name}.{lemma}", w) for w in context)
        elif field.name == "not_before":
            yield from ((field.name, lemma) for lemma in value)  # the words after are words: see below
        elif isinstance(value, frozenset):
            yield from ((field.name, lemma) for lemma in value if lemma not in keys)
        else:
            raise AssertionError(f"Lexicon.{field.name}: a table tests/test_lexicon.py does not know how to read")


def is_lemma(word: str) -> bool:
    return any(p.normal_form.replace("ё", "е") == word for p in analyzer().parse(word))


def test_the_file_loads_into_frozen_typed_tables() -> None:
    assert isinstance(LEXICON, Lexicon)
    with pytest.raises(dataclasses.FrozenInstanceError):
        LEXICON.possible = frozenset()  # type: ignore[misc]
    for field in dataclasses.fields(Lexicon):
        value = getattr(LEXICON, field.name)
        assert isinstance(value, frozenset | MappingProxyType), field.name
        if isinstance(value, frozenset):
            assert value and all(isinstance(w, str) and w for w in value), field.name
    assert all(isinstance(k, str) and isinstance(v, tuple) and v for k, v in LEXICON.triggers.items())
    assert all(isinstance(v, frozenset) for t in (LEXICON.needs_context, LEXICON.not_after, LEXICON.not_before,
                                                  LEXICON.not_with) for v in t.values())
    with pytest.raises(TypeError):
        LEXICON.triggers["meeting"] = ()  # type: ignore[index]
    # Folded as the matcher folds the text.
    assert not any("ё" in lemma for _, lemma in entries())


def test_every_kind_has_a_label_and_the_kinds_the_matcher_names_exist() -> None:
    assert set(LEXICON.labels) == set(LEXICON.triggers)
    assert all(label.strip() for label in LEXICON.labels.values())
    assert set(LEXICON.triggers) >= KINDS_THE_MATCHER_NAMES | LEXICON.weak_kinds


def test_every_entry_is_a_lemma_the_analyzer_gives() -> None:
    wrong = sorted({(where, w) for where, w in entries() if w not in LEXICON.as_written and not is_lemma(w)})
    assert not wrong, f"not a pymorphy3 normal form (write the lemma, or declare it in [as_written]): {wrong}"


def test_what_is_kept_as_written_is_not_a_lemma_and_is_a_word() -> None:
    for word in LEXICON.as_written:
        assert not is_lemma(word), f"{word} is a lemma: it needs no place in [as_written]"
        assert analyzer().word_is_known(word), word


def test_the_words_after_a_trigger_are_words_as_the_matcher_writes_them() -> None:
    for trigger, after in LEXICON.not_before.items():
        for word in after:
            assert word == word.lower().replace("ё", "е") and analyzer().word_is_known(word), (trigger, word)


def test_no_word_twice_in_a_list() -> None:
    def lists(node: object, where: str) -> Iterator[tuple[str, list[object]]]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from lists(value, f"{where}.{key}")
        elif isinstance(node, list):
            yield where, node

    for where, items in lists(RAW, ""):
        folded = [str(item).replace("ё", "е") for item in items]
        assert len(folded) == len(set(folded)), f"{where}: {sorted({w for w in folded if folded.count(w) > 1})}"


def test_no_lemma_under_two_kinds_unless_declared() -> None:
    kinds_of: dict[str, set[str]] = {}
    for kind, lemmas in LEXICON.triggers.items():
        for lemma in lemmas:
            kinds_of.setdefault(lemma, set()).add(kind)
    assert {lemma for lemma, kinds in kinds_of.items() if len(kinds) > 1} == set(LEXICON.shared)
    index = LEXICON.trigger_index()
    for lemma, shared in LEXICON.shared.items():
        assert kinds_of[lemma] == {shared.kind, *shared.others}
        assert index[lemma] == shared.kind  # the declared default, not whichever kind comes first


@pytest.mark.parametrize("lemma", sorted(LEXICON.shared))
def test_a_shared_lemma_reaches_its_other_kind_by_its_context_rule(lemma: str) -> None:
    shared = LEXICON.shared[lemma]
    context_word = sorted(getattr(LEXICON, f"{shared.context}_context"))[0]
    for text, kind in ((f"{lemma} {context_word}", KIND_SWITCHES[shared.context]), (lemma, shared.kind)):
        tokens = ru_words.tokenize(text, 0, len(text))
        assert events._refine_kind(shared.kind, tokens[0], tokens, []) == kind, text


def test_every_table_reaches_the_matcher() -> None:
    known = LEXICON.known_lemmas()
    missing = sorted({(where, w) for where, w in entries() if w not in known})
    assert not missing, missing
    forms = ru_words.forms()
    claims: dict[str, set[str]] = {}
    for lemma in known:
        for p in analyzer().parse(lemma):
            if p.normal_form.replace("ё", "е") == lemma:
                for form in p.lexeme:
                    claims.setdefault(form.word.replace("ё", "е"), set()).add(lemma)
    for lemma in known:
        assert forms[lemma] == lemma, lemma
    # Every inflected form maps to its lemma, or to another listed lemma whose form it also is («возможно»).
    wrong = sorted((form, forms.get(form)) for form, lemmas in claims.items() if forms.get(form) not in lemmas)
    assert not wrong, wrong
    # «пройдёт», «назначенный»: a form is read as its lemma, which the tables list.
    assert forms["пройдет"] == "пройти" and forms["назначенный"] == "назначить"


def test_every_multi_word_cue_is_found_in_a_clause_and_sets_the_status() -> None:
    assert any(LEXICON.phrases.values())  # «не исключено»
    for name, group in LEXICON.phrases.items():
        for words in group:
            key = " ".join(words)
            assert key in getattr(LEXICON, name) and key not in LEXICON.known_lemmas()
            # The cue's own words, in a clause with a happening: the matcher finds the cue there...
            text = " ".join(words) + " встреча"
            tokens = ru_words.tokenize(text, 0, len(text))
            assert LEXICON.phrase_cues([t.lemma for t in tokens]) == [(0, key)], text
            assert events._status(tokens, tokens[-1], None, date(2026, 1, 14)) == name, text
            # ... and in the clause that governs the happening's.
            found = extract_events(" ".join(words).capitalize() + ", что встреча состоится в марте.",
                                          date(2026, 1, 14))
            assert [(e.kind, e.status) for e in found] == [("meeting", name)], words


def test_a_cue_of_several_words_needs_them_together() -> None:
    assert LEXICON.phrase_cues(["не", "исключить"]) == [(0, "не исключить")]
    assert LEXICON.phrase_cues(["не", "вполне", "исключить"]) == []
    assert LEXICON.phrase_cues(["исключить", "не"]) == []


MINIMAL = """
[kinds.meeting]
label = "встреча"
triggers = ["встреча", "открытие"]
[kinds.discovery]
label = "открытие"
triggers = ["открытие"]
[shared."открытие"]
kind = "meeting"
others = ["discovery"]
context = "discovery"
[ranking]
weak_kinds = ["meeting"]
generic_triggers = ["принять"]
[verbs]
reporting = ["сообщить"]
publishing = ["сообщить"]
light = ["провести"]
occurring = ["состояться"]
[context]
discovery = ["комета"]
attribute_heads = ["лауреат"]
unspecific = ["год"]
hypothetical = ["бы"]
recurring = ["проводиться"]
requesting = ["просить"]
[context.needs]
[context.not_after]
[context.not_before]
[context.not_with]
[status.cancelled]
lemmas = ["отменить"]
[status.postponed]
lemmas = ["перенести"]
[status.durative]
lemmas = ["длиться"]
[status.possible]
lemmas = ["мочь"]
phrases = [["не", "исключить"]]
[status.expected]
lemmas = ["ожидаться"]
[status.planned]
lemmas = ["планировать"]
[status.denying]
lemmas = ["отрицать"]
[status.deniable]
include = ["planned", "expected"]
lemmas = ["состояться"]
[status.future_auxiliary]
lemmas = ["быть"]
[status.unable]
lemmas = ["суметь"]
"""


def test_a_minimal_file_loads() -> None:
    lexicon = parse(MINIMAL)
    assert lexicon.trigger_index() == {"встреча": "meeting", "открытие": "meeting"}
    assert lexicon.deniable == {"состояться", "планировать", "ожидаться"}
    assert "не исключить" in lexicon.possible and {"не", "исключить"} <= lexicon.known_lemmas()
    assert set(STATUS_SETS) == {name for name in lexicon.status_sets()} and set(PHRASE_SETS) <= set(STATUS_SETS)


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ("[ranking]", "[rankings]", "unknown key"),
        ('light = ["провести"]', 'light = ["провести"]\nheavy = ["нести"]', "unknown key(s) heavy"),
        ('label = "встреча"\n', "", "missing key(s) label"),
        ('weak_kinds = ["meeting"]', 'weak_kinds = "meeting"', "expected a list of words"),
        ('weak_kinds = ["meeting"]', 'weak_kinds = ["meting"]', "no kind(s) meting"),
        ('reporting = ["сообщить"]', 'reporting = ["сообщить", "сообщить"]', "listed twice"),
        ('reporting = ["сообщить"]', 'reporting = ["учёный", "ученый"]', "listed twice"),
        ('reporting = ["сообщить"]', 'reporting = ["Сообщить"]', "lower-case word"),
        ('lemmas = ["мочь"]', 'lemmas = ["мочь", "не исключено"]', "without spaces"),
        ('lemmas = ["мочь"]', 'lemmas = [" мочь"]', "without spaces"),
        ('phrases = [["не", "исключить"]]', 'phrases = [["исключить"]]', "two words or more"),
        ('lemmas = ["отменить"]', 'lemmas = ["отменить"]\nphrases = [["не", "состояться"]]', "word by word"),
        ('include = ["planned", "expected"]', 'include = ["planed"]', "no status set 'planed'"),
        ('lemmas = ["планировать"]', 'lemmas = ["планировать"]\ninclude = ["deniable"]', "include each other"),
        ('[shared."открытие"]', '[unshared."открытие"]', "unknown key"),
        ('kind = "meeting"\nothers = ["discovery"]\ncontext = "discovery"\n', 'kind = "meeting"\n',
         "missing key(s)"),
        ('[shared."открытие"]\nkind = "meeting"\nothers = ["discovery"]\ncontext = "discovery"\n', "",
         "not declared: открытие (meeting, discovery)"),
        ('others = ["discovery"]', 'others = ["meeting"]', "declared under meeting, meeting"),
        ('context = "discovery"', 'context = "attribute_heads"', "switches no trigger"),
        ("[context.not_before]", '[as_written]\n"раскопки" = "как есть"\n[context.not_before]', "not in any table"),
        ("[context.needs]", "[context.needs]\n\"уйти\" = \"жизнь\"", "expected a list of words"),
        ('[kinds.meeting]', '[kinds.Meeting]', "lower-case Latin"),
        ("[ranking]", "[ranking", "not valid TOML"),
    ],
)
def test_a_malformed_file_is_a_clear_error(old: str, new: str, error: str) -> None:
    assert MINIMAL.count(old) == 1, old
    with pytest.raises(LexiconError, match=error.replace("(", r"\(").replace(")", r"\)")) as raised:
        parse(MINIMAL.replace(old, new), "test.toml")
    assert str(raised.value).startswith("test.toml")


def test_the_packaged_file_is_the_one_read() -> None:
    assert isinstance(RAW, Mapping) and set(RAW["kinds"]) == set(LEXICON.triggers)


def test_the_date_stage_reads_the_same_status_cues() -> None:
    """One list for what speaks of the future: the date stage's tense cues include the event rules'
    planned, expected and possible cues, and name apart only those that set no status."""
    from timeline.lang.ru.tense import FUTURE_CUES

    cues = LEXICON.status_sets()
    assert cues["planned"] | cues["expected"] | cues["possible"] <= FUTURE_CUES
    extra = FUTURE_CUES - (cues["planned"] | cues["expected"] | cues["possible"])
    assert extra and not extra & frozenset().union(*cues.values()) - cues["postponed"] - cues["cancelled"]
