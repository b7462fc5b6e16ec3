"""The read stage: source files into immutable :class:`~sitegen.read.articles.Article` values.

Finding the files (``files``), splitting front matter (``frontmatter``), Markdown into safe
HTML (``markup``), the photos an article names (``image_refs``), and reading every article
through the build cache and the worker processes (``reader``). May import ``util``, ``errors``,
``config``, ``cache`` and ``parallel``; never a later stage.
"""
