"""sitegen: a static site generator for a regional police-community news portal."""

__version__ = "0.1.0"
