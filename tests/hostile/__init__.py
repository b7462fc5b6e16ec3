"""Hostile input: everything in content/ is untrusted; each guarantee has a file of its own."""
