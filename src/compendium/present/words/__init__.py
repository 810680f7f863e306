"""Each chapter's wording: functions that take computed numbers and return the sentences and labels a reader sees.

One module per chapter. Nothing else in the package builds prose.
"""
