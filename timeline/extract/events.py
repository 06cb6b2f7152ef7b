"""Events from an article: the engine's part, which knows no language.

The language pack reads each sentence (:attr:`timeline.lang.LanguagePack.sentence_events`): its
clauses, the trigger word that names each clause's happening, and the happening's date, status,
actors, place, count and duration, or the continuation of the event just reported. Here those
sentence results become the article's events: a continuation is applied by building the continued
event, and the lede's events merge into the body's that tell them again. Also here, because every
language ranks triggers alike: the trigger type, its scores and the confidence formula.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from timeline.extract.calendar import shift
from timeline.extract.doc import Doc, Token
from timeline.extract.entities import Mention
from timeline.extract.kinds import compatible_kinds
from timeline.extract.spans import between
from timeline.extract.types import ActorMention, EvidenceSpan, ExtractedEvent, Interval, Relative, TimeExpression
from timeline.lang import pack


@dataclass(frozen=True)
class Trigger:
    """The word that names a clause's happening, the kind it names, and how strongly it names one."""

    token: Token
    kind: str
    score: float
    # The verb that gave way to the noun it governs («провёл совещание», «сроки саммита не объявлены»):
    # its tense and its negation are the happening's.
    verb: Token | None = None


# How strongly a word names a happening; a clause's strongest trigger wins, the earlier on a tie.
REPORTING_SCORE = 0.5  # «сообщил»: the saying is news only when nothing else happens in the clause
CALLED_OFF_SCORE = 0.8  # «концерт отменён»: the concert is the happening, called off
WEAK_SCORE = 1.0  # statements and generic happenings («состоялся», «принял»)
SPECIFIC_SCORE = 2.0  # a specific happening: «переговоры», «визит», «приговор»
WEAK_VERB_BONUS = 0.2  # a verb names its happening more surely than a noun («заявил» over «заявление»)
VERB_BONUS = 1.0
# Below this, a trigger is weak: an undated clause of unknown status says nothing happened.
SPECIFIC = SPECIFIC_SCORE


def confidence(dated: bool, has_actors: bool, score: float) -> float:
    """How sure an event is: a base, more with a date and with named actors, more for a stronger
    trigger; at most 1."""
    return round(min(1.0, 0.3 + 0.2 * dated + 0.1 * has_actors + 0.1 * score), 2)


def extract_events(text: str, published: date) -> list[ExtractedEvent]:
    """The events an article reports, each with its evidence sentence and offsets into ``text``."""
    from timeline.extract.pipeline import extract

    return extract(text, published).events


def find_events(doc: Doc) -> None:
    """The events of every sentence, the lede's merged into the body's that tell them again."""
    text, published, sentences = doc.text, doc.published, doc.sentences
    language = pack(doc.language)
    mentions, expressions = doc.mentions, sorted(doc.times, key=lambda e: e.span[0])
    # Each sentence takes its names and dates by bisection: both lists are in text order.
    mention_starts = [m.start for m in mentions]
    time_starts = [e.span[0] for e in expressions]
    events: list[ExtractedEvent] = []
    lede_end = text.find("\n\n")
    lede_events: list[ExtractedEvent] = []
    known: set[str] | None = None  # the names of the last body event, while sentences continue it
    for sentence in sentences:
        if sentence.heading:
            continue  # «Переговоры по войне в Украине»: a section title repeats, it reports nothing new
        told = language.sentence_events(
            text, published, sentence,
            mentions[between(mention_starts, sentence.start, sentence.stop)],
            expressions[between(time_starts, sentence.start, sentence.stop)],
            events[-1] if events else None,
        )
        if told.continuation is not None:
            if known is None:
                known = {a.name for a in events[-1].actors}
            events[-1] = _continued(events[-1], told.continuation, known)
        for event in told.events:
            if sentence.start < lede_end:
                lede_events.append(event)
            else:
                events.append(event)
                known = None
    doc.events = with_pronouns_resolved(
        dated_by_referents(_merge_lede(lede_events, events), published), mentions, text,
    )


PRONOUN_REACH = 300  # characters back a pronoun looks for the person it stands for: a sentence or two


def with_pronouns_resolved(events: list[ExtractedEvent], mentions: list[Mention], text: str) -> list[ExtractedEvent]:
    """An event whose subject is a pronoun («Он был назначен послом») or left out («Досрочно прекратил
    полномочия») takes as participant the person named last before it, within a sentence or two, when no
    paragraph break lies between; farther, the person the article keeps naming (:func:`_protagonists`)."""
    if not any(e.subject_pronoun or e.subject_left_out or e.object_pronoun for e in events):
        return events
    people = [m for m in mentions if m.label == "PER"]
    starts = [m.start for m in people]
    protagonists = _protagonists(people)
    result = []
    for event in events:
        if (event.subject_pronoun or event.subject_left_out or event.object_pronoun) and event.evidence:
            at = event.evidence[0].start
            i = bisect_left(starts, at) - 1
            person = people[i] if i >= 0 else None
            if person is None or at - person.stop > PRONOUN_REACH or "\n\n" in text[person.stop:at]:
                person = protagonists[i] if i >= 0 else None
            if person is not None:
                # The title names the person instead of the pronoun: «Теодор Маккаррик был назначен …».
                # «Он заявил …» leads the title capitalized: any case of the pronoun as written.
                if event.subject_pronoun:
                    title = re.sub(rf"(?<!\w){re.escape(event.subject_pronoun)}(?!\w)", person.name, event.title,
                                   count=1, flags=re.IGNORECASE)
                elif event.subject_left_out:  # the subject left out leads the title: «Андрей Варичев досрочно …»
                    title = f"{person.name} {event.title[:1].lower()}{event.title[1:]}"
                else:  # the one it happened to: «Виталий Маркив: в аэропорту Болоньи его арестовали»
                    title = f"{person.name}: {event.title[:1].lower()}{event.title[1:]}"
                event = replace(
                    event, title=title, actors=[ActorMention(person.name, "person", "participant"), *event.actors],
                )
        result.append(event)
    return result


PROTAGONIST_MENTIONS = 3  # how often a person must be named before to be the one a far pronoun means


def _protagonists(people: list[Mention]) -> list[Mention | None]:
    """For each person mention (in text order), the person the article is about up to it: named most
    often (by surname, at least ``PROTAGONIST_MENTIONS`` times, and more than anyone else), as named
    most fully; None while there is no such one. A pronoun with no person near it («Он был назначен
    послом», paragraphs after the name) stands for them. One pass: counts only grow."""
    counts: dict[str, int] = {}
    fullest: dict[str, Mention] = {}
    top, leaders = 0, set[str]()
    found: list[Mention | None] = []
    for m in people:
        surname = m.name.split()[-1]
        counts[surname] = n = counts.get(surname, 0) + 1
        if surname not in fullest or len(m.name.split()) > len(fullest[surname].name.split()):
            fullest[surname] = m
        if n > top:
            top, leaders = n, {surname}
        elif n == top:
            leaders.add(surname)
        found.append(fullest[next(iter(leaders))] if top >= PROTAGONIST_MENTIONS and len(leaders) == 1 else None)
    return found


def dated_by_referents(events: list[ExtractedEvent], published: date) -> list[ExtractedEvent]:
    """Events dated by another happening (``shared/spec/dates.md``, «Dates relative to another
    happening»), dated now: by the latest dated event told before it of the kind it names («по итогам
    саммита»), or by the latest dated event told before it («на следующий день»); its interval
    shifted, at that event's precision. With no such event it stays undated (its words kept).
    A status the text left unknown follows the date, as for any dated event."""
    if not any(e.relative for e in events):
        return events
    order = sorted(range(len(events)), key=lambda i: events[i].evidence[0].start if events[i].evidence else 0)
    result = list(events)
    told: list[int] = []  # dated events, in text order so far
    for i in order:
        event = result[i]
        relative = event.relative
        if relative is not None and event.when is None:
            kinds = compatible_kinds(relative.kind) if relative.kind else None
            referent = next((j for j in reversed(told) if kinds is None or result[j].kind in kinds), None)
            when = None if referent is None else _shifted(result[referent].when, relative)  # type: ignore[arg-type]
            if when is not None:
                status = event.status
                if status == "unknown":
                    status = "occurred" if when.end < published else "planned" if when.start > published else status
                event = result[i] = replace(event, when=when, dated_by=referent, status=status)
        if event.when is not None:
            told.append(i)
    return result


def _shifted(when: Interval, relative: Relative) -> Interval | None:
    sign = -1 if relative.n < 0 else 1
    try:
        start = shift(abs(relative.n), relative.unit, when.start, sign)
        end = shift(abs(relative.n), relative.unit, when.end, sign)
    except (OverflowError, ValueError):  # past year 1 or 9999: no date holds it
        return None
    if start is None or end is None:
        return None
    return Interval(start, end, when.precision)


def _merge_lede(ledes: list[ExtractedEvent], body: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """The lede's events the body does not tell again, then the body's; a body event that retells a
    lede's cites the lede's sentences too (one happening, every sentence that reports it)."""
    kept = []
    # Evidence a body event gains from the lede, sorted into its own once at the end.
    gained: dict[int, tuple[set[tuple[str, int, int]], list[EvidenceSpan]]] = {}
    for event, twin in zip(ledes, _told_again(ledes, body), strict=True):
        if twin is None:
            kept.append(event)
            continue
        cited, extra = gained.setdefault(id(twin), ({_key(ev) for ev in twin.evidence}, []))
        new = [ev for ev in event.evidence if _key(ev) not in cited]
        extra.extend(new)
        cited.update(_key(ev) for ev in new)
    merged = [
        # stable: as if added one at a time
        replace(b, evidence=sorted(b.evidence + gained[id(b)][1], key=lambda ev: ev.start)) if id(b) in gained else b
        for b in body
    ]
    return kept + merged


def _key(evidence: EvidenceSpan) -> tuple[str, int, int]:
    return evidence.text, evidence.start, evidence.end


def _told_again(ledes: list[ExtractedEvent], body: list[ExtractedEvent]) -> list[ExtractedEvent | None]:
    """The lede repeats the story: its event is told again in the body when the body has one of its
    kind and the lede gives no date, or the body dates it alike (the first such body event). A dated
    lede event («скончался 17 июня 2019 года») stays when the body only retells it undated («упал в
    обморок и умер»).

    A lede may be long (an article with no blank line until its end), so the dated ones are answered
    together: the queries by their end, the body's intervals taken in by their start, and a Fenwick
    tree over the body's ends keeps the first body event reaching each end."""
    answers: list[ExtractedEvent | None] = [None] * len(ledes)
    by_kind: dict[str, list[ExtractedEvent]] = {}
    for b in body:
        by_kind.setdefault(b.kind, []).append(b)
    dated_queries: dict[str, list[int]] = {}
    for i, lede in enumerate(ledes):
        same = by_kind.get(lede.kind)
        if not same:
            continue
        if lede.start is None or lede.end is None:
            # The body event the same word names («подписали соглашение» … «соглашение подписано»),
            # else the first of its kind.
            answers[i] = next((b for b in same if b.trigger == lede.trigger), same[0])
        else:
            dated_queries.setdefault(lede.kind, []).append(i)
    for kind, queries in dated_queries.items():
        same = by_kind[kind]
        dated = [(b.start, b.end, n) for n, b in enumerate(same) if b.start is not None and b.end is not None]
        ends = sorted({e for _, e, _ in dated})
        size = len(ends)
        tree = [len(same)] * (size + 1)  # 1-based; prefix minimum over ends from the latest down
        dated.sort(key=lambda x: x[0])
        taken = 0
        for i in sorted(queries, key=lambda i: ledes[i].end):  # type: ignore[arg-type, return-value]
            lede = ledes[i]
            while taken < len(dated) and dated[taken][0] <= lede.end:  # type: ignore[operator]
                _, end, n = dated[taken]
                j = size - bisect_left(ends, end)  # ends from the latest: position 1 is the latest
                while j <= size:
                    tree[j] = min(tree[j], n)
                    j += j & -j
                taken += 1
            first = len(same)
            j = size - bisect_left(ends, lede.start)  # every end not before the lede's start
            while j > 0:
                first = min(first, tree[j])
                j -= j & -j
            if first < len(same):
                answers[i] = same[first]
    return answers


@dataclass(frozen=True)
class Continuation:
    """A sentence that only continues the event just reported («Тогда переговоры длились почти пять
    часов»): what it adds to that event."""

    durations: list[TimeExpression]
    actors: list[ActorMention]
    evidence: EvidenceSpan


@dataclass(frozen=True)
class SentenceEvents:
    """What one sentence reports: new events, and perhaps a continuation of the previous one."""

    events: list[ExtractedEvent]
    continuation: Continuation | None = None


def _continued(event: ExtractedEvent, more: Continuation, known: set[str]) -> ExtractedEvent:
    """``event`` with what a continuing sentence adds: a duration it lacked, actors it did not name
    (``known``: the names it has, kept by the caller across a run of continuations and updated here),
    and the sentence as evidence."""
    added = [a for a in more.actors if a.name not in known]
    known.update(a.name for a in added)
    # Evidence comes in text order and a sentence continues at most once: only the last may be this one.
    evidence = event.evidence if event.evidence[-1].start == more.evidence.start else [*event.evidence, more.evidence]
    return replace(
        event,
        duration=event.duration if event.duration is not None or not more.durations else more.durations[0].duration,
        actors=[*event.actors, *added] if added else event.actors,
        evidence=evidence,
    )
