"""The data package: the bottom layer, importing nothing else of ``compendium``.

``paths`` (where inputs and outputs live), ``errors`` (the error types every layer raises),
``descriptor`` (``data/datapackage.json``), ``schema`` (validation of a CSV against its
schema), ``corrections`` (``data/corrections.csv`` applied on request) and ``loaders`` (one
validating loader per dataset).
"""
