"""What a reader sees: numbers formatted and glued, sentences, tables, figures and page furniture.

``formatting`` and ``glue`` (numbers into the prose), ``tables`` (numbered tables),
``figure_style`` (one look for every figure), ``words`` (each chapter's sentences built around
its numbers) and ``figures`` (each chapter's drawing code), ``downloads`` and ``provenance``
(the data block under every figure and table), ``appendix``, ``glossary``, ``citation``,
``bibliography``, ``contrast`` (WCAG contrast of the palette). May import the data package,
the analyses and the audit.
"""
