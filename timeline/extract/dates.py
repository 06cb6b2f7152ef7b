"""Temporal expressions: find them in a text and resolve each to an interval, in any language.

The contract is ``shared/spec/dates.md``. This is the engine; the words are a language pack's, given
as a :class:`DateLanguage` (``timeline.lang.pack(code).dates()``): its rules, each a regular
expression over the normalized text (lower-cased, letters folded as the pack says, so offsets are
those of the original) and a resolver that turns the match into an interval with
``timeline.extract.calendar``; and its tense reading, which decides the year of a bare month or the
week of a bare weekday from the verbs of the clause.

Here: which rules run on a sentence (their hints), which of their matches stand (the longest, then
the rule of higher priority; a position is read by one expression only), the prefix words a match
takes in («до 3 апреля»), and the tense of the clause at a position (``SentenceVerbs``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import Protocol

from timeline.extract.calendar import Resolved, Tense
from timeline.extract.entities import sentence_spans
from timeline.extract.spans import Reach
from timeline.extract.types import ExpressionType, Modifier, Precision, Relative, TimeExpression
from timeline.lang import DEFAULT, pack

WordTense = Callable[[str, bool], Tense | bool]  # a word, whether it stands before the date


class Word(Protocol):
    """A word as the pipeline's words stage gives it (a ``Token``): where it starts, and its folded form."""

    start: int
    lower: str


@dataclass(frozen=True)
class DateLanguage:
    """What a language pack gives the date engine.

    ``rules`` and ``fragments()`` (the named pieces of their patterns) say what an expression is;
    ``prefix`` finds the words before a match that join it («до», «не позднее»), ``prefix_tense`` the
    tense such a word imposes and ``target_prefixes`` those that name a target date («на»). The tense
    at a position comes from ``word_tense`` over the ``word``s of a sentence split at ``clause_break``,
    an aside of attribution (``opens_aside``, present only where ``aside_hint`` is) lending none.
    ``fold`` folds letters of lower-cased text without changing its length.
    """

    rules: tuple[DateRule, ...]
    fragments: Callable[[], Mapping[str, str]]
    prefix: re.Pattern[str]
    prefix_tense: Mapping[str, Tense]
    target_prefixes: frozenset[str]
    word_tense: WordTense
    word: re.Pattern[str]
    clause_break: re.Pattern[str]
    opens_aside: Callable[[str, int, int], bool]
    aside_hint: re.Pattern[str]
    fold: Callable[[str], str]
    # The words' tenses (as read before an expression) as their neighbours change them: «был назначен на
    # 24 сентября» is not «назначен на 24 сентября». The identity when the language needs none.
    tenses_in_context: Callable[[Sequence[str], list[Tense | bool]], list[Tense | bool]] = lambda _words, t: t


def language(code: str = DEFAULT) -> DateLanguage:
    """The date language of a pack (loaded when first asked)."""
    return _language(code)


@cache
def _language(code: str) -> DateLanguage:
    return pack(code).dates()  # type: ignore[no-any-return]


# --- the context a resolver sees ----------------------------------------------------------------


class Context:
    """The text being tagged, its anchor, and the clause tense around a position."""

    def __init__(
        self, norm: str, dct: date, sentence: tuple[int, int], original: str = "", lang: DateLanguage | None = None,
        words: Sequence[Word] | None = None,
    ) -> None:
        self.lang = lang or language()
        self.words = words  # the sentence's words, when the pipeline has them
        self.norm = norm
        self.original = original or norm
        self.dct = dct
        self.sentence = sentence
        self.prefix = ""  # the preposition or deadline words before the match, normalized
        self._tense_override: Tense = None
        self._pos = 0
        self._verbs: SentenceVerbs | None = None

    def tense(self, participles: bool = True) -> Tense:
        """The clause's tense at the expression; ``participles``: with no finite verb, may a past
        participle make it past? Not for the bound of a state: «закрыт до среды» lasts till Wednesday."""
        if self._tense_override:
            return self._tense_override
        if self._verbs is None:  # once per sentence, however many expressions ask
            self._verbs = SentenceVerbs(self.norm, self.sentence, self.lang, self.words)
        target = self.prefix in self.lang.target_prefixes
        tense = self._verbs.tense(self._pos, forward_any_side=target, participles=participles)
        if target and tense == "past":
            # A prefix that names a target date («объявили забастовку на 2 декабря»): the verb's
            # tense does not place it; the nearest such date is meant.
            return None
        return tense

    def at(self, pos: int, prefix: str) -> Context:
        self._pos = pos
        self.prefix = prefix
        self._tense_override = self.lang.prefix_tense.get(prefix)  # «за 2025 год», «до 3 апреля»
        return self



def clause_tense(norm: str, sentence: tuple[int, int], pos: int, forward_any_side: bool = False) -> Tense:
    """The tense of the finite verb nearest to ``pos``, in its clause first, then in its sentence."""
    return SentenceVerbs(norm, sentence).tense(pos, forward_any_side)


_READABLE = frozenset({"past", "future", None})  # a tense a verb gives; False: no verb, "past?": a participle


class _Readings:
    """A sentence's words with the tense each gives (read before and after an expression), and for
    each index the nearest readable word on either side and the running count of participles.

    Each index is built when first asked: most sentences are asked once, on one side, and find a verb.
    """

    def __init__(self, before: list[Tense | bool], after: list[Tense | bool]) -> None:
        self.before, self.after = before, after

    @cached_property
    def last_before(self) -> list[int]:
        found = [-1] * (len(self.before) + 1)  # [j]: the last i < j readable before
        for i, t in enumerate(self.before):
            found[i + 1] = i if t in _READABLE else found[i]
        return found

    @cached_property
    def next_before(self) -> list[int]:
        return self._next(self.before)

    @cached_property
    def next_after(self) -> list[int]:
        return self._next(self.after)

    @cached_property
    def participles_before(self) -> list[int]:
        return self._count(self.before)

    @cached_property
    def participles_after(self) -> list[int]:
        return self._count(self.after)

    @staticmethod
    def _next(tenses: list[Tense | bool]) -> list[int]:
        found = [len(tenses)] * (len(tenses) + 1)  # [j]: the first i >= j readable
        for i in range(len(tenses) - 1, -1, -1):
            found[i] = i if tenses[i] in _READABLE else found[i + 1]
        return found

    @staticmethod
    def _count(tenses: list[Tense | bool]) -> list[int]:
        counts = [0]
        for t in tenses:
            counts.append(counts[-1] + (t == "past?"))
        return counts


class SentenceVerbs:
    """One sentence's clause breaks and words with the tense each would give, indexed once, so the
    tense at any position is found by bisection: a scan per expression would cost the sentence's
    length each time, and a long sentence holds many expressions.

    A word's tense depends on its side of the expression (``word_tense``'s second argument, true
    before it): ``before[i]`` is word i's as read before it, ``after[i]`` as read after it. A clause
    that is an aside of attribution («, как сказал В. Путин,», «— по словам А. Петрова —») lends no
    verb to the rest of the sentence. The word tense, the clause breaks, the word pattern and what
    opens an aside are the language's (the default pack's unless ``lang`` is given).
    """

    def __init__(
        self, norm: str, sentence: tuple[int, int], lang: DateLanguage | None = None,
        words: Sequence[Word] | None = None,
    ) -> None:
        lang = lang or language()
        word_tense, clause_break, word = lang.word_tense, lang.clause_break, lang.word
        opens_aside, aside_hint = lang.opens_aside, lang.aside_hint
        s, e = sentence
        self.sentence = sentence
        breaks = list(clause_break.finditer(norm, s, e))
        self._break_starts = [m.start() for m in breaks]
        self._break_ends = [m.end() for m in breaks]
        if words is None:  # the words as the pipeline's words stage finds them, when it has not run
            matches = list(word.finditer(norm, s, e))
            self._starts = [m.start() for m in matches]
            lowered = [m.group() for m in matches]
        else:
            self._starts = [w.start for w in words]
            lowered = [w.lower for w in words]
        before = lang.tenses_in_context(lowered, [word_tense(w, True) for w in lowered])
        # Only a prospective verb reads otherwise after the expression, and it reads "future" before it.
        after = [word_tense(w, False) if t == "future" else t for w, t in zip(lowered, before, strict=True)]
        self._clause = _Readings(before, after)
        self._asides: list[tuple[int, int]] = []
        if aside_hint.search(norm, s, e):  # most sentences have none: one search says so
            bounds = zip([s, *self._break_ends], [*self._break_starts, e], strict=True)
            self._asides = [(lo, hi) for lo, hi in bounds if lo < hi and opens_aside(norm, lo, hi)]
        if self._asides:
            self._aside_spans = Reach(self._asides)
            inside = [self._aside_spans.inside(start) for start in self._starts]
            self._sentence = _Readings(
                [False if a else t for a, t in zip(inside, before, strict=True)],
                [False if a else t for a, t in zip(inside, after, strict=True)],
            )
        else:
            self._sentence = self._clause

    def tense(self, pos: int, forward_any_side: bool = False, participles: bool = True) -> Tense:
        """The tense of the finite verb nearest to ``pos``, in its clause first, then in its sentence
        (asides apart, unless ``pos`` is in one); a tie goes to the earlier word. With no verb, a
        past participle makes it past, unless ``participles`` is false."""
        s, e = self.sentence
        i = bisect_right(self._break_ends, pos)
        left = self._break_ends[i - 1] if i else s  # the end of the last break ending by pos
        i = bisect_right(self._break_starts, pos)
        right = self._break_starts[i] if i < len(self._break_starts) else e  # the first break after pos
        at = bisect_left(self._starts, pos)  # words from here on are after the expression
        in_aside = bool(self._asides) and self._aside_spans.inside(pos)  # most sentences have none
        for (lo, hi), r in (((left, right), self._clause), ((s, e), self._clause if in_aside else self._sentence)):
            forward = r.next_before if forward_any_side else r.next_after
            first, stop = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
            split = min(max(at, first), stop)
            back = r.last_before[split]
            ahead = forward[split]
            back_ok, ahead_ok = back >= first, ahead < stop
            if back_ok and (not ahead_ok or pos - self._starts[back] <= self._starts[ahead] - pos):
                return r.before[back]  # type: ignore[return-value]
            if ahead_ok:
                return (r.before if forward_any_side else r.after)[ahead]  # type: ignore[return-value]
            if participles:  # the counts only now: a verb mostly answers first
                counts = r.participles_before if forward_any_side else r.participles_after
                if r.participles_before[split] - r.participles_before[first] + counts[stop] - counts[split]:
                    return "past"
        return None


# --- rules --------------------------------------------------------------------------------------

Resolver = Callable[[re.Match[str], Context], Resolved | None]


@dataclass(frozen=True)
class Example:
    """A sentence a rule must read: the words it must find there, what they mean, and the anchor.

    A date gives ``start`` and ``end`` (ISO days, inclusive) with its ``precision`` and ``modifier``;
    a duration its ISO 8601 ``duration`` (and ``modifier``); a recurrence or a vague phrase only its
    ``type``. ``type`` left out is "duration" when a duration is given, else "date".
    """

    sentence: str
    text: str
    start: str | None = None
    end: str | None = None
    precision: Precision | None = None
    modifier: Modifier | None = None
    duration: str | None = None
    type: ExpressionType | None = None
    anchor: str = "2026-01-14"  # a Wednesday: the seed article's date
    relative: Relative | None = None  # a vague expression another happening dates: how

    @property
    def expected_type(self) -> ExpressionType:
        return self.type or ("duration" if self.duration else "date")


@dataclass(frozen=True)
class DateRule:
    """One form of temporal expression, as a language pack declares it.

    ``pattern`` is a regular expression over normalized text in which ``{NAME}`` stands for the pack's
    fragment NAME (``fragments()``); a match starts a word. Of two overlapping matches the longer
    stands; of two as long, the one whose rule has the lower ``priority``. ``hint``, when given, is
    a regular expression a sentence must contain for the rule to be tried at all (a cheap search
    saves the pattern on most sentences). ``takes_prefix``: a prefix word before the match (the
    pack's ``PREFIX``: «до», «не позднее», «в») joins the expression and is the resolver's
    ``Context.prefix``. ``resolve`` returns None when the match is no date after all. ``examples``
    are sentences the rule must read, each as the expression that rule produces.
    """

    name: str
    priority: int
    pattern: str
    resolve: Resolver
    hint: str | None = None
    takes_prefix: bool = True
    examples: tuple[Example, ...] = ()  # the rule's own corpus, read by tests/test_date_rules.py


@dataclass(frozen=True)
class _Rule:
    """A rule with its pattern and hint compiled."""

    name: str
    priority: int
    pattern: re.Pattern[str]
    resolve: Resolver
    hint: int  # its hint's bit in what ``_Rules.present`` returns; 0: none, the rule always runs
    takes_prefix: bool


@dataclass(frozen=True)
class _Rules:
    """A pack's rules compiled, by priority, and their distinct hints: rules share hints, so a
    sentence is searched once for each hint, not once for each rule.

    A hint of plain words («янв|фев|мар», most of them) is looked for word by word as a substring,
    each word once for all the hints that hold it: ``in`` costs far less than a search's call and
    match. The other hints stay searches.
    """

    rules: tuple[_Rule, ...]
    words: tuple[tuple[str, int], ...]  # a word of plain hints, and the bits of those hints
    searches: tuple[tuple[re.Pattern[str], int], ...]  # a hint that is a pattern, and its bit

    def present(self, text: str) -> int:
        """The bits of the hints ``text`` holds."""
        found = 0
        for word, bits in self.words:
            if word in text:
                found |= bits
        for search, bit in self.searches:
            if search.search(text):
                found |= bit
        return found


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def _plain_words(hint: str) -> tuple[str, ...] | None:
    """The words of a hint that is only escaped words side by side («янв|фев», «по\\ »), else None."""
    words = tuple(_ESCAPED.sub(r"\1", w) for w in hint.split("|"))
    return words if "|".join(map(re.escape, words)) == hint else None  # exactly those words, or not sure


def _hints(hints: Sequence[str]) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[re.Pattern[str], int], ...]]:
    """The hints as ``_Rules`` looks for them, hint i as bit i."""
    words: dict[str, int] = {}
    searches = []
    for i, hint in enumerate(hints):
        plain = _plain_words(hint)
        if plain is None:
            searches.append((re.compile(hint), 1 << i))
        else:
            for word in plain:
                words[word] = words.get(word, 0) | 1 << i
    return tuple(words.items()), tuple(searches)


_FRAGMENT = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


def expand(pattern: str, fragments: Mapping[str, str]) -> str:
    """``pattern`` with every ``{NAME}`` replaced by that fragment, itself expanded."""
    return _FRAGMENT.sub(lambda m: expand(fragments[m[1]], fragments), pattern)


@cache
def _rules(code: str = DEFAULT) -> _Rules:
    """A pack's rules compiled, by priority (built when first needed: the fragments need the analyzer)."""
    lang = language(code)
    rules = lang.rules
    fragments = lang.fragments()
    if len({r.priority for r in rules}) != len(rules) or len({r.name for r in rules}) != len(rules):
        raise ValueError(f"language {code!r}: two rules share a name or a priority")
    hints = list(dict.fromkeys(r.hint for r in rules if r.hint is not None))
    compiled = tuple(
        _Rule(
            r.name,
            r.priority,
            # An expression starts a word: the lookbehind rejects most positions before any alternative is tried.
            re.compile(rf"(?<![\w-])(?:{expand(r.pattern, fragments)})"),
            r.resolve,
            0 if r.hint is None else 1 << hints.index(r.hint),
            r.takes_prefix,
        )
        for r in sorted(rules, key=lambda r: r.priority)
    )
    return _Rules(compiled, *_hints(hints))


# --- sentences and normalized text ---------------------------------------------------------------

def normalize(text: str, code: str = DEFAULT) -> str:
    """Lower-case with the pack's letters folded (ё to е); same length, so offsets carry over."""
    fold = language(code).fold
    folded = fold(text.lower())
    return folded if len(folded) == len(text) else fold("".join(ch.lower()[:1] or ch for ch in text))


# --- finding ------------------------------------------------------------------------------------


def find_dates(
    text: str, anchor: date, sentences: Iterable[tuple[int, int]] | None = None, language: str = DEFAULT,
    words: Sequence[Sequence[Word]] | None = None,
) -> list[TimeExpression]:
    """Every temporal expression in ``text``, resolved against ``anchor`` (the article's date).

    ``sentences``, half-open spans into ``text``, limit the search to those sentences (a caller
    that knows which sentences matter saves the rest); by default, every sentence of the text as
    the pipeline splits it. ``language``: the pack whose rules read it. ``words``: for each sentence,
    its words (tokens) as the pipeline's words stage found them, so they are not found again.
    """
    return [expression for expression, _rule in trace_dates(text, anchor, sentences, language, words)]


def trace_dates(
    text: str, anchor: date, sentences: Iterable[tuple[int, int]] | None = None, language: str = DEFAULT,
    words: Sequence[Sequence[Word]] | None = None,
) -> list[tuple[TimeExpression, str]]:
    """``find_dates`` with the name of the rule that produced each expression: for tests and debugging."""
    norm = normalize(text, language)
    found: list[tuple[TimeExpression, str]] = []
    if sentences is None:  # the sentences every stage reads: the Doc's, from the language pack
        sentences = sentence_spans(text, language)
    for n, sentence in enumerate(sentences):
        found.extend(_tag_sentence(text, norm, anchor, sentence, language, None if words is None else words[n]))
    return found


_PREFIX_WINDOW = 16  # how far before a match its prefix words may start («не позднее » and some spaces)


def _tag_sentence(
    text: str, norm: str, anchor: date, sentence: tuple[int, int], language: str = DEFAULT,
    words: Sequence[Word] | None = None,
) -> list[tuple[TimeExpression, str]]:
    s, e = sentence
    lang = _language(language)
    ctx = Context(norm, anchor, sentence, text, lang, words)
    candidates: list[tuple[int, int, int, _Rule, re.Match[str]]] = []
    rules = _rules(language)
    present = rules.present(norm[s:e])
    for r in rules.rules:
        if r.hint and not present & r.hint:
            continue
        for m in r.pattern.finditer(norm, s, e):
            start, end = m.span()
            if (start > 0 and (norm[start - 1].isalnum() or norm[start - 1] in "-")) or (
                start > 1 and norm[start - 1] in ",." and norm[start - 2].isdigit()
            ) or (
                end < len(norm) and norm[end - 1].isalnum() and (norm[end].isalnum())
            ):
                continue
            candidates.append((start, end, r.priority, r, m))
    # Longest first, then the rule of higher priority; a position is read by one expression only.
    candidates.sort(key=lambda x: (-(x[1] - x[0]), x[2], x[0]))
    taken = bytearray(e - s)  # 1 at each position an expression has taken: a check costs the candidate's length
    results: list[tuple[TimeExpression, str]] = []
    prefix_pattern = lang.prefix
    for start, end, _priority, r, m in candidates:
        if taken.find(1, start - s, end - s) >= 0:
            continue
        prefix = ""
        if r.takes_prefix:
            pm = prefix_pattern.search(norm, max(s, start - _PREFIX_WINDOW), start)
            if pm:
                prefix = re.sub(r"\s+", " ", pm["p"])
                if taken.find(1, pm.start() - s, start - s) >= 0:
                    prefix = ""
        try:
            resolved = r.resolve(m, ctx.at(start, prefix))
        except (OverflowError, ValueError):
            # The interval falls outside years 1..9999 («завтра» on 9999-12-31): no date can hold it.
            continue
        if resolved is None:
            continue
        if prefix:
            start = pm.start("p")  # type: ignore[union-attr]
        taken[start - s:end - s] = b"\x01" * (end - start)
        results.append((
            TimeExpression(
                text=text[start:end], span=(start, end), type=resolved.type, when=resolved.when,
                duration=resolved.duration, approx=resolved.approx, relative=resolved.relative,
            ),
            r.name,
        ))
    results.sort(key=lambda found: found[0].span)
    return results
