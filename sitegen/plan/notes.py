"""What a build tells about the articles it holds back."""

from __future__ import annotations

import datetime as dt

from sitegen.errors import printable
from sitegen.plan.model import Site
from sitegen.util.dates import indonesian


def held_notes(site: Site) -> list[str]:
    """One line for every article held back, and when the next one is due."""
    notes = []
    for held in sorted(site.held, key=lambda h: (h.article.date, h.article.source)):
        article = held.article
        source = printable(article.source)  # a file name: untrusted, printed
        if held.reason == "draft":
            notes.append(f"{source}: draft, not published")
        else:
            utc = article.date.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            when = indonesian(article.date, site.config.timezone)
            notes.append(f"{source}: scheduled, published from {when} ({utc})")
    future = [h.article.date for h in site.held if h.reason == "future"]
    if future:
        due = min(future).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        notes.append(f"next scheduled article is due at {due}: rebuild then to publish it")
    return notes
