"""msg12: messages of the Python API that still read wrong. A numpy scalar named once by its
repr (``np.int64(5)``) in every refusal that shows what came, where some still wrote its type
twice (``int64 np.int64(5)``)."""

import re

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.forecast import Forecaster
from lstmkit.text.charlm import CharVocab
from lstmkit.text.seq2seq import number_to_words
from lstmkit.text.vocab import Vocabulary, batches


@pytest.fixture(scope="module")
def seq2seq_fitted() -> Forecaster:
    y = pd.Series(np.linspace(1.0, 2.0, 30), name="y")
    return Forecaster(
        strategy="seq2seq",
        horizon=2,
        lookback=4,
        season_length=1,
        ensemble=1,
        epochs=1,
        hidden_size=2,
        progress=False,
    ).fit(y)


def test_a_numpy_number_where_the_history_goes_is_named_once(seq2seq_fitted) -> None:
    # before: "got int64 np.int64(5)", "got float32 np.float32(0.9)"
    with pytest.raises(TypeError) as err:
        seq2seq_fitted.decoder_inputs(np.int64(5))
    assert str(err.value) == (
        "`series` must be a pandas Series/DataFrame or a numpy array, got np.int64(5); pass "
        "the horizon by name: decoder_inputs(horizon=np.int64(5))."
    )
    with pytest.raises(TypeError) as err:
        seq2seq_fitted.predict(2, np.float32(0.9))
    assert str(err.value) == (
        "`series` must be a pandas Series/DataFrame or a numpy array, got np.float32(0.9); "
        "pass the interval by name: predict(h, interval=np.float32(0.9))."
    )
    # a Python number is still named with its type
    with pytest.raises(TypeError, match=re.escape("got int 5; pass the horizon by name")):
        seq2seq_fitted.decoder_inputs(5)


def test_labels_pairs_numbers_and_ids_name_a_numpy_scalar_once() -> None:
    from lstmkit.text import train_classifier
    from lstmkit.text._checks import int_ids
    from lstmkit.text.seq2seq import Seq2Seq, Seq2SeqConfig, fit_seq2seq, normalize_number

    with pytest.raises(TypeError) as err:  # before: "`labels[0]` float32 np.float32(1.0)"
        train_classifier(["a b", "c d"], np.array([1, 2], dtype=np.float32))
    assert str(err.value) == (
        "`labels` must hold str only, got `labels[0]` np.float32(1.0), `labels[1]` "
        "np.float32(2.0) (to read numbers as text, pass `[str(v) for v in labels]`)."
    )
    model = Seq2Seq(source_vocab=11, target_vocab=60, embed_dim=4, hidden_size=6)
    config = Seq2SeqConfig(epochs=1, batch_size=4, embed_dim=4, hidden_size=6, progress=False)
    with pytest.raises(TypeError) as err:  # before: "got int64 np.int64(5)"
        fit_seq2seq(model, [np.int64(5)], config)
    assert str(err.value) == "`pairs[0]` must be a (source ids, target ids) pair, got np.int64(5)."
    with pytest.raises(TypeError) as err:  # a plain value keeps its type and short repr
        fit_seq2seq(model, [list(range(20))], config)
    assert str(err.value) == (
        "`pairs[0]` must be a (source ids, target ids) pair, got list [0, 1, 2, 3, 4, 5, ...]."
    )
    with pytest.raises(TypeError) as err:  # before: "got numpy.float64 np.float64(1.5)"
        normalize_number(np.float64(1.5))
    assert str(err.value) == (
        "`number` must be a string of digits 0-9 or an integer >= 0, got np.float64(1.5)."
    )
    with pytest.raises(TypeError) as err:  # before: "got bool np.True_ at `ids[0]`"
        int_ids([np.True_, 2])
    assert str(err.value) == "`ids` must hold ints, got np.True_ at `ids[0]`."


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: Vocabulary([np.int64(3)]),
            "`tokens` must hold str tokens, got np.int64(3).",
        ),
        (
            lambda: CharVocab(["a", np.int64(1)]),
            "`chars` must be single characters (str), got np.int64(1).",
        ),
        (
            lambda: number_to_words(np.float64(4.5)),
            "`n` must be an integer, got np.float64(4.5).",
        ),
        (
            lambda: list(batches([[1]], [0], batch_size=np.float32(2.5))),
            "`batch_size` must be an integer, got np.float32(2.5).",
        ),
    ],
    ids=["vocabulary tokens", "char vocab", "number_to_words", "batches"],
)
def test_other_refusals_of_a_type_name_a_numpy_scalar_once(call, message) -> None:
    # before: "got int64 np.int64(3)", "got float32 np.float32(2.5)", ...
    with pytest.raises(TypeError) as err:
        call()
    assert str(err.value) == message


def test_typed_repr_keeps_an_abridged_repr_but_shows_a_numpy_scalar_whole() -> None:
    from lstmkit._checks import typed_repr

    assert typed_repr([1, 2], "[1, ...]") == "list [1, ...]"
    assert typed_repr(np.int64(7), "7") == "np.int64(7)"
    assert typed_repr(torch.tensor(1.0)) == "Tensor tensor(1.)"


def test_the_gathered_warnings_end_is_written_and_read_in_one_place() -> None:
    # before: warn_gathered wrote " (Warned by the fits at N of the backtest's M origins;
    # shown once.)" and the CLI parsed it with a regex of its own, in another module
    import inspect
    import subprocess
    import sys
    import warnings

    import lstmkit.cli
    from lstmkit._checks import warn_gathered
    from lstmkit._gathered import warned_at_origins

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warn_gathered([[("k", "too few errors.")]] * 3 + [[]])
        warn_gathered([[("k", "too few errors.")], [("k", "too many.")]])
    same, differ = (str(w.message) for w in caught)
    assert (
        same == "too few errors. (Warned by the fits at 3 of the backtest's 4 origins; shown once.)"
    )
    at = warned_at_origins(same)
    assert (at[1], at[2], same[: at.start()]) == ("3", "4", "too few errors.")
    assert differ.endswith("at 2 of the backtest's 2 origins, this at the first; shown once.)")
    assert warned_at_origins(differ) is None  # its words differ: not said as "the same"
    assert "Warned by the fits" not in inspect.getsource(lstmkit.cli)
    code = "import sys, lstmkit._gathered; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"  # the CLI reads it with no numpy at start-up


_HEAD = "`interval` must be a number strictly between 0 and 1, e.g. 0.8, got "


@pytest.mark.parametrize(
    ("interval", "said"),
    [
        (
            [1],
            "[1] (one level, not a list; 100 % is no interval: its bounds would be infinite; "
            "e.g. 0.99)",
        ),
        (
            [100],
            "[100] (one level, not a list; 100 % is no interval: its bounds would be "
            "infinite; e.g. 0.99)",
        ),
        ([0], "[0] (one level, not a list; interval=0 for no interval)"),
        ([True], "[True] (one level, not a list, and a coverage, not a switch: e.g. 0.8)"),
        (5, "5 (a fraction: 0.05 for 5 %, or 0.95 for a 95 % interval)"),
        (
            [2.5],
            "[2.5] (one level, not a list, and a fraction: 0.025 for 2.5 %, or 0.975 for a "
            "97.5 % interval)",
        ),
        ([95], "[95] (one level, not a list, and a fraction: 0.95 for 95 %)"),  # as before
    ],
    ids=["[1]", "[100]", "[0]", "[True]", "5", "[2.5]", "[95]"],
)
def test_an_interval_in_a_list_of_one_or_a_low_percentage_gets_a_hint(
    seq2seq_fitted, interval, said
) -> None:
    # before: "got [1].", "got [100].", "got [0].", "got [True].", "got 5." with no word more
    with pytest.raises(ValueError) as err:
        seq2seq_fitted.predict(2, interval=interval)
    assert str(err.value) == _HEAD + said + "."


def test_the_config_backtest_and_cli_give_the_same_hints(
    seq2seq_fitted, capsys, interval_refusal
) -> None:
    from lstmkit.cli import main
    from lstmkit.forecast import ForecasterConfig

    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=[0])
    assert str(err.value) == (
        "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got [0] "
        "(one level, not a list; None for no interval)."
    )
    with pytest.raises(ValueError) as err:
        seq2seq_fitted.backtest(np.linspace(1.0, 2.0, 30), levels=(0.5, 5), retrain=False)
    assert str(err.value) == (
        "every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got 5 "
        "(a fraction: 0.05 for 5 %, or 0.95 for a 95 % interval)."
    )
    # before: "got '5%'" and "got 5." alone
    assert interval_refusal(["forecast", "airline", "--interval", "5%"]) == (
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        "got '5%' (a fraction: 0.05 for 5 %, or 0.95 for a 95 % interval).\n"
    )
    assert main(["forecast", "airline", "--interval", "5", "--no-progress"]) == 2
    assert capsys.readouterr().err == (
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        "got 5 (a fraction: 0.05 for 5 %, or 0.95 for a 95 % interval).\n"
    )


@pytest.mark.parametrize(
    ("retrain", "said"),
    [
        (
            0.5,
            "got float 0.5; a share of the origins has no counterpart here: every origin is "
            "fitted (True) or none is (False, this fitted model forecasting at each).",
        ),
        (
            None,
            "got None; True fits afresh at every origin, False forecasts with this "
            "fitted model at each.",
        ),
    ],
    ids=["0.5", "None"],
)
def test_backtest_retrain_of_no_bool_is_told_what_retrain_does(retrain, said) -> None:
    # before: 0.5 was "Darts' retrain as a number", which Darts' is not; None said no more
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(np.arange(40.0), retrain=retrain)
    assert str(err.value) == f"`retrain` must be True or False, {said}"


def test_the_series_lines_say_which_series_were_not_compared(capsys) -> None:
    # before: "on 1 of 1 series" under a table of 2, the series with an undefined score
    # left out without a word; with --backtest alike
    from lstmkit.cli import _forecast_run as R

    rows = [
        {"shop": "flat", "n": 40, "holdout": 3, "model_rmse": 0.5, "model_mase": None}
        | {"seasonal_naive_rmse": float("nan"), "seasonal_naive_mase": None}
        | {"backtest_model_rmse": 1.0, "backtest_seasonal_naive_rmse": None},
        {"shop": "b", "n": 40, "holdout": 3, "model_rmse": 0.25, "model_mase": 0.5}
        | {"seasonal_naive_rmse": 0.5, "seasonal_naive_mase": 1.0}
        | {"backtest_model_rmse": 2.0, "backtest_seasonal_naive_rmse": 1.0},
    ]
    R._print_series_summary("shop", rows, None)
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "the model beats seasonal naive on 1 of 1 series (holdout RMSE; 1 not compared, without "
        "both RMSEs: flat)",
        "over the backtest: the model beats seasonal naive on 0 of 1 series (mean RMSE over the "
        "origins; summary.csv's backtest_* columns; 1 not compared, without both RMSEs: flat)",
    ]
    assert R._series_beaten(rows[1:], "shop", "model_rmse", "seasonal_naive_rmse") == (1, 1, "")
