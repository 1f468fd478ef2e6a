"""Review of walkx19 (explanations walk): what its report left, fixed. A --csv column of
non-numeric values named with its file, "trained on 1 column(s) ... gives 0 (none)" reworded,
and lrp's messages naming a forecaster's `encoder` where they said `rnn`."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

import lstmkit
import lstmkit.nn as lnn
from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.explain import gradient_x_input, lrp, occlusion

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

TINY = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-progress"]


def _monthly(path: Path, **columns: object) -> Path:
    month = pd.date_range("2000-01-01", periods=36, freq="MS").strftime("%Y-%m-%d")
    pd.DataFrame({"month": month, **columns}).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def promo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`lstmkit forecast` of sales with a covariate `promo`, into a folder."""
    folder = tmp_path_factory.mktemp("run")
    csv = _monthly(
        folder / "train.csv", sales=100.0 + np.arange(36.0) % 12, promo=np.arange(36) % 3
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    argv += ["--covariate-cols", "promo", "--horizon", "3", "--holdout", "0"]
    assert main([*argv, "--out", str(folder / "r"), *TINY]) == 0
    return folder / "r"


def _bad(tmp_path: Path) -> Path:
    promo = (np.arange(36) % 3).astype(object)
    promo[5] = "x"
    return _monthly(tmp_path / "bad.csv", sales=100.0 + np.arange(36.0) % 12, promo=promo)


_NON_NUMERIC = (
    "has non-numeric values at 2000-06-01 ('x') (marks of missing values?): leave those cells "
    "empty and pass --fill ffill, bfill, interpolate or zero to fill them.\n"
)


@pytest.mark.parametrize("command", ["forecast", "predict", "explain"])
def test_a_csv_column_of_non_numeric_values_is_named_with_its_file(
    promo_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    # "column 'promo' has non-numeric values at ...", naming no file, in all three commands
    bad = _bad(tmp_path)
    if command == "forecast":
        argv = ["forecast", "--csv", str(bad), "--date-col", "month", "--value-col", "sales"]
        argv += ["--covariate-cols", "promo", "--out", str(tmp_path / "out"), *TINY]
    else:
        argv = [command, str(promo_run), "--csv", str(bad), "--out", str(tmp_path / "out")]
    capsys.readouterr()
    assert main(argv) == 2
    assert capsys.readouterr().err == f"error: column 'promo' of {str(bad)!r} {_NON_NUMERIC}"
    assert not (tmp_path / "out").exists()


def test_read_csv_names_the_file_once_with_the_first_column_refused(tmp_path: Path) -> None:
    path = _monthly(tmp_path / "two.csv", y=["a"] + ["1"] * 35, z=["1"] * 35 + ["b"])
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "month", ["y", "z"])
    assert str(err.value) == (
        f"column 'y' of {str(path)!r} has non-numeric values at 2000-01-01 ('a'); column 'z' "
        "has non-numeric values at 2002-12-01 ('b')."
    )
    # data in memory has no file to name
    with pytest.raises(ValueError) as err:
        D.to_frame(
            pd.Series(["1", "a", "2"], index=pd.date_range("2000-01-01", periods=3), name="y")
        )
    assert str(err.value) == "column 'y' has non-numeric values at 2000-01-02 ('a')."


def test_a_csv_without_the_models_column_is_told_it_gives_none(
    promo_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "the model was trained on 2 column(s) (sales, promo); --csv ... gives 0 (none) besides"
    path = _monthly(tmp_path / "dates.csv")
    capsys.readouterr()
    assert main(["predict", str(promo_run), "--csv", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"error: the model was trained on 2 columns (sales, promo); --csv {str(path)!r} gives "
        "none besides the date column 'month'. Name them with --value-col and --covariate-cols.\n"
    )
    path = _monthly(tmp_path / "one.csv", units=np.arange(36.0))
    assert main(["predict", str(promo_run), "--csv", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"error: the model was trained on 2 columns (sales, promo); --csv {str(path)!r} gives "
        "1 (units) besides the date column 'month'. Name them with --value-col and "
        "--covariate-cols.\n"
    )


def test_columns_are_counted_in_the_singular_for_one() -> None:
    from lstmkit.cli._forecast_run import _columns_said

    assert _columns_said(["sales"]) == "1 column (sales)"
    assert _columns_said(["sales", "promo"]) == "2 columns (sales, promo)"


class _Encoded(nn.Module):
    """A forecaster's network as lstmkit.forecast builds it: its layer is `encoder`."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = lnn.LSTM(input_size=3, hidden_size=4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, (h, _) = self.encoder(x)
        return self.head(h[-1])


@pytest.mark.parametrize("method", [lrp, gradient_x_input, occlusion])
def test_features_of_the_wrong_width_name_a_forecasters_encoder(method) -> None:
    # "the model's `rnn` takes input_size=3", of a model that has no `rnn`
    torch.manual_seed(0)
    with pytest.raises(ValueError) as err:
        method(_Encoded(), torch.randn(2, 5, 7))
    assert str(err.value) == (
        "`inputs` has 7 features per step, but the model's `encoder` takes input_size=3."
    )


def test_an_explanation_folder_names_its_model_as_recorded_and_where_it_is_not_here(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    # explained as `lstmkit explain MODEL --out why` in one folder, then given from another:
    # "which explained the model MODEL: give that folder", a folder that is not there
    monkeypatch.chdir(tmp_path)
    model = os.path.relpath(clf_dir)
    assert main(["explain", model, "--text", "film 1 was great", "--out", "why"]) == 0
    capsys.readouterr()
    said = (
        "is not a saved lstmkit model (no config.json in it or in its model/ subfolder); it holds "
        "the files `lstmkit explain` writes (explanation.html, relevance.json, relevance.png), "
        "which explained "
        f"the model {model!r}"
    )
    assert main(["predict", "why"]) == 2
    assert capsys.readouterr().err == f"error: 'why' {said}: give that folder.\n"
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert main(["predict", "../why"]) == 2
    assert capsys.readouterr().err == (
        f"error: '../why' {said} (as that run was given it; no such folder here).\n"
    )


class _Readout(nn.Module):
    def __init__(self, readout: str) -> None:
        super().__init__()
        self.rnn = lnn.LSTM(input_size=3, hidden_size=4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.readout = readout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


@pytest.mark.parametrize(
    ("readout", "hint"),
    [
        (" last", " (without the spaces: 'last')"),
        ("Max ", " (without the spaces and lower case: 'max')"),
        ("Mean", " (lower case: 'mean')"),
    ],
)
def test_a_readout_with_spaces_is_not_told_its_case(readout: str, hint: str) -> None:
    # " last" was told "(lower case: 'last')", of a name already in lower case
    with pytest.raises(ValueError) as caught:
        lrp(_Readout(readout), torch.randn(1, 4, 3))
    assert str(caught.value) == (
        "`readout` of _Readout (what its head reads) must be one of ('last', 'mean', 'max'), "
        f"got {readout!r}{hint}."
    )


def test_the_other_cells_gate_asked_by_word_is_told_what_its_letter_is_told() -> None:
    # a GRU's trace asked for "forget" was told its names alone, where "f" is told the
    # forget gate belongs to an LSTM and which GRU gate does its part
    gru = lnn.GRU(input_size=3, hidden_size=4, batch_first=True)
    with lstmkit.trace(gru) as tr:
        gru(torch.zeros(1, 2, 3))
    gates = next(iter(tr.values()))
    held = "it holds 'r' (reset gate), 'z' (update gate), 'n' (new gate), 'h' (hidden state)"
    with pytest.raises(KeyError) as caught:
        gates["Forget gate"]
    assert caught.value.args[0] == (
        f"no gate 'Forget gate' in this trace; {held}; 'Forget gate' ('f') belongs to an "
        "LSTM, not to a GRU: its update gate 'z' keeps h_{t-1} where an LSTM's forget gate "
        "keeps c_{t-1}"
    )
    with pytest.raises(KeyError) as caught:
        gates["cell_state"]
    assert caught.value.args[0] == (
        f"no gate 'cell_state' in this trace; {held}; 'cell_state' ('c') belongs to an "
        "LSTM, not to a GRU: its one state is 'h'"
    )
