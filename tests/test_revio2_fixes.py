"""Review of the ioleft range (revio2): each test fails without its fix, but where it says it
covers a merged helper (the same behaviour, one implementation)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from lstmkit.cli import main

CSV = "month,sales,city\n" + "".join(f"2020-{m:02d}-01,{m},München\n" for m in range(1, 13))


def test_a_packed_utf16_csv_with_a_letter_beyond_ascii_is_refused_by_its_nul_byte(
    tmp_path: Path, csv_refusal
) -> None:
    # pandas' UnicodeDecodeError at "ü" (0xfc 0x00) came first: it was said to be a Latin-1 or
    # Windows-1252 file at byte 0xfc, though the same file unpacked is refused by its NUL byte
    csv = tmp_path / "sales.csv.gz"
    csv.write_bytes(gzip.compress(CSV.encode("utf-16-le")))
    assert csv_refusal(csv) == (
        "CSV file 'sales.csv.gz' must be UTF-8 text, got a NUL byte (0x00) on line 1 (byte 2 "
        "of the line), which text does not hold (UTF-16-LE without a byte-order mark?); save the "
        "file as UTF-8."
    )


def test_a_packed_csv_lists_its_utf8_header_above_other_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # covers cli._forecast_run._first_row_alone, which now reads the line with
    # data._first_line (it unpacked and read it a second way)
    csv = tmp_path / "umsatz.csv.gz"
    csv.write_bytes(gzip.compress(CSV.encode("cp1252")))
    assert main(["forecast", "--csv", str(csv), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv needs --date-col and --value-col ({str(csv)!r} has the columns month, "
        "sales, city).\n"
    )


def _chinese_forecaster(tmp_path: Path):
    import numpy as np
    import pandas as pd

    from lstmkit import Forecaster

    index = pd.date_range("2000-01-01", periods=48, freq="MS")
    frame = pd.DataFrame({"銷量": np.sin(np.arange(48) / 2.0) + np.arange(48) / 10}, index=index)
    return Forecaster(horizon=2, lookback=6, epochs=1, seed=0).fit(frame)


def test_a_forecast_explanation_names_the_column_names_no_font_has(tmp_path: Path) -> None:
    # "`window_label` and `features` hold 2 character(s) ...", arguments of plot_lags that
    # ForecastExplanation.plot's caller never gave, and the warning pointed into lstmkit
    import matplotlib

    from lstmkit.explain.forecast import explain_forecast

    ex = explain_forecast(_chinese_forecaster(tmp_path))
    with matplotlib.rc_context({"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}):
        with pytest.warns(UserWarning) as caught:
            fig = ex.plot()
    [warning] = [w for w in caught if "no font" in str(w.message)]
    assert str(warning.message) == (
        "the column names hold 2 characters that no font matplotlib draws with has ('銷', "
        "'量'): drawn as escapes (\\u92b7). To draw them, put a font that has them first in "
        "matplotlib.rcParams['font.sans-serif'] (for Chinese, Japanese or Korean, 'Noto Sans "
        "CJK JP', say); for lstmkit's commands, in a file named matplotlibrc in the folder "
        "they run in: 'font.sans-serif: Noto Sans CJK JP, DejaVu Sans'."
    )
    assert warning.filename == __file__  # the caller's line
    assert fig.axes[0].get_ylabel() == "\\u92b7\\u91cf"


def test_a_gate_trace_plotted_by_its_method_warns_at_the_callers_line() -> None:
    # tr[key].plot(labels=...) warned at a line of lstmkit (a fixed stacklevel from plot_gates)
    import matplotlib
    import torch

    from lstmkit import trace
    from lstmkit.nn import LSTM

    layer = LSTM(2, 3)
    with trace(layer) as tr:  # time first: 2 steps of one sequence, one per label (the 2
        layer(torch.ones(2, 1, 2))  # labels of [1, 2, 2]'s one step drew one without a word)
    entry = tr[next(iter(tr))]
    with matplotlib.rc_context({"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}):
        with pytest.warns(UserWarning, match="no font matplotlib") as caught:
            entry.plot(labels=["電", "影"])
    assert caught[0].filename == __file__
