"""The Russian words of the date rules: ``data/dates.toml``, checked once, and the forms of its lemmas.

The rules read the file only through the functions here, which note every entry read: a test holds
the file to its schema and finds any entry that no rule reads.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

PATH = Path(__file__).parent / "data" / "dates.toml"

# Every entry of the file: its dotted path, what it holds, and the type of a table's values.
# lemmas/words: lists of strings (a lemma is inflected, a word is read as it stands, folded);
# patterns: lists of regular expressions in the file's shorthand; phrase: one string;
# lemma map/word map: tables from a lemma or a word to a value.
SCHEMA: dict[str, tuple[str, type | None]] = {
    "orthography.fold": ("word map", str),
    "inflection.not_prefixed": ("words", None),
    "months.lemmas": ("lemmas", None),
    "months.abbreviations": ("word map", int),
    "numbers.one_and_a_half": ("lemmas", None),
    "numbers.and_a_half": ("phrase", None),
    "numbers.cardinals": ("lemma map", int),
    "ordinals.lemmas": ("lemma map", int),
    "ordinals.endings": ("words", None),
    "units.not_units": ("words", None),
    "units.singular": ("words", None),
    "units.years": ("word map", int),
    "units.lemmas": ("lemma map", str),
    "durations.approximate": ("words", None),
    "durations.bounding": ("words", None),
    "durations.prepositions": ("words", None),
    "durations.bare_units": ("words", None),
    "durations.distance_patterns": ("patterns", None),
    "age.before_patterns": ("patterns", None),
    "age.after": ("words", None),
    "age.approximate": ("words", None),
    "age.ordinal_units": ("words", None),
    "weekdays.accusative": ("words", None),
    "weekdays.genitive": ("words", None),
    "weekdays.plural": ("words", None),
    "weekdays.modifiers.this_week": ("words", None),
    "weekdays.modifiers.last_week": ("words", None),
    "weekdays.modifiers.latest": ("words", None),
    "weekdays.modifiers.next_week": ("words", None),
    "weekdays.modifiers.nearest": ("words", None),
    "day_parts.accusative": ("words", None),
    "day_parts.dative": ("words", None),
    "day_parts.genitive": ("words", None),
    "time_of_day.words": ("words", None),
    "time_of_day.clock_before": ("words", None),
    "time_of_day.clock_after": ("words", None),
    "seasons.forms": ("word map", int),
    "seasons.adverbs": ("words", None),
    "seasons.current": ("lemmas", None),
    "relative.lemmas": ("lemma map", int),
    "relative.not_periods": ("lemmas", None),
    "relative.before_week": ("words", None),
    "relative_days.shifts": ("word map", int),
    "relative_days.eves": ("words", None),
    "parts.start": ("words", None),
    "parts.mid": ("words", None),
    "parts.end": ("words", None),
    "parts.end_before_period": ("words", None),
    "halves.first": ("words", None),
    "halves.second": ("words", None),
    "halves.nouns": ("words", None),
    "recurrence.adverbs": ("words", None),
    "recurrence.multiples": ("words", None),
    "recurrence.periods": ("words", None),
    "recurrence.every": ("words", None),
    "recurrence.every_units": ("words", None),
    "recurrence.count_stems": ("words", None),
    "vague.phrase_patterns": ("patterns", None),
    "anchored.shifts": ("word map", int),
    "anchored.before_noun": ("word map", int),
    "anchored.after_words": ("words", None),
    "anchored.after_noun": ("phrase", None),
    "prefixes.words": ("words", None),
    "prefixes.before": ("words", None),
    "prefixes.after": ("words", None),
    "prefixes.season": ("words", None),
    "prefixes.past": ("words", None),
    "prefixes.target": ("words", None),
    "prefixes.bare_year": ("words", None),
    "clauses.marks": ("words", None),
    "clauses.dashes": ("words", None),
    "clauses.conjunctions": ("words", None),
    "clauses.aside_as": ("phrase", None),
    "clauses.event_marks": ("words", None),
    "clauses.event_dashes": ("words", None),
    "clauses.event_openers": ("words", None),
    "clauses.aside_openers": ("words", None),
    "tense.future_cues": ("lemmas", None),
    "tense.future_cues_from": ("words", None),
    "tense.prospective": ("lemmas", None),
    "tense.scheduled": ("lemmas", None),
    "tense.past_auxiliary": ("words", None),
    "tense.posts": ("words", None),
    "tense.plan_modal": ("words", None),
    "tense.earlier_plan": ("words", None),
    **{f"hints.{name}": ("words", None) for name in (
        "month", "quarter", "half_year", "part", "season", "relative_day", "ago", "in", "week", "period",
        "night", "recurrence", "recent", "unit",
    )},
}

_read: set[str] = set()


def problems(data: dict[str, Any]) -> list[str]:
    """What in ``data`` (a parsed dates.toml) breaks the schema: a missing or unknown entry, a wrong type."""
    found = []
    for path, (kind, value_type) in SCHEMA.items():
        node: Any = data
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        if node is None:
            found.append(f"{path}: missing")
        elif kind in {"lemmas", "words", "patterns"}:
            if not (isinstance(node, list) and node and all(isinstance(w, str) and w.strip() for w in node)):
                found.append(f"{path}: not a list of words")
        elif kind == "phrase":
            if not (isinstance(node, str) and node.strip()):
                found.append(f"{path}: not a phrase")
        elif not (isinstance(node, dict) and node and all(type(v) is value_type for v in node.values())):
            found.append(f"{path}: not a table of {value_type.__name__ if value_type else '?'}")

    def walk(node: dict[str, Any], prefix: str) -> None:
        for key, value in node.items():
            path = prefix + key
            if path in SCHEMA:
                continue
            if isinstance(value, dict):
                walk(value, path + ".")
            else:
                found.append(f"{path}: not in the schema")

    walk(data, "")
    return found


@cache
def data() -> dict[str, Any]:
    with PATH.open("rb") as f:
        loaded = tomllib.load(f)
    wrong = problems(loaded)
    if wrong:
        raise ValueError(f"{PATH}: " + "; ".join(wrong))
    return loaded


def entry(path: str) -> Any:
    """The entry at a dotted path («months.lemmas»), as the file has it; noted as read."""
    if path not in SCHEMA:
        raise KeyError(path)
    node: Any = data()
    for key in path.split("."):
        node = node[key]
    _read.add(path)
    return node


def read() -> frozenset[str]:
    """The entries read so far."""
    return frozenset(_read)


@cache
def fold_pairs() -> tuple[tuple[str, str], ...]:
    """The letters read as another, and that other: («ё», «е»)."""
    return tuple(entry("orthography.fold").items())


def fold_letters(text: str) -> str:
    for letter, read_as in fold_pairs():
        text = text.replace(letter, read_as)
    return text


def fold(word: str) -> str:
    """A word as the rules match it: lower-case, with the letters of [orthography] folded («ё» → «е»)."""
    return fold_letters(word.lower())


def words(path: str) -> tuple[str, ...]:
    """A list of word forms or phrases, folded."""
    return tuple(fold(w) for w in entry(path))


def lemmas(path: str) -> tuple[str, ...]:
    """A list of lemmas, as pymorphy3 spells them (with «ё»)."""
    return tuple(entry(path))


def patterns(path: str) -> tuple[str, ...]:
    """A list of *_patterns as regular expressions: a space is any whitespace, a plain group captures nothing."""
    return tuple(re.sub(r"(?<!\\)\((?!\?)", "(?:", fold_letters(p)).replace(" ", r"\s+") for p in entry(path))


def phrase(path: str) -> str:
    return fold(entry(path))


def word_map(path: str) -> dict[str, Any]:
    """A table from word forms (folded) to values."""
    return {fold(w): v for w, v in entry(path).items()}


def lemma_map(path: str) -> dict[str, Any]:
    """A table from lemmas to values."""
    return dict(entry(path))


# --- the forms of the lemmas ----------------------------------------------------------------------


def forms(lemma_list: Iterable[str]) -> dict[str, str]:
    """Every inflected form of each lemma (folded), mapped to the lemma; the first lemma keeps a shared form."""
    from timeline.lang.ru.morph import inflections

    return inflections(lemma_list, every_reading=False, skip=words("inflection.not_prefixed"), fold=fold)


def alt(words: Iterable[str], space: str = r"\s+") -> str:
    """A non-capturing alternation of the words, longest first; a space in a phrase matches ``space``,
    any whitespace unless told otherwise.

    The words are written as a trie («ма(?:рт|я|й)»), not side by side: Python's regular expressions
    try a group's alternatives one after another, so a hundred forms cost a hundred tries at every
    position, and a trie one letter. It reads the same: the words matching at a position are prefixes
    of one another, tried longest first either way, and a phrase (its spaces ``\\s+``) matching there
    is longer than any of them, so it is tried first, before the trie. With another ``space``, or
    whitespace other than a space in a word, that does not hold, and the list stays flat.
    """
    ordered = sorted(((re.escape(w).replace(r"\ ", space), w) for w in words), key=lambda e: len(e[0]), reverse=True)
    literal = space == re.escape(" ")  # a phrase is a word like any other
    if not (literal or space == r"\s+") or any(ch.isspace() and ch != " " for _, w in ordered for ch in w):
        return "(?:" + "|".join(e for e, _ in ordered) + ")"
    phrases = [e for e, w in ordered if " " in w and not literal]
    plain = [w for _, w in ordered if literal or " " not in w]
    return "(?:" + "|".join(phrases + ([_trie(plain)] if plain else [])) + ")"


def _trie(words: Iterable[str]) -> str:
    """The words as one pattern of nested groups: a letter, then the ways on from it, longest first."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(root)


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    if len(branches) == 1:
        return f"(?:{branches[0]})?" if "" in node else branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if "" in node else group  # greedy: the longer word first, then the one ending here


@cache
def inflected() -> dict[str, Any]:
    """Each inflected form of the lemma lists and what it stands for (for "relative lemma", its lemma);
    "and a half" is the words of that phrase."""
    months = lemmas("months.lemmas")
    numbers = lemma_map("numbers.cardinals")
    ordinals = lemma_map("ordinals.lemmas")
    units = lemma_map("units.lemmas")
    relative = lemma_map("relative.lemmas")
    relative_forms = forms(relative)
    not_units = set(words("units.not_units"))
    return {
        "month": {w: months.index(lem) + 1 for w, lem in forms(months).items()},
        "number": {w: numbers[lem] for w, lem in forms(numbers).items()},
        "ordinal": {w: ordinals[lem] for w, lem in forms(ordinals).items()},
        "unit": {w: units[lem] for w, lem in forms(units).items() if w not in not_units},
        "relative": {w: relative[lem] for w, lem in relative_forms.items()},
        "relative lemma": relative_forms,
        "half": {w: 0.5 for w in forms(lemmas("numbers.one_and_a_half"))},
        "and a half": phrase("numbers.and_a_half").split(),
    }


def number_value(text: str) -> float | None:
    """A cardinal in digits or words: «15», «пять», «двадцать пять», «полтора», «три с половиной»."""
    v = inflected()
    text = text.strip()
    if text.isdigit():
        return int(text)
    total = 0.0
    words_ = text.split()
    and_a_half = v["and a half"]
    if words_[-len(and_a_half):] == and_a_half:
        total += 0.5
        words_ = words_[:-len(and_a_half)]
    for w in words_:
        if w in v["half"]:
            total += 1.5
        elif w in v["number"]:
            total += v["number"][w]
        else:
            return None
    return total
