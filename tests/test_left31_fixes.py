"""Fixes of helper left31 (library leftovers): each test fails without its fix."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main

# ---- 1. a device's out-of-memory error names the step of every text command and explain -------

OOM = "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.10 GiB."


def _out_of_memory(*args, **kwargs):
    raise torch.OutOfMemoryError(OOM)


def _said(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1, err  # one line, no traceback
    return err


def _line(doing: str, remedy: str) -> str:
    return (
        f"error: --device cuda ran out of memory {doing} (torch could not allocate 2.00 GiB "
        f"more); {remedy}run on --device cpu.\n"
    )


@pytest.fixture
def on_cpu_said_cuda(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--device cuda` given, each text command's training run on the CPU: the step patched
    then raises torch's out-of-memory error as a GPU's would."""
    from lstmkit import _device
    from lstmkit.cli import text

    monkeypatch.setattr(_device, "check_device", lambda device: None)
    configured = text._config_from_args
    monkeypatch.setattr(
        text, "_config_from_args", lambda *a, **k: replace(configured(*a, **k), device="cpu")
    )


@pytest.fixture
def labelled_csv(tmp_path: Path) -> Path:
    rows = [f"film {k} was {w},{label}" for k in range(10) for w, label in (("great", "up"),)]
    rows += [f"film {k} was awful,down" for k in range(10)]
    path = tmp_path / "films.csv"
    path.write_text("text,label\n" + "\n".join(rows) + "\n")
    return path


TRAIN = ["--hidden-size", "4", "--embed-dim", "4", "--batch-size", "4", "--epochs", "1"]


@pytest.mark.parametrize(
    ("where", "step", "doing"),
    [
        ("sentiment", "_new_member", "moving member 1/1's network to it"),
        ("sentiment", "_fit_classifier", "training member 1/1"),
        ("sentiment", "confusion_matrix", "measuring the model on the test set"),
    ],
)
def test_text_train_names_the_step_that_ran_out_of_a_gpus_memory(
    on_cpu_said_cuda, labelled_csv, monkeypatch, capsys, tmp_path, where, step, doing
) -> None:
    # was "--device cuda ran out of memory (torch could not ...)": no step
    from lstmkit.text import sentiment

    monkeypatch.setattr(sentiment, step, _out_of_memory)
    argv = ["text", "train", "--csv", str(labelled_csv), "--text-col", "text"]
    argv += ["--label-col", "label", *TRAIN, "--device", "cuda", "--out", str(tmp_path / "m")]
    assert main(argv) == 2
    remedy = "lower --hidden-size, --embed-dim or --batch-size, or "
    if doing.startswith(("moving", "measuring")):  # no batch of --batch-size's then
        remedy = "lower --hidden-size or --embed-dim, or "
    assert _said(capsys) == _line(doing, remedy)
    assert not (tmp_path / "m").exists()


def test_text_trains_ensemble_says_ensemble_only_past_its_first_member(
    on_cpu_said_cuda, labelled_csv, monkeypatch, capsys, tmp_path
) -> None:
    # members train one after the other: while member 1/2 trains no other is on the device,
    # and "lower ... or --ensemble" was said of it (as of forecast's "training member 1/2")
    from lstmkit.text import sentiment

    fit, calls = sentiment._fit_classifier, []

    def second_runs_out(*args, **kwargs):
        calls.append(1)
        return (_out_of_memory if len(calls) == 2 else fit)(*args, **kwargs)

    argv = ["text", "train", "--csv", str(labelled_csv), "--text-col", "text", "--label-col"]
    argv += ["label", *TRAIN, "--ensemble", "2", "--device", "cuda", "--out", str(tmp_path / "m")]
    monkeypatch.setattr(sentiment, "_fit_classifier", _out_of_memory)
    assert main(argv) == 2
    remedy = "lower --hidden-size, --embed-dim or --batch-size, or "
    assert _said(capsys) == _line("training member 1/2", remedy)
    monkeypatch.setattr(sentiment, "_fit_classifier", second_runs_out)
    assert main(argv) == 2
    remedy = "lower --hidden-size, --embed-dim, --batch-size or --ensemble, or "
    assert _said(capsys) == _line("training member 2/2", remedy)
    assert not (tmp_path / "m").exists()


def _never_moved(tensor: torch.Tensor) -> torch.Tensor:
    return tensor


@pytest.mark.parametrize(
    ("step", "doing"),
    [
        ("streams", "moving the training text to it"),
        ("CharLM.to", "moving the network to it"),
        ("_detach", "training the network"),
    ],
)
def test_text_train_lm_names_the_step_that_ran_out_of_a_gpus_memory(
    on_cpu_said_cuda, monkeypatch, capsys, tmp_path, step, doing
) -> None:
    from lstmkit.text import charlm

    owner, name = (charlm.CharLM, "to") if step == "CharLM.to" else (charlm, step)
    monkeypatch.setattr(owner, name, _out_of_memory)
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("abcd\n" * 40)
    argv = ["text", "train-lm", "--file", str(corpus), "--embed-dim", "4", "--hidden-size", "8"]
    argv += ["--batch-size", "2", "--bptt", "8", "--max-steps", "2", "--eval-every", "2"]
    assert main([*argv, "--device", "cuda", "--out", str(tmp_path / "lm")]) == 2
    remedy = "lower --hidden-size, --embed-dim, --num-layers, --bptt or --batch-size, or "
    if doing == "moving the training text to it":  # alone on the device, no flag shrinks it
        remedy = ""
    elif doing.startswith("moving"):  # no batch is on the device then
        remedy = "lower --hidden-size, --embed-dim or --num-layers, or "
    assert _said(capsys) == _line(doing, remedy)
    assert not (tmp_path / "lm").exists()


@pytest.mark.parametrize(
    ("step", "doing"),
    [
        ("Seq2Seq.to", "moving the network to it"),
        ("_fit_seq2seq", "training the network"),
        ("beam_decode", "decoding the test numbers"),
        ("sequence_accuracy", "decoding the training numbers"),
    ],
)
def test_text_train_seq2seq_names_the_step_that_ran_out_of_a_gpus_memory(
    on_cpu_said_cuda, monkeypatch, capsys, tmp_path, step, doing
) -> None:
    from lstmkit.text import seq2seq

    owner, name = (seq2seq.Seq2Seq, "to") if step == "Seq2Seq.to" else (seq2seq, step)
    monkeypatch.setattr(owner, name, _out_of_memory)
    argv = ["text", "train-seq2seq", "numbers", "--max-digits", "2", "--train-size", "40"]
    argv += ["--test-size", "6", "--embed-dim", "4", "--hidden-size", "6", "--epochs", "1"]
    argv += ["--num-layers", "1", "--batch-size", "8", "--device", "cuda"]
    assert main([*argv, "--out", str(tmp_path / "s2s")]) == 2
    remedy = "lower --hidden-size, --embed-dim or --batch-size, or "
    if doing.startswith(("moving", "decoding")):  # no batch of --batch-size's then
        remedy = "lower --hidden-size or --embed-dim, or "
    assert _said(capsys) == _line(doing, remedy)
    assert not (tmp_path / "s2s").exists()


@pytest.fixture
def loaded_on_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--device cuda` given, each saved model loaded on the CPU: the step patched then raises
    torch's out-of-memory error as a GPU's would."""
    from lstmkit import _device
    from lstmkit.forecast import Forecaster
    from lstmkit.text import charlm, seq2seq
    from lstmkit.text.sentiment import SentimentPredictor

    monkeypatch.setattr(_device, "check_device", lambda device: None)
    for cls in (SentimentPredictor, Forecaster):
        load = cls.load.__func__
        on_cpu = classmethod(lambda c, path, device="cpu", _load=load, **k: _load(c, path, **k))
        monkeypatch.setattr(cls, "load", on_cpu)
    for module, name in ((charlm, "load_charlm"), (seq2seq, "load_seq2seq")):
        load = getattr(module, name)
        monkeypatch.setattr(module, name, lambda path, device="cpu", _load=load: _load(path))


@pytest.mark.parametrize(
    ("step", "doing"),
    [
        ("load", "moving the model to it"),
        ("_predicted", "classifying the sentences"),
        ("_relevance", "explaining the sentences"),
    ],
)
def test_text_predict_names_the_step_that_ran_out_of_a_gpus_memory(
    loaded_on_cpu, clf_dir, monkeypatch, capsys, step, doing
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    patched = classmethod(_out_of_memory) if step == "load" else _out_of_memory
    monkeypatch.setattr(SentimentPredictor, step, patched)
    argv = ["text", "predict", str(clf_dir), "film 1 was great", "--explain", "--device", "cuda"]
    assert main(argv) == 2
    assert _said(capsys) == _line(doing, "")  # no flag of predict lowers its memory


@pytest.mark.parametrize(
    ("step", "doing"), [("load_charlm", "moving the model to it"), ("generate", "generating text")]
)
def test_text_generate_names_the_step_that_ran_out_of_a_gpus_memory(
    loaded_on_cpu, lm_dir, monkeypatch, capsys, step, doing
) -> None:
    from lstmkit.text import charlm

    monkeypatch.setattr(charlm, step, _out_of_memory)
    assert main(["text", "generate", str(lm_dir), "--seed", "1", "--device", "cuda"]) == 2
    assert _said(capsys) == _line(doing, "")


@pytest.mark.parametrize(
    ("step", "doing"),
    [("load_seq2seq", "moving the model to it"), ("_spelt", "decoding the number")],
)
def test_text_spell_names_the_step_that_ran_out_of_a_gpus_memory(
    loaded_on_cpu, s2s_dir, monkeypatch, capsys, step, doing
) -> None:
    from lstmkit.text import seq2seq

    monkeypatch.setattr(seq2seq, step, _out_of_memory)
    assert main(["text", "spell", str(s2s_dir), "42", "--device", "cuda"]) == 2
    assert _said(capsys) == _line(doing, "")


@pytest.mark.parametrize(
    ("model", "step", "doing"),
    [
        ("clf_dir", "SentimentPredictor.load", "moving the model to it"),
        ("clf_dir", "_explain_sentences", "explaining the sentences"),
        ("fc_dir", "explain_forecast", "explaining the forecast"),
    ],
)
def test_explain_names_the_step_that_ran_out_of_a_gpus_memory(
    loaded_on_cpu, request, monkeypatch, capsys, tmp_path, model, step, doing
) -> None:
    from lstmkit.cli import explain
    from lstmkit.explain import forecast
    from lstmkit.text.sentiment import SentimentPredictor

    if step == "SentimentPredictor.load":
        monkeypatch.setattr(SentimentPredictor, "load", classmethod(_out_of_memory))
    else:
        monkeypatch.setattr(
            forecast if step == "explain_forecast" else explain, step, _out_of_memory
        )
    argv = ["explain", str(request.getfixturevalue(model)), "--device", "cuda"]
    argv += ["--text", "film 1 was great"] if model == "clf_dir" else []
    assert main([*argv, "--out", str(tmp_path / "ex")]) == 2
    assert _said(capsys) == _line(doing, "")
    assert not (tmp_path / "ex").exists()


@pytest.mark.parametrize(
    ("doing", "ensemble", "jobs", "remedy"),
    [
        # the first member alone on the device: fewer members would not help
        ("training member 1/3", 3, 1, "lower --hidden-size or --batch-size, or "),
        (
            "moving member 1/3's refit network to it",
            3,
            1,
            "lower --hidden-size, or ",  # the weights alone, no batch, are moved
        ),
        ("training member 3/3", 3, 1, "lower --hidden-size, --batch-size or --ensemble, or "),
        # one window at a time: no batch of --batch-size's
        ("forecasting", 3, 1, "lower --hidden-size or --ensemble, or "),
        # members trained at the same time: fewer of them, or fewer at a time, would help
        (
            "training member 1/3",
            3,
            2,
            "lower --hidden-size, --batch-size, --ensemble or --jobs, or ",
        ),
        # --jobs 4 of one member trains it alone
        ("training member 1/1", 1, 4, "lower --hidden-size or --batch-size, or "),
    ],
)
def test_a_gpus_out_of_memory_suggests_only_flags_that_would_help(
    doing, ensemble, jobs, remedy
) -> None:
    import argparse

    from lstmkit.cli import _out_of_device_memory

    err = torch.OutOfMemoryError(OOM)
    err.lstmkit_doing = doing  # as lstmkit._device.doing names the step
    args = argparse.Namespace(
        device="cuda", hidden_size=32, num_layers=1, batch_size=16, ensemble=ensemble, jobs=jobs
    )
    assert _out_of_device_memory(err, args) == (
        f"--device cuda ran out of memory {doing} (torch could not allocate 2.00 GiB more); "
        f"{remedy}run on --device cpu."
    )


# ---- 3. number-like text refused by fit, predict, backtest and the baselines, as by the metrics --

TEXT = [str(float(v)) for v in range(40)]  # '0.0', '1.0', ...


def _refusal(call) -> str:
    with pytest.raises(ValueError) as caught:
        call()
    return str(caught.value)


def test_fit_predict_backtest_and_the_baselines_refuse_number_like_text_as_the_metrics_do() -> None:
    # fit and the baselines read '1', '2' as numbers, where rmse refused them
    import numpy as np
    import pandas as pd

    from lstmkit import baselines, metrics
    from lstmkit.forecast import Forecaster

    def fc() -> Forecaster:
        return Forecaster(epochs=1, horizon=2, lookback=4, ensemble=1, interval=None)

    series = pd.Series(TEXT)
    said = "`series` must hold numbers, got text (first '0.0'); convert it first: "
    assert _refusal(lambda: fc().fit(series)) == said + "pd.to_numeric(series)."
    assert _refusal(lambda: fc().fit(np.array(TEXT))) == said + "pd.to_numeric(series)."
    table = pd.DataFrame({"y": np.arange(40.0), "x": TEXT})
    assert _refusal(lambda: fc().fit(table)) == said + "series.apply(pd.to_numeric)."
    fitted = fc().fit(np.arange(40.0))
    assert _refusal(lambda: fitted.predict(series=series)) == said + "pd.to_numeric(series)."
    backtest = lambda: fc().backtest(series, start=30, statistical_baselines=False)  # noqa: E731
    assert _refusal(backtest) == said + "pd.to_numeric(series)."
    covariates = pd.DataFrame({"c": TEXT})
    assert _refusal(lambda: fc().fit(np.arange(40.0), covariates=covariates)) == (
        "`covariates` must hold numbers, got text (first '0.0'); convert it first: "
        "covariates.apply(pd.to_numeric)."
    )
    y = "`y` must hold numbers, got text (first '0.0'); convert it first: pd.to_numeric(y)."
    # the rule they follow
    assert _refusal(lambda: metrics.rmse(TEXT, np.arange(40.0))) == y.replace("y", "y_true")
    assert _refusal(lambda: baselines.naive(TEXT, 2)) == y
    assert _refusal(lambda: baselines.seasonal_naive(series, 2, 12)) == y
    assert _refusal(lambda: baselines.baseline_forecasts(TEXT, 2, 1, statistical=False)) == y
    # converted as told, each runs
    assert baselines.naive(pd.to_numeric(series), 2).tolist() == [39.0, 39.0]
    assert len(fc().fit(pd.to_numeric(series)).predict()) == 2


def test_text_read_as_booleans_is_still_read(tmp_path: Path) -> None:
    # 'True'/'false' are no number-like text: a covariate of them is read as 1 and 0
    import pandas as pd

    from lstmkit import data as D

    frame = pd.DataFrame({"y": [1.0, 2.0, 3.0], "flag": ["True", "false", "TRUE"]})
    read = D.to_frame(frame)
    assert read["flag"].tolist() == [1.0, 0.0, 1.0] and read.attrs["booleans"] == ["flag"]


def test_the_cli_still_reads_its_csv_text_as_numbers(capsys, tmp_path: Path) -> None:
    # the CLI reads the file's text itself (here with --decimal ,), then hands numbers on
    import json

    months = [f"{1990 + k // 12}-{k % 12 + 1:02d}-01" for k in range(48)]
    path = tmp_path / "sales.csv"
    path.write_text("month;y\n" + "".join(f"{m};{10 + k % 12},5\n" for k, m in enumerate(months)))
    argv = ["forecast", "--csv", str(path), "--sep", ";", "--decimal", ",", "--date-col", "month"]
    argv += ["--value-col", "y", "--epochs", "1", "--ensemble", "1", "--horizon", "2"]
    assert main([*argv, "--no-stat-baselines", "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    # the last two months, 20.5 and 21.5, forecast 19.5 by the naive: off by 1 and 2
    assert said["metrics"]["naive"]["mae"] == 1.5


# ---- 4. a time given as bytes, periods of mixed frequencies, a date beside a missing label -------

BACKTEST = (
    "`start` must be a position in 1..141 (or -143..-3 from the end), or one of the series' "
    "times from 1949-02-01 to 1960-10-01 (the first step it forecasts), leaving a whole "
    "horizon (3) of the 144 points after it, got "
)


@pytest.mark.parametrize(
    ("start", "hint"),
    [
        (b"1958-01-01", " (a time as bytes: pass it as text, start='1958-01-01')."),
        (
            b"1958-01-15",
            " (a time as bytes, which as text, '1958-01-15', is refused too); 1958-01-15 is none "
            "of the series' times: it falls between 1958-01-01 and 1958-02-01.",
        ),
        (b"1940-01-01", " (a time as bytes, which as text, '1940-01-01', is refused too)."),
    ],
)
def test_a_backtests_start_of_bytes_on_dated_data_is_told_its_text(start, hint) -> None:
    # b"1958-01-01" was told nothing, where its text is the first origin
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster

    fc = Forecaster(epochs=1, ensemble=1, horizon=3)
    series = load_dataset("airline")
    said = _refusal(lambda: fc.backtest(series, start=start, statistical_baselines=False))
    assert said == f"{BACKTEST}{start!r}{hint}"


def test_an_index_of_periods_of_mixed_frequencies_is_told_a_conversion_that_runs() -> None:
    # was "convert it first: series.index = pd.PeriodIndex(series.index)", which raises
    # "Input has different freq=Q-DEC from PeriodIndex(freq=M)"
    import pandas as pd

    from lstmkit import data as D

    periods = [pd.Period("2020-01", "M"), pd.Period("2020Q2", "Q"), pd.Period("2020-07", "M")]
    series = pd.Series([1.0, 2.0, 3.0], index=pd.Index(periods, dtype=object))
    said = _refusal(lambda: D.to_frame(series))
    fix = "pd.DatetimeIndex([p.start_time for p in series.index])"
    assert said.endswith(
        f"convert it first: series.index = {fix} (they mix the frequencies M and Q-DEC, which no "
        "PeriodIndex holds: each read as the time it starts)."
    )
    series.index = eval(fix, {"pd": pd, "series": series})  # the advice runs
    assert series.index.tolist() == [pd.Timestamp(d) for d in ("2020-01", "2020-04", "2020-07")]
    with_nat = pd.Series([1.0, 2.0, 3.0, 4.0], index=pd.Index([*periods, pd.NaT], dtype=object))
    fix = "pd.DatetimeIndex([pd.NaT if p is pd.NaT else p.start_time for p in series.index])"
    assert f"series.index = {fix} (they mix" in _refusal(lambda: D.to_frame(with_nat))
    assert eval(fix, {"pd": pd, "series": with_nat}).isna().tolist() == [False] * 3 + [True]
    # one frequency: PeriodIndex, as before
    one = pd.Series([1.0, 2.0], index=pd.Index(periods[::2], dtype=object))
    assert _refusal(lambda: D.to_frame(one)).endswith("= pd.PeriodIndex(series.index).")


@pytest.mark.parametrize(
    ("labels", "shown", "at"),
    [
        (["2020-01-01", None], "strings ('2020-01-01')", 1),
        ([None, "2020-01-01"], "strings ('2020-01-01')", 0),
        (["2020-01-01", ""], "strings ('2020-01-01')", 1),
    ],
)
def test_future_index_refuses_a_date_beside_a_missing_label(labels, shown, at) -> None:
    # two labels, a date and None, went on as the positions 2, 3 without a word
    import pandas as pd

    from lstmkit.data import future_index

    assert _refusal(lambda: future_index(pd.Index(labels), 2)) == (
        f"`index` must be a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates as "
        f"{shown} with no date at position {at} (empty), whose steps have no calendar; give it "
        "its date, or drop that row, then convert it: pd.to_datetime(index), or "
        "pd.read_csv(..., index_col=..., parse_dates=True)."
    )
    # labels with no date among them are positions, as before
    assert future_index(pd.Index(["a", None]), 2).tolist() == [2, 3]


# ---- 5. rules.stabilize refuses the eps that epsilon_rule refuses ----------------------------


@pytest.mark.parametrize(
    ("eps", "kind", "said"),
    [
        (0, ValueError, "`eps` must be a positive finite number, got 0."),
        (float("nan"), ValueError, "`eps` must be a positive finite number, got nan."),
        (-1e-3, ValueError, "`eps` must be a positive finite number, got -0.001."),
        ("1e-3", TypeError, "`eps` must be a real number, got str '1e-3' (a number, not text: "),
    ],
)
def test_stabilize_refuses_an_eps_epsilon_rule_refuses(eps, kind, said) -> None:
    # stabilize(z, 0) gave z back: a unit of 0 was then divided by (inf, NaN relevance)
    from lstmkit.explain.rules import epsilon_rule, stabilize

    z = torch.tensor([[0.0, -2.0]])
    with pytest.raises(kind) as caught:
        stabilize(z, eps)
    assert str(caught.value).startswith(said)
    with pytest.raises(kind) as rule:
        epsilon_rule([(torch.ones(1, 1), torch.ones(2, 1))], z, torch.ones(1, 2), eps=eps)
    assert str(rule.value) == str(caught.value)  # the one wording
    assert stabilize(z, 0.5).tolist() == [[0.5, -2.5]]
