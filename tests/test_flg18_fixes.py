"""flg18: every decimal flag in one shape (as --dropout's), every flag problem said at once,
the text configs in the forecaster config's words, read_csv's decimal given told as given, and
the device advice of fit and TrainConfig showing the device passed."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

POSITIVE = "must be a positive finite number, got"


@pytest.mark.parametrize(
    ("command", "flags", "said"),
    [
        (
            ["train", "sst2"],
            ["--lr", "1e-3x", "--weight-decay", "1,5", "--clip", "0", "--minutes", "20%"],
            f"--lr {POSITIVE} '1e-3x'. --weight-decay must be a finite number >= 0, got '1,5' "
            f"(a decimal point: 1.5). --clip {POSITIVE} 0. --minutes {POSITIVE} '20%' (a "
            "percentage is no number here).",
        ),
        (
            ["train-lm", "shakespeare"],
            ["--val-fraction", "0,1", "--lr", "nan", "--dropout", "1.5"],
            # cli21: in command-line order
            "--val-fraction must be a number in (0, 1), got '0,1' (a decimal point: 0.1). "
            f"--lr {POSITIVE} nan (not a number). --dropout must be a number in [0, 1), got "
            "1.5.",
        ),
        (
            ["train-seq2seq", "numbers"],
            ["--minutes", "inf", "--clip=-1%", "--epochs", "0"],
            f"--minutes {POSITIVE} inf. --clip {POSITIVE} '-1%' (a percentage is no number "
            "here). --epochs must be a positive integer, got 0.",
        ),
    ],
)
def test_text_training_decimal_flags_are_refused_in_one_shape_all_at_once(
    interval_refusal, tmp_path: Path, command: list[str], flags: list[str], said: str
) -> None:
    """--lr 1e-3x, --clip 1,5, --minutes 20% were argparse's "argument --lr: invalid float
    value: '1e-3x'" (one at a time, hiding the other flags' problems), --clip 0 the config's
    "--clip must be a finite number > 0, got 0.0": now each as --dropout is refused, every
    problem at once, exit 2, --out not made."""
    out = tmp_path / "out"
    err = interval_refusal(["text", *command, "--out", str(out), *flags])
    assert err == f"error: {said}\n"
    assert not out.exists()


def test_lrp_and_sampling_decimal_flags_are_refused_in_one_shape(
    interval_refusal, tmp_path: Path
) -> None:
    """--eps x, --bias-factor 1,5 and --temperature 1,5 were argparse's "invalid float value";
    --eps 0 with --bias-factor 2 said the --eps alone ("--eps must be positive and finite, got
    0.0."). Now both at once, in the one shape, before any model is read."""
    model, out = tmp_path / "none", tmp_path / "out"
    bias = "--bias-factor must be a number in [0, 1] (0: biases keep their share, 1: exact "
    lrp = ["--eps", "x", "--bias-factor", "2"]
    err = interval_refusal(["explain", str(model), "--text", "a film", "--out", str(out), *lrp])
    assert err == f"error: --eps {POSITIVE} 'x'. {bias}conservation), got 2.\n"
    assert not out.exists()
    lrp = ["--explain", "--eps", "0", "--bias-factor", "1,5"]
    err = interval_refusal(["text", "predict", str(model), "a film", *lrp])
    assert err == f"error: --eps {POSITIVE} 0. {bias}conservation), got '1,5' (a decimal point).\n"
    err = interval_refusal(["text", "generate", str(model), "--temperature", "1,5"])
    assert err == (
        "error: --temperature must be a finite number >= 0 (0: greedy), got '1,5' (a decimal "
        "point: 1.5).\n"
    )


def test_lstmkit_forecast_says_every_flag_problem_at_once(interval_refusal, tmp_path) -> None:
    """--lr 1e-3x was argparse's "invalid float value", --lr -1 "got -1.0"; --dropout 1.5
    --lr -1 said the --dropout alone, --horizon 0 said itself alone before the others. Now
    every flag's problem at once (the config's too), each decimal in the one shape."""
    out = tmp_path / "out"
    argv = ["forecast", "airline", "--out", str(out)]
    for flags, said in [
        (["--lr", "1e-3x"], f"--lr {POSITIVE} '1e-3x'."),
        # msg19: no learning rate of 0.2
        (["--lr", "20%"], f"--lr {POSITIVE} '20%' (a percentage is no number here)."),
        (
            ["--weight-decay", "1,5"],
            "--weight-decay must be a finite number >= 0, got '1,5' (a decimal point: 1.5).",
        ),
        (
            ["--dropout", "1.5", "--lr", "-1"],
            f"--dropout must be a number in [0, 1), got 1.5. --lr {POSITIVE} -1.",
        ),
        (
            ["--horizon", "0", "--lr", "nan", "--interval", "95%", "--num-layers", "0"],
            # cli21: the flags' own refusals in command-line order, the config's after them
            f"--horizon must be a positive integer, got 0. --lr {POSITIVE} nan (not a number). "
            "--interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
            "got '95%' (a fraction: 0.95 for 95 %). --num-layers must be a positive integer, "
            "got 0.",
        ),
    ]:
        assert interval_refusal(argv + flags) == f"error: {said}\n", flags
    assert not out.exists()


def test_text_configs_say_the_forecaster_configs_words() -> None:
    """The text configs said "`dropout` must be in [0, 1)" and "`lr` must be a finite number >
    0" where ForecasterConfig says "must be a number in [0, 1)" and "must be a positive finite
    number": now one wording, the fuller one, in the text modules too."""
    from lstmkit.forecast import ForecasterConfig
    from lstmkit.text import CharLMConfig, SentimentConfig, Seq2SeqConfig
    from lstmkit.text.charlm import CharLM
    from lstmkit.text.classifier import TextClassifier

    for make, said in [
        (
            lambda: ForecasterConfig(dropout=1.5, lr=0, num_layers=2),
            f"`dropout` must be a number in [0, 1), got 1.5. `lr` {POSITIVE} 0.",
        ),
        (
            lambda: SentimentConfig(dropout=1.5, lr=0, ema=1.0, clip=float("inf")),
            "`dropout` must be a number in [0, 1), got 1.5. `ema` must be a number in [0, 1), "
            f"got 1.0. `lr` {POSITIVE} 0. `clip` {POSITIVE} inf.",
        ),
        (
            lambda: CharLMConfig(val_fraction=1.0, minutes=-1),
            f"`minutes` {POSITIVE} -1. `val_fraction` must be a number in (0, 1), got 1.0.",
        ),
        (
            lambda: Seq2SeqConfig(dropout=-0.1),
            "`dropout` must be a number in [0, 1), got -0.1.",
        ),
        (
            lambda: TextClassifier(10, 4, 4, 2, dropout=1.0),
            "`dropout` must be a number in [0, 1), got 1.0.",
        ),
        (lambda: CharLM(10, dropout=1.0), "`dropout` must be a number in [0, 1), got 1.0."),
    ]:
        with pytest.raises(ValueError) as caught:
            make()
        assert str(caught.value) == said


def test_read_csv_tells_decimal_and_thousands_given_as_both_given(tmp_path: Path) -> None:
    """read_csv(decimal=".", thousands=".") was told "'.' is `decimal`'s default", of a
    `decimal` that was given; now that both were given as '.'. Left out, the default is still
    told."""
    from lstmkit import data

    csv = tmp_path / "sales.csv"
    csv.write_text("month,sales\n2020-01,1.099,25\n")
    with pytest.raises(ValueError) as caught:
        data.read_csv(csv, "month", "sales", decimal=".", thousands=".")
    assert str(caught.value) == (
        "`thousands` must differ from `decimal`, both were given as '.'; pass the file's "
        "decimal mark as `decimal`: decimal=',', thousands='.' for 1.099,25."
    )
    with pytest.raises(ValueError) as caught:
        data.read_csv(csv, "month", "sales", thousands=".")
    assert str(caught.value).startswith(
        "`thousands` must differ from `decimal`, got '.' for both ('.' is `decimal`'s default"
    )


def test_the_device_advice_shows_the_device_passed() -> None:
    """fit's and TrainConfig's refusal of a device always advised net.to('cuda'), also for
    device='mps' or 'cuda:1': now the device passed, as torch writes it ('cuda' still where
    none is named: Lightning's accelerator='gpu', its count devices=2)."""
    from lstmkit._checks import value_repr
    from lstmkit.train import TrainConfig, fit

    x = torch.zeros(2, 1)
    for word, value, shown in [
        ("device", "mps", "'mps'"),
        ("device", "cuda:1", "'cuda:1'"),
        ("device", torch.device("cuda", 1), "'cuda:1'"),
        ("device", "cpu", "'cpu'"),
        ("accelerator", "gpu", "'cuda'"),
        ("devices", 2, "'cuda'"),
    ]:
        advice = (
            f"takes no `{word}`, got {value_repr(value)}: fit trains where the model's "
            "parameters are and moves the batches there; move the model first "
            f"(net.to({shown})), or make its layers there (LSTM(1, 16, device={shown}))."
        )
        with pytest.raises(TypeError) as caught:
            TrainConfig(**{word: value})
        assert str(caught.value) == "TrainConfig() " + advice
        with pytest.raises(TypeError) as caught:
            fit(torch.nn.Linear(1, 1), lambda m, b: m(b[0]).sum(), (x, x), **{word: value})
        assert str(caught.value) == "fit() " + advice


def test_lstmkit_predict_says_its_horizon_and_interval_at_once(
    interval_refusal, tmp_path: Path, capsys, undrawn_figures
) -> None:
    """lstmkit predict --horizon 0 --interval 95% said the --horizon alone; now both at once,
    --out not made."""
    from lstmkit.cli import main

    run, out = tmp_path / "run", tmp_path / "out"
    fast = ["--epochs", "1", "--hidden-size", "4", "--ensemble", "1", "--holdout", "0"]
    fast += ["--no-stat-baselines"]
    assert main(["forecast", "airline", "--horizon", "3", *fast, "--out", str(run)]) == 0
    capsys.readouterr()
    err = interval_refusal(
        ["predict", str(run), "--horizon", "0", "--interval", "95%", "--out", str(out)]
    )
    assert err == (
        "error: --horizon must be a positive integer, got 0. --interval must be a number "
        "strictly between 0 and 1, e.g. 0.8, or 0 for none, got '95%' (a fraction: 0.95 for "
        "95 %).\n"
    )
    assert not out.exists()
