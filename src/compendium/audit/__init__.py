"""The source audit: the claims registry (``claims``) and the findings' evidence (``findings``).

Every number recomputed from the data through the analyses. May import :mod:`compendium.data`
and :mod:`compendium.analyses`.
"""
