"""The analyses: one module per chapter, plus ``stats`` (intervals and tests) shared by all.

Numbers and frames only: no sentence, no figure. May import :mod:`compendium.data`.
"""
