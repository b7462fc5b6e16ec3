"""Tests of sitegen/write/: the output folder, atomic publishing, assets, photo variants, search."""
