"""Small pieces of the English wording of counts in summaries."""

from __future__ import annotations


def counted(number: int, word: str) -> str:
    """``1 error``, ``2 errors``: a count with its noun."""
    return f"{number} {word}{'' if number == 1 else 's'}"
