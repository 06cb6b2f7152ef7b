"""Half-open spans of text asked about by bisection, so a long article's names, dates and clauses are
not each checked against all the others: what lies between two offsets, and what lies inside a span."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate


def between(starts: Sequence[int], start: int, stop: int) -> slice:
    """The items whose (sorted) start is in start..stop: a slice found by bisection, so a clause of a
    long sentence costs its own length, not the sentence's."""
    return slice(bisect_left(starts, start), bisect_left(starts, stop))


class Reach:
    """Spans, sorted by start with the furthest end so far: does any span that starts by a point reach
    past another?"""

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))  # the furthest end so far

    def reaches(self, start: int, end: int, inclusive: bool) -> bool:
        """inclusive: a span with s <= start and e >= end (holds start..end); else s < start and e > end."""
        i = (bisect_right if inclusive else bisect_left)(self._starts, start)
        return i > 0 and (self._reach[i - 1] >= end if inclusive else self._reach[i - 1] > end)

    def inside(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a span (s <= pos < e)."""
        return self.reaches(pos, pos + 1, inclusive=True)
