"""Does the timeline show each real happening once? Stories told by many articles, against judged gold.

    python -m benchmarks.bench_stories [--corpus DIR] [--errors] [--story NAME] [--anchor YYYY-MM-DD]

**Stories** (``--corpus``, default tests/data/stories; gold in its gold.json; see its README; a second,
held-out set is tests/data/stories2). Each story's articles are imported,
in publication order, into a fresh SQLite database through the real import path, and every stored event
is read back with the sentences it cites (:func:`cited`, the only reader of citation rows).

- A gold mention is located by its file and the position of its ``sentence_contains`` in the stored
  article text. An event *cites* a mention when one of its cited sentence spans contains that position.
- An event *belongs* to the happening whose mentions it cites most; ties go to the happening of the
  event's kind, then to the one it cites more often in sentences that mention no other happening, then
  to the one listed first. An event citing no gold mention is *noise*.
- Per happening: the events it has (0: *not shown*; 1: *shown once*), and its *representative*, the event
  of it citing most of its mentions (ties: the lowest id). *Mentions cited* is the share of gold mentions
  the representative cites (a happening not shown cites none); *by any event of it* counts a mention
  cited by any event belonging to the happening. *Interval exact*: the representative's start and end
  equal the gold's (both empty for an undated happening); *status right*: its status equals the gold's
  current status. Both are over the happenings shown.
- An ``apart`` pair is *joined* when one event cites a mention of each in sentences that do not also
  mention the other (a sentence telling both, «первый раунд … второй …», joins nothing).

**Repeats within one article** (tests/data/articles, tests/data/heldout*, and NEREL's nerel-dev when its
files carry a ``date`` line or ``--anchor`` gives the publication date for those that do not, as
bench_nerel_events fixes one; otherwise that corpus is skipped). Each article is imported alone into a
fresh database. Two events of the same article form a *repeat pair* when they have the same kind, their
intervals overlap (equal included) or both are undated, and they have a participant in common or the
same title. An event *repeats* when it forms a pair with an event stored before it (a lower id); the
figure is the share of events that repeat, so a happening shown three times counts two. Also printed, as
*named*: the same figure when a common title counts only if it names someone or somewhere (has «—» or
«,»), since two unrelated undated events both titled «Событие» or «Голосование» pair by the definition.

An event cites the sentences of its mentions (``Event.mentions``); :func:`cited` and
:func:`_citations_loader` are the only code that reads them.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import selectinload

from timeline import config, db, ingest
from timeline.models import Article, Event, EventActor
from timeline.models import Mention as StoredMention
from timeline.sources import ArticleSource, SourceError
from timeline.sources.readers import read_file

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "tests" / "data" / "stories"
GOLD = STORIES / "gold.json"
REPEAT_CORPORA = [ROOT / "tests" / "data" / "articles", *sorted((ROOT / "tests" / "data").glob("heldout*"))]
NEREL = ROOT.parent / "shared" / "corpora" / "nerel-dev"
_DATE_LINE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}(?:\s|$)")

Cite = tuple[str, int, int]  # (article file name, sentence start, sentence end), offsets into the stored text

# ---------------------------------------------------------------- what an event cites (the schema's one reader)

def cited(event: Any) -> set[Cite]:
    """Which (article file name, sentence start, sentence end) the stored event cites."""
    return {(Path(row.article.source or "").name, row.start, row.end) for row in event.mentions}


def _citations_loader() -> Any:
    return selectinload(Event.mentions).selectinload(StoredMention.article)


# ---------------------------------------------------------------- the data scored


@dataclass(frozen=True)
class Shown:
    """An event as the timeline shows it, with what it cites."""

    id: int
    kind: str
    title: str
    status: str
    start: date | None
    end: date | None
    cites: frozenset[Cite]
    participants: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Mention:
    happening: str
    file: str  # the article's file name
    at: int  # where ``sentence_contains`` starts in the stored text
    needle: str = ""


@dataclass
class Happening:
    id: str
    kind: str
    status: str
    start: date | None
    end: date | None
    mentions: list[Mention]
    note: str | None = None


@dataclass
class HappeningScore:
    happening: Happening
    events: list[Shown]
    representative: Shown | None
    by_representative: set[Mention]
    by_any: set[Mention]

    @property
    def interval_exact(self) -> bool:
        r = self.representative
        return r is not None and (r.start, r.end) == (self.happening.start, self.happening.end)

    @property
    def status_right(self) -> bool:
        return self.representative is not None and self.representative.status == self.happening.status


@dataclass
class StoryScore:
    name: str
    articles: int
    events: list[Shown]
    happenings: list[HappeningScore]
    noise: list[Shown]
    apart: list[tuple[str, str]]
    joined: list[tuple[str, str, int]]  # (happening, happening, event id)
    owner: dict[int, str | None] = field(default_factory=dict)  # event id -> its happening


# ---------------------------------------------------------------- scoring (pure: no database)


def _holding(event: Shown, mentions: Sequence[Mention]) -> dict[Cite, list[Mention]]:
    """The gold mentions inside each sentence the event cites."""
    by_file: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_file[m.file].append(m)
    return {c: [m for m in by_file.get(c[0], ()) if c[1] <= m.at < c[2]] for c in event.cites}


def cited_mentions(event: Shown, mentions: Sequence[Mention]) -> set[Mention]:
    return {m for inside in _holding(event, mentions).values() for m in inside}


def _alone(holding: dict[Cite, list[Mention]], happening: str, without: set[str] | None = None) -> set[Mention]:
    """Mentions of ``happening`` cited in sentences that mention none of ``without`` (default: no other)."""
    found: set[Mention] = set()
    for inside in holding.values():
        others = {m.happening for m in inside} - {happening}
        if without is not None:
            others &= without
        if not others:
            found |= {m for m in inside if m.happening == happening}
    return found


def assign(event: Shown, happenings: Sequence[Happening]) -> str | None:
    """The happening the event belongs to, or None for noise."""
    holding = _holding(event, [m for h in happenings for m in h.mentions])
    counts: dict[str, int] = defaultdict(int)
    for m in {m for inside in holding.values() for m in inside}:
        counts[m.happening] += 1
    if not counts:
        return None
    order = {h.id: i for i, h in enumerate(happenings)}
    kinds = {h.id: h.kind for h in happenings}
    return max(counts, key=lambda h: (counts[h], kinds[h] == event.kind, len(_alone(holding, h)), -order[h]))


def joins(event: Shown, a: Happening, b: Happening) -> bool:
    """The event cites a mention of ``a`` and one of ``b`` in sentences that do not mention the other."""
    holding = _holding(event, [*a.mentions, *b.mentions])
    return bool(_alone(holding, a.id, {b.id})) and bool(_alone(holding, b.id, {a.id}))


def score_story(
    name: str, events: Sequence[Shown], happenings: Sequence[Happening], apart: Iterable[tuple[str, str]],
    articles: int = 0,
) -> StoryScore:
    ids = {h.id: h for h in happenings}
    owner = {e.id: assign(e, happenings) for e in events}
    scores = []
    for h in happenings:
        mine = [e for e in events if owner[e.id] == h.id]
        cites = {e.id: cited_mentions(e, h.mentions) for e in mine}
        rep = max(mine, key=lambda e: (len(cites[e.id]), -e.id), default=None)
        by_any = set().union(*cites.values()) if cites else set()
        scores.append(HappeningScore(h, mine, rep, cites[rep.id] if rep else set(), by_any))
    pairs = [(a, b) for a, b in apart if a in ids and b in ids]
    joined = [(a, b, e.id) for a, b in pairs for e in events if joins(e, ids[a], ids[b])]
    noise = [e for e in events if owner[e.id] is None]
    return StoryScore(name, articles, list(events), scores, noise, pairs, joined, owner)


@dataclass
class Totals:
    articles: int = 0
    events: int = 0
    happenings: int = 0
    shown: int = 0
    once: int = 0
    assigned: int = 0
    mentions: int = 0
    by_representative: int = 0
    by_any: int = 0
    exact: int = 0
    status: int = 0
    noise: int = 0
    apart: int = 0
    joined: int = 0

    def add(self, s: StoryScore) -> None:
        self.articles += s.articles
        self.events += len(s.events)
        self.happenings += len(s.happenings)
        self.shown += sum(1 for h in s.happenings if h.events)
        self.once += sum(1 for h in s.happenings if len(h.events) == 1)
        self.assigned += sum(len(h.events) for h in s.happenings)
        self.mentions += sum(len(h.happening.mentions) for h in s.happenings)
        self.by_representative += sum(len(h.by_representative) for h in s.happenings)
        self.by_any += sum(len(h.by_any) for h in s.happenings)
        self.exact += sum(h.interval_exact for h in s.happenings)
        self.status += sum(h.status_right for h in s.happenings)
        self.noise += len(s.noise)
        self.apart += len(s.apart)
        self.joined += len({(a, b) for a, b, _ in s.joined})


def totals(scores: Iterable[StoryScore]) -> Totals:
    t = Totals()
    for s in scores:
        t.add(s)
    return t


def overlaps(a: Shown, b: Shown) -> bool:
    """Intervals that overlap or are equal, or two undated events."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return a.start is None and b.start is None
    return a.start <= b.end and b.start <= a.end


def bare(title: str) -> bool:
    """A title naming no one and nowhere («Событие», «Приговор»): the kind's word alone."""
    return "—" not in title and "," not in title


def repeat_pairs(events: Sequence[Shown], named: bool = False) -> list[tuple[Shown, Shown]]:
    """Pairs (earlier, later) of events of the same article that look like one happening shown twice;
    ``named``: a common title counts only if it is not :func:`bare`."""
    by_article: dict[str, list[Shown]] = defaultdict(list)
    for e in events:
        for name in {c[0] for c in e.cites}:
            by_article[name].append(e)
    pairs = set()
    for group in by_article.values():
        group = sorted(group, key=lambda e: e.id)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                same_title = a.title == b.title and not (named and bare(a.title))
                if a.kind == b.kind and overlaps(a, b) and (a.participants & b.participants or same_title):
                    pairs.add((a, b))
    return sorted(pairs, key=lambda p: (p[0].id, p[1].id))


def repeating(events: Sequence[Shown], named: bool = False) -> set[int]:
    """Ids of the events that repeat an earlier event of their article."""
    return {b.id for _, b in repeat_pairs(events, named)}


# ---------------------------------------------------------------- the database


def _fresh_engine(folder: Path, name: str) -> Engine:
    return db.open_for_write(config.resolve(str(folder / f"{name}.db")))


def import_all(engine: Engine, items: Iterable[ArticleSource | SourceError]) -> None:
    summary = ingest.import_sources(engine, items)
    if summary.failed:
        raise SystemExit(f"import failed: {summary.to_dict()['errors']}")


def read_back(engine: Engine) -> tuple[list[Shown], dict[str, str]]:
    """Every stored event as shown, and each article's stored text by file name."""
    with db.session_scope(engine) as session:
        rows = session.scalars(
            select(Event)
            .options(_citations_loader(), selectinload(Event.actors).selectinload(EventActor.actor))
            .order_by(Event.id)
        ).all()
        events = [
            Shown(e.id, e.kind, e.title, e.status, e.start, e.end, frozenset(cited(e)),
                  frozenset(f"{a.actor.type}:{a.actor.key}" for a in e.actors if a.role == "participant"))
            for e in rows
        ]
        texts = {Path(a.source or "").name: a.text for a in session.scalars(select(Article))}
    return events, texts


# ---------------------------------------------------------------- stories


def load_gold(path: Path = GOLD) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def gold_happenings(story: dict[str, Any], texts: dict[str, str]) -> list[Happening]:
    """The story's happenings with each mention placed in the stored text of its article."""
    happenings = []
    for h in story["happenings"]:
        mentions = []
        for m in h["mentions"]:
            name = Path(m["file"]).name
            at = texts[name].find(m["sentence_contains"])
            if at < 0:
                raise SystemExit(f"{m['file']}: {m['sentence_contains']!r} is not in the stored text")
            mentions.append(Mention(h["id"], name, at, m["sentence_contains"]))
        happenings.append(Happening(h["id"], h["kind"], h["status"], _day(h["start"]), _day(h["end"]), mentions,
                                    h.get("note")))
    return happenings


def run_story(
    story: dict[str, Any], apart: list[tuple[str, str]], folder: Path, corpus: Path = STORIES,
) -> tuple[StoryScore, dict[str, str]]:
    paths = sorted((corpus / story["name"]).glob("*.txt"))
    engine = _fresh_engine(folder, story["name"])
    try:
        import_all(engine, ingest.iter_sources(paths, None))
        events, texts = read_back(engine)
    finally:
        engine.dispose()
    return score_story(story["name"], events, gold_happenings(story, texts), apart, len(paths)), texts


def _shown_path(path: Path) -> str:
    """The path relative to the checkout when it lies inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def _interval(start: date | None, end: date | None) -> str:
    if start is None:
        return "undated"
    return start.isoformat() if start == end else f"{start}..{end}"


STORY_HEADER = (f"{'story':<11} {'art':>3} {'events':>6} {'happ':>4} {'shown':>5} {'once':>9} {'not shown':>9} "
                f"{'ev/shown':>8} {'mentions cited':>14} {'by any':>6} {'exact':>9} {'status':>9} {'noise':>5} "
                f"{'joined':>6}")


def story_line(name: str, t: Totals) -> str:
    return (f"{name:<11} {t.articles:>3} {t.events:>6} {t.happenings:>4} {t.shown:>5} "
            f"{f'{t.once} {_pct(t.once, t.happenings)}':>9} {t.happenings - t.shown:>9} "
            f"{(t.assigned / t.shown if t.shown else 0):>8.2f} "
            f"{f'{t.by_representative}/{t.mentions} {_pct(t.by_representative, t.mentions)}':>14} "
            f"{_pct(t.by_any, t.mentions):>6} {f'{t.exact}/{t.shown} {_pct(t.exact, t.shown)}':>9} "
            f"{f'{t.status}/{t.shown} {_pct(t.status, t.shown)}':>9} {t.noise:>5} {f'{t.joined}/{t.apart}':>6}")


def _sentence(texts: dict[str, str], c: Cite) -> str:
    text = texts.get(c[0], "")[c[1]:c[2]].replace("\n", " ")
    return text if len(text) <= 150 else text[:147] + "…"


def _event_line(e: Shown, extra: str = "") -> str:
    return f"#{e.id} {e.kind} {e.status} {_interval(e.start, e.end)} «{e.title}»{extra}"


def print_errors(s: StoryScore, texts: dict[str, str]) -> None:
    print(f"\n== {s.name}")
    for hs in s.happenings:
        h = hs.happening
        print(f"{h.id} [{h.kind} {h.status} {_interval(h.start, h.end)}] {len(hs.events)} event(s), "
              f"{len(hs.by_representative)}/{len(h.mentions)} mentions by the representative")
        for e in hs.events:
            mark = "*" if e is hs.representative else " "
            print(f"  {mark}{_event_line(e, f' cites {len(cited_mentions(e, h.mentions))}')}")
        for m in h.mentions:
            if m in hs.by_representative:
                continue
            elsewhere = [e for e in s.events if cited_mentions(e, [m])]
            where = ", ".join(f"#{e.id}→{s.owner[e.id]}" for e in elsewhere) or "no event"
            print(f"    missed {m.file}: «{m.needle}» (cited by {where})")
    if s.noise:
        print("  noise:")
        for e in s.noise:
            for c in sorted(e.cites):
                print(f"    {_event_line(e)} {c[0]}: {_sentence(texts, c)}")
    for a, b, event_id in s.joined:
        print(f"  joined {a} + {b} in #{event_id}")


# ---------------------------------------------------------------- repeats within one article


def _articles_of(folder: Path, anchor: date | None) -> tuple[list[ArticleSource | SourceError], int]:
    """The folder's articles (``*.txt``) as the reader gives them, and how many were skipped for want
    of a date (no ``date`` line and no ``anchor``)."""
    articles: list[ArticleSource | SourceError] = []
    skipped = 0
    for path in sorted(folder.glob("*.txt")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            dated = bool(_DATE_LINE.match(handle.readline()))
        if dated or anchor is not None:
            articles += list(read_file(path, None if dated else anchor))
        else:
            skipped += 1
    return articles, skipped


@dataclass
class RepeatScore:
    name: str
    articles: int
    events: int
    pairs: list[tuple[Shown, Shown]]
    repeating: int
    named: int = 0  # repeating when a bare common title does not count
    skipped: int = 0  # files without a date
    examples: list[tuple[str, Shown, Shown, str]] = field(default_factory=list)


def run_repeats(folder: Path, anchor: date | None, work: Path) -> RepeatScore | None:
    articles, skipped = _articles_of(folder, anchor)
    if not articles:
        return None
    score = RepeatScore(folder.name, len(articles), 0, [], 0, 0, skipped)
    for i, article in enumerate(articles):
        engine = _fresh_engine(work, f"{folder.name}-{i}")
        try:
            import_all(engine, [article])
            events, texts = read_back(engine)
        finally:
            engine.dispose()
        pairs = repeat_pairs(events)
        score.events += len(events)
        score.pairs += pairs
        score.repeating += len(repeating(events))
        score.named += len(repeating(events, named=True))
        for a, b in pairs:
            name = Path(article.source).name if isinstance(article, ArticleSource) else "?"
            sentences = " | ".join(_sentence(texts, c) for c in sorted(a.cites | b.cites))
            score.examples.append((name, a, b, sentences))
    return score


def repeat_line(r: RepeatScore) -> str:
    skipped = f"  ({r.skipped} files without a date skipped)" if r.skipped else ""
    return (f"{r.name:<11} {r.articles:>8} {r.events:>6} {len(r.pairs):>5} "
            f"{f'{r.repeating} {_pct(r.repeating, r.events)}':>16} "
            f"{f'{r.named} {_pct(r.named, r.events)}':>8}{skipped}")


# ---------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=STORIES,
                        help="a folder of stories with its gold.json (default tests/data/stories)")
    parser.add_argument("--errors", action="store_true", help="list each happening's events and missed mentions")
    parser.add_argument("--story", help="score this story only (no repeats section)")
    parser.add_argument("--anchor", type=date.fromisoformat, default=None,
                        help="publication date for corpus files without a date line (NEREL); else they are skipped")
    args = parser.parse_args(argv)
    corpus = args.corpus if args.corpus.is_absolute() or args.corpus.is_dir() else ROOT / args.corpus
    gold_path = corpus / "gold.json"
    if not gold_path.is_file():
        raise SystemExit(f"no gold: {gold_path}")
    gold = load_gold(gold_path)
    stories = [s for s in gold["stories"] if args.story in (None, s["name"])]
    if not stories:
        raise SystemExit(f"no story {args.story!r}; there are {', '.join(s['name'] for s in gold['stories'])}")
    apart = [(a, b) for a, b in gold["apart"]]
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-stories-") as tmp:
        work = Path(tmp)
        scored = [run_story(story, apart, work, corpus) for story in stories]
        print(f"Stories: each happening shown once? ({_shown_path(gold_path)})")
        print(STORY_HEADER)
        for s, _ in scored:
            print(story_line(s.name, totals([s])))
        if len(scored) > 1:
            print(story_line("all", totals(s for s, _ in scored)))
        t = totals(s for s, _ in scored)
        histogram: dict[int, int] = defaultdict(int)
        for s, _ in scored:
            for h in s.happenings:
                histogram[min(len(h.events), 4)] += 1
        shape = ", ".join(f"{k if k < 4 else '4+'}: {histogram[k]}" for k in range(5))
        print(f"events per happening ({shape}); events belonging to a happening {t.assigned}/{t.events}, "
              f"noise {t.noise}; apart pairs joined {t.joined}/{t.apart}")
        not_shown = [h.happening.id for s, _ in scored for h in s.happenings if not h.events]
        print(f"happenings not shown ({len(not_shown)}): {', '.join(not_shown) or '–'}")
        if args.errors:
            for s, texts in scored:
                print_errors(s, texts)
        if args.story is None:
            print("\nRepeats within one article (each article imported alone)")
            print(f"{'corpus':<11} {'articles':>8} {'events':>6} {'pairs':>5} {'repeating events':>16} {'named':>8}")
            corpora = [*REPEAT_CORPORA, NEREL]
            done: list[RepeatScore] = []
            for folder in corpora:
                if not folder.is_dir():
                    print(f"{folder.name:<11} skipped (not found)")
                    continue
                r = run_repeats(folder, args.anchor, work)
                if r is None:
                    print(f"{folder.name:<11} skipped (no date lines; --anchor YYYY-MM-DD imports it)")
                    continue
                done.append(r)
                print(repeat_line(r))
                if args.errors:
                    for name, a, b, sentences in r.examples:
                        print(f"    {name}: {_event_line(a)} ~ {_event_line(b)}\n      {sentences}")
            if len(done) > 1:
                all_ = RepeatScore("all", sum(r.articles for r in done), sum(r.events for r in done),
                                   [p for r in done for p in r.pairs], sum(r.repeating for r in done),
                                   sum(r.named for r in done))
                print(repeat_line(all_))
    print(f"\n{time.perf_counter() - began:.1f}s")


if __name__ == "__main__":
    main()
