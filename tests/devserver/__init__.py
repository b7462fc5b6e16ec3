"""Tests of sitegen/devserver/: ``sitegen serve``, the quick render and preview marks."""
