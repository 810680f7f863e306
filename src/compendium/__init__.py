"""Helper package of the compendium reproducing Lara-Escamilla et al. (2024).

The subpackages are the pipeline, bottom to top; each imports only from the layers below it
(``tests/test_layers.py`` holds that):

``compendium.data``
    the data package: where files live, the descriptor, schema validation, corrections, one
    loader per dataset, the error types.
``compendium.analyses``
    the chapters' numbers and frames, and the shared statistics. No wording, no plotting.
``compendium.audit``
    the claims registry and the audit findings, recomputed from the analyses.
``compendium.present``
    everything a reader sees: formatting and glue, tables, figure style and drawing, the
    chapters' wording, data downloads, the appendix, glossary, citation and bibliography.
``compendium.build``
    the machinery: the chapter runner, book staging, the Sphinx extension and theme fixes,
    the manifest, the benchmark and the command line.
"""

__version__ = "0.1.0"
