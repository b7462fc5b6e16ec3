"""Tests of sitegen/plan/: the site plan, its terms, related articles and place spellings."""
