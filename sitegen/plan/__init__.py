"""The plan stage: read articles into a complete, immutable :class:`~sitegen.plan.model.Site`.

Taxonomies, related stories, pagination, the photos' variants and every page's context are
worked out here, once, after all content is read; rendering gets a plain context per page
and looks nothing up. May import ``read`` and below; never ``render`` or ``write``.
"""
