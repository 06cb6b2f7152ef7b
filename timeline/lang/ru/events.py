"""Russian event rules: clauses, triggers and their senses, status from negation, modal words and
tense, the date, actors, place, count and duration of each clause's happening.

For every sentence the clauses are found; in each, a word whose lemma is in the vocabulary
(``data/events.toml``) names the happening. Its arguments come from the same clause: the temporal
expression (the date stage), the status (tense and modal words, read with pymorphy3), the people and
organizations (NER, normalized), the place («в Москве»), a count («шесть раз») and a duration. A clause
that only continues the previous event («Тогда переговоры длились почти пять часов») adds to it.
The engine (:mod:`timeline.extract.events`) turns the sentences' results into the article's events.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, cached_property
from itertools import pairwise

from timeline.extract.doc import Doc, Sentence
from timeline.extract.doc import Token as _Token
from timeline.extract.entities import Mention
from timeline.extract.events import (
    CALLED_OFF_SCORE,
    REPORTING_SCORE,
    SPECIFIC,
    SPECIFIC_SCORE,
    VERB_BONUS,
    WEAK_SCORE,
    WEAK_VERB_BONUS,
    Continuation,
    SentenceEvents,
    Trigger,
    confidence,
)
from timeline.extract.kinds import YIELDS_TO
from timeline.extract.spans import Reach, between
from timeline.extract.types import ORDINAL, ActorMention, EvidenceSpan, ExtractedEvent, Status, TimeExpression
from timeline.lang.ru import vocab
from timeline.lang.ru.lexicon import (
    ATTRIBUTE_HEADS,
    CANCELLED,
    DENIABLE,
    DENYING,
    DISCOVERY_CONTEXT,
    DURATIVE,
    EXPECTED,
    GENERIC_TRIGGERS,
    HYPOTHETICAL,
    KIND_LABELS,
    LIGHT_VERBS,
    NEEDS_CONTEXT,
    NOT_AFTER,
    NOT_BEFORE,
    NOT_WITH,
    OCCURRING,
    PLANNED,
    POSSIBLE,
    POSTPONED,
    PUBLISHING_VERBS,
    RECURRING,
    REPORTING,
    REQUESTING,
    UNABLE,
    UNSPECIFIC,
    WEAK_KINDS,
    phrase_cues,
    trigger_index,
)
from timeline.lang.ru.morph import analyzer, parse
from timeline.lang.ru.tense import appoints, happening_tense
from timeline.lang.ru.vocab import number_value

_APPOSITION = re.compile(r"\s*,\s*")
_NAME_LETTER = re.compile(r"[^\W\d_а-яё]")  # a capital of any script, or a Latin (or other) small letter
# Where one clause ends and another begins inside a sentence (dates.toml [clauses], beside the tense's breaks).
_CLAUSE = re.compile(
    "[" + "".join(map(re.escape, vocab.entry("clauses.event_marks"))) + r"]\s"
    + r"|\s[" + "".join(map(re.escape, vocab.entry("clauses.event_dashes"))) + r"]\s"
    + r"|,\s+(?=" + vocab.alt(vocab.entry("clauses.event_openers")) + r"\s)",
    re.IGNORECASE,
)
# A sentence that opens like this talks about the event just reported.
_CONTINUATION = re.compile(
    r"\s*(?:тогда|там\s+же|там|в\s+ходе|во\s+время|на\s+встрече|на\s+переговорах|по\s+итогам|"
    r"в\s+результате|по\s+их\s+итогам|после\s+этого)\b",
    re.IGNORECASE,
)
_SOURCE_BEFORE = re.compile(
    r"(?:сообща[ею]т|сообщил[аи]?|переда[её]т|передал[аи]?|пишет|написал[аи]?|заявил[аи]?\s+в|"
    r"по\s+данным|по\s+словам|по\s+информации|со\s+ссылкой\s+на|сообщили\s+в|сообщила)\s+(?:\S+\s+){0,2}[«\"„]?$",
    re.IGNORECASE,
)
_MEDIUM_BEFORE = re.compile(r"(?:^|\s)(?:в|во|на|через|из|по)\s+$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"(?:^|\s)(?:в|во|на|под|из)\s+$", re.IGNORECASE)
_GOVERNED = re.compile(r"\s*(?:что|чтобы)\s", re.IGNORECASE)
_COUNT = re.compile(r"(?<=\s)раза?(?![\w])|(?<![\w-])(?P<w>дважды|трижды)(?![\w])", re.IGNORECASE)
VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
_PREDICATES = frozenset({"VERB", "INFN", "PRTS", "ADJS", "PRED"})
# The lemmas a governing clause lends to the status of the clause it governs.
_GOVERNING_CUES = POSSIBLE | EXPECTED | PLANNED | DURATIVE | DENYING


@cache
def _triggers() -> dict[str, str]:
    return trigger_index()


def _may_name(sentence: str, tokens: list[_Token]) -> bool:
    """Could NER find a name here? Names are capitalized or Latin, so a sentence with neither past its
    first letter names no one, unless its first word may open a name: an adjective («Следственный
    комитет …»), a name the dictionary knows («Росздравнадзор») or a word it does not («Уиткофф»)."""
    if _NAME_LETTER.search(sentence, 1):
        return True
    if not tokens:
        return False
    first = tokens[0].word.lower()
    return tokens[0].pos == "ADJF" or not analyzer().word_is_known(first) or any(
        {"Name", "Surn", "Geox", "Orgn", "Abbr"} & p.tag.grammemes for p in parse(first)
    )


def find_clauses(doc: Doc) -> None:
    """The clauses of every sentence but a heading (which reports nothing), once for every later stage."""
    for s in doc.sentences:
        if not s.heading:
            s.clauses = _clauses(doc.text, s, s.tokens)


def _clauses(text: str, sentence: Sentence, tokens: list[_Token]) -> list[tuple[int, int]]:
    starts = [t.start for t in tokens]

    def has_predicate(start: int, stop: int) -> bool:
        return any(t.pos in _PREDICATES for t in tokens[between(starts, start, stop)])

    # Each clause with whether a dash opened it.
    clauses: list[tuple[int, int, bool]] = []
    start, dash_before = sentence.start, False
    for m in _CLAUSE.finditer(text, sentence.start, sentence.stop):
        clauses.append((start, m.start(), dash_before))
        start, dash_before = m.end(), m.group().strip() in "—–"
    clauses.append((start, sentence.stop, dash_before))
    # A dash with no verb on one side joins what it separates: «пианист — лауреат премии … дают
    # концерт» (an apposition), «началась раньше обычного — в конце июня» (a date for the clause).
    # Whether the last bound has a predicate is remembered as it grows, so a run of dashes is read once.
    bounds: list[tuple[int, int]] = []
    last_has: bool | None = None
    for start, stop, after_dash in clauses:
        if bounds and after_dash:
            if last_has is None:
                last_has = has_predicate(*bounds[-1])
            here = has_predicate(start, stop)
            if not (last_has and here):
                bounds[-1] = (bounds[-1][0], stop)
                last_has = last_has or here
                continue
        bounds.append((start, stop))
        last_has = None
    return [part for b in bounds if b[1] > b[0] for part in _relative_closed(text, b, tokens, starts)]


def _opens_relative(tokens: list[_Token]) -> bool:
    reading = tokens[0].reading if tokens else None
    return reading is not None and reading.normal_form == RELATIVE  # type: ignore[union-attr]


def _relative_closed(
    text: str, clause: tuple[int, int], tokens: list[_Token], starts: list[int],
) -> list[tuple[int, int]]:
    """«Саммит, который должен был пройти 14 апреля, перенесён на 26 мая»: a relative clause ends at the
    comma after which its main clause resumes (a predicate on both sides), and the rest is a clause of
    its own (``_sentence_events`` reads it as resuming the clause before the relative one)."""
    start, stop = clause
    first = bisect_left(starts, start)
    inside = tokens[between(starts, start, stop)]
    if not _opens_relative(inside) or _antecedent(tokens, first, inside[0]) is None:
        return [clause]
    # Predicates counted once over the clause, so each comma is tried in constant time.
    predicates = [0]
    for t in inside:
        predicates.append(predicates[-1] + (t.pos in _PREDICATES))
    at = text.find(", ", start, stop)
    while at >= 0:
        split = bisect_left(starts, at) - first  # the clause's words before the comma
        if predicates[split] and predicates[-1] - predicates[split]:
            rest = inside[split:]
            # The main clause resumes with its predicate («…, перенесён на 26 мая»), its subject the noun
            # before the relative one. A subject of its own («…, «Единая Россия» получила»), or a happening
            # of its own, leaves the clause as it was.
            lead = rest[1] if len(rest) > 1 and rest[0].pos in {"ADVB", "PRCL"} else rest[0] if rest else None
            if lead is None or lead.pos not in _PREDICATES or any(
                    _triggers().get(t.lemma) not in (None, *WEAK_KINDS) for t in rest):
                return [clause]
            return [(start, at), (at + 2, stop)]
        at = text.find(", ", at + 2, stop)
    return [clause]


RELATIVE = "который"  # the pronoun that opens a relative clause
_ANTECEDENT_REACH = 24  # words back a relative pronoun looks for its noun
_ANTECEDENT_NOUNS = 4  # how many nouns back it looks for the one it agrees with


def _antecedent(tokens: list[_Token], at: int, pronoun: _Token) -> _Token | None:
    """The noun a relative pronoun (``tokens[at]``) stands for, when it names a happening that is no
    generic one: the nearest noun before it it agrees with, or that noun's dependent («единый день
    вакцинации, который …»)."""
    nouns = [t for t in tokens[max(0, at - _ANTECEDENT_REACH):at][::-1] if t.pos == "NOUN"][:_ANTECEDENT_NOUNS]
    for n, noun in enumerate(nouns):
        if _agrees(pronoun, noun):
            for candidate in (noun, *nouns[max(0, n - 1):n]):  # the noun, then the one right after it
                kind = _triggers().get(candidate.lemma)
                if kind is not None and kind not in WEAK_KINDS:
                    return candidate
            # «забастовку пилотов авиакомпании, которая пройдёт 10 июня»: past a genitive that agrees
            # too, the happening the chain depends on
    return None


def _other_noun(t: _Token, first_only: bool) -> bool:
    """Is the word (its analyzer's first reading, or any reading) a noun other than the trigger's lemma?
    «DDoS-атакам»: the head after the hyphen is the trigger's lemma too."""
    readings = parse(t.lower)[:1] if first_only else parse(t.lower)
    return any(
        p.tag.POS == "NOUN" and t.lemma not in (normal := p.normal_form.replace("ё", "е"), normal.rsplit("-", 1)[-1])
        for p in readings
    )


def _other_sense(tokens: list[_Token], at: int, lemmas: frozenset[str]) -> bool:
    """Is the trigger word at ``at`` used in a sense that names no happening? ``lemmas``: the clause's."""
    t = tokens[at]
    before = tokens[at - 1] if at else None
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    if t.lemma in NEEDS_CONTEXT and not NEEDS_CONTEXT[t.lemma] & lemmas:
        return True  # «ушёл» without «из жизни»
    if after is not None and after.lower in NOT_BEFORE.get(t.lemma, ()):
        return True  # «вернуться к работе»
    if t.lemma in NOT_WITH and NOT_WITH[t.lemma] & lemmas:
        return True  # «сыграл важную роль»
    if before is not None and before.lemma in NOT_AFTER.get(t.lemma, ()):
        return True  # «со дня рождения»
    if t.pos == "NOUN":
        # «премьер» is read first as the prime minister, not as a form of «премьера»; «лауреат премии»
        return _other_noun(t, first_only=True) or (before is not None and before.lemma in ATTRIBUTE_HEADS)
    # «при чистой прибыли»: after an adjective or a preposition, a form that can be a noun is one
    return t.pos in VERBAL and before is not None and before.pos in {"ADJF", "PREP"} and _other_noun(t, False)


def _score(t: _Token, kind: str) -> float:
    verbal = t.pos in VERBAL
    if t.lemma in REPORTING:
        return REPORTING_SCORE
    if t.lemma in CANCELLED:
        return CALLED_OFF_SCORE
    if kind in WEAK_KINDS or t.lemma in GENERIC_TRIGGERS:
        return WEAK_SCORE + WEAK_VERB_BONUS * verbal
    return SPECIFIC_SCORE + VERB_BONUS * verbal


# Prepositions that make a happening's noun the time of another: «после покупки», «накануне саммита».
_TIME_ANCHORS = frozenset({"после", "перед", "накануне", "вслед"})


def _pick_trigger(tokens: list[_Token], blocked: Reach) -> Trigger | None:
    """The clause's strongest trigger; a light verb («провёл», «подписал») gives way to the happening
    its object names («провёл совещание»), keeping its own score (and tense)."""
    best: Trigger | None = None
    lemmas = frozenset(t.lemma for t in tokens)
    found: list[Trigger] = []
    for at, t in enumerate(tokens):
        kind = _triggers().get(t.lemma)
        if kind is None or blocked.inside(t.start) or _other_sense(tokens, at, lemmas):
            continue
        score = _score(t, kind)
        if t.pos == "NOUN" and any(w.lemma in _TIME_ANCHORS for w in tokens[max(0, at - 2):at]):
            score = min(score, WEAK_SCORE)  # «возглавил ГОК сразу после его покупки»: when, not what
        found.append(Trigger(t, kind, score))
        if best is None or found[-1].score > best.score:
            best = found[-1]
    if best is not None and best.kind in YIELDS_TO:  # «в ходе стрельбы погиб»: the attack, not the death
        stronger = next((f for f in found if f.kind in YIELDS_TO[best.kind]), None)
        best = stronger or best
    if best is not None and best.token.lemma in LIGHT_VERBS:
        at = tokens.index(best.token)
        # The object names the happening («провёл совещание»); the verb gives it tense. A participle's
        # happening may stand before it too: «пуск назначен на четверг», «забастовку, назначенную на …».
        around = list(range(at + 1, min(len(tokens), at + 5)))
        if best.token.pos in {"PRTS", "PRTF"}:
            around += range(at - 1, -1, -1)  # the nearest first, across names: «пуск «Ангары-А5» … назначен»
        for i in around:
            t = tokens[i]
            kind = _triggers().get(t.lemma)
            if i and tokens[i - 1].pos == "PREP":
                continue  # «подпишут на саммите»: where, not what
            if kind and t.pos == "NOUN" and kind not in WEAK_KINDS and not blocked.inside(t.start):
                return Trigger(t, kind, best.score, best.token)
    if best is not None and best.token.pos == "NOUN":
        # The light verb that governs the noun, if any, nearest first: «встречу так и не провели».
        at = tokens.index(best.token)
        near = sorted(range(max(0, at - 4), min(len(tokens), at + 5)), key=lambda i: abs(i - at))
        verb = next((tokens[i] for i in near if tokens[i].lemma in LIGHT_VERBS and tokens[i].pos in VERBAL), None)
        if verb is not None:
            return Trigger(best.token, best.kind, best.score, verb)
    return best


def _pick_date(
    dated: list[TimeExpression], trigger: _Token, tokens: list[_Token], text: str
) -> TimeExpression | None:
    """The clause's date nearest the trigger; a date that only qualifies a noun («бюджет на 2028 год»,
    «план на 2026 год») gives way to any other, and a word in apposition to a calendar date
    («в понедельник, 17 июня 2019 года», «вчера, 9 мая») gives way to the date."""

    ends: list[int] = []

    def qualifies_noun(e: TimeExpression) -> bool:
        if not e.text.lower().startswith("на "):
            return False
        if not ends:
            ends.extend(t.end for t in tokens)
        before = bisect_right(ends, e.span[0])  # the words that end before the date
        return before > 0 and tokens[before - 1].pos == "NOUN"

    # «Иван Петров, 2000 года рождения»: a birth year tells who, never when the happening was
    dated = [e for e in dated if not _BIRTH_YEAR_AFTER.match(text, e.span[1])]
    if not dated:
        return None
    preferred = [e for e in dated if not qualifies_noun(e)] or dated
    best = min(preferred, key=lambda e: abs(e.span[0] - trigger.start))
    inside = [
        e for e in preferred if e is not best and best.start and best.end and e.start and e.end
        and best.start <= e.start and e.end <= best.end and (e.start, e.end) != (best.start, best.end)
    ]
    if inside:  # «в этом году … — в конце июня»: the narrower date inside the broader one says when
        return min(inside, key=lambda e: (e.end - e.start, abs(e.span[0] - trigger.start)))  # type: ignore[operator]
    if not any(ch.isdigit() for ch in best.text):
        for e in dated:
            gap = (best.span[1], e.span[0]) if e.span[0] >= best.span[1] else (e.span[1], best.span[0])
            if any(ch.isdigit() for ch in e.text) and _APPOSITION.fullmatch(text, *gap):
                return e
    return best


_BIRTH_YEAR_AFTER = re.compile(r"\s*(?:рождения|(?:г\.\s?)?р\.)", re.IGNORECASE)


def _with_birth_word(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A date's span, with the «рождения» that makes it a birth year («2000 года рождения»)."""
    birth = _BIRTH_YEAR_AFTER.match(text, span[1])
    return (span[0], birth.end()) if birth else span


def _refine_kind(kind: str, trigger: _Token, tokens: list[_Token], mentions: list[Mention]) -> str:
    """Senses the trigger's lemma alone cannot tell apart."""
    lemmas = {t.lemma for t in tokens}
    if kind == "opening" and trigger.lemma in {"открыть", "открытие"} and lemmas & DISCOVERY_CONTEXT:
        return "discovery"  # «астрономы открыли комету»
    if trigger.lemma in PUBLISHING_VERBS and not any(m.label == "PER" for m in mentions) and any(
        m.label == "ORG" for m in mentions
    ):
        return "publication"  # «Минфин сообщил, что дефицит …», «ЦИК объявит итоги»
    return kind


_UNABLE_REACH = 40  # characters between «не мог» and the infinitive it governs


def _status(
    tokens: list[_Token], trigger: _Token, when: TimeExpression | None, published: date,
    governing: frozenset[str] = frozenset(),
) -> Status | None:
    """Status from negation, modal words and tense; None when the clause says it did not happen.
    ``governing``: the cue lemmas (``_GOVERNING_CUES``) of the clause that governs this one, if any."""
    lemmas = {t.lemma for t in tokens} | (governing - REPORTING)
    if lemmas & PLANNED:  # «назначена министром»: an appointment made, not a happening set for a date
        lowered = [t.lower for t in tokens]
        lemmas = {t.lemma for i, t in enumerate(tokens) if t.lemma not in PLANNED or not appoints(lowered, i)} | (
            governing - REPORTING)
    lemmas.update(cue for _, cue in phrase_cues([t.lemma for t in tokens]))  # «не исключено»: cues of several words
    if governing & DENYING or any(t.lemma in DENYING and t is not trigger for t in tokens):
        return "denied"  # «опроверг сообщения о том, что встречался»
    for t in tokens:
        if t.negated and (t.lemma in DENIABLE or (t is trigger and t.tense == "futr")):
            # «фестиваль … не состоится», «в этот раз не пройдёт»: called off. «Не запланирована»,
            # «не ожидается»: denied.
            return "denied" if t.lemma in PLANNED | EXPECTED else "cancelled"
    if (any(t.lemma in POSTPONED for t in tokens) and when is not None and when.end and when.end >= published
            and not lemmas & POSSIBLE):
        return "planned"  # «перенесён на 2 декабря»: the new date is the plan
    # «матч отменён», «отменили запуск»: the happening is called off. When the cancelling word is the
    # trigger itself («Аэрофлот отменил рейсы»), the cancellation is what happened.
    called_off = {t.lemma for i, t in enumerate(tokens) if t.lemma in CANCELLED and t is not trigger
                  and not _asked_for(tokens, i) and not _calls_off_another(tokens, i, trigger)}
    if called_off:
        if called_off <= POSTPONED:
            # Moved, not called off: «может быть перенесён на 5 декабря» perhaps; «перенёс забастовку,
            # назначенную на 10 июня» still to come, the date given its old one.
            return "possible" if lemmas & POSSIBLE else "planned"
        return "cancelled"
    if trigger.negated and trigger.pos in VERBAL:
        return None  # «Кремль не ответил»: nothing happened
    if lemmas & POSSIBLE:
        return "possible"
    if lemmas & EXPECTED:
        return "expected"
    if lemmas & PLANNED and not _began_as_planned(tokens, lemmas):
        return "planned"
    if when is not None and when.modifier == "before" and lemmas & DURATIVE and when.start == published:
        return "ongoing"  # a deadline on something already in force
    if any(t.lemma == "быть" and t.tense == "futr" for t in tokens):
        return "planned"  # «будет введён», «будут опубликованы»
    if trigger.pos != "VERB" and _by_date(when, published):
        # A noun's happening is placed by its date: «объявили забастовку на 2 декабря» is still to come.
        return _by_date(when, published)
    tense = happening_tense(tokens, trigger, REPORTING)
    if tense == "past":
        return "occurred"
    if tense == "future":
        return "planned"
    if tense == "present":
        return "ongoing"
    return _by_date(when, published) or "unknown"


_WAS_TO = "должный"  # «должна была продлиться»: what was to be, told as past


def _began_as_planned(tokens: list[_Token], lemmas: set[str]) -> bool:
    """«Забастовка началась в среду и должна была продлиться два дня»: the plan told as past («должна
    была») is of how long it would last; the past verb of its happening («началась») says it occurred."""
    if lemmas & PLANNED != {_WAS_TO}:
        return False
    told_as_past = any(t.lemma == _WAS_TO and n.lemma == "быть" and n.tense == "past"
                       for t, n in pairwise(tokens))
    return told_as_past and any(t.lemma in OCCURRING and t.pos == "VERB" and t.tense == "past" and not t.negated
                                for t in tokens)


def _asked_for(tokens: list[_Token], at: int) -> bool:
    """«защита просит отменить приговор»: the infinitive at ``at`` is what a verb just before asks for."""
    return tokens[at].pos == "INFN" and any(t.lemma in REQUESTING for t in tokens[max(0, at - 3):at])


_OBJECT_REACH = 3  # words after a cancelling verb its object may stand: «отменила все свои рейсы»


def _calls_off_another(tokens: list[_Token], at: int, trigger: _Token) -> bool:
    """«Из-за забастовки авиакомпания отменила рейсы»: an active cancelling verb whose object is another
    noun than the happening's calls off that, not the happening."""
    verb = tokens[at]
    if verb.pos not in ("VERB", "INFN"):
        return False  # «матч отменён»: a participle is of its noun
    for t in tokens[at + 1:at + 1 + _OBJECT_REACH]:
        if t is trigger:
            return False
        reading = t.reading
        if t.pos == "NOUN" and reading and "accs" in reading.tag.grammemes:  # type: ignore[union-attr]
            return True
    return False


def _by_date(when: TimeExpression | None, published: date) -> Status | None:
    """occurred for an interval wholly before publication, planned for one wholly after, else None."""
    if when is None or when.start is None or when.end is None:
        return None
    if when.end < published:
        return "occurred"
    if when.start > published:
        return "planned"
    return None


def _count(text: str, start: int, stop: int, trigger: _Token) -> int | None:
    for m in _COUNT.finditer(text, start, stop):
        if m["w"]:
            return 2 if m["w"].lower() == "дважды" else 3
        words = text[max(start, m.start() - 30):m.start()].lower().replace("ё", "е").split()
        for n in (2, 1):  # «двадцать пять раз», «шесть раз»
            if len(words) < n or (len(words) > n and words[-n - 1] == "в"):
                continue  # «в шестой раз» is an ordinal
            value = number_value(" ".join(words[-n:]))
            if value and value == int(value) and value > 1:
                return int(value)
    # «провёл 38 заседаний», «17 пусков»: a number right before the trigger noun.
    before = text[max(start, trigger.start - 12):trigger.start]
    number = re.search(r"(\d{1,4})\s+$", before)
    if number and trigger.pos == "NOUN" and int(number.group(1)) > 1:
        return int(number.group(1))
    return None


def _place(mentions: list[Mention], text: str, kind: str) -> str | None:
    for m in mentions:
        if m.label != "LOC":
            continue
        if _PLACE_BEFORE.search(text[max(0, m.start - 6):m.start]):
            return m.name
    if kind == "visit":  # «посетит Пекин»: the destination
        for m in mentions:
            if m.label == "LOC" and m.case in ("accs", "nomn"):
                return m.name
    return None


def _actors(
    mentions: list[Mention], text: str, place: str | None, sentence_start: int, tokens: Sequence[_Token] = (),
) -> list[ActorMention]:
    actors: list[ActorMention] = []
    seen: set[tuple[str, str]] = set()
    they: bool | None = None  # a plural verb in the clause, read once if asked
    for m in mentions:
        if m.label == "LOC":
            continue  # a place is where, never who (issue 13: a country listed as a participant is the place)
        kind = "person" if m.label == "PER" else "org"
        if kind == "org" and _MEDIUM_BEFORE.search(text[max(sentence_start, m.start - 12):m.start]):
            if they is None:  # «В Lufthansa опровергли», «сообщили в МЧС»: a subjectless plural says who by «в»
                they = any(t.pos == "VERB" and t.reading and "plur" in t.reading.tag.grammemes for t in tokens)  # type: ignore[union-attr]
            if not they:
                continue  # «опубликовал в Facebook», «прошла в Манеже»: where or through what, not who
        attributed = _SOURCE_BEFORE.search(text[max(sentence_start, m.start - 40):m.start])
        role = "reporter" if attributed else "participant"
        if (m.name, role) in seen:
            continue
        seen.add((m.name, role))
        actors.append(ActorMention(m.name, kind, role))  # type: ignore[arg-type]
    return actors


def _title(kind: str, trigger: _Token, actors: list[ActorMention], place: str | None) -> str:
    label = trigger.lemma if trigger.pos == "NOUN" and kind != "other" else KIND_LABELS[kind]
    who = [a.name.split()[-1] if a.type == "person" else a.name for a in actors if a.role == "participant"]
    title = (", ".join(who[:3]) + " — " + label) if who else label[:1].upper() + label[1:]
    return f"{title}, {place}" if place else title


_TITLE_WORDS = 14  # at most: the subject, the trigger and what follows it
_TITLE_TRIM_POS = frozenset({"CONJ", "PRCL", "INTJ"})  # no title begins on «и», «же»
_TITLE_END_POS = frozenset({"CONJ", "PRCL", "INTJ", "PREP"})  # nor ends on «и», «в»
_PARENTHETICAL_WORDS = 4  # «Напомним,», «Кроме того,», «По словам источников,» before the subject
_OPENERS = frozenset(vocab.entry("clauses.event_openers"))  # what opens a clause: «а», «что», «который»
_REPEATED_COMMA = re.compile(r",(?:\s*,)+")
_LOOSE = re.compile(r"\s+([,.;:!?»)])|([«(])\s+|\s{2,}")
_TITLE_STRIP = " ,;:—–-"
_TITLE_TAIL = "%»)\"'"


def _clause_title(
    text: str, clause: tuple[int, int], tokens: list[_Token], times: list[TimeExpression], trigger: _Token,
    fallback: str,
) -> str:
    """A title in the clause's own words, made short: who did what, to whom, where — «Уиткофф и Кушнер
    посетили Москву». Its dates are left out (the event shows them), and so are an attribution after
    the happening («, сообщает ТАСС»), a parenthetical opening («Напомним, …», «По словам …,»), the word
    that opened the clause («который», «а») and the words far from the trigger. ``fallback`` (names
    and the kind's word) when too few words are left."""
    cs, ce = clause
    dated = [_with_birth_word(text, e.span) for e in times if cs <= e.span[0] < ce]
    within = Reach(dated)
    words = [t for t in tokens if cs <= t.start < ce and not within.inside(t.start)]
    at = next((i for i, t in enumerate(words) if t is trigger), None)
    if at is None:
        return fallback
    # «…, сообщает ТАСС»: a verb of reporting after the happening, set off by a comma or a dash.
    for i in range(at + 1, len(words)):
        if words[i].lemma in REPORTING and any(ch in text[words[i - 1].end:words[i].start] for ch in ",—–"):
            words = words[:i]
            break
    # «Напомним, …»: a short opening set off by a comma, before the trigger and holding no name.
    first_comma = next((i for i in range(1, min(at, _PARENTHETICAL_WORDS) + 1)
                        if "," in text[words[i - 1].end:words[i].start]), None)
    if first_comma is not None and not any(w.word[:1].isupper() for w in words[1:first_comma]):
        words, at = words[first_comma:], at - first_comma
    cuts = [(ds, de, "") for ds, de in dated]  # (start, end, what stands instead)
    # «Принц Филипп, супруг королевы Елизаветы II, сдал права»: a long title loses what its subject has
    # between commas before the trigger (an apposition, a participle's phrase), not its subject.
    while len(words) > _TITLE_WORDS:
        commas = [i for i in range(1, at) if "," in text[words[i - 1].end:words[i].start]]
        if len(commas) < 2:
            break
        i, j = commas[-2], commas[-1]
        cuts.append((words[i - 1].end, words[j].start, " "))
        words, at = words[:i] + words[j:], at - (j - i)
    if len(words) > _TITLE_WORDS:
        begin = 0 if at < _TITLE_WORDS - 4 else at - _TITLE_WORDS // 2
        words, at = words[begin:begin + _TITLE_WORDS], at - begin
    while len(words) > 1 and words[0] is not trigger and (
        words[0].pos in _TITLE_TRIM_POS or words[0].lower in _OPENERS
    ):
        words, at = words[1:], at - 1
    # Nor on «в», «и», or the «о том» of «заявление о том, что …»: what follows names the content.
    while len(words) > 1 and words[-1] is not trigger and (words[-1].pos in _TITLE_END_POS or _pronominal(words[-1])):
        words = words[:-1]
    if len(words) < 2:
        return fallback
    begin, end = words[0].start, words[-1].end
    while end < ce and text[end] in _TITLE_TAIL:  # «16,5%», «Прогресс МС-33»»
        end += 1
    # The words as written, punctuation and all («16,5%», «Прогресс МС-33»), without the dates.
    parts, at_char = [], begin
    for ds, de, instead in sorted(cuts):
        if begin <= ds and de <= end and ds >= at_char:
            parts.append(text[at_char:ds] + instead)
            at_char = de
    parts.append(text[at_char:end])
    title = _LOOSE.sub(lambda m: m.group(1) or m.group(2) or " ", "".join(parts))
    title = _REPEATED_COMMA.sub(",", title).strip(_TITLE_STRIP)  # «Иван Петров, [2000 года рождения], задержан»
    if title.count("«") != title.count("»"):
        title = title.replace("«", "").replace("»", "")
    return title[:1].upper() + title[1:] if len(title.split()) >= 2 else fallback


def select_sentences(doc: Doc) -> None:
    """The sentences later stages read: names only where an event may be (NER is the costliest step of
    extraction) and may be named; dates there too, and in sentences that may continue an event
    («Тогда …» brings a duration)."""
    triggers = _triggers()
    for s in doc.sentences:
        eventful = any(t.lemma in triggers for t in s.tokens)
        s.needs_names = eventful and _may_name(s.text, s.tokens)
        s.needs_dates = eventful or bool(_CONTINUATION.match(doc.text, s.start, s.stop))


@dataclass
class _SentenceView:
    """One sentence with what the article-wide passes found in it."""

    text: str  # the whole article
    published: date
    sentence: Sentence
    tokens: list[_Token]
    mentions: list[Mention]
    times: list[TimeExpression]

    @cached_property
    def blocked(self) -> Reach:
        """Spans whose words are names or dates, never triggers («Белого дома», «в ближайшем будущем»)."""
        return Reach([e.span for e in self.times] + [(m.start, m.stop) for m in self.mentions])

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def mention_starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @cached_property
    def time_starts(self) -> list[int]:
        return [e.span[0] for e in self.times]

    @cached_property
    def first_vague(self) -> TimeExpression | None:
        return next((e for e in self.times if e.type == "vague"), None)

    @cached_property
    def cue_firsts(self) -> list[tuple[int, str]]:
        """Where each status cue lemma first occurs in the sentence: what a governing clause lends."""
        seen: dict[str, int] = {}
        for t in self.tokens:
            if t.lemma in _GOVERNING_CUES:
                seen.setdefault(t.lemma, t.start)
        for at, cue in phrase_cues([t.lemma for t in self.tokens]):  # «Не исключено, что …»
            if cue in _GOVERNING_CUES:
                seen.setdefault(cue, self.tokens[at].start)
        return sorted((start, lemma) for lemma, start in seen.items())

    def clause_tokens(self, start: int, stop: int) -> list[_Token]:
        return self.tokens[between(self.token_starts, start, stop)]

    def clause_mentions(self, start: int, stop: int) -> list[Mention]:
        return self.mentions[between(self.mention_starts, start, stop)]

    def clause_times(self, start: int, stop: int) -> list[TimeExpression]:
        return self.times[between(self.time_starts, start, stop)]

    def cues_before(self, pos: int) -> frozenset[str]:
        return frozenset(lemma for start, lemma in self.cue_firsts if start < pos)

    @property
    def evidence(self) -> EvidenceSpan:
        return EvidenceSpan(self.sentence.text, self.sentence.start, self.sentence.stop)


def _sentence_events(view: _SentenceView, previous: ExtractedEvent | None) -> SentenceEvents:
    """The events of one sentence's clauses, in three steps: each clause's event (or the continuation
    of ``previous``), a later denial applied to what the sentence reported before it, and a report of
    saying folded into the happening it reports."""
    found: Found = []
    continuation = None
    for clause_no, (cs, ce) in enumerate(view.sentence.clauses):
        tokens = view.clause_tokens(cs, ce)
        clause_times = view.clause_times(cs, ce)
        picked = _pick_trigger(tokens, view.blocked)
        if previous is not None and clause_no == 0 and _continues(view, (cs, ce), tokens, clause_times, picked,
                                                                 previous):
            durations = [e for e in clause_times if e.type == "duration"]
            actors = _actors(view.clause_mentions(cs, ce), view.text, previous.place, view.sentence.start)
            continuation = Continuation(durations, actors, view.evidence)
            continue
        antecedent = None
        if picked is not None and picked.kind in WEAK_KINDS and picked.token.lemma in OCCURRING:
            relative = clause_no and _opens_relative(view.clause_tokens(*view.sentence.clauses[clause_no - 1]))
            resumed = bool(relative) and view.text[cs - 2:cs] == ", " and not _opens_relative(tokens)
            # A clause resuming after a relative one («…, перенесён на 26 мая») has its noun for subject.
            at = view.sentence.clauses[clause_no - 1][0] if resumed else cs
            picked, antecedent = _of_antecedent(view, at, view.clause_tokens(at, ce) if resumed else tokens, picked)
        moving = _moving_verb(tokens)
        alone, moved_noun = _only_postponed(view, cs, tokens, picked)
        if alone:
            told = _postponement(view, (cs, ce), tokens, clause_times, moved_noun, moving, None)
            if told is not None:
                found.append((told, False, cs))
            continue
        if picked is not None:
            event = _clause_event(view, (cs, ce), tokens, clause_times, picked)
            if event is not None and antecedent is not None:
                event = replace(event, title=_led_by(antecedent, event.title, picked.token, tokens))
                # «Российско-монгольский саммит, который …»: the noun's own clause says nothing more of it
                found = [f for f in found if not (
                    f[2] < cs and f[0].trigger == antecedent.lemma and f[0].status == "unknown" and f[0].when is None)]
            if event is not None and found and _subject_left_out(tokens):
                event = _with_subject_of(event, found[-1][0], tokens)
            if (event is not None and (clause_no == 0 or found) and event.subject_pronoun is None
                    and _someone_left_out(tokens, event.kind) and not any(a.type == "person" for a in event.actors)):
                # «Досрочно прекратил свои полномочия», «…, а в 2018 году досрочно прекратил…» with no one
                # named before it in the sentence: of the person told before
                event = replace(event, subject_left_out=True)
            if event is not None:
                for each in _each_date_and_place(view, (cs, ce), clause_times, event):
                    found.append((each, picked.token.lemma in REPORTING, cs))
            noun = antecedent if antecedent is not None else picked.token
            if event is not None and moving is not None and _movable(noun):
                # «Саммит перенесён на 26 мая»: the summit has a new date, and its postponement happened
                told = _postponement(view, (cs, ce), tokens, clause_times, noun, moving, event)
                if told is not None:
                    found.append((told, False, cs))
    found = _deny_before(found, view)
    return SentenceEvents(_fold_reports(found), continuation)


_IN_PLACE = re.compile(r"\s+(?:в|во|на)\s+$")
_AND_THEN = re.compile(r"^\s*(?:,\s*)?(?:и|а также|,)\s*$")


def _each_date_and_place(
    view: _SentenceView, clause: tuple[int, int], times: list[TimeExpression], event: ExtractedEvent,
) -> list[ExtractedEvent]:
    """«13 июля в Петербурге и 15 июля в Москве пройдут концерты»: one happening a date and its place,
    each its own mention. A clause that pairs each of two or more days with a place of its own («DATE в
    PLACE и DATE в PLACE») tells of as many happenings; any other clause, of one."""
    cs, ce = clause
    days = sorted((e for e in times if e.type == "date" and e.when is not None), key=lambda e: e.span)
    if len(days) < 2:
        return [event]
    places = [m for m in view.clause_mentions(cs, ce) if m.label == "LOC"]
    pairs: list[tuple[TimeExpression, Mention]] = []
    for day in days:
        place = next((m for m in places if 0 < m.start - day.span[1] <= 5
                      and _IN_PLACE.search(view.text[day.span[1]:m.start])), None)
        if place is None:
            return [event]
        if pairs and not _AND_THEN.match(view.text[pairs[-1][1].stop:day.span[0]]):
            return [event]
        pairs.append((day, place))
    if len({(d.when.start, d.when.end) for d, _ in pairs if d.when}) < len(pairs):
        return [event]
    return [replace(event, when=day.when, date_text=day.text, place=place.name) for day, place in pairs]


def _agrees(pronoun: _Token, noun: _Token) -> bool:
    p, n = pronoun.reading, noun.reading
    if not p or not n:
        return False
    if p.tag.number == "plur" or n.tag.number == "plur":  # type: ignore[union-attr]
        return p.tag.number == n.tag.number  # type: ignore[union-attr]
    return p.tag.gender == n.tag.gender  # type: ignore[union-attr]


def _of_antecedent(
    view: _SentenceView, cs: int, tokens: list[_Token], picked: Trigger,
) -> tuple[Trigger, _Token | None]:
    """«… на саммите, который может пройти весной»: a relative clause whose own trigger is a verb of
    occurring («пройти», «состояться»: ``occurring``) tells of the happening its pronoun stands for, the
    noun before it it agrees with, when that noun names one. Returns the trigger, of that kind, and the
    noun (None: unchanged)."""
    if not _opens_relative(tokens):
        return picked, None
    noun = _antecedent(view.tokens, bisect_left(view.token_starts, cs), tokens[0])
    if noun is None or any(m.start <= noun.start < m.stop for m in view.mentions):  # a name's word names no happening
        return picked, None
    return Trigger(picked.token, _triggers()[noun.lemma], picked.score, picked.verb), noun


def _led_by(noun: _Token, title: str, trigger: _Token, tokens: list[_Token]) -> str:
    """The relative clause's title led by the noun its pronoun stands for: «Саммит может пройти в Москве»."""
    reading = noun.reading
    form = reading.inflect({"nomn"}) if reading else None  # type: ignore[union-attr]
    word = (form.word if form else noun.word).capitalize()
    if len(title.split()) < 2:  # the kind's word alone: the clause had too few words of its own
        return f"{word} {trigger.word}"
    first = re.match(r"\w[\w-]*", title)
    if first is None:
        return f"{word} {title}"
    written = next((t.word for t in tokens if t.word.lower() == first.group().lower()), first.group())
    return f"{word} {written}{title[first.end():]}"  # the first word as written: «может», but «Путин»


def _continues(
    view: _SentenceView, clause: tuple[int, int], tokens: list[_Token], times: list[TimeExpression],
    picked: Trigger | None, previous: ExtractedEvent,
) -> bool:
    """Does the sentence's first clause only continue ``previous``? Undated, and either it tells how
    long that happening lasted («Гонка продолжалась 2 часа 4 минуты») or it opens as a continuation
    does («Тогда …», «В ходе встречи …») with no stronger happening of its own."""
    if any(e.type == "date" for e in times):
        return False
    lasting = (
        picked is not None and (picked.kind == previous.kind or picked.token.lemma in DURATIVE)
        and any(e.type == "duration" for e in times) and any(t.lemma in DURATIVE for t in tokens)
    )
    # «Тогда же президенты приняли декларацию» after a signing: another word of the kind names
    # another happening; «Тогда переговоры длились …» after talks names the same one.
    another = picked is not None and picked.kind == previous.kind and previous.trigger is not None and (
        picked.token.lemma != previous.trigger and picked.kind not in {"talks", "meeting"})
    return lasting or bool(
        _CONTINUATION.match(view.text, *clause) and not another
        and (picked is None or picked.score < SPECIFIC or picked.kind in {previous.kind, "talks", "meeting"})
    )


Found = list[tuple[ExtractedEvent, bool, int]]  # a sentence's events: (event, only a report of saying, clause start)


def _deny_before(found: Found, view: _SentenceView) -> Found:
    """«стороны обсуждали поставки, однако Песков опроверг эти сообщения»: a later denial covers what
    the sentence reported as happened before it."""
    denial_at = next((t.start for t in view.tokens if t.lemma in DENYING), None)
    if denial_at is None:
        return found
    return [
        (replace(event, status="denied"), report, start)
        if start < denial_at and event.kind != "statement" and event.status == "occurred" else (event, report, start)
        for event, report, start in found
    ]


def _fold_reports(found: Found) -> list[ExtractedEvent]:
    """«X заявил, что встреча не запланирована»: when a sentence reports a happening, that is the
    news, and a clause that only reports the saying makes its participants the happening's reporters."""
    happenings = [i for i, (_, report, _) in enumerate(found) if not report]
    if not happenings:
        return [event for event, _, _ in found]
    reporters = [
        ActorMention(a.name, a.type, "reporter")
        for event, report, _ in found if report for a in event.actors if a.role == "participant"
    ]
    first = found[happenings[0]][0]
    told = replace(first, actors=[*first.actors, *reporters]) if reporters else first
    return [told if i == happenings[0] else event for i, (event, report, _) in enumerate(found) if not report]


_UNNAMED_OPENING = frozenset({"VERB", "INFN", "PRTS", "GRND", "ADVB"})  # «Досрочно прекратил …»
_FUNCTION_OPENING = frozenset({"PREP", "CONJ", "PRCL", "NPRO"})  # «В ходе …»: no name


def _pronominal(token: _Token) -> bool:
    """«том», «этом»: a pronoun as written in lower case (any of its readings: «Том» is a name too)."""
    return token.word[:1].islower() and any(
        p.tag.POS == "NPRO" or "Apro" in p.tag.grammemes for p in parse(token.lower)
    )


def _naming_someone(title: str, actors: list[ActorMention], tokens: list[_Token]) -> str:
    """A title must say to whom it happened: when it names none of the participants (its subject is
    in the clause before: «… и досрочно прекратил свои полномочия»), the first of them leads it."""
    participants = [a for a in actors if a.role == "participant"]
    if not participants:
        return title
    lowered = title.lower()
    words = set(re.findall(r"\w+", lowered))
    if any(part[:5].lower() in lowered if len(part) > 2 else part.lower() in words
           for a in participants for part in a.name.split()):
        return title  # «Си» is a name too: a short one must stand as a word of its own
    lead = next((a.name for a in participants if a.type == "person"), participants[0].name)  # a person first
    opening = title.split()[0].lower()
    first = next((t for t in tokens if t.word.lower() == opening), None)
    if first is not None and first.pos in _UNNAMED_OPENING:
        return f"{lead} {title[:1].lower()}{title[1:]}"  # «Андрей Варичев досрочно сложил полномочия»
    if first is not None and (first.pos in _FUNCTION_OPENING or _common_noun(first)):
        return f"{lead}: {title[:1].lower()}{title[1:]}"  # «Герман Греф: в ходе …», «…: полковник был задержан»
    return f"{lead}: {title}"


_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})


def _common_noun(token: _Token) -> bool:
    """A noun no name: capitalized only as a sentence's first word («Полковник был снова задержан»)."""
    reading = token.reading
    return bool(reading) and token.pos == "NOUN" and not _PROPER & reading.tag.grammemes  # type: ignore[union-attr]


_KEY_POS = frozenset({"NOUN", "ADJF"})
_BESIDES = frozenset({"кроме", "помимо"})  # «кроме соглашения о транзите, …»: what follows is another thing


def _keywords(tokens: list[_Token], trigger: _Token, blocked: Reach, text: str) -> tuple[str, ...]:
    """The clause's words that tell its happening from others of its kind, for the linker: the lemmas
    of its nouns and adjectives other than triggers, names, dates and words that tell nothing
    (``unspecific``), an ordinal marked («второй спутник серии»: #второй, спутник, серия). Words
    after «кроме», «помимо» up to the comma name another happening and are left out."""
    triggers = _triggers()
    found: set[str] = set()
    besides = False
    for n, t in enumerate(tokens):
        if besides and n and "," in text[tokens[n - 1].end:t.start]:
            besides = False
        if t.lower in _BESIDES:
            besides = True
        if besides or t is trigger or t.lemma in triggers or len(t.lower) < 3 or blocked.inside(t.start):
            continue
        reading = t.reading
        if not reading or reading.tag.POS not in _KEY_POS or "Apro" in reading.tag.grammemes:  # type: ignore[union-attr]
            continue
        lemma = reading.normal_form.replace("ё", "е")  # type: ignore[union-attr]
        if lemma in UNSPECIFIC or lemma in triggers:
            continue
        if "Anum" in reading.tag.grammemes:  # type: ignore[union-attr]
            found.add(ORDINAL + lemma)
        else:  # «спутник-ретранслятор» is a «спутник» too
            found.update(part for part in (lemma, *lemma.split("-")) if len(part) > 2 and part not in UNSPECIFIC)
    return tuple(sorted(found))


_LEAD_IN = frozenset({"CONJ", "ADVB", "PRCL"})  # «а затем», «и также» before a clause's verb


def _opening(tokens: list[_Token], past_a_date: bool = False) -> _Token | None:
    """The clause's first word after a conjunction or adverbs («а затем», «и также»), and after a date
    too when ``past_a_date`` («а в 2018 году …»)."""
    return next((t for t in tokens if t.pos not in _LEAD_IN and not (past_a_date and _date_word(t))), None)


def _subject_left_out(tokens: list[_Token]) -> bool:
    """«…, а затем посетил Пекин»: a clause that opens with its finite verb (after a conjunction or an
    adverb) has the subject of the clause before."""
    first = _opening(tokens)
    tag = first.reading.tag if first is not None and first.pos == "VERB" and first.reading else None  # type: ignore[union-attr]
    return tag is not None and (tag.tense == "past" or "3per" in tag.grammemes)  # the past has no person


def _someone_left_out(tokens: list[_Token], kind: str) -> bool:
    """«Досрочно прекратил свои полномочия»: a clause that opens with a past-tense verb of a man or a
    woman (after a conjunction, adverbs, a date) has a person for subject, told before. Not «Ожидается
    подписание», «Было подписано»: no one."""
    verb = _opening(tokens, past_a_date=True)
    if verb is None or not verb.reading:
        return False
    tag = verb.reading.tag  # type: ignore[union-attr]
    # «прекратил», and a short participle of what befalls someone: «приговорён», «задержана» (not «перенесён»)
    return ((verb.pos == "VERB" and tag.tense == "past") or (verb.pos == "PRTS" and kind in _HAPPENS_TO_SOMEONE)
            ) and tag.gender in ("masc", "femn")


def _date_word(token: _Token) -> bool:
    """«в 2018 году», «14 марта»: a word of a date before the verb of a clause."""
    return token.pos in ("PREP", None, "NUMR") or token.lemma in _DATE_NOUNS


_DATE_NOUNS = frozenset({"год", "месяц", "день", "неделя", "январь", "февраль", "март", "апрель", "май", "июнь",
                         "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"})


def _with_subject_of(event: ExtractedEvent, before: ExtractedEvent, tokens: list[_Token]) -> ExtractedEvent:
    """The event with the people of the clause before as participants, when it names none itself."""
    if any(a.type == "person" for a in event.actors):
        return event
    people = [a for a in before.actors if a.type == "person" and a.role == "participant"]
    if not people:
        return event
    actors = [*people, *event.actors]
    return replace(event, actors=actors, title=_naming_someone(event.title, actors, tokens))


_MOVED_TO_REACH = 40  # characters from a verb that moves a happening to the date it moves it to


def _moved_to(dated: list[TimeExpression], tokens: list[_Token]) -> TimeExpression | None:
    """«…, намеченный на декабрь, перенесён на второй квартал 2027 года»: the date right after the verb
    that moves the happening is its date, however near another stands to the trigger."""
    for t in tokens:
        if t.lemma in POSTPONED and t.pos in VERBAL:
            after = [e for e in dated if 0 <= e.span[0] - t.end <= _MOVED_TO_REACH]
            if after:
                return min(after, key=lambda e: e.span[0])
    return None


def _moves(tokens: list[_Token], when: TimeExpression | None) -> bool:
    """Does the clause give the happening a new date («перенесён на 1 октября»)? The verb nearest before
    the date must be the one that moves it: in «перенёс забастовку, назначенную на 10 июня» the date is
    the old one."""
    if when is None:
        return False
    verb = next((t for t in reversed(tokens) if t.start < when.span[0] and t.pos in VERBAL), None) or next(
        (t for t in tokens if t.start >= when.span[1] and t.pos in VERBAL), None)  # «На 26 мая перенесён саммит»
    return verb is not None and verb.lemma in POSTPONED


POSTPONEMENT = "перенос"  # the word that names a postponement: its title and the key word every one gives
_POSTPONEMENT_KIND = "postponement"  # its own happening: decided and told on a day, apart from the one it moves
_OBJECT_PRONOUNS = frozenset({"его", "её", "ее", "их"})
_MOVING_ROLE = frozenset({"VERB", "INFN", "PRTS", "PRTF"})  # «перенесли», «перенести», «перенесён»


def _moving_verb(tokens: list[_Token]) -> _Token | None:
    """The verb that moves a happening («перенесли», «отложен»), if the clause has one."""
    return next((t for t in tokens if t.lemma in POSTPONED and t.pos in _MOVING_ROLE), None)


def _movable(noun: _Token) -> bool:
    """Does the noun name a happening that can be moved to another date («саммит», «фестиваль»; not
    «заявление», «отмена», «перенос»)?"""
    kind = _triggers().get(noun.lemma)
    return (noun.pos == "NOUN" and kind is not None and kind not in {"statement", _POSTPONEMENT_KIND}
            and noun.lemma not in CANCELLED)


def _moved_by_noun(tokens: list[_Token], postponement: _Token) -> _Token | None:
    """«перенос саммита»: the happening the noun «перенос» moves, the trigger noun right after it."""
    at = tokens.index(postponement)
    moved = tokens[at + 1] if at + 1 < len(tokens) else None
    return moved if moved is not None and _movable(moved) else None


def _only_postponed(
    view: _SentenceView, cs: int, tokens: list[_Token], picked: Trigger | None,
) -> tuple[bool, _Token | None]:
    """Does the clause tell only of a postponement, and of which happening's (its noun, None when it
    names none)? «однако в начале апреля его перенесли» (a pronoun object), «Перенос саммита
    подтвердили» («перенос» its trigger), «Перенос забастовки внёс путаницу» («перенос» its subject)."""
    moved_noun = _moved_pronoun(view, cs, tokens, picked)
    if moved_noun is not None:
        return True, moved_noun
    if picked is None:
        return False, None
    subject = next((t for t in tokens if t.lemma == POSTPONEMENT and _governed_as(t, "nomn")
                    and not view.blocked.inside(t.start) and _moved_by_noun(tokens, t)), None)
    lead = subject or (picked.token if picked.token.lemma == POSTPONEMENT else None)
    return (True, _moved_by_noun(tokens, lead)) if lead is not None else (False, None)


def _moved_pronoun(view: _SentenceView, cs: int, tokens: list[_Token], picked: Trigger | None) -> _Token | None:
    """«Изначально саммит был назначен на 14 апреля, но его перенесли»: a clause whose happening is a
    verb that moves one, its object a pronoun, tells of the postponement of the happening a noun
    before it in the sentence names (the nearest it agrees with). Returns that noun, or None."""
    if picked is None or picked.kind not in WEAK_KINDS or picked.token.lemma not in POSTPONED:
        return None
    verb = picked.token
    at = tokens.index(verb)
    near = [tokens[i] for i in (at - 1, at + 1) if 0 <= i < len(tokens)]
    pronoun = next((t for t in near if t.lower in _OBJECT_PRONOUNS), None)
    if pronoun is None:
        return None
    after = tokens.index(pronoun) + 1
    if after < len(tokens) and tokens[after] is not verb and tokens[after].pos in {"NOUN", "ADJF"}:
        return None  # «его визит»: a possessive, not the object
    before = [t for t in view.tokens if t.start < cs and t.pos == "NOUN"][::-1][:_ANTECEDENT_REACH]
    for noun in before:
        if not _movable(noun) or any(m.start <= noun.start < m.stop for m in view.mentions):
            continue
        if _agrees_object(pronoun, noun):
            return noun
    return None


def _agrees_object(pronoun: _Token, noun: _Token) -> bool:
    """«его» stands for a masculine or neuter noun, «её» for a feminine one, «их» for a plural."""
    reading = noun.reading
    if not reading:
        return False
    tag = reading.tag  # type: ignore[union-attr]
    if pronoun.lower == "их":
        return tag.number == "plur" or "Pltm" in tag.grammemes
    if tag.number == "plur" and "Pltm" not in tag.grammemes:
        return False
    return tag.gender == "femn" if pronoun.lower in {"её", "ее"} else tag.gender in {"masc", "neut"}


def _postponement_title(noun: _Token) -> str:
    """«Перенос саммита»: the moved happening's word in the genitive (as written when it is one already)."""
    if noun.lower != noun.lemma and any(r.tag.case == "gent" for r in parse(noun.lower)):
        return f"{POSTPONEMENT.capitalize()} {noun.lower}"  # «перенос забастовки», not «забастовок»
    reading = noun.reading
    form = reading.inflect({"gent"}) if reading else None  # type: ignore[union-attr]
    return f"{POSTPONEMENT.capitalize()} {form.word if form else noun.word}"


def _postponement(
    view: _SentenceView, clause: tuple[int, int], tokens: list[_Token], times: list[TimeExpression],
    noun: _Token | None, verb: _Token | None, moved: ExtractedEvent | None,
) -> ExtractedEvent | None:
    """The postponement a clause tells of beside the happening it moves (``noun`` names that happening;
    ``verb``: the clause's verb that moves it (``_moving_verb``), if any; ``moved``: its event, when
    the clause reports that too). A decision, done when told in the past
    (a noun «перенос» is told as done) unless the clause hedges it; dated by a date of its own in the
    clause (not the new one, not the old: «в начале апреля его перенесли», «во вторник перенесла»),
    else by when its reporting clause says it was told («…, сообщил в понедельник»); else undated."""
    cs, ce = clause
    if verb is not None and verb.negated:
        return None  # «не перенесли»: nothing was moved
    if verb is not None and _moves_place(view, tokens, verb, times):
        return None  # «весной его перенесли на Гребной канал»: a new place, not a new date
    dated = [e for e in times if e.type == "date"]
    own = [e for e in dated if (moved is None or e.interval != moved.when) and not _TARGET.match(e.text)]
    if not own:
        own = [e for e in _reporting_dates(view, clause) if e.type == "date"]
    when = own[0] if own else None
    status = _postponement_status(tokens, verb, when)
    if status is None:
        return None
    actors = _actors(view.clause_mentions(cs, ce), view.text, None, view.sentence.start)
    trigger = noun or next(t for t in tokens if t.lemma == POSTPONEMENT or t is verb)
    keywords = {POSTPONEMENT, *([noun.lemma] if noun else []),
                *_keywords([t for t in tokens if cs <= t.start < ce], trigger, view.blocked, view.text)}
    if noun is not None:
        title = _postponement_title(noun)
    else:  # «Перенос не скажется на работе ретрансляторов»: the clause says what
        title = _clause_title(view.text, clause, tokens, times, trigger, KIND_LABELS[_POSTPONEMENT_KIND])
    return ExtractedEvent(
        kind=_POSTPONEMENT_KIND,
        title=title,
        status=status,
        when=when.interval if when else None,
        date_text=when.text if when else None,
        actors=actors,
        confidence=confidence(when is not None, bool(actors), SPECIFIC_SCORE),
        evidence=[view.evidence],
        trigger=POSTPONEMENT,
        keywords=tuple(sorted(keywords)),
    )


_WHERE_TO = frozenset({"на", "в", "во", "с", "со"})  # what a move's new (or old) place or date follows
# Nouns of time a move may go to that the date stage leaves alone: «на другую дату», «на более поздний срок»
_TIME_NOUNS = frozenset({"дата", "срок", "время", "число", "период", "потом", "неопределенный"})
_TARGET = re.compile(r"(?:на|с|со)\s", re.IGNORECASE)  # «на 26 мая», «с 21 марта»: the new date, the old


def _postponement_status(tokens: list[_Token], verb: _Token | None, when: TimeExpression | None) -> Status | None:
    """What a clause says of a postponement: hedged, planned, or done (a verb in the past, a participle,
    the noun «перенос» told of); None for a present-tense generality of no date («переносы случаются»).
    Nouns are no cues here: «внёс путаницу в планы»."""
    lemmas = {t.lemma for t in tokens if t.pos != "NOUN"}
    lemmas.update(cue for _, cue in phrase_cues([t.lemma for t in tokens]))
    if lemmas & POSSIBLE:
        return "possible"
    if lemmas & EXPECTED:
        return "expected"
    if verb is None:  # the noun «перенос»: the tense of the clause's own verb
        if lemmas & (PLANNED - {"назначить", "запланировать", "наметить", "намечать"}):
            return "planned"  # «планируется перенос»
        verb = next((t for t in tokens if t.pos == "VERB" and t.lemma not in REPORTING), None)
        tense = happening_tense(tokens, verb, REPORTING) if verb is not None else None
    else:
        tense = happening_tense(tokens, verb, REPORTING)
        if verb.pos == "INFN" or tense == "future":
            return "planned"  # «предложили перенести», «перенесут»
    if tense == "present" and when is None:
        return None
    return "occurred"


def _moves_place(view: _SentenceView, tokens: list[_Token], verb: _Token, times: list[TimeExpression]) -> bool:
    """Does the verb move the happening to a place («перенесли на Гребной канал»), with no new date?"""
    if any(e.type == "date" and 0 <= e.span[0] - verb.end <= _MOVED_TO_REACH for e in times):
        return False
    at = tokens.index(verb)
    for n, t in enumerate(tokens[at + 1:at + 4], start=at + 1):
        if t.lower in _WHERE_TO and n + 1 < len(tokens):
            # The word the preposition governs, past its adjectives: «на другую дату», «на Гребной канал»
            head = next((w for w in tokens[n + 1:n + 4] if w.pos not in {"ADJF", "PRTF", "NUMR"}), tokens[n + 1])
            if any(e.span[0] <= w.start < e.span[1] for e in times for w in (tokens[n + 1], head)):
                return False  # «на неделю», «с 21 на 28 марта»: a time
            if not _governed_as(head, "gent" if t.lower in {"с", "со"} else "accs"):
                continue  # «перенёс забастовку в авиакомпании»: where it happens, not where it goes
            return head.lemma not in _TIME_NOUNS  # «на территорию канала», «с берега Волги»: a place
    return False


def _governed_as(word: _Token, case: str) -> bool:
    """Is the word in ``case``? Its reading's case, or, read as a nominative, a form of that case in the
    same number («на Гребной канал»: the accusative of an inanimate noun is its nominative)."""
    reading = word.reading
    if not reading:
        return False
    tag = reading.tag  # type: ignore[union-attr]
    return tag.case == case or (tag.case == "nomn" and any(
        r.tag.case == case and r.tag.number == tag.number for r in parse(word.lower)))


def _reporting_dates(view: _SentenceView, clause: tuple[int, int]) -> list[TimeExpression]:
    """The dates of the sentence's clauses of reporting («…, сообщил в понедельник Песков»), but ``clause``."""
    found: list[TimeExpression] = []
    for cs, ce in view.sentence.clauses:
        if (cs, ce) == clause:
            continue
        tokens = view.clause_tokens(cs, ce)
        if any(t.lemma in REPORTING and t.pos in VERBAL for t in tokens):
            found.extend(view.clause_times(cs, ce))
    return found


def _is_subject_pronoun(token: _Token) -> bool:
    """«он», «она»: a personal pronoun of the third person singular in the nominative."""
    reading = token.reading
    return bool(reading) and token.pos == "NPRO" and {"nomn", "3per", "sing"} <= reading.tag.grammemes  # type: ignore[union-attr]


# Kinds of happening that befall a person: «его арестовали», «её осудили», «его дело пересмотрели».
_HAPPENS_TO_SOMEONE = frozenset({
    "arrest", "verdict", "trial", "investigation", "death", "birth", "wedding", "divorce", "award", "accident",
})


_HIS_HER = _OBJECT_PRONOUNS - {"их"}  # «его дело»: possessive, and as the analyzer may read «его арестовали»


def _is_object_pronoun(token: _Token) -> bool:
    """«его», «её», «ему», «ним»: a personal pronoun of the third person singular, not in the nominative,
    or «его», «её» possessive («его дело пересмотрели»)."""
    reading = token.reading
    if not reading:
        return False
    grammemes = reading.tag.grammemes  # type: ignore[union-attr]
    if token.pos == "NPRO":
        return {"3per", "sing"} <= grammemes and "nomn" not in grammemes
    return token.lower in _HIS_HER and "Anph" in grammemes


def _hypothetical(words: list[_Token], picked: Trigger) -> bool:
    """Does the clause tell of its happening as what would be: its word or verb beside «бы» («забастовка
    затронула бы»)? Beside, not anywhere: «…, чтобы…», a «бы» of another verb, tell nothing of it."""
    heads = [t for t in (picked.token, picked.verb) if t is not None and t in words]
    return any(t.lemma in HYPOTHETICAL and any(abs(words.index(h) - i) <= 2 for h in heads)
               for i, t in enumerate(words))


def _clause_event(
    view: _SentenceView, clause: tuple[int, int], tokens: list[_Token], times: list[TimeExpression],
    picked: Trigger,
) -> ExtractedEvent | None:
    """The event a clause reports around its trigger, or None if it says nothing happened."""
    cs, ce = clause
    trigger, kind = picked.token, picked.kind
    # «Ожидается, что переговоры начнутся»: the governing clause's modal words count too.
    governing = view.cues_before(cs) if _GOVERNED.match(view.text, cs, ce) else frozenset()
    dated = [e for e in times if e.type == "date"]
    when = _moved_to(dated, tokens) or _pick_date(dated, trigger, tokens, view.text)
    status = _status(tokens, trigger, when, view.published, governing)
    verb = picked.verb if picked.verb is not None else trigger
    if verb.pos == "INFN" and any(
            t.negated and t.lemma in UNABLE and abs(t.start - verb.start) < _UNABLE_REACH for t in tokens):
        return None  # «отменить встречу он не мог», «договориться не удалось»: nothing was done
    if status is None or (picked.verb is not None and picked.verb.negated and status not in ("denied", "cancelled")):
        return None  # «Кремль не ответил»; «сроки саммита не объявлены»: nothing happened
    clause_words = [t for t in tokens if cs <= t.start < ce]
    if _hypothetical(clause_words, picked):
        return None  # «если у них родится дочь», «затронула бы»: what would be, not a happening
    if when is not None and when.text.lower().startswith(("с ", "со ")) and any(
            t.lemma in RECURRING and t.tense == "pres" for t in clause_words):
        return None  # «проводится с 2008 года»: a recurrence since then, no happening on that date
    timed = any(e.type in ("set", "vague") for e in times)  # «каждую субботу», «сейчас»
    if when is None and not timed and (status == "ongoing" or (status == "unknown" and picked.score < SPECIFIC)):
        return None  # a present-tense description with no date is background, not an event
    if kind == "statement" and view.sentence.text.startswith(("«", '"', "„", "—", "–")):
        return None  # «…», — заявил министр: a direct quote's attribution is not news by itself
    mentions = view.clause_mentions(cs, ce)
    kind = _refine_kind(kind, trigger, tokens, mentions)
    place = _place(mentions, view.text, kind)
    actors = _actors(mentions, view.text, place, view.sentence.start, clause_words)
    durations = [e for e in times if e.type == "duration"]
    vague = next((e for e in times if e.type == "vague"), None) or view.first_vague
    # «по итогам саммита», «на следующий день»: another happening dates it, once the article's are known
    relative = next((e for e in times if e.relative is not None), None) if when is None else None
    if relative is not None:
        vague = relative
    fallback = _title(kind, trigger, actors, place)
    title = _naming_someone(_clause_title(view.text, (cs, ce), tokens, times, trigger, fallback), actors, tokens)
    no_one = not any(a.type == "person" and a.role == "participant" for a in actors)
    pronoun = None if not no_one else next(
        (t.word for t in tokens if cs <= t.start < ce and _is_subject_pronoun(t)), None)
    object_pronoun = None if not no_one or pronoun or kind not in _HAPPENS_TO_SOMEONE else next(
        (t.word for t in tokens if cs <= t.start < ce and _is_object_pronoun(t)), None)
    if title == fallback and not actors and not place:
        if pronoun is not None:  # «— подчеркнул он»: who said it, once the pronoun is resolved
            title = f"{pronoun.capitalize()} {trigger.word}"
        elif kind == "statement" and when is None:
            return None  # «Заявление» by no one named, of no date: nothing a reader could follow
    return ExtractedEvent(
        kind=kind,
        title=title,
        status=status,
        when=when.interval if when else None,
        date_text=when.text if when else (vague.text if vague else None),
        count=_count(view.text, cs, ce, trigger),
        duration=durations[0].duration if durations else None,
        place=place,
        confidence=confidence(when is not None, bool(actors), picked.score),
        actors=actors,
        evidence=[view.evidence],
        # «перенесён на 12 марта»: the report gives the happening a new date
        moved=_moves(tokens, when),
        relative=relative.relative if relative is not None else None,
        trigger=trigger.lemma,
        keywords=_keywords([t for t in tokens if cs <= t.start < ce], trigger, view.blocked, view.text),
        subject_pronoun=pronoun,
        object_pronoun=object_pronoun,
    )


def sentence_events(
    text: str, published: date, sentence: Sentence, mentions: list[Mention], times: list[TimeExpression],
    previous: ExtractedEvent | None,
) -> SentenceEvents:
    """What one sentence reports, given its names and time expressions (in text order)."""
    return _sentence_events(_SentenceView(text, published, sentence, sentence.tokens, mentions, times), previous)
