"""Hostile input: everything in content/ is untrusted, layouts and site.yaml are trusted.

Each case builds a scratch site through the real command line (``tests/hostile_support.py``),
which also checks that no build prints a traceback or writes outside its output folder, and
asserts the exact outcome: the error and its line, the warning, or the escaped output. Each
file holds the cases of one guarantee.
"""
