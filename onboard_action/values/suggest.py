"""`did you mean` hints for names that do not exist, at a bounded cost per check.

`difflib.get_close_matches` compares a name with every known one: about 0.1 s
against 5,000 similar plugin names. `close_match` gives its answer while
skipping the full comparison wherever a cheap upper bound cannot beat the best
match so far. A project with thousands of misspelt references would still take
minutes, so one check suggests for its first `MAX_SUGGESTIONS` distinct misses
only, and answers a name that repeats as it did the first time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

MAX_SUGGESTIONS = 25
CUTOFF = 0.6


def close_match(word: str, possibilities: Iterable[str]) -> str | None:
    """`difflib.get_close_matches(word, possibilities, n=1, cutoff=0.6)`'s match, or None."""
    from difflib import SequenceMatcher  # only a name that matches nothing asks

    matcher = SequenceMatcher()
    matcher.set_seq2(word)
    bounded = []
    for candidate in possibilities:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= CUTOFF:
            bound = matcher.quick_ratio()
            if bound >= CUTOFF:
                bounded.append((bound, candidate))
    best: tuple[float, str] | None = None
    # ratio() never exceeds quick_ratio(): once the bound falls below the best score, stop.
    for bound, candidate in sorted(bounded, reverse=True):
        if best is not None and bound < best[0]:
            break
        matcher.set_seq1(candidate)
        score = matcher.ratio()
        if score >= CUTOFF and (best is None or (score, candidate) > best):
            best = (score, candidate)
    return best[1] if best else None


def only_closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `word` when no other is as close, else None.

    A fix may rename only to a name nobody could mistake for another one.
    """
    from difflib import SequenceMatcher

    scores = sorted((SequenceMatcher(None, word, c).ratio(), c) for c in candidates)
    close = [(score, c) for score, c in scores if score >= CUTOFF]
    if not close or (len(close) > 1 and close[-2][0] == close[-1][0]):
        return None
    return close[-1][1]


class Suggestions:
    def __init__(self, limit: int = MAX_SUGGESTIONS) -> None:
        self.left = limit
        self._answers: dict[tuple, str | None] = {}
        self._candidates: dict[object, Sequence[str]] = {}

    def closest(self, name: str, among: object, candidates: Callable[[], Sequence[str]]) -> str | None:
        """The known name closest to `name`, or None; `among` names the list `candidates()` makes.

        The list is made once per `among` and check, however many names are looked up in it.
        """
        key = (name, among)
        if key not in self._answers:
            if self.left <= 0:
                return None
            self.left -= 1
            if among not in self._candidates:
                self._candidates[among] = candidates()
            self._answers[key] = close_match(name, self._candidates[among])
        return self._answers[key]
