"""One article as the extraction pipeline sees it, built once and passed through every stage.

As spaCy's ``Doc`` flows through its components, a :class:`Doc` flows through the stages of
:mod:`timeline.extract.pipeline`: each reads what earlier stages wrote and adds its own — the
sentences and their words, which sentences matter, the time expressions, the names, the events —
so no stage splits or analyzes the text again, and ``timeline dates`` and ``timeline import`` read
the same sentences of the same text at the same offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.extract.entities import Mention
    from timeline.extract.types import ExtractedEvent, TimeExpression


class Token:
    """A word of a sentence. ``lower`` is the word lower-cased and folded as its language compares
    words; ``lemma`` is the vocabulary's lemma when the word is a form of one (a dictionary lookup),
    else ``lower``; its grammar is read only when asked for, once."""

    __slots__ = ("_analyze", "_reading", "end", "lemma", "lower", "negated", "start", "word")

    def __init__(
        self, start: int, end: int, word: str, lower: str, lemma: str, negated: bool,
        analyze: Callable[[Token], Any],
    ) -> None:
        self.start, self.end, self.word, self.lower, self.lemma, self.negated = start, end, word, lower, lemma, negated
        self._analyze = analyze
        self._reading: Any = None

    @property
    def reading(self) -> Any:
        """The analyzer's reading of the word (False when it has none), read once."""
        if self._reading is None:
            self._reading = self._analyze(self)
        return self._reading

    # pos and tense are asked of most words: each reads the cached reading itself.
    @property
    def pos(self) -> str | None:
        reading = self._reading if self._reading is not None else self.reading
        return reading.tag.POS if reading else None

    @property
    def tense(self) -> str | None:
        reading = self._reading if self._reading is not None else self.reading
        return reading.tag.tense if reading else None


@dataclass
class Sentence:
    start: int
    stop: int
    text: str
    heading: bool = False  # a line of its own without a full stop: a section title
    tokens: list[Token] = field(default_factory=list, repr=False)  # the words stage's
    clauses: list[tuple[int, int]] = field(default_factory=list, repr=False)  # the clauses stage's spans
    # What later stages need of the sentence, set by the stage that selects sentences.
    needs_names: bool = False
    needs_dates: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.stop


@dataclass
class Doc:
    """An article's text (normalized, as stored: offsets point into it), its publication date, and
    what the stages found in it, in text order."""

    text: str
    published: date
    language: str = "ru"
    sentences: list[Sentence] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # the stages run, in order


@dataclass(frozen=True)
class Stage:
    """A step of the pipeline: what it needs done before it, what it adds, and the function."""

    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[Doc], None]


def run(doc: Doc, stages: Sequence[Stage]) -> Doc:
    """Run the stages in order; a stage whose needs have not run is a programming error."""
    for stage in stages:
        missing = [n for n in stage.needs if n not in doc.done]
        if missing:
            raise RuntimeError(f"stage {stage.name!r} needs {missing} first")
        stage.run(doc)
        doc.done.append(stage.name)
    return doc
