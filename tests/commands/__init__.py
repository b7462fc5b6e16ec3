"""Tests of sitegen/commands/: ``sitegen check`` and ``sitegen new``."""
