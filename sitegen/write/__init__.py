"""The write stage: the output tree, assembled beside the live one and swapped in atomically.

The tree and its records (``output``), photo variants made with Pillow (``variants``),
fingerprinted assets and the page budget (``assets``) and the search index (``search``).
May import ``render`` and below.
"""
