"""What `lstmkit forecast --csv FILE --series-col ID` pays per series before the first fit."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit import data as D
from lstmkit.cli import main


def _stores(path: Path) -> Path:
    """Three monthly series of 40 rows in long format (store,month,sales), one with a gap."""
    rng = random.Random(0)
    lines = ["store,month,sales"]
    for s in range(3):
        level = rng.uniform(50, 500)
        for t in range(40):
            value = level * (1 + 0.2 * (t % 12) / 12) + 0.5 * t + rng.gauss(0, 5)
            cell = "" if (s, t) == (2, 20) else f"{value:.2f}"
            lines.append(f"S{s},{2015 + t // 12}-{t % 12 + 1:02d},{cell}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# float32 kernels round otherwise with AVX-512 than with AVX2 (torch's CPU capability): the
# figures part in the 8th digit (8.210310025074348 on AVX2 for 8.210309912304938), so each
# capability has its own; another torch than the one they were pinned with (2.13) rounds
# otherwise too (torch 2.11 gave 8.210309920037318), and another CPU may: 6 digits there.
_FIGURES = {
    "AVX512": (
        [8.210309912304938, 9.83300421049886, 6.5898698932610555],
        [
            [478.08281755635875, 471.7819565594751],
            [297.4524070523063, 295.38258560278047],
            [314.34282296961607, 325.60912082099287],
        ],
    ),
    "AVX2": (
        [8.210310025074348, 9.833004151874182, 6.589869935614641],
        [
            [478.0828175563588, 471.7819565594751],
            [297.45240718346486, 295.38258560278047],
            [314.3428228626465, 325.60912082099287],
        ],
    ),
}


def _pinned(figures: list[float], exact: bool, close: bool) -> object:
    """``figures`` to the bit where ``exact``, else to 12 significant digits; to 6 where they
    are not this CPU's own (``close``)."""
    if close:
        return pytest.approx(figures, rel=1e-6, abs=0)
    return figures if exact else pytest.approx(figures, rel=1e-12, abs=0)


@pytest.mark.filterwarnings("ignore:the 80% split-conformal interval")  # 2 epochs, tiny data
def test_each_series_forecasts_as_it_did_before_the_checks_were_made_cheaper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = _stores(tmp_path / "stores.csv")
    argv = ["forecast", "--csv", str(csv), "--series-col", "store", "--date-col", "month"]
    argv += ["--value-col", "sales", "--fill", "interpolate", "--epochs", "2", "--ensemble", "1"]
    assert main([*argv, "--json", "--no-progress"]) == 0
    runs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["where"] for r in runs] == [{"store": "S0"}, {"store": "S1"}, {"store": "S2"}]
    # as the commit before these changes gave them, to the bit on numpy 2; numpy 1 (the lowest
    # declared) rounds log and exp differently in the last place, and its figures (the same
    # before and after the changes) differ from these from the 14th digit
    exact = np.lib.NumpyVersion(np.__version__) >= "2.0.0"
    capability = torch.backends.cpu.get_cpu_capability()
    close = not torch.__version__.startswith("2.13.") or capability not in _FIGURES
    rmse, forecasts = _FIGURES.get(capability, _FIGURES["AVX512"])
    assert [r["metrics"]["model"]["rmse"] for r in runs] == _pinned(rmse, exact, close)
    assert [r["forecast"]["forecast"][:2] for r in runs] == [
        _pinned(f, exact, close) for f in forecasts
    ]
    assert runs[2]["inserted_timestamps"] == 0 and runs[2]["n"] == 40


def test_a_series_whose_rows_are_all_selected_is_not_copied_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # each series of --series-col is built from its own rows of the file, which its
    # `where` then selected again: all of them, copied once more per series
    # and its cells were compared as _cells wrote them out: three pandas passes per series
    # text as pandas' StringDtype, which a CSV's reads as on pandas 3 (pandas 2: object, which
    # _cells still compares)
    table = pd.DataFrame(
        {"store": ["A", " A", "A"], "sales": ["1", "2", "3"]}, index=[4, 7, 9], dtype="string"
    )
    stores = pd.array(["A", None, "A\t", "B"], dtype="string")
    mixed = pd.DataFrame({"store": stores, "n": [1, 2, 1, 3]}, index=[4, 7, 8, 9])
    with monkeypatch.context() as patched:
        patched.setattr(D, "_cells", lambda *a: pytest.fail("_cells"))
        assert D._select_rows(table, {"store": "A"}, "stores.csv") is table
        assert D._select_rows(mixed, {"store": "A "}, "stores.csv").index.tolist() == [4, 8]
    assert D._select_rows(mixed, {"n": "1"}, "stores.csv").index.tolist() == [4, 8]  # not text
    assert D._select_rows(mixed, {"store": ""}, "stores.csv").index.tolist() == [7]
    with pytest.raises(ValueError) as err:
        D._select_rows(mixed, {"store": "C"}, "stores.csv")
    assert str(err.value) == (
        "no row of stores.csv has store='C' (`where`); the column holds A, B."
    )


def test_checking_a_series_values_takes_no_pandas_pass_over_a_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # per series of a long file, _check_values dropped each column's missing cells into a copy
    # to find its first value, and looked for NaN with DataFrame.isna: pandas' overhead on a
    # short series, a fifth of the time before the first fit
    # the column as a CSV's reads (pandas 3: str; pandas 2: object, where dtype="str" made
    # None the text 'None')
    frame = pd.read_csv(io.StringIO("sales,n\n,1\n1.5,2\n2,3\n"), dtype=str)[["sales"]]
    with monkeypatch.context() as patched:
        for cls, method in ((pd.Series, "dropna"), (pd.DataFrame, "isna")):
            patched.setattr(cls, method, lambda *a, name=method, **k: pytest.fail(name))
        values = D._check_values(frame[1:], None, csv=True)
    assert values["sales"].tolist() == [1.5, 2.0] and "filled" not in values.attrs
    filled = D._check_values(frame, "bfill", csv=True)
    assert filled["sales"].tolist() == [1.5, 1.5, 2.0] and filled.attrs["filled"] == {"sales": [0]}
    with pytest.raises(ValueError) as err:
        D._check_values(frame, None, csv=True)
    assert str(err.value).startswith("values must not be missing (NaN), got NaN in column 'sales'")
    flags = pd.read_csv(io.StringIO("on,n\n,1\n True,2\nfalse,3\n"), dtype=str)[["on"]]
    assert np.array_equal(D._check_values(flags, "bfill")["on"], [1.0, 1.0, 0.0])
