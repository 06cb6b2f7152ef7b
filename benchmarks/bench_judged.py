"""Does the extractor get real news right, field by field? Judged NEREL articles, scored as a fact-checker would.

    python -m benchmarks.bench_judged [--errors] [--corpus DIR]

The corpus (default tests/data/judged; see its README) holds articles ``<id>.txt`` in the seed format and
their gold ``gold/<id>.json``. Each article is imported ALONE into a fresh temporary SQLite database through
the real import path (:func:`timeline.ingest.import_sources`), and every stored event is read back as
:func:`timeline.output.formats.event_dict` gives it: kind, status, start, end, place, title, actors with
roles, and the evidence sentences with their offsets in the stored text. A gold mention is placed where
its ``sentence_contains`` occurs (once) in that stored text.

- An event *belongs* to a happening when one of its cited sentences contains one of the happening's
  mention positions; with several, to the one whose positions it cites most, then one of the event's
  kind, then the one listed first. An event citing none is *noise*.
- **precision**: the events that belong to a happening and are the first (lowest id) event for it, over
  all events. Repeats of one happening and noise count against it.
- **recall**: the happenings with at least one event, over all happenings.
- For each happening found, its *representative* is the event of it citing most of its mentions (ties:
  the lowest id), and over the happenings found:
  - **participants right**: the names of the representative's actors with role ``participant`` (of any
    type: a place shown as a participant is wrong, as the gold never has one) form the gold's set, names
    compared with case, «ё», quotation marks and spacing ignored. An event with no participants is right
    only when the gold has none.
  - **title understandable** (:func:`benchmarks.judged_scoring.understandable`): lemmatized with
    :func:`timeline.lang.ru.morph.lemma_key`, the title holds one of the gold ``predicate`` lemmas and,
    when the gold has participants, a word (three letters or more) of one participant's name (a surname
    or a given name); a title made of a kind's words only («Событие», «Заявление») never is.
  - **date right**, over the found happenings the gold dates: start and end equal the gold's.
  - **all right**: kind, status, date (equal, or both undated), participants and place (compared as
    names; both empty counts as equal) all right.
  Also printed: kind, status and place right alone.

``--errors`` lists, per article, each happening not found, each field the representative gets wrong,
every repeat and every noise event with the sentence it cites, then the misses counted by field.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from benchmarks.judged_scoring import (
    ArticleScore,
    Gold,
    HappeningScore,
    Shown,
    Totals,
    norm_name,
    score_article,
    totals,
)
from timeline import config, db, ingest
from timeline.models import Article, Event, EventActor, Mention
from timeline.output.formats import event_dict
from timeline.sources.readers import read_file

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "data" / "judged"

__all__ = ["Gold", "Shown", "golds_in", "main", "score_article", "shown", "totals"]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def golds_in(gold: dict[str, Any], text: str, where: str = "") -> list[Gold]:
    """The article's judged happenings, each mention placed in the stored text."""
    out = []
    for h in gold["happenings"]:
        at = []
        for m in h["mentions"]:
            needle = m["sentence_contains"]
            if text.count(needle) != 1:
                raise SystemExit(f"{where}: {needle!r} occurs {text.count(needle)} times in the stored text")
            at.append(text.find(needle))
        out.append(Gold(h["id"], h["kind"], h["status"], _day(h["start"]), _day(h["end"]),
                        tuple(h["participants"]), h["place"], h["title"], tuple(h["predicate"]), tuple(at),
                        tuple(m["sentence_contains"] for m in h["mentions"])))
    return out


def shown(d: dict[str, Any]) -> Shown:
    """An event as :func:`event_dict` renders it."""
    return Shown(d["id"], d["kind"], d["status"], _day(d["start"]), _day(d["end"]), d["precision"], d["place"],
                 d["title"], tuple(a["name"] for a in d["actors"] if a["role"] == "participant"),
                 tuple((ev["start"], ev["end"]) for ev in d["evidence"]))


def import_alone(path: Path, work: Path) -> tuple[list[Shown], str]:
    """Import one article into a fresh database; its events as shown, and its stored text."""
    engine = db.open_for_write(config.resolve(str(work / f"{path.stem}.db")))
    try:
        summary = ingest.import_sources(engine, list(read_file(path)))
        if summary.failed:
            raise SystemExit(f"{path}: import failed: {summary.to_dict()['errors']}")
        with db.session_scope(engine) as session:
            rows = session.scalars(
                select(Event)
                .options(selectinload(Event.mentions).selectinload(Mention.article),
                         selectinload(Event.actors).selectinload(EventActor.actor))
                .order_by(Event.id)
            ).all()
            events = [shown(event_dict(e)) for e in rows]
            (text,) = session.scalars(select(Article.text)).all()
    finally:
        engine.dispose()
    return events, text


# ---------------------------------------------------------------- printing


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} {part / whole:.0%}" if whole else "–"


HEADER = (f"{'article':<14} {'events':>6} {'happ':>4} {'precision':>12} {'recall':>12} {'participants':>12} "
          f"{'title':>12} {'date':>12} {'all right':>12}")


def line(name: str, t: Totals) -> str:
    return (f"{name:<14} {t.events:>6} {t.happenings:>4} {_pct(t.found, t.events):>12} "
            f"{_pct(t.found, t.happenings):>12} {_pct(t.participants, t.found):>12} {_pct(t.title, t.found):>12} "
            f"{_pct(t.date, t.dated):>12} {_pct(t.all_right, t.found):>12}")


def _interval(start: date | None, end: date | None) -> str:
    if start is None:
        return "undated"
    return start.isoformat() if start == end else f"{start}..{end}"


def _event(e: Shown) -> str:
    return (f"#{e.id} {e.kind} {e.status} {_interval(e.start, e.end)} «{e.title}» "
            f"participants {list(e.participants)} place {e.place}")


def misses(h: HappeningScore) -> list[tuple[str, str]]:
    """(field, what is wrong) for each field the representative gets wrong."""
    g, r = h.gold, h.representative
    if r is None:
        return [("not found", "")]
    out = []
    if not h.kind_right:
        out.append(("kind", f"{r.kind} ≠ {g.kind}"))
    if not h.status_right:
        out.append(("status", f"{r.status} ≠ {g.status}"))
    if not h.date_right:
        out.append(("date", f"{_interval(r.start, r.end)} ≠ {_interval(g.start, g.end)}"))
    if not h.participants_right:
        got, want = {norm_name(n) for n in r.participants}, {norm_name(n) for n in g.participants}
        out.append(("participants", f"extra {sorted(got - want)} missing {sorted(want - got)}"))
    if not h.place_right:
        out.append(("place", f"{r.place} ≠ {g.place}"))
    if not h.title_understandable:
        out.append(("title", f"«{r.title}» (predicate {list(g.predicate)})"))
    return out


def print_errors(s: ArticleScore, text: str, counts: Counter[str]) -> None:
    print(f"\n== {s.name}")
    for h in s.happenings:
        g = h.gold
        for field_name, what in misses(h):
            counts[field_name] += 1
            if field_name == "not found":
                print(f"  not found {g.id} [{g.kind} {g.status} {_interval(g.start, g.end)}] «{g.title}»")
            else:
                print(f"  {g.id}: {field_name} {what}")
    for e in s.repeats:
        counts["repeat"] += 1
        print(f"  repeat of {s.owners[e.id]}: {_event(e)}")
    for e in s.noise:
        counts["noise"] += 1
        sentence = " | ".join(text[a:b].replace("\n", " ")[:140] for a, b in e.cites)
        print(f"  noise {_event(e)}\n        {sentence}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=JUDGED, help="articles and gold/ (default tests/data/judged)")
    parser.add_argument("--errors", action="store_true", help="list each miss, repeat and noise event")
    args = parser.parse_args(argv)
    corpus = args.corpus if args.corpus.is_absolute() or args.corpus.is_dir() else ROOT / args.corpus
    paths = sorted(p for p in corpus.glob("*.txt") if (corpus / "gold" / f"{p.stem}.json").is_file())
    if not paths:
        raise SystemExit(f"no judged articles in {corpus}")
    began = time.perf_counter()
    scored: list[tuple[ArticleScore, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-judged-") as tmp:
        for path in paths:
            gold = json.loads((corpus / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
            events, text = import_alone(path, Path(tmp))
            scored.append((score_article(path.stem, events, golds_in(gold, text, str(path))), text))
    t = totals(s for s, _ in scored)
    mentions = sum(len(h.gold.at) for s, _ in scored for h in s.happenings)
    try:
        shown_corpus = corpus.resolve().relative_to(ROOT)
    except ValueError:
        shown_corpus = corpus
    print(f"Judged articles, each imported alone ({shown_corpus}: {t.articles} articles, "
          f"{t.happenings} happenings, {mentions} mentions)")
    print(HEADER)
    for s, _ in scored:
        print(line(s.name, totals([s])))
    print(line("all", t))
    print(f"events {t.events}: first of a happening {t.found}, repeats {t.repeats}, noise {t.noise}; "
          f"over the {t.found} found: kind {_pct(t.kind, t.found)}, status {_pct(t.status, t.found)}, "
          f"place {_pct(t.place, t.found)}")
    if args.errors:
        counts: Counter[str] = Counter()
        for s, text in scored:
            print_errors(s, text, counts)
        print("\nmisses by field: " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))
    print(f"\n{time.perf_counter() - began:.1f}s")


if __name__ == "__main__":
    main()
