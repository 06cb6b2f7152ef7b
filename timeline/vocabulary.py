"""The engine's vocabulary: kinds of happening and statuses, what each means, and the words a user may
type for them.

Codes are what JSON and the database hold. The interface shows them as they are (they are English
words) with a short English gloss; a user may also type a language pack's label for a kind or a status
(«встреча», «запланировано»), as the articles would say it. An unknown value is an error that lists the
valid ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from timeline.errors import TimelineError
from timeline.extract.types import STATUSES


class UsageError(TimelineError):
    """A value an option does not take: a usage error, exit code 2, as for any other bad option."""

    exit_code = 2

# Every kind the engine knows, and what it stands for. Each language pack maps its triggers onto these
# (tests/test_vocabulary.py holds the packs to it).
KINDS: Mapping[str, str] = {
    "meeting": "people meet", "talks": "negotiations, consultations", "visit": "a trip to a place",
    "call": "a phone or video call", "statement": "something said, announced or denied",
    "agreement": "an agreement, a treaty, a declaration signed or adopted", "deal": "a purchase, a sale, a contract",
    "decision": "a decision, a decree, a ruling of an authority", "launch": "a launch (a rocket, a product, a service)",
    "opening": "an opening, an entry into force", "election": "an election", "vote": "a vote, a referendum",
    "trial": "a court hearing, a trial", "verdict": "a verdict, a sentence", "arrest": "an arrest, a detention",
    "investigation": "a criminal case, a search, an inquiry", "accident": "an accident, a crash, a fire",
    "disaster": "a natural disaster", "attack": "an attack, a strike, a shooting", "protest": "a protest, a rally",
    "strike": "a strike (work stoppage)", "summit": "a summit", "session": "a session, a congress, a forum",
    "competition": "a match, a tournament, a festival", "death": "a death", "birth": "a birth",
    "wedding": "a wedding", "divorce": "a divorce", "award": "an award, a prize",
    "discovery": "a discovery, a find", "publication": "a publication, a release, a report",
    "response": "an answer, a response awaited or given", "postponement": "a happening moved to another date",
    "other": "another happening",
}
STATUS_MEANINGS: Mapping[str, str] = {
    "occurred": "it happened", "ongoing": "it is under way", "planned": "it is scheduled",
    "expected": "it is awaited (a deadline, a forecast)", "possible": "it may happen",
    "cancelled": "it was called off", "denied": "a source says it did not or will not happen",
    "unknown": "the text does not say",
}
assert set(STATUS_MEANINGS) == set(STATUSES)


@dataclass(frozen=True)
class Term:
    code: str
    meaning: str
    label: str | None  # the language pack's word for it


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())  # the pack's lemma key folds the rest (ё, word forms)


def kinds() -> list[Term]:
    from timeline.lang import pack

    labels = pack().kind_labels()
    return [Term(code, meaning, labels.get(code)) for code, meaning in KINDS.items()]


def statuses() -> list[Term]:
    from timeline.lang import pack

    labels = pack().status_labels
    return [Term(code, meaning, labels.get(code)) for code, meaning in STATUS_MEANINGS.items()]


def _resolve(value: str, terms: list[Term], what: str, option: str) -> str:
    wanted = _fold(value)
    found = [t.code for t in terms if wanted in (t.code, _fold(t.label or ""))]
    if not found:  # another form of the word: «встречи», «переговорам»
        from timeline.lang import pack

        key = pack().lemma_key(value)
        found = [t.code for t in terms if t.label and pack().lemma_key(t.label) == key]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(f"{option} {value!r} is any of {', '.join(found)}; give the code")
    valid = ", ".join(f"{t.code} ({t.label})" if t.label else t.code for t in terms)
    raise UsageError(f"{option} {value!r}: no such {what}; use one of: {valid} (or see `timeline kinds`)")


def complete(codes: Iterable[str], incomplete: str) -> list[str]:
    """Shell completion: the codes that begin with what was typed."""
    return [code for code in codes if code.startswith(incomplete)]


def resolve_kind(value: str) -> str:
    """A kind's code from its code or its label in a language pack: «встреча» → meeting."""
    return _resolve(value, kinds(), "kind", "--kind")


def resolve_status(value: str) -> str:
    """A status's code from its code or its label: «запланировано» → planned."""
    return _resolve(value, statuses(), "status", "--status")


def kind_code(value: str | None) -> str | None:
    """The kind an option names (a code or a word), or the value as given when it is empty or absent:
    the query refuses an empty filter itself («--kind ""»: an error, not "any")."""
    return resolve_kind(value) if value is not None and value.strip() else value


def status_code(value: str | None) -> str | None:
    """As :func:`kind_code`, for a status."""
    return resolve_status(value) if value is not None and value.strip() else value
