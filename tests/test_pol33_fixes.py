"""Wording fixes of helper pol33: each message as the user reads it."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.nn import LSTM
from lstmkit.text import CharLM, CharLMConfig, CharVocab, save_charlm
from lstmkit.text.charlm import CharLMResult
from lstmkit.train import TrainConfig

CLI_QUICK = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-progress"]
SPLIT = "month,y\n2020-01-01,1,5\n2020-02-01,2\n2020-03-01,3,25\n"


def test_a_sep_given_as_comma_is_not_called_the_default(tmp_path, capsys):
    csv = tmp_path / "split.csv"
    csv.write_text(SPLIT)
    told = (
        f", and line 2 of {str(csv)!r} has more fields (3) than its header (2): an unquoted "
        "decimal mark that is the separator splits its number into two fields (1,5 read as 1 "
        "and 5); pass the file's separator with --sep (';' for many European spreadsheets), or "
        'quote each value that holds the mark ("1,5").\n'
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y"]
    argv += ["--decimal", ",", "--out", str(tmp_path / "run")]
    assert main([*argv, "--sep", ","]) == 2
    assert capsys.readouterr().err == "error: --sep and --decimal are both ','" + told
    assert main(argv) == 2  # left at its default: said so
    assert capsys.readouterr().err == (
        "error: --sep and --decimal are both ',' (',' is --sep's default)" + told
    )
    assert not (tmp_path / "run").exists()


@pytest.fixture(scope="module")
def airline_run(tmp_path_factory, undrawn_figures_block):
    """One `lstmkit forecast airline --horizon 6` run folder: its model is fitted on the points
    up to 1960-06-01 (the last 6 held out)."""
    run = tmp_path_factory.mktemp("airline") / "run"
    argv = ["forecast", "airline", *CLI_QUICK, "--no-stat-baselines", "--horizon", "6"]
    with contextlib.redirect_stdout(io.StringIO()), undrawn_figures_block():
        assert main([*argv, "--out", str(run)]) == 0
    return run


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
@pytest.mark.parametrize(
    ("rows", "end", "told"),
    [
        (137, "1960-05-01", "1 of the 6 steps forecast from it is a point"),
        (134, "1960-02-01", "4 of the 6 steps forecast from it are points"),
    ],
)
def test_b_predict_agrees_the_verb_with_the_steps_inside(
    airline_run, tmp_path, capsys, rows, end, told
):
    older = tmp_path / "older.csv"
    D.load_dataset("airline")[:rows].to_csv(older, index_label="month")
    assert main(["predict", str(airline_run), "--csv", str(older)]) == 0
    assert capsys.readouterr().err == (
        f"warning: --csv {str(older)!r} ends at {end}, before the model's training data, "
        f"which ends at 1960-06-01: {told} the model was trained on (in-sample, not a "
        "forecast); give data that reach 1960-06-01 or later, or leave --csv out to forecast "
        "after the training data.\n"
    )


@pytest.fixture
def lm_folder(tmp_path: Path) -> Path:
    torch.manual_seed(0)
    save_charlm(CharLMResult(CharLM(3, 2, 2, 1), CharVocab("abé"), CharLMConfig()), tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("prompt", "shown", "encoding"),
    [
        ("a\udce9", "byte b'\\xe9' is", "another encoding, Latin-1 say"),  # 'é' in Latin-1
        ("a\udc90", "byte b'\\x90' is", "another encoding"),  # a control character in Latin-1
        ("\udce2\udc82", "bytes b'\\xe2\\x82' are", "another encoding"),  # 'â' and a control
    ],
)
def test_c_latin1_is_named_only_where_it_reads_letters(lm_folder, capsys, prompt, shown, encoding):
    argv = ["text", "generate", str(lm_folder), "--length", "3", "--seed", "0", "--prompt"]
    assert main([*argv, prompt]) == 2
    outside = sorted(c for c in prompt if c != "a")
    assert capsys.readouterr().err == (
        f"error: --prompt contains characters outside the model's alphabet: {outside!r} (the "
        f"{shown} not UTF-8, which Python reads: typed in {encoding}; set the terminal's "
        "encoding to UTF-8, or give the prompt in UTF-8); allowed: 'abé'.\n"
    )


def test_d_a_dateutil_zone_is_shown_by_its_name():
    # shown as tzfile('/usr/share/zoneinfo/America/New_York'), where other zones show their name
    quick = {"ensemble": 1, "epochs": 1, "lookback": 6, "hidden_size": 4, "seed": 0}
    stamps = pd.date_range("2021-01-01", periods=48, freq="h", tz="Europe/Berlin")
    y = pd.Series(np.sin(np.arange(48) / 3.0) + 2, index=stamps, name="y")
    newer = y.tz_convert("dateutil/America/New_York")
    try:
        newer.index.tz_localize(None)
    except AttributeError:  # pandas 2.2.1 with this dateutil: no dateutil zone reads at all
        pytest.skip("this pandas cannot read the clock of a dateutil zone")
    assert str(newer.index.tz) == "tzfile('/usr/share/zoneinfo/America/New_York')"
    zoned = Forecaster(ForecasterConfig(**quick, horizon=2, progress=False)).fit(y)
    with pytest.raises(ValueError) as err:
        zoned.predict(series=newer)
    assert str(err.value) == (
        "`series` must have timestamps in Europe/Berlin like the training data's, got "
        "timestamps in America/New_York (first 2020-12-31 18:00:00-05:00), whose clock times "
        "differ and would be read as the trained ones; e.g. series.index = "
        "series.index.tz_convert('Europe/Berlin') (the same instants on the training data's "
        "clock)."
    )
    naive = Forecaster(ForecasterConfig(**quick, horizon=2, progress=False))
    naive.fit(y.tz_localize(None))
    with pytest.raises(ValueError) as err:
        naive.predict(series=newer)
    assert str(err.value).startswith(
        "`series` must have timestamps without a time zone like the training data's, got "
        "timestamps in America/New_York (first 2020-12-31 18:00:00-05:00); "
    )


@pytest.mark.parametrize("scaler", [D.StandardScaler, D.MinMaxScaler])
def test_e_a_numpy_string_feature_is_shown_as_a_string(scaler):
    fitted = scaler().fit(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 5.0, 7.0]}))
    name = scaler.__name__
    for method in (fitted.transform, fitted.inverse_transform):
        with pytest.raises(ValueError) as err:
            method(np.zeros((2, 2)), feature=np.array(["b"])[0])
        assert str(err.value) == (
            f"`feature` must be one of the 2 features {name} was fitted on (0 to 1), got "
            "'b'; it was fitted on a DataFrame whose column 'b' is feature=1 (a position)."
        )


def test_f_a_0d_array_lr_is_told_float_x_as_the_nn_layers_tell_it():
    hint = " (give a Python number: float(x))"
    with pytest.raises(TypeError) as err:
        LSTM(input_size=3, hidden_size=2, dropout=np.array(0.1))
    assert str(err.value) == f"`dropout` must be a float, got ndarray array(0.1){hint}."
    for value, shown in ((np.array(0.01), "array(0.01)"), (torch.tensor(0.5), "tensor(0.5000)")):
        with pytest.raises(ValueError) as err:
            TrainConfig(lr=value)
        assert str(err.value) == f"`lr` must be a positive finite number, got {shown}{hint}."
    # a bad value held: no hint, as for a numpy scalar (float(x) would be refused too)
    with pytest.raises(ValueError) as err:
        TrainConfig(lr=np.array(-1.0))
    assert str(err.value) == "`lr` must be a positive finite number, got array(-1.)."
