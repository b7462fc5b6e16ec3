"""The render stage: page contexts into HTML and XML text.

The Jinja environment and its filters (``environment``), feeds (``feeds``) and the
``<picture>`` markup of photos (``picture``). Pure text out: nothing here writes a file.
May import ``plan`` and below.
"""
