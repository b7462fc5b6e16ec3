"""``sitegen serve``: the live preview. Builds through ``sitegen.build`` into the cache folder,
serves the last good site on loopback, and shows an edited article at once (``quick``).
Nothing below imports it."""
