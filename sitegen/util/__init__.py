"""Pure helpers every stage may use: slugs, Indonesian dates, hashing, path patterns, YAML
with file lines. Nothing here imports another part of sitegen but ``sitegen.errors``."""
