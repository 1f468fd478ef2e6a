"""revflg18: review of flg18 (every decimal flag in one shape). Python's `eps` and `lr`
refusals in the flags' words, --minutes told no fraction of 20 %, a value starting with '-'
that argparse read as a flag told how it is written."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

POSITIVE = "must be a positive finite number, got"


def test_python_eps_and_lr_are_refused_in_the_flags_words() -> None:
    """lrp(eps=0) said "`eps` must be positive and finite, got 0.0." and TrainConfig(lr=0)
    "`lr` must be a positive number", where --eps, --lr and the other configs say "must be a
    positive finite number": now one wording."""
    from lstmkit.explain.lrp import check_options
    from lstmkit.train import TrainConfig

    for eps, shown in [(0.0, "0.0"), (math.inf, "inf"), (-1, "-1")]:
        with pytest.raises(ValueError) as caught:
            check_options(eps, 0.0)
        assert str(caught.value) == f"`eps` {POSITIVE} {shown}."
    for lr, shown in [(0, "0"), (math.inf, "inf")]:
        with pytest.raises(ValueError) as caught:
            TrainConfig(lr=lr)
        assert str(caught.value) == f"`lr` {POSITIVE} {shown}."


def test_lrp_refuses_eps_zero_in_the_flags_words() -> None:
    """The public lrp(eps=0) says the one wording too (check_options is its check)."""
    from lstmkit.explain import lrp
    from lstmkit.nn import LSTM

    net = LSTM(1, 2, batch_first=True)
    with pytest.raises(ValueError) as caught:
        lrp(net, torch.zeros(1, 3, 1), eps=0)
    assert str(caught.value) == f"`eps` {POSITIVE} 0."


def test_minutes_in_percent_is_told_no_fraction(interval_refusal, tmp_path: Path) -> None:
    """lstmkit text train --minutes 20% was told "(a fraction: 0.2 for 20 %)": 0.2 minutes is
    no reading of 20 %. Now no number is told for it; --lr 20% beside it is told so too
    (msg19: it kept a fraction, 0.2), --minutes 1,5 its decimal point."""
    out = tmp_path / "out"
    flags = ["--minutes", "20%", "--lr", "20%"]
    err = interval_refusal(["text", "train", "sst2", "--out", str(out), *flags])
    assert err == (  # cli21: in command-line order
        f"error: --minutes {POSITIVE} '20%' (a percentage is no number here). --lr {POSITIVE} "
        "'20%' (a percentage is no number here).\n"
    )
    err = interval_refusal(["text", "train-lm", "shakespeare", "--out", str(out), "--minutes=1,5"])
    assert err == f"error: --minutes {POSITIVE} '1,5' (a decimal point: 1.5).\n"
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "flag", "value", "command"),
    [
        (["text", "train", "sst2"], "--clip", "-1%", "lstmkit text train"),
        (["forecast", "airline"], "--lr", "-1e-3x", "lstmkit forecast"),
        # cli21: -inf is a number (refused as such, tests/test_cli21_fixes.py); -1,5 is none
        (["text", "train-seq2seq", "numbers"], "--minutes", "-1,5", "lstmkit text train-seq2seq"),
    ],
)
def test_a_value_starting_with_a_dash_is_told_how_it_is_written(
    flags_refusal, tmp_path: Path, argv: list[str], flag: str, value: str, command: str
) -> None:
    """--clip -1% (-1,5, -1e-3x, -inf: no negative number to argparse) was argparse's bare
    "argument --clip: expected one argument", which read as if no value had been typed. Now
    how the value is written (--clip=-1%), which is then refused in the one shape."""
    out = tmp_path / "out"
    err = flags_refusal([*argv, "--out", str(out), flag, value])
    assert err == (
        f"error: argument {flag}: expected one argument (a value starting with '-' is written "
        f"{flag}={value}) (`{command} --help` lists the flags)\n"
    )
    assert not out.exists()


def test_a_flag_after_a_decimal_flag_is_not_told_as_its_value(flags_refusal, tmp_path) -> None:
    """--clip --foo and --clip alone are still argparse's words: --foo is no value."""
    out = tmp_path / "out"
    for tail in (["--clip", "--foo"], ["--clip"]):
        err = flags_refusal(["text", "train", "sst2", "--out", str(out), *tail])
        assert err == (
            "error: argument --clip: expected one argument (`lstmkit text train --help` lists "
            "the flags)\n"
        )


def test_the_charlm_benchmark_says_its_minutes_in_the_flags_shape(
    bench_script, capsys, monkeypatch
) -> None:
    """benchmarks/charlm_vs_transformer.py --minutes 0 said CharLMConfig's old "--minutes must
    be a finite number > 0, got 0.0." (its tour18 test failed once flg18 was merged beside it),
    --minutes 1e-3x argparse's "invalid float value", alone beside --seed -1. Now lstmkit's one
    shape, both at once, nothing trained."""
    script = bench_script("charlm_vs_transformer")
    monkeypatch.setattr(script, "load_shakespeare", lambda: pytest.fail("ran before refusing"))
    for argv, said in [
        (["--minutes", "0"], f"--minutes {POSITIVE} 0."),
        (
            ["--minutes", "1e-3x", "--seed", "-1"],
            f"--minutes {POSITIVE} '1e-3x'. --seed must be an integer in [0, "
            "9223372036854775807], got -1.",
        ),
    ]:
        with pytest.raises(SystemExit) as caught:
            script.main(argv)
        assert caught.value.code == 2
        assert capsys.readouterr().err.splitlines()[-1].endswith(f": error: {said}")


def test_every_config_says_its_problems_as_sentences(interval_refusal, tmp_path: Path) -> None:
    """ForecasterConfig and TrainConfig joined their problems with "; " where the text configs
    and the CLI's own flag problems write sentences ("got 1.5. --num-layers ...; --epochs ..."
    in one refusal of lstmkit forecast); their problems have "; " inside too ("acts between
    stacked layers; with `num_layers` 1 ..."). Now one way: sentences."""
    from lstmkit.forecast import ForecasterConfig
    from lstmkit.train import TrainConfig

    for make, said in [
        (
            lambda: ForecasterConfig(dropout=0.5, lr=0, epochs=0),
            "`epochs` must be a positive integer, got 0. `lr` must be a positive finite number, "
            "got 0. `dropout` (0.5) acts between stacked layers; with `num_layers` 1 it would do "
            "nothing, so set `num_layers` to 2 or more, or `dropout` to 0.",
        ),
        (
            lambda: TrainConfig(epochs=0, lr=-1),
            f"`epochs` must be a positive integer, got 0. `lr` {POSITIVE} -1.",
        ),
    ]:
        with pytest.raises(ValueError) as caught:
            make()
        assert str(caught.value) == said
    out = tmp_path / "out"
    flags = ["--dropout", "1.5", "--num-layers", "0", "--epochs", "0"]
    assert interval_refusal(["forecast", "airline", "--out", str(out), *flags]) == (
        "error: --dropout must be a number in [0, 1), got 1.5. --num-layers must be a positive "
        "integer, got 0. --epochs must be a positive integer, got 0.\n"
    )
