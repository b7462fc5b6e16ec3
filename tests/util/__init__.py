"""Tests of sitegen/util/: slugs and dates."""
