"""The write stage: the output tree, assembled beside the live one and swapped in atomically.

The output files and their keys, and the writing in order (``writer``); the trees and the
swap (``output``) and what a build records about a tree (``records``); pages rendered in
forked workers (``pages``), photo variants made with Pillow (``variants``), fingerprinted
assets and the page budget (``assets``) and the search index (``search``).
May import ``render`` and below.
"""
