"""Russian tense: what a word, or a word before a date, says of when the date lies, and what a clause
says of when its happening lies. The one tense reader: both read a word's grammar from its one
reading (``words.reading``).

The date engine (``timeline.extract.dates``) indexes a sentence's words with ``verb_tense`` and splits
it into clauses with ``CLAUSE_BREAK``; the date rules' year for «в декабре», week for «в пятницу»
follow. The event rules take a clause's tense from ``happening_tense``, after its status cues.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Literal

from timeline.extract.calendar import Tense
from timeline.extract.doc import Token
from timeline.lang.ru import text, vocab
from timeline.lang.ru.lexicon import LEXICON
from timeline.lang.ru.words import reading

# Verbs in the present that speak of what is to come («ожидается», «планирует провести»): the status
# cues that say so, from the event vocabulary, and a few that set no status.
FUTURE_CUES = frozenset(vocab.lemmas("tense.future_cues")).union(
    *(LEXICON.status_sets()[name] for name in vocab.words("tense.future_cues_from"))
)
# Verbs that point at what is to come whatever their own tense: «не исключил снижения в феврале»,
# «договорились провести в мае», «пообещал завершить к марту».
PROSPECTIVE = frozenset(vocab.lemmas("tense.prospective"))
SCHEDULED = frozenset(vocab.lemmas("tense.scheduled"))  # «назначен на 24 сентября»: a plan, its date either side
PAST_AUXILIARY = frozenset(vocab.words("tense.past_auxiliary"))  # «был», «была» before a participle
PLAN_MODAL = frozenset(vocab.words("tense.plan_modal"))  # «должен был пройти 14 апреля»: a plan, either side
EARLIER_PLAN = frozenset(vocab.words("tense.earlier_plan"))  # «первоначально намеченный на 26 февраля»: past

# A clause ends at punctuation, a spaced dash or a conjunction: the verb of the clause a date stands
# in says more of it than a nearer verb across a comma.
CLAUSE_BREAK = re.compile(
    "[" + "".join(re.escape(c) for c in vocab.words("clauses.marks")) + "]"
    + r"|\s[" + "".join(re.escape(c) for c in vocab.words("clauses.dashes")) + r"]\s"
    + r"|\s" + vocab.alt(vocab.words("clauses.conjunctions")) + r"\s"
)
WORD = text.WORD  # the words of a sentence, as the event rules read them
# An aside of attribution: its verb says nothing of the dates around it (dates.toml, [clauses]).
_ASIDE = re.compile(r"\s*" + vocab.alt(vocab.words("clauses.aside_openers")) + r"(?!\w)")
_ASIDE_AS = re.compile(r"\s*" + re.escape(vocab.phrase("clauses.aside_as")) + r"\s+(?:и\s+)?(?P<verb>[а-яе]+)")

# The tense a prefix word gives the date after it, whatever the verbs say: «за 2025 год» is past; a
# deadline or a lower bound («до 3 апреля», «не ранее мая») lies ahead.
PREFIX_TENSE: dict[str, Tense] = {
    **dict.fromkeys(vocab.words("prefixes.before"), "future"),
    **dict.fromkeys(vocab.words("prefixes.after"), "future"),
    **dict.fromkeys(vocab.words("prefixes.past"), "past"),
}
# Prefixes that name a target date, which the verb's tense does not place: «объявили забастовку на
# 2 декабря», «по состоянию на 1 января». A verb on either side counts, and a past one means the nearest date.
TARGET_PREFIXES = frozenset(vocab.words("prefixes.target"))


@lru_cache(maxsize=100_000)  # every word of a clause is asked, and words recur
def verb_tense(word: str, before_expression: bool = True) -> Tense | bool:
    """past/future for a finite verb, None for a present-tense one, False if not a verb.

    A prospective verb («не исключил снижения в феврале», «договорились провести в мае») points
    the date that follows it into the future; a date before it («в пятницу пообещало») dates the
    verb itself, so then its own tense counts.
    """
    p = reading(word)
    if p is not None:
        tag = p.tag
        if tag.POS == "PRTF" and p.normal_form in SCHEDULED:
            return False  # «намеченный на декабрь»: a plan, perhaps an old one, says nothing of when
        if before_expression and p.normal_form in PROSPECTIVE and tag.POS in {"VERB", "PRTS", "PRTF", "ADJS"}:
            return "future"
        if tag.POS == "VERB":
            if tag.tense == "past":
                return "past"
            if tag.tense == "futr":
                return "future"
            return "future" if p.normal_form in FUTURE_CUES else None
        if tag.POS in {"PRTS", "ADJS"} and p.normal_form in FUTURE_CUES:
            return "future"
        if tag.POS in {"PRTS", "PRTF"} and tag.tense == "past":
            return "past?"  # «введённый 12 января»: past, unless a finite verb says otherwise
    return False


def tenses_in_context(words: Sequence[str], tenses: list[Tense | bool]) -> list[Tense | bool]:
    """«был назначен на 24 сентября»: a plan told as past (the old date of a happening moved since, or
    one told after), not a date ahead as «назначен на 24 сентября» is; the participle gives way to «был».
    «Должен был пройти 14 апреля»: a plan whose date may lie either side; «был» gives no tense.
    «Первоначально намеченный на 26 февраля»: the first plan of a happening moved since, so past.
    «Назначена министром в конце марта»: an appointment, not a plan — its own tense."""
    for i, word in enumerate(words):
        if tenses[i] == "future" and appoints(words, i):
            p = reading(word)
            tenses[i] = "past" if p is not None and (p.tag.tense == "past" or p.tag.POS == "PRTS") else tenses[i]
    for i in range(1, len(words)):
        if words[i - 1] in EARLIER_PLAN:
            p = reading(words[i])
            if p is not None and p.tag.POS in {"PRTF", "PRTS"} and p.normal_form in SCHEDULED:
                tenses[i] = "past"  # «первоначально намеченный на 26 февраля»: the first plan, its date gone
        if words[i] in PAST_AUXILIARY and words[i - 1] in PLAN_MODAL:
            tenses[i - 1] = tenses[i] = False  # «должен был пройти 14 апреля»: ahead or past, the nearest
        if tenses[i] == "future" and words[i - 1] in PAST_AUXILIARY:
            p = reading(words[i])
            if p is not None and p.tag.POS == "PRTS" and p.normal_form in SCHEDULED:
                tenses[i] = False
    return tenses


_POSTS = frozenset(vocab.words("tense.posts"))  # «назначен на должность»: the post, not a date, follows


def appoints(words: Sequence[str], at: int) -> bool:
    """Is the word at ``at`` a scheduling verb used of a post («назначена министром», «назначен на
    должность», «на пост»): someone appointed, not a happening set for a date?"""
    p = reading(words[at])
    if p is None or p.normal_form not in SCHEDULED or at + 1 >= len(words):
        return False
    following = reading(words[at + 1])
    if following is not None and following.tag.POS == "NOUN" and following.tag.case == "ablt":
        return True
    return words[at + 1] == "на" and at + 2 < len(words) and words[at + 2] in _POSTS


# What a sentence holds if any clause of it is an aside: an opener, or «как» before a word.
ASIDE_HINT = re.compile(
    r"(?<![\w-])(?:" + vocab.alt(vocab.words("clauses.aside_openers")) + r"|"
    + re.escape(vocab.phrase("clauses.aside_as")) + r"\s)"
)


def opens_aside(norm: str, start: int, stop: int) -> bool:
    """Does the clause ``norm[start:stop]`` (normalized text) open as an aside of attribution: «по
    словам А. Петрова», or «как» and a verb («как сказал В. Путин», «как и планировалось»)?"""
    if _ASIDE.match(norm, start, stop):
        return True
    m = _ASIDE_AS.match(norm, start, stop)
    return m is not None and verb_tense(m["verb"], False) not in (False, "past?")


_TENSES: dict[str | None, Literal["past", "future", "present"]] = {"past": "past", "futr": "future", "pres": "present"}


def happening_tense(
    tokens: Sequence[Token], trigger: Token, reporting: Collection[str]
) -> Literal["past", "future", "present"] | None:
    """The tense of a clause's happening: its trigger's when it is a finite verb (a short participle,
    «отменён», is past), else that of the verb nearest it — not a verb of reporting (``reporting``:
    their lemmas) when there is another: «выполнила 14 пусков, сообщает «Интерфакс»»."""
    if trigger.pos == "PRTS":
        return "past"
    tense = _TENSES.get(trigger.tense) if trigger.pos == "VERB" else None
    if tense is None:
        verbs = [t for t in tokens if t.pos == "VERB" or t.pos == "PRTS"]
        verbs = [t for t in verbs if t.lemma not in reporting] or verbs
        if verbs:
            nearest = min(verbs, key=lambda t: abs(t.start - trigger.start))
            tense = "past" if nearest.pos == "PRTS" else _TENSES.get(nearest.tense)
    return tense
