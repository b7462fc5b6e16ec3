"""The feed of corrections (``/ralat/feed.xml``): RSS 2.0, one item for each correction,
newest first, linking the corrected story; written by code like the other feeds."""

from __future__ import annotations

from sitegen.plan.model import CorrectionFeedContext
from sitegen.render.feeds import absolute, channel_head, prolog, xml_text
from sitegen.util.dates import rfc822


def corrections_rss(context: CorrectionFeedContext, feed_path: str, stylesheet: str | None = None) -> str:
    """Each item: "Ralat: <story>", the story's link, the correction's date and text; its guid
    is the correction's anchor on the story's page (``#ralat-N``), which never changes.
    ``stylesheet``: the theme's XSLT (render.feeds.FEED_STYLESHEET), as the other feeds name it."""
    config = context["site"]
    items = context["items"]
    out = [
        *prolog(stylesheet),  # the theme's XSLT page for a reader who taps the feed's link
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        *channel_head(
            config,
            context["title"],
            context["page_path"],
            absolute(config, feed_path),
            "Koreksi atas berita yang telah terbit – " + config.title,
        ),
    ]
    if items:  # the channel's date is its newest item's, never the clock
        out.append(f"<lastBuildDate>{rfc822(max(correction.date for _, correction in items))}</lastBuildDate>")
    for card, correction in items:
        link = absolute(config, card.path)
        out += [
            "<item>",
            f"<title>{xml_text('Ralat: ' + card.title)}</title>",
            f"<link>{xml_text(link)}</link>",
            f'<guid isPermaLink="true">{xml_text(f"{link}#ralat-{correction.number}")}</guid>',
            f"<pubDate>{rfc822(correction.date)}</pubDate>",
            f"<dc:creator>{xml_text(card.editor)}</dc:creator>",
            f"<description>{xml_text(correction.text)}</description>",
            "</item>",
        ]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)
