"""Commands beside ``build``: ``sitegen new`` and ``sitegen check``. They drive the stages
(and ``sitegen.build``'s steps); nothing below imports them."""
