"""The build machinery, top layer: ``runner`` (chapters executed with papermill), ``book``
(staging and the Jupyter Book build), ``sphinxext`` and ``book_theme`` (Sphinx extensions),
``manifest`` and ``outputs`` (what the chapters produced), ``benchmark``, ``report`` and
``cli`` (the command line). May import every layer below.
"""
