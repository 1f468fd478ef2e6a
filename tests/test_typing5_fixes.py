"""typing5: the annotations a user's type checker reads, and the bugs mypy found in src."""

from __future__ import annotations

import typing
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from lstmkit.data import read_csv


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "sales.csv"
    path.write_text("month,sales,promo\n2024-01,1,0\n2024-02,2,1\n2024-03,3,0\n", "utf-8")
    return path


def test_read_csv_value_cols_typed_as_any_iterable_of_names():
    # `read_csv(path, "month", ("sales", "promo"))` ran, but a checker refused the tuple:
    # 'Argument 3 to "read_csv" has incompatible type "tuple[str, str]"; expected "str | list[str]"'
    assert typing.get_type_hints(read_csv)["value_cols"] == str | Iterable[str]


def test_read_csv_reads_value_cols_from_a_generator(tmp_path):
    # a generator was read by the argument check, then read empty by the table's:
    # "`value_cols` must name at least one column, got none."
    frame = read_csv(_csv(tmp_path), "month", (c for c in ["sales", "promo"]))
    assert list(frame.columns) == ["sales", "promo"]
    assert frame.to_numpy().tolist() == [[1.0, 0.0], [2.0, 1.0], [3.0, 0.0]]
    assert list(frame.index) == list(pd.date_range("2024-01-01", periods=3, freq="MS"))


def test_explain_forecast_typed_as_taking_a_forecaster():
    # `forecaster: Any`: a checker let `explain_forecast(fc.members_[0])` through, which is
    # refused at run time ("`forecaster` must be a fitted lstmkit.forecast.Forecaster")
    from lstmkit.explain.forecast import ForecastExplanation, explain_forecast
    from lstmkit.forecast import Forecaster

    hints = typing.get_type_hints(explain_forecast, localns={"Forecaster": Forecaster})
    assert hints["forecaster"] is Forecaster
    assert hints["return"] is ForecastExplanation


def test_fit_seq2seq_pairs_typed_as_any_id_sequences():
    # `fit_seq2seq(model, [((5, 1, 2), (3, 4))], config)` trained, but a checker refused it:
    # 'List item 0 has incompatible type "tuple[tuple[int, int, int], tuple[int, int]]";
    # expected "tuple[list[int], list[int]]"'
    from lstmkit.text.seq2seq import fit_seq2seq

    pairs = typing.get_type_hints(fit_seq2seq)["pairs"]
    assert pairs == Sequence[tuple[Sequence[int], Sequence[int]]]


def test_rolling_origin_levels_typed_as_backtests():
    # Forecaster.backtest takes `levels: Sequence[float]` (read as a tuple of floats); the
    # function it calls, public in lstmkit.backtest, said `tuple[float, ...]`, so a checker
    # refused `rolling_origin(fc, frame, levels=[0.5, 0.9])`, which ran
    from lstmkit.backtest import rolling_origin
    from lstmkit.forecast import Forecaster

    hints = typing.get_type_hints(rolling_origin, localns={"Forecaster": Forecaster})
    assert hints["levels"] == Sequence[float]
    assert typing.get_type_hints(Forecaster.backtest)["levels"] == Sequence[float]
