"""What an evidence function of the source audit returns: the values its templates name, and whether the finding holds."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Evidence:
    """What an evidence function computed: the values the templates name, and whether the finding holds.

    ``values`` maps each name to a number, a name or label from the data, a list, a boolean, a
    frame (one row per item) or None (the data give no such value). ``present`` is False when
    the data no longer show the inconsistency (for example a copy of ``data/`` in which the
    printed value was changed); ``table`` is an optional frame shown with the finding, its
    columns named as in the data.
    """

    values: dict[str, object]
    present: bool
    table: pd.DataFrame | None = field(default=None)
