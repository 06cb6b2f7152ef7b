"""How many of the dated events NEREL's annotators marked the extractor finds, on texts it never saw.

    python -m benchmarks.bench_nerel_events [CORPUS_DIR] [--errors N]

NEREL (real Russian news) marks EVENT spans and ties some of them to a DATE by a POINT_IN_TIME
relation. A tied pair whose event and date share a sentence is *found* when the extractor reports
an event in that sentence, and *found with its date* when that event's date expression overlaps
the annotated date. NEREL gives no publication dates, so intervals are not checked here (the
test articles' benchmark does that), only which events and which expressions.

Also printed: of the dated events reported, the share in a sentence where NEREL marks some event
(a loose precision, since NEREL does not mark every happening in the sense used here), and the
sentences NEREL ties an event to a date in that yield nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.bench_nerel import corpus_arguments
from timeline.extract.doc import Sentence
from timeline.extract.entities import split_sentences
from timeline.extract.events import extract_events

PUBLISHED = date(2020, 6, 1)  # NEREL gives none; which events and expressions do not depend on it


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    text: str


def read_ann(path: Path) -> tuple[dict[str, Span], list[tuple[str, str]]]:
    spans: dict[str, Span] = {}
    pairs: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 3:
            label, *offsets = parts[1].replace(";", " ").split(" ")
            spans[parts[0]] = Span(int(offsets[0]), int(offsets[-1]), label, parts[2])
        elif parts[0].startswith("R") and len(parts) >= 2:
            relation, arg1, arg2 = parts[1].split(" ")[:3]
            if relation == "POINT_IN_TIME":
                pairs.append((arg1.split(":")[1], arg2.split(":")[1]))
    return spans, pairs


def sentence_of(sentences: list[Sentence], pos: int) -> tuple[int, int] | None:
    return next(((s.start, s.stop) for s in sentences if s.start <= pos < s.stop), None)


def main() -> None:
    texts, errors = corpus_arguments(__doc__, "print up to N missed sentences")
    tied = found = dated = 0
    ours_dated = ours_in_event_sentence = 0
    misses: list[str] = []
    for path in texts:
        text = path.read_text(encoding="utf-8")
        spans, pairs = read_ann(path.with_suffix(".ann"))
        sentences = split_sentences(text)
        events = extract_events(text, PUBLISHED)

        # Each reported event: its sentences and, where it has one, where its date expression is.
        reported = []
        for e in events:
            for ev in e.evidence:
                at = ev.text.find(e.date_text) if e.date_text and e.start else -1
                when = (ev.start + at, ev.start + at + len(e.date_text or "")) if at >= 0 else None
                reported.append(((ev.start, ev.end), when))
        event_sentences = {sentence_of(sentences, s.start) for s in spans.values() if s.label == "EVENT"}
        for e in events:
            if e.start is not None:
                ours_dated += 1
                ours_in_event_sentence += any((ev.start, ev.end) in event_sentences for ev in e.evidence)
        seen: set[tuple[int, int]] = set()
        for event_id, date_id in pairs:
            event, when = spans.get(event_id), spans.get(date_id)
            if event is None or when is None or event.label != "EVENT" or when.label != "DATE":
                continue
            sentence = sentence_of(sentences, event.start)
            if sentence is None or sentence != sentence_of(sentences, when.start) or (sentence, when.start) in seen:
                continue
            seen.add((sentence, when.start))
            tied += 1
            here = [w for s, w in reported if s == sentence]
            if here:
                found += 1
            if any(w and w[0] < when.end and when.start < w[1] for w in here):
                dated += 1
            elif len(misses) < errors:
                mark = "nothing" if not here else "another date"
                misses.append(f"  {mark}: [{event.text} | {when.text}] {text[sentence[0]:sentence[1]][:160]}")
    print(f"NEREL: {len(texts)} articles, {tied} events tied to a date in their sentence")
    print(f"found (an event in that sentence)  {found}/{tied} = {found / tied:.1%}")
    print(f"found with the annotated date      {dated}/{tied} = {dated / tied:.1%}")
    print(f"dated events reported {ours_dated}, in a sentence where NEREL marks an event: "
          f"{ours_in_event_sentence} = {ours_in_event_sentence / max(ours_dated, 1):.1%}")
    for line in misses:
        print(line)


if __name__ == "__main__":
    main()
