"""small39a: left-overs in data.py."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lstmkit import data as D
from lstmkit._remedies import cli_command


def test_summary_rows_hint_reads_the_typed_path_not_the_repr_back() -> None:
    # the command's file was ast.literal_eval(name), typed_path's repr read back; it is now
    # the typed text passed down (as _empty_end_cut's), whatever `name` says
    text = pd.Series(["2020-01", "2020-02", "Total"], index=[0, 1, 2])
    token = cli_command.set("forecast")
    try:
        hint = D._summary_rows_hint(text, np.array([2]), "the file", 2, "a\\b 'x'.csv")
        without = D._summary_rows_hint(text, np.array([2]), "'s.csv'", 2)
    finally:
        cli_command.reset(token)
    assert hint == (
        "; the last row looks like a summary row under the data, which no date format reads: "
        "delete it from the file, or read the file without it: "
        "sed '$d' 'a\\b '\"'\"'x'\"'\"'.csv' | lstmkit forecast --csv - "
        "(with the other flags as given)"
    )
    assert without == (
        "; the last row looks like a summary row under the data, which no date format reads: "
        "delete it from the file"
    )
