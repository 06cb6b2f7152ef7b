"""Kinds of happening that may name one happening: a summit is reported as talks and as a meeting.

Kinds are the engine's codes (every language pack maps its triggers onto them), so their families
are the engine's too: the linker joins reports across them, and a date given by another happening
(«по итогам саммита») finds it among them.
"""

from __future__ import annotations

KIND_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"meeting", "talks", "summit", "visit"}),
    frozenset({"strike", "protest"}),
    frozenset({"agreement", "deal"}),
    frozenset({"election", "vote"}),
)


# A clause that names both tells of the second: deaths in a shooting are the attack's («в ходе стрельбы
# погиб один человек»), a court that sentences passes a verdict, not a trial, and one that sends someone
# into custody («суд отправил под домашний арест») makes an arrest.
YIELDS_TO: dict[str, tuple[str, ...]] = {
    "death": ("attack", "accident", "disaster"),
    "trial": ("verdict", "arrest"),
}


def compatible_kinds(kind: str) -> frozenset[str]:
    """The kind and every kind of its families."""
    found = {kind}
    for family in KIND_FAMILIES:
        if kind in family:
            found |= family
    return frozenset(found)
