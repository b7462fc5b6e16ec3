"""Tests of sitegen/read/: one file in, one Article or problems with their lines out."""
