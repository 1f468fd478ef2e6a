"""Review of xp17 (explanations pass) and its left-alone items: step labels of another count
than the steps were drawn from the first ones without a word, the README printed conservation
residuals a user does not reproduce digit for digit, a GRU's trace asked for an array among its
gates met a numpy error, and asked for an LSTM's candidate or output gate heard of the forget
gate; `lstmkit forecast FILE.csv` was not told to read the file with --csv."""

import re
from pathlib import Path

import numpy as np
import pytest
import torch

import lstmkit
from lstmkit.cli import main
from lstmkit.explain.gates import plot_cell_states, plot_gates
from lstmkit.nn.trace import GateTrace

_README = Path(__file__).resolve().parents[1] / "README.md"


def _padded_trace(cell: str = "lstm") -> GateTrace:
    """One layer's trace of two sequences of 5 and 3 steps, padded to 5."""
    torch.manual_seed(0)
    rnn = (lstmkit.nn.LSTM if cell == "lstm" else lstmkit.nn.GRU)(3, 4, batch_first=True)
    with lstmkit.trace(rnn) as tr, torch.no_grad():
        rnn(torch.randn(2, 5, 3), lengths=torch.tensor([5, 3]))
    return tr["l0"]


def test_step_labels_of_another_count_than_the_steps_are_refused() -> None:
    """Seven labels for a sequence of 3 steps (another sentence's, or one off) drew the first 3
    without a word; a padded row's token list (5, the batch's steps) is still read."""
    entry = _padded_trace()
    words = ["I", "liked", "it", "a", "lot", "really", "!"]
    for plot in (plot_gates, plot_cell_states):
        with pytest.raises(ValueError) as e:
            plot(entry, sample=1, labels=words)
        assert str(e.value) == (
            "`labels` must give a label to each of the 3 steps of sequence 1 (or to each of the "
            "batch's 5 padded steps), got 7."
        )
        with pytest.raises(ValueError) as e:
            plot(entry, sample=0, labels=words)  # no padding: one count is right
        assert str(e.value) == (
            "`labels` must give a label to each of the 5 steps of sequence 0, got 7."
        )
        with pytest.raises(ValueError) as e:
            plot(entry, sample=1, labels=words[:4])  # neither 3 nor 5
        assert str(e.value).endswith("(or to each of the batch's 5 padded steps), got 4.")
    fig = plot_gates(entry, sample=1, gates="f", labels=["I", "liked", "it", "<pad>", "<pad>"])
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["I", "liked", "it"]
    fig = plot_gates(entry, sample=1, gates="f", labels=["I", "liked", "it"])
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["I", "liked", "it"]


def test_readme_prints_no_rounding_digits_for_conservation() -> None:
    """The README printed `tensor([-2.3592e-16,  5.5511e-17])`, digits another CPU does not
    give; it prints whether what is left is below 1e-12 (tests/test_readme.py runs both blocks
    and compares every line)."""
    text = _README.read_text("utf-8")
    assert not re.findall(r"-?\d\.\d{4}e-1[3-9]", text)
    assert text.count("print(ex.residual.abs().max() < 1e-12)") == 2
    assert text.count("\ntensor(True)\n") == 2


def test_a_grus_gates_with_an_array_among_them_are_refused_by_name() -> None:
    """`gates=["f", np.array([1, 2])]` on a GRU's trace met numpy's "The truth value of an
    array with more than one element is ambiguous" (xp17's hint compared each name with it)."""
    entry = _padded_trace("gru")
    with pytest.raises(ValueError) as e:
        plot_gates(entry, gates=["f", np.array([1, 2])])
    assert str(e.value) == (
        "`gates` must name one or more gates of the trace (['r', 'z', 'n', 'h']), got ['f', "
        "array([1, 2])]; not in the trace: ['f', array([1, 2])]; 'f' (forget gate) belongs to "
        "an LSTM, not to a GRU: its update gate 'z' keeps h_{t-1} where an LSTM's forget gate "
        "keeps c_{t-1}."
    )
    with pytest.raises(ValueError) as e:
        plot_gates(entry, gates=[np.array([1, 2])])
    assert str(e.value) == (
        "`gates` must name one or more gates of the trace (['r', 'z', 'n', 'h']), got "
        "[array([1, 2])]."
    )


def test_the_other_cells_gate_is_told_the_gate_that_does_its_part() -> None:
    """A GRU's trace asked for 'g' (the candidate) or 'o' was told of the update gate keeping
    h_{t-1}, the forget gate's part, not of 'n' or of a GRU having no output gate; an LSTM's
    asked for 'n' or 'r' likewise of its forget gate."""
    gru, lstm = _padded_trace("gru"), _padded_trace("lstm")
    with pytest.raises(KeyError) as e:
        gru["g"]
    assert e.value.args[0] == (
        "no gate 'g' in this trace; it holds 'r' (reset gate), 'z' (update gate), 'n' (new "
        "gate), 'h' (hidden state); 'g' (candidate) belongs to an LSTM, not to a GRU: its new "
        "gate 'n' is what an LSTM's candidate 'g' is"
    )
    with pytest.raises(ValueError) as e:
        plot_gates(gru, gates=["o", "i"])
    assert str(e.value) == (
        "`gates` must name one or more gates of the trace (['r', 'z', 'n', 'h']), got ['o', "
        "'i']; not in the trace: ['o', 'i']; 'i' (input gate), 'o' (output gate) belong to an "
        "LSTM, not to a GRU: 1 - 'z' weighs its new gate 'n' where an LSTM's input gate weighs "
        "'g' and it has no output gate ('h' is its output)."
    )
    with pytest.raises(ValueError) as e:
        plot_gates(lstm, gates=["r", "n"])
    assert str(e.value) == (
        "`gates` must name one or more gates of the trace (['i', 'f', 'g', 'o', 'c', 'h']), got "
        "['r', 'n']; not in the trace: ['r', 'n']; 'r' (reset gate), 'n' (new gate) belong to "
        "a GRU, not to an LSTM: it has no reset gate (h_{t-1} enters its gates whole) and its "
        "candidate 'g' is what a GRU's new gate 'n' is."
    )


def test_lstmkit_forecast_given_a_file_says_to_read_it_with_csv(tmp_path, monkeypatch, capsys):
    """`lstmkit forecast my sales.csv` (a file in the folder) was told "unknown dataset ...;
    the bundled ones are ..., or pass --csv FILE", not that it names a file to pass so."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my sales.csv").write_text("date,value\n2020-01-01,1\n", "utf-8")
    assert main(["forecast", "my sales.csv"]) == 2
    assert capsys.readouterr().err == (
        "error: unknown dataset 'my sales.csv', which is a file here: read it with --csv "
        "'my sales.csv' (the bundled datasets are airline, car_sales, milk, wine, `lstmkit "
        "datasets`).\n"
    )
    assert main(["forecast", "airline_passengers.csv"]) == 2
    assert capsys.readouterr().err.startswith(  # no such file here: the guess
        "error: unknown dataset 'airline_passengers.csv' (did you mean 'airline'?); the bundled "
    )


def test_explain_forecast_says_why_a_step_is_out_of_range() -> None:
    """xp17 told lrp's out-of-range `target` how many outputs there are and that -1 is no
    index from the end; explain_forecast's `step` (a recursive model's step 1, a direct one's
    -1) was still told "[0, 1), got 1." alone, where `lstmkit explain --step` says why."""
    import pandas as pd

    from lstmkit.explain import explain_forecast
    from lstmkit.forecast import Forecaster, ForecasterConfig

    sales = pd.Series(
        np.sin(np.arange(30) / 3), index=pd.date_range("2020-01-06", periods=30, freq="W-MON")
    )
    tiny = {"lookback": 4, "hidden_size": 3, "epochs": 1, "ensemble": 1, "seed": 0}
    direct = Forecaster(ForecasterConfig(horizon=3, **tiny)).fit(sales)
    with pytest.raises(ValueError) as e:
        explain_forecast(direct, step=-1)
    assert str(e.value) == (
        "`step` must be an integer in [0, 3) (the forecaster's horizon is 3, step 0 the next one; "
        "a negative step does not count from the end), got -1."
    )
    recursive = Forecaster(ForecasterConfig(horizon=3, strategy="recursive", **tiny)).fit(sales)
    with pytest.raises(ValueError) as e:
        explain_forecast(recursive, step=2)
    assert str(e.value) == (
        "`step` must be an integer in [0, 1) (the forecaster's strategy is 'recursive': its "
        "network forecasts one step ahead, later steps feeding its forecasts back in), got 2."
    )
    assert explain_forecast(direct, step=2, method="random").step == 2


def test_a_predictors_negative_target_is_told_it_does_not_count_from_the_end() -> None:
    """`predictor.explain(text, target=-1)` (the last class, in Python) was told the range
    and the labels alone, where lrp's `target` (xp17) says a negative index is no index from
    the end."""
    from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary

    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film"])
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))
    with pytest.raises(ValueError) as e:
        predictor.explain("a good film", target=-1)
    assert str(e.value) == (
        "`target` must be a class index in [0, 2) or one of the labels ('neg', 'pos') (a "
        "negative index does not count from the end), got -1."
    )
    assert [t for t, _ in predictor.explain("a good film", target=1)] == ["a", "good", "film"]
