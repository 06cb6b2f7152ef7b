"""Extraction is linear in the article's length, and the indexes that make it so answer as the scans did.

No clock: the work is counted as the lines of ``timeline/extract`` and ``timeline/lang`` that run (a
deterministic count), for an article and for the same article with its body repeated. Linear work
triples with three copies; the quadratic passes this replaced (a filter over every name and date of
the article per sentence, a search back from every quote, a scan of the whole sentence per date, …)
made it grow with the square.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
import razdel

import timeline.extract.dates as dates_module
from timeline.extract import events
from timeline.extract.dates import SentenceVerbs, normalize
from timeline.extract.entities import split_sentences
from timeline.extract.events import extract_events
from timeline.extract.types import EvidenceSpan, ExtractedEvent, Interval
from timeline.lang.ru import names as entities
from timeline.lang.ru import segment
from timeline.lang.ru.tense import CLAUSE_BREAK, WORD, opens_aside, tenses_in_context
from timeline.lang.ru.tense import verb_tense as _verb_tense

DCT = date(2026, 1, 14)
DATA = Path(__file__).resolve().parent / "data"
EXTRACT = str(Path(events.__file__).resolve().parent)
LANG = str(Path(segment.__file__).resolve().parent.parent)  # the language packs
RAZDEL = str(Path(razdel.__file__).resolve().parent)


def _body() -> str:
    paragraphs = []
    for path in sorted((DATA / "articles").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("\n", 1)[1]
        paragraphs += [p.strip() for p in body.split("\n\n") if p.strip()]
    return "\n\n".join(paragraphs)


def _lines_run(work: Callable[[], object]) -> int:
    """How many lines ``work`` runs in the extract package, the language packs and razdel;
    other packages' frames are not traced."""
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        count += event == "line"
        return local

    def calls(frame, event, arg):  # type: ignore[no-untyped-def]
        return local if frame.f_code.co_filename.startswith((EXTRACT, LANG, RAZDEL)) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def _growth(make: Callable[[int], str]) -> float:
    """Work for three copies over work for one (caches warmed first, so both see the same words)."""
    extract_events(make(1), DCT)
    one = _lines_run(lambda: extract_events(make(1), DCT))
    three = _lines_run(lambda: extract_events(make(3), DCT))
    return three / one


BODY = _body()
NO_STOP = BODY.replace(".", ",").replace("\n\n", " ")  # one sentence: a paragraph with no full stop
WORDS = re.sub(r"[^\w\s]", "", NO_STOP)  # one line of words, not a comma or a dash in it
QUOTES = " ".join(f"«Компания {i}» и «Фонд {i}» подписали соглашение в Москве" for i in range(150))
CONTINUED = "Путин провёл переговоры с Макроном 3 марта.\n\n" + " ".join(
    f"Тогда в переговорах участвовал министр Иван Сидоров-{i}." for i in range(150)
)

SHAPES = {
    "paragraphs": lambda k: "Лид: министр провёл встречу в Москве.\n\n" + "\n\n".join([BODY] * k),
    "long lede": lambda k: "\n".join([BODY.replace("\n\n", "\n")] * k) + "\n\nПодпись.",
    "one sentence": lambda k: ", ".join([NO_STOP] * k),
    "one line of words": lambda k: " ".join([WORDS] * k),
    "short lines": lambda k: "\n".join(BODY.split() * k),
    "quotes in one sentence": lambda k: " и ".join([QUOTES] * k) + ".",
    "continuations": lambda k: CONTINUED + " " + " ".join([CONTINUED.split("\n\n")[1]] * (k - 1)),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_work_grows_linearly(shape: str) -> None:
    growth = _growth(SHAPES[shape])
    assert growth < 3.3, f"{shape}: three times the text took {growth:.2f} times the work"


def test_razdel_rules_see_a_short_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    """razdel's own segmenters copy the sentence (the token) built so far at every split, which the
    line counts above do not see: a sentence of k parts costs k times its length in copies."""
    from razdel.segmenters.base import Segmenter

    seen: list[int] = []
    join = Segmenter.join

    def measured(self, split):  # type: ignore[no-untyped-def]
        seen.append(len(split.buffer))
        return join(self, split)

    monkeypatch.setattr(Segmenter, "join", measured)
    extract_events("Встреча прошла 3 марта " + "." * 3000 + " Переговоры прошли в Москве: " + "а-" * 3000 + "а.", DCT)
    assert len(seen) > 6000  # every split was asked
    assert max(seen) <= segment._SHORT + 1


# --- the indexes answer as the scans did ------------------------------------------------------------


def _scanned_tense(norm: str, sentence: tuple[int, int], pos: int, forward_any_side: bool = False) -> str | None:
    """The tense as it was found before ``SentenceVerbs``: a scan of the clause, then of the sentence
    without its asides of attribution (unless ``pos`` is in one)."""
    s, e = sentence
    left, right = s, e
    for m in CLAUSE_BREAK.finditer(norm, s, e):
        if m.end() <= pos:
            left = m.end()
        elif m.start() > pos:
            right = m.start()
            break
    breaks = list(CLAUSE_BREAK.finditer(norm, s, e))
    clauses = zip([s, *(m.end() for m in breaks)], [*(m.start() for m in breaks), e], strict=True)
    asides = [(lo, hi) for lo, hi in clauses if lo < hi and opens_aside(norm, lo, hi)]
    in_aside = any(lo <= pos < hi for lo, hi in asides)
    # Each word's tense as read before an expression, in the context of its neighbours («был назначен»).
    matches = list(WORD.finditer(norm, s, e))
    in_context = dict(zip((m.start() for m in matches), tenses_in_context(
        [m.group() for m in matches], [_verb_tense(m.group(), True) for m in matches]), strict=True))
    for lo, hi in ((left, right), (s, e)):
        best: tuple[int, str | None] | None = None
        participle = False
        for m in WORD.finditer(norm, lo, hi):
            if (lo, hi) == (s, e) and not in_aside and any(a <= m.start() < b for a, b in asides):
                continue
            t = in_context[m.start()]
            if t == "future" and not (forward_any_side or m.start() < pos):
                t = _verb_tense(m.group(), False)
            if t is False:
                continue
            if t == "past?":
                participle = True
                continue
            distance = abs(m.start() - pos)
            if best is None or distance < best[0]:
                best = (distance, t)  # type: ignore[assignment]
        if best is not None:
            return best[1]
        if participle:
            return "past"
    return None


def test_sentence_verbs_give_the_scanned_tense() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*/*.txt"))]
    texts.append("Он заявил, что не исключает снижения в феврале, а введённый в январе налог — отменят. Летом")
    texts.append("В марте, как сказал В. Путин, лидеры встретятся. В декабре — по словам А. Петрова — ставку снизят.")
    checked = 0
    for text in texts:
        norm = normalize(text)
        for s in split_sentences(text):
            verbs = SentenceVerbs(norm, (s.start, s.stop))
            # every word start, every break and a position inside each word
            positions = {m.start() + d for m in re.finditer(r"\S+", norm[s.start:s.stop]) for d in (0, 1)}
            for offset in positions:
                pos = s.start + offset
                for forward in (False, True):
                    assert verbs.tense(pos, forward) == _scanned_tense(norm, (s.start, s.stop), pos, forward)
                    checked += 1
    assert checked > 10_000


def _event(kind: str, start: date | None, end: date | None, at: int) -> ExtractedEvent:
    when = Interval(start, end, "day") if start and end else None
    return ExtractedEvent(kind=kind, title=kind, when=when, evidence=[EvidenceSpan(f"s{at}", at, at + 1)])


def _told_again_one(lede: ExtractedEvent, body: list[ExtractedEvent]) -> ExtractedEvent | None:
    """The lede's twin as it was found before: a scan of the body for each lede event."""
    same = [b for b in body if b.kind == lede.kind]
    if lede.start is None or lede.end is None:
        return same[0] if same else None
    return next((b for b in same if b.start is not None and b.end is not None
                 and b.start <= lede.end and lede.start <= b.end), None)


def test_lede_twins_are_the_first_the_scan_finds() -> None:
    rng = random.Random(10)
    day0 = date(2026, 1, 1)

    def some(n: int, offset: int) -> list[ExtractedEvent]:
        found = []
        for i in range(n):
            kind = rng.choice(["meeting", "talks", "visit"])
            if rng.random() < 0.2:
                found.append(_event(kind, None, None, offset + i))
            else:
                first = day0 + timedelta(days=rng.randrange(60))
                found.append(_event(kind, first, first + timedelta(days=rng.choice([0, 0, 1, 5, 30])), offset + i))
        return found

    for _ in range(200):
        ledes, body = some(rng.randrange(8), 0), some(rng.randrange(12), 100)
        assert events._told_again(ledes, body) == [_told_again_one(lede, body) for lede in ledes]


@pytest.mark.parametrize("text", ["спектакль «Гамлет»", "«Газпром»", "книгу,  «Сад»", "12 «А»", "Ёлка—«Ель»", "x«y»"])
def test_last_word_before_a_quote(text: str) -> None:
    at = text.index("«")
    scanned = re.compile(r"([А-Яа-яЁё]+)[^А-Яа-яЁё]*$").search(text, 0, at)
    starts = [m.start() for m in entities._LETTERS.finditer(text)]
    assert entities._last_word(text, at, starts) == (scanned.group(1) if scanned else None)


def test_clause_tense_still_answers_alone() -> None:
    norm = normalize("В пятницу министр заявил, что переговоры пройдут в мае.")
    assert dates_module.clause_tense(norm, (0, len(norm)), norm.index("в мае")) == "future"


def _segments(found: object) -> list[tuple[int, int, str]]:
    return [(s.start, s.stop, s.text) for s in found]  # type: ignore[attr-defined]


def test_sentences_and_tokens_are_razdels() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*/*.txt"))]
    rng = random.Random(5)
    # Its rules' corners: abbreviations, initials, bullets, smileys, quotes and brackets, dashes, floats.
    pieces = [".", "!", "?", "…", ";", "«", "»", '"', "'", "(", ")", "[", "]", "-", "—", ":", ")", "(", "=", "а",
              "Б", "г", "т.е.", "1", "2", ",", "\n", "\n\n", "й-й", "yahoo", "_", "/", "Δ", "2.5", ":-)", ";(((",
              "т. д.", "В. И. Ленин", "ул.", "см.", "1)", "а)", "IV."]
    for _ in range(2000):
        texts.append("".join(rng.choice(pieces) + rng.choice(["", " ", ""]) for _ in range(rng.randrange(1, 200))))
    for text in texts:
        assert _segments(segment.sentenize(text)) == _segments(razdel.sentenize(text))
        assert _segments(segment.tokenize(text)) == _segments(razdel.tokenize(text))
