"""Whole-site suites: golden output, the portal's pages, determinism, incremental builds."""
