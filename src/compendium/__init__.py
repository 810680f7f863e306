"""Helper package of the compendium reproducing Lara-Escamilla et al. (2024).

Modules, one job each: ``paths`` (where things live), ``package`` (the data package
descriptor), ``schema`` (validation), ``data`` (one loader per dataset), ``corrections``,
``stats`` (intervals and tests), ``style`` (figures), ``present`` (glued numbers and tables),
``runner`` (executing chapters with papermill), ``book`` (building the HTML book).
"""
from .errors import ChapterError, CompendiumError, DataError, ParameterError

__version__ = "0.1.0"
__all__ = ["ChapterError", "CompendiumError", "DataError", "ParameterError", "__version__"]
