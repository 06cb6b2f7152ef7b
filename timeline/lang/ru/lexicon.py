"""The Russian event vocabulary, read from ``data/events.toml``: triggers by kind, and the words that set
an event's status or show that a trigger is used in another sense.

The file is read once and checked as it is read: an unknown table or key, a value of the wrong type or a
name that refers to nothing is a :class:`LexiconError` naming the place. Lemmas are pymorphy3 normal forms
with ё folded to е, as ``morph.lemma`` gives them.

:meth:`Lexicon.known_lemmas` is computed from every table, so the matcher's table of inflected forms
covers every word the file lists, whichever table it is in.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType

_KIND_KEYS = frozenset({"label", "triggers"})
_RANKING_KEYS = frozenset({"weak_kinds", "generic_triggers"})
_VERB_KEYS = frozenset({"reporting", "publishing", "light", "occurring"})
_CONTEXT_LISTS = frozenset({"discovery", "attribute_heads", "unspecific", "hypothetical", "recurring", "requesting"})
_CONTEXT_MAPS = frozenset({"needs", "not_after", "not_before", "not_with"})
# The status cue sets, each a table with lemmas and, optionally, other sets it includes.
STATUS_SETS = ("cancelled", "postponed", "durative", "possible", "expected", "planned", "denying", "deniable",
               "future_auxiliary", "unable")
_STATUS_KEYS = frozenset({"lemmas", "include", "phrases"})
# The sets the matcher reads from a clause's set of lemmas, where a phrase found in the clause is added
# (timeline.lang.ru.events._status, and the cues a governing clause lends); it reads the others word by word.
PHRASE_SETS = ("possible", "expected", "planned")
_TOP_KEYS = frozenset({"kinds", "ranking", "verbs", "context", "status"})
_OPTIONAL_TOP_KEYS = frozenset({"as_written", "shared"})
_SHARED_KEYS = frozenset({"kind", "others", "context"})
# The [context] lists that switch a trigger to another kind, and that kind (the event rules _refine_kind
# applies them).
KIND_SWITCHES: Mapping[str, str] = MappingProxyType({"discovery": "discovery"})


class LexiconError(ValueError):
    """The vocabulary file is malformed; the message says where and how."""


@dataclass(frozen=True)
class Shared:
    """How a lemma listed under several kinds is read."""

    kind: str  # the kind it names by default
    others: tuple[str, ...]  # the kinds it names in another sense
    context: str  # the [context] list whose words in the clause switch it to that sense


@dataclass(frozen=True)
class Lexicon:
    """Every table of the vocabulary. Sets are frozen; mappings are read-only."""

    triggers: Mapping[str, tuple[str, ...]]  # kind -> its trigger lemmas, in the file's order
    labels: Mapping[str, str]  # kind -> the title of its events
    shared: Mapping[str, Shared]  # a lemma under several kinds -> how it is read
    weak_kinds: frozenset[str]
    generic_triggers: frozenset[str]
    reporting: frozenset[str]
    publishing: frozenset[str]
    light_verbs: frozenset[str]
    occurring: frozenset[str]  # «состоится», «перенесён»: verbs that tell of a happening a noun names
    discovery_context: frozenset[str]
    attribute_heads: frozenset[str]
    unspecific: frozenset[str]  # words that tell no happening from another («год», «сторона»): no key words
    needs_context: Mapping[str, frozenset[str]]  # trigger -> words one of which its clause must hold
    not_after: Mapping[str, frozenset[str]]  # trigger -> lemmas of the word before that unmake it
    not_before: Mapping[str, frozenset[str]]  # trigger -> words as written after it that unmake it
    not_with: Mapping[str, frozenset[str]]  # trigger -> lemmas of its clause any of which unmakes it
    hypothetical: frozenset[str]  # «если», «бы»: the clause tells of what would be
    recurring: frozenset[str]  # «проводится с 2008 года»: a recurrence since a date, not a happening on it
    requesting: frozenset[str]  # «просит отменить приговор»: the infinitive it governs is asked for, not done
    cancelled: frozenset[str]
    postponed: frozenset[str]
    durative: frozenset[str]
    possible: frozenset[str]
    expected: frozenset[str]
    planned: frozenset[str]
    denying: frozenset[str]
    deniable: frozenset[str]
    future_auxiliary: frozenset[str]
    unable: frozenset[str]  # «не мог», «не удалось»: negated, the clause says nothing was done
    # status set -> its cues of several words, each its lemmas in order. The set itself holds each phrase
    # as its lemmas joined by a space: the key phrase_cues gives where the phrase stands in a clause.
    phrases: Mapping[str, tuple[tuple[str, ...], ...]]
    as_written: Mapping[str, str]  # entry -> why it is matched as written, not as the analyzer's lemma

    def status_sets(self) -> dict[str, frozenset[str]]:
        return {name: getattr(self, name) for name in STATUS_SETS}

    @cached_property
    def _phrase_starts(self) -> dict[str, list[tuple[str, ...]]]:
        starts: dict[str, list[tuple[str, ...]]] = {}
        for group in self.phrases.values():
            for words in group:
                if words not in starts.setdefault(words[0], []):
                    starts[words[0]].append(words)
        return starts

    def phrase_cues(self, lemmas: Sequence[str]) -> list[tuple[int, str]]:
        """The cues of several words in a clause given as its words' lemmas: (where the cue's first word is,
        the cue as its status set holds it)."""
        found: list[tuple[int, str]] = []
        starts = self._phrase_starts
        for at, lemma in enumerate(lemmas):
            for words in starts.get(lemma, ()):
                if tuple(lemmas[at:at + len(words)]) == words:
                    found.append((at, " ".join(words)))
        return found

    def trigger_index(self) -> dict[str, str]:
        """lemma -> kind; a lemma listed under several kinds (declared in ``shared``) names its default kind."""
        index = {lemma: kind for kind, lemmas in self.triggers.items() for lemma in lemmas}
        index.update((lemma, shared.kind) for lemma, shared in self.shared.items())
        return index

    def known_lemmas(self) -> frozenset[str]:
        """Every lemma any table lists: the words whose inflected forms the matcher must know.
        (The words after a trigger in ``not_before`` are compared as written, so they are not here.)"""
        lemmas: set[str] = set()
        for group in self.triggers.values():
            lemmas.update(group)
        keys = {" ".join(words) for group in self.phrases.values() for words in group}
        for group in self.status_sets().values():
            lemmas.update(group - keys)
        for group in self.phrases.values():
            for words in group:
                lemmas.update(words)
        lemmas |= self.generic_triggers | self.reporting | self.publishing | self.light_verbs | self.occurring
        lemmas |= self.discovery_context | self.attribute_heads | self.unspecific
        lemmas |= self.hypothetical | self.recurring | self.requesting
        for table in (self.needs_context, self.not_after, self.not_with):
            lemmas.update(table)
            for group in table.values():
                lemmas.update(group)
        lemmas.update(self.not_before)
        return frozenset(lemmas)


def _fold(word: str) -> str:
    return word.replace("ё", "е")


def _table(value: object, where: str, allowed: frozenset[str] | None = None,
           required: frozenset[str] = frozenset()) -> dict[str, object]:
    """A TOML table with only the ``allowed`` keys (any keys if None) and all the ``required`` ones."""
    if not isinstance(value, dict):
        raise LexiconError(f"{where}: expected a table, got {type(value).__name__}")
    unknown = sorted(set(value) - allowed) if allowed is not None else []
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(unknown)}; expected {', '.join(sorted(allowed))}")
    missing = sorted(required - set(value))
    if missing:
        raise LexiconError(f"{where}: missing key(s) {', '.join(missing)}")
    return value


def _words(value: object, where: str) -> tuple[str, ...]:
    """A list of lower-case words, ё folded, none twice (a repeat is a slip: it says nothing more).
    A word is one token of the matcher: no spaces (a cue of several words is a phrase)."""
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list of words, got {type(value).__name__}")
    words: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or item.split() != [item] or item != item.lower():
            raise LexiconError(f"{where}[{i}]: expected a lower-case word without spaces, got {item!r}")
        if _fold(item) in words:
            raise LexiconError(f"{where}[{i}]: {item!r} is listed twice (ё and е are one letter here)")
        words.append(_fold(item))
    return tuple(words)


def _word_map(value: object, where: str) -> Mapping[str, frozenset[str]]:
    table = _table(value, where)
    out: dict[str, frozenset[str]] = {}
    for key, words in table.items():
        (lemma,) = _words([key], f"{where} key")
        out[lemma] = frozenset(_words(words, f"{where}.{key}"))
    return MappingProxyType(out)


def _phrases(value: object, where: str) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list of phrases (lists of lemmas), got {type(value).__name__}")
    phrases: list[tuple[str, ...]] = []
    for i, item in enumerate(value):
        words = _words(item, f"{where}[{i}]")
        if len(words) < 2:
            raise LexiconError(f"{where}[{i}]: a phrase has two words or more; a single word goes in lemmas")
        if words in phrases:
            raise LexiconError(f"{where}[{i}]: {' '.join(words)!r} is listed twice")
        phrases.append(words)
    return tuple(phrases)


def _status_sets(value: object, file: str) -> tuple[dict[str, frozenset[str]], dict[str, tuple[tuple[str, ...], ...]]]:
    """The status sets (with what they include, phrases as their keys) and each set's own phrases."""
    tables = _table(value, f"{file} [status]", frozenset(STATUS_SETS), frozenset(STATUS_SETS))
    own = {name: _table(tables[name], f"{file} [status.{name}]", _STATUS_KEYS, frozenset({"lemmas"}))
           for name in STATUS_SETS}
    phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
    for name, table in own.items():
        phrases[name] = _phrases(table.get("phrases", []), f"{file} [status.{name}] phrases")
        if phrases[name] and name not in PHRASE_SETS:
            raise LexiconError(f"{file} [status.{name}] phrases: only {', '.join(PHRASE_SETS)} take phrases; "
                               "the matcher reads this set word by word")
    resolved: dict[str, frozenset[str]] = {}

    def resolve(name: str, path: tuple[str, ...]) -> frozenset[str]:
        if name in path:
            raise LexiconError(f"{file} [status]: sets include each other: {' -> '.join((*path, name))}")
        if name not in resolved:
            table = own[name]
            words = set(_words(table["lemmas"], f"{file} [status.{name}] lemmas"))
            words.update(" ".join(phrase) for phrase in phrases[name])
            for other in _words(table.get("include", []), f"{file} [status.{name}] include"):
                if other not in own:
                    raise LexiconError(f"{file} [status.{name}] include: no status set {other!r}")
                words |= resolve(other, (*path, name))
            resolved[name] = frozenset(words)
        return resolved[name]

    return {name: resolve(name, ()) for name in STATUS_SETS}, phrases


def _shared(value: object, where: str, triggers: Mapping[str, tuple[str, ...]]) -> Mapping[str, Shared]:
    """The declared lemmas under several kinds; every lemma under several kinds must be declared, as listed."""
    kinds_of: dict[str, list[str]] = {}
    for kind, lemmas in triggers.items():
        for lemma in lemmas:
            kinds_of.setdefault(lemma, []).append(kind)
    declared: dict[str, Shared] = {}
    for key, body in _table(value, where).items():
        place = f"{where} {key}"
        (lemma,) = _words([key], f"{place} key")
        table = _table(body, place, _SHARED_KEYS, _SHARED_KEYS)
        kind, context = table["kind"], table["context"]
        others = _words(table["others"], f"{place} others")
        if not isinstance(kind, str) or not isinstance(context, str):
            raise LexiconError(f"{place}: kind and context are names (strings)")
        if sorted((kind, *others)) != sorted(kinds_of.get(lemma, [])):
            raise LexiconError(f"{place}: declared under {', '.join(sorted((kind, *others)))}, "
                               f"listed under {', '.join(sorted(kinds_of.get(lemma, []))) or 'no kind'}")
        if KIND_SWITCHES.get(context) not in others:
            raise LexiconError(f"{place} context: {context!r} switches no trigger to {', '.join(others)}; "
                               f"the lists that switch kinds: {dict(KIND_SWITCHES)}")
        declared[lemma] = Shared(kind, others, context)
    undeclared = sorted(lemma for lemma, kinds in kinds_of.items() if len(kinds) > 1 and lemma not in declared)
    if undeclared:
        raise LexiconError(f"{where}: listed under several kinds but not declared: "
                           + "; ".join(f"{lemma} ({', '.join(kinds_of[lemma])})" for lemma in undeclared))
    return MappingProxyType(declared)


def parse(text: str, where: str = "events.toml") -> Lexicon:
    """The vocabulary in a TOML text; ``where`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LexiconError(f"{where}: not valid TOML: {e}") from e
    top = _table(data, where, _TOP_KEYS | _OPTIONAL_TOP_KEYS, _TOP_KEYS)
    kinds = _table(top["kinds"], f"{where} [kinds]")
    if not kinds:
        raise LexiconError(f"{where} [kinds]: no event kinds")
    triggers: dict[str, tuple[str, ...]] = {}
    labels: dict[str, str] = {}
    for kind, body in kinds.items():
        place = f"{where} [kinds.{kind}]"
        if not kind.isascii() or not kind.replace("_", "").isalpha() or not kind.islower():
            raise LexiconError(f"{place}: a kind is named in lower-case Latin letters and _")
        table = _table(body, place, _KIND_KEYS, _KIND_KEYS)
        label = table["label"]
        if not isinstance(label, str) or not label.strip():
            raise LexiconError(f"{place} label: expected a non-empty string, got {label!r}")
        labels[kind] = label
        triggers[kind] = _words(table["triggers"], f"{place} triggers")

    shared = _shared(top.get("shared", {}), f"{where} [shared]", triggers)
    ranking = _table(top["ranking"], f"{where} [ranking]", _RANKING_KEYS, _RANKING_KEYS)
    weak_kinds = frozenset(_words(ranking["weak_kinds"], f"{where} [ranking] weak_kinds"))
    if weak_kinds - set(triggers):
        raise LexiconError(f"{where} [ranking] weak_kinds: no kind(s) {', '.join(sorted(weak_kinds - set(triggers)))}")
    verbs = _table(top["verbs"], f"{where} [verbs]", _VERB_KEYS, _VERB_KEYS)
    context = _table(top["context"], f"{where} [context]", _CONTEXT_LISTS | _CONTEXT_MAPS,
                     _CONTEXT_LISTS | _CONTEXT_MAPS)
    status, phrases = _status_sets(top["status"], where)

    def words(table: dict[str, object], key: str, section: str) -> frozenset[str]:
        return frozenset(_words(table[key], f"{where} [{section}] {key}"))

    as_written: dict[str, str] = {}
    for word, why in _table(top.get("as_written", {}), f"{where} [as_written]").items():
        if not isinstance(why, str) or not why.strip():
            raise LexiconError(f"{where} [as_written] {word}: expected the reason, a non-empty string, got {why!r}")
        (folded,) = _words([word], f"{where} [as_written] key")
        as_written[folded] = why

    result = Lexicon(
        triggers=MappingProxyType(triggers),
        labels=MappingProxyType(labels),
        shared=shared,
        weak_kinds=weak_kinds,
        generic_triggers=words(ranking, "generic_triggers", "ranking"),
        reporting=words(verbs, "reporting", "verbs"),
        publishing=words(verbs, "publishing", "verbs"),
        light_verbs=words(verbs, "light", "verbs"),
        occurring=words(verbs, "occurring", "verbs"),
        discovery_context=words(context, "discovery", "context"),
        attribute_heads=words(context, "attribute_heads", "context"),
        unspecific=words(context, "unspecific", "context"),
        needs_context=_word_map(context["needs"], f"{where} [context.needs]"),
        not_after=_word_map(context["not_after"], f"{where} [context.not_after]"),
        not_before=_word_map(context["not_before"], f"{where} [context.not_before]"),
        not_with=_word_map(context["not_with"], f"{where} [context.not_with]"),
        hypothetical=words(context, "hypothetical", "context"),
        recurring=words(context, "recurring", "context"),
        requesting=words(context, "requesting", "context"),
        **status,
        phrases=MappingProxyType(phrases),
        as_written=MappingProxyType(as_written),
    )
    unlisted = sorted(set(as_written) - result.known_lemmas())
    if unlisted:
        raise LexiconError(f"{where} [as_written]: not in any table: {', '.join(unlisted)}")
    return result


def load(path: Path) -> Lexicon:
    return parse(path.read_text(encoding="utf-8"), str(path))


@cache
def lexicon() -> Lexicon:
    """The packaged vocabulary, read once."""
    source = files("timeline.lang.ru").joinpath("data", "events.toml")
    return parse(source.read_text(encoding="utf-8"), "timeline/lang/ru/data/events.toml")


LEXICON = lexicon()

# The tables under the names the matcher (timeline.extract.events) reads them by.
ATTRIBUTE_HEADS = LEXICON.attribute_heads
UNSPECIFIC = LEXICON.unspecific
CANCELLED = LEXICON.cancelled
DENIABLE = LEXICON.deniable
DENYING = LEXICON.denying
DISCOVERY_CONTEXT = LEXICON.discovery_context
DURATIVE = LEXICON.durative
EXPECTED = LEXICON.expected
GENERIC_TRIGGERS = LEXICON.generic_triggers
KIND_LABELS = LEXICON.labels
LIGHT_VERBS = LEXICON.light_verbs
OCCURRING = LEXICON.occurring
NEEDS_CONTEXT = LEXICON.needs_context
NOT_AFTER = LEXICON.not_after
NOT_BEFORE = LEXICON.not_before
NOT_WITH = LEXICON.not_with
HYPOTHETICAL = LEXICON.hypothetical
RECURRING = LEXICON.recurring
REQUESTING = LEXICON.requesting
PLANNED = LEXICON.planned
POSSIBLE = LEXICON.possible
POSTPONED = LEXICON.postponed
PUBLISHING_VERBS = LEXICON.publishing
REPORTING = LEXICON.reporting
UNABLE = LEXICON.unable
WEAK_KINDS = LEXICON.weak_kinds


def phrase_cues(lemmas: Sequence[str]) -> list[tuple[int, str]]:
    return LEXICON.phrase_cues(lemmas)


def trigger_index() -> dict[str, str]:
    return LEXICON.trigger_index()


def known_lemmas() -> frozenset[str]:
    return LEXICON.known_lemmas()
