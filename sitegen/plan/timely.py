"""What the build's moment decides: which articles are held back, whether the alert banner is
shown, and which corrections are. The last two are part of the build's key (``time_key``), so the
first build after an alert expires or a held correction comes due renders again; the build
log names them (``timed_notes``, in the site's language where the log is printed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sitegen.config import Alert, SiteConfig
from sitegen.errors import printable
from sitegen.i18n import Message, msg
from sitegen.plan.model import Site
from sitegen.read.articles import Article
from sitegen.read.corrections import shown
from sitegen.util.dates import indonesian


def current_alert(config: SiteConfig, now: dt.datetime) -> Alert | None:
    """The alert every page shows at ``now``: until its time is over."""
    alert = config.alert
    return alert if alert is not None and alert.current(now) else None


def time_key(config: SiteConfig, articles: Iterable[Article | None], now: dt.datetime) -> str:
    """What ``now`` decides of the alert and the corrections, for the build's key."""
    alert = "none" if config.alert is None else "on" if config.alert.current(now) else "off"
    held = [
        f"{article.source}:{len(shown(article.corrections, now))}"
        for article in articles
        if article is not None and article.corrections
    ]
    return f"alert:{alert};corrections:{','.join(held)}"


def timed_notes(config: SiteConfig, articles: Iterable[Article], now: dt.datetime) -> list[Message]:
    """A line for the alert, shown or expired, and one for each correction held back."""
    notes = []
    alert = config.alert
    if alert is not None:
        until = indonesian(alert.until, config.timezone)
        text = printable(alert.text)
        if alert.current(now):
            notes.append(msg("alert active ({level}) until {until}: {text}", level=alert.level, until=until, text=text))
        else:
            notes.append(
                msg(
                    "alert expired at {until}, no longer shown (remove 'alert:' from site.yaml): {text}",
                    until=until,
                    text=text,
                )
            )
    for article in articles:
        for correction in article.corrections:
            if correction.date > now:
                when = indonesian(correction.date, config.timezone)
                source = printable(article.source)
                notes.append(
                    msg(
                        "{source}: correction {number} scheduled, shown from {when}",
                        source=source,
                        number=correction.number,
                        when=when,
                    )
                )
    return notes


def held_notes(site: Site) -> list[Message]:
    """The alert shown or expired, corrections held back (plan.timely), one line for every
    article held back, and when the next one is due."""
    notes = timed_notes(site.config, site.articles, site.now)
    for held in sorted(site.held, key=lambda h: (h.article.date, h.article.source)):
        article, source = held.article, printable(held.article.source)  # a file name: untrusted, printed
        if held.reason == "draft":
            notes.append(msg("{source}: draft, not published", source=source))
        else:
            utc = article.date.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            when = indonesian(article.date, site.config.timezone)
            notes.append(msg("{source}: scheduled, published from {when} ({utc})", source=source, when=when, utc=utc))
    future = [h.article.date for h in site.held if h.reason == "future"]
    if future:
        due = min(future).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        notes.append(msg("next scheduled article is due at {due}: rebuild then to publish it", due=due))
    return notes
