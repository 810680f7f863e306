"""Each chapter's figures: functions that draw computed frames in the compendium's style.

One module per chapter.
"""
