"""The command line's parser and help as a new user reads them (cli23; each test fails without
its fix)."""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Callable

import pytest

from lstmkit.cli import build_parser, main, number_or_text

# every command's words, for the parsers built in full
COMMANDS = [
    ["datasets"],
    ["forecast"],
    ["predict"],
    ["explain"],
    ["demo"],
    *(
        ["text", name]
        for name in ("train", "predict", "evaluate", "train-lm", "generate", "train-seq2seq")
    ),
    ["text", "spell"],
]


def _parser_of(words: list[str]) -> argparse.ArgumentParser:
    parser = build_parser(words)
    for name in words:
        (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    return parser


def _usage(capsys: pytest.CaptureFixture[str], words: list[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*words, "--help"])
    assert stop.value.code == 0
    return " ".join(capsys.readouterr().out.split())


# ---- 1. decimal flags name their value X, as the counts name theirs N -------------------------


def test_every_decimal_flag_shows_x_not_its_upper_cased_name() -> None:
    """--help showed `--lr LR`, `--dropout DROPOUT`, `--eps EPS`, `--minutes MINUTES`,
    `--weight-decay WEIGHT_DECAY`, `--bias-factor BIAS_FACTOR` beside `--epochs N`."""
    decimals = {}
    for words in COMMANDS:
        for action in _parser_of(words)._actions:
            if action.type is number_or_text:
                decimals[(*words, action.option_strings[-1])] = action.metavar
    assert ("forecast", "--lr") in decimals and ("text", "train", "--minutes") in decimals
    assert ("explain", "--eps") in decimals and ("text", "generate", "--temperature") in decimals
    assert set(decimals.values()) == {"X"}, decimals


def test_the_usage_lines_show_x(capsys: pytest.CaptureFixture[str]) -> None:
    forecast = _usage(capsys, ["forecast"])
    assert "[--dropout X] [--bidirectional]" in forecast
    assert "[--interval X] [--epochs N] [--lr X] [--val-size N]" in forecast
    assert "[--weight-decay X]" in forecast
    assert "[--horizon N] [--interval X] [--device DEVICE] [--out DIR]" in _usage(
        capsys, ["predict"]
    )
    assert "[--eps X] [--bias-factor X]" in _usage(capsys, ["explain"])
    assert "[--eps X] [--bias-factor X]" in _usage(capsys, ["text", "predict"])
    assert "--minutes X wall-clock budget for all training (default: 15.0)" in _usage(
        capsys, ["text", "train"]
    )
    assert "--temperature X divides the logits" in _usage(capsys, ["text", "generate"])


# ---- 2. `lstmkit text --help` says where to go next --------------------------------------------


def test_the_text_help_says_where_to_go_next(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lstmkit text --help` listed the six commands with no description and no way on, where
    `lstmkit --help` names each command's own --help and a first command to run."""
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as stop:
        main(["text", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "usage: lstmkit text [-h] [-v] COMMAND ...\n\n"
        "Train and use text models: a sentiment classifier (SST-2, SST-5 or your own\n"
        "labelled CSV), a character language model, and a sequence-to-sequence model\n"
        "that writes numbers in words.\n\n"
    )
    assert out.endswith(
        "\n\n`lstmkit text COMMAND --help` lists a text command's flags. To start: `lstmkit\n"
        "text train sst2 --out runs/sst2`, `lstmkit text predict runs/sst2 'a witty\n"
        "movie'`, `lstmkit text train-lm shakespeare --out runs/shakespeare`, `lstmkit\n"
        'text train-seq2seq numbers --out runs/numbers` (README.md: "Text").\n'
    )
    # `lstmkit text` alone prints the same help
    assert main(["text"]) == 0
    assert capsys.readouterr().out == out


def test_the_text_helps_first_commands_parse() -> None:
    """The commands the epilog gives are commands of this lstmkit (their words parse)."""
    for line in (
        "text train sst2 --out runs/sst2",
        "text predict runs/sst2 'a witty movie'",
        "text train-lm shakespeare --out runs/shakespeare",
        "text train-seq2seq numbers --out runs/numbers",
    ):
        words = shlex.split(line)
        assert callable(build_parser(words).parse_args(words).func)


# ---- 3. every flag of choices asks about a slip ------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["forecast", "airline", "--sep", "TAB"],
            "--sep must be one character (or 'tab'), got 'TAB' (did you mean 'tab'?).",
        ),
        (
            ["text", "train", "--csv", "r.csv", "--sep", "tabs", "--out", "m"],
            "--sep must be one character (or 'tab'), got 'tabs' (did you mean 'tab'?).",
        ),
        (
            ["forecast", "airline", "--decimal", ";;"],
            "--decimal must be one character, got ';;'.",
        ),
        # as `--readout Mean` is asked
        (
            ["text", "train", "sst2", "--out", "m", "--readout", "Mean"],
            "argument --readout: invalid choice: 'Mean' (choose from 'last', 'max', 'mean'); "
            "did you mean 'mean'? (`lstmkit text train --help` lists the flags)",
        ),
    ],
)
def test_a_slip_of_a_choice_gets_a_guess(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    assert flags_refusal(argv) == f"error: {said}\n"


def test_a_slip_of_auto_or_all_gets_a_guess(flags_refusal: Callable[[list[str]], str]) -> None:
    """`--windows-per-epoch Auto` got no guess, where `ForecasterConfig(windows_per_epoch=
    "Auto")` asks "did you mean 'auto'?"."""
    refused = "error: --windows-per-epoch must be a positive integer, 'auto' or 'all', got "
    assert flags_refusal(["forecast", "airline", "--windows-per-epoch", "Auto"]) == (
        f"{refused}'Auto' (did you mean 'auto'?).\n"
    )
    assert flags_refusal(["forecast", "airline", "--windows-per-epoch", "al"]) == (
        f"{refused}'al' (did you mean 'all'?).\n"
    )
    assert flags_refusal(["forecast", "airline", "--windows-per-epoch", "x"]) == f"{refused}'x'.\n"
    assert flags_refusal(["forecast", "airline", "--windows-per-epoch", "1.5"]) == (
        f"{refused}'1.5' (not whole).\n"
    )


def test_a_slip_after_a_refused_value_is_said_too(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    """`--epochs 1.5 --readout Mean` named --epochs alone: the slip went unsaid."""
    assert flags_refusal(
        ["text", "train", "sst2", "--out", "m", "--epochs", "1.5", "--readout", "Mean"]
    ) == (
        "error: --epochs must be an integer, got '1.5' (not whole). argument --readout: invalid "
        "choice: 'Mean' (choose from 'last', 'max', 'mean'); did you mean 'mean'? (`lstmkit "
        "text train --help` lists the flags)\n"
    )
    assert flags_refusal(["forecast", "airline", "--horizon", "x", "--sep", "TAB"]) == (
        "error: --horizon must be an integer, got 'x'. --sep must be one character (or 'tab'), "
        "got 'TAB' (did you mean 'tab'?).\n"
    )


# ---- 4. a command's flag before the command's name: the line to paste --------------------------


@pytest.mark.parametrize(
    ("argv", "line", "prog"),
    [
        (["--epochs", "3", "forecast"], "lstmkit forecast --epochs 3", "forecast"),
        (
            ["--epochs", "3", "forecast", "airline"],
            "lstmkit forecast airline --epochs 3",
            "forecast",
        ),
        (
            ["--epocs", "3", "forecast", "airline"],
            "lstmkit forecast airline --epochs 3",
            "forecast",
        ),
        (["--epochs=3", "forecast", "airline"], "lstmkit forecast airline --epochs=3", "forecast"),
        (
            ["-v", "--epochs", "3", "--lr", "0.1", "forecast", "airline", "--json"],
            "lstmkit -v forecast airline --json --epochs 3 --lr 0.1",
            "forecast",
        ),
        (
            ["text", "--epochs", "3", "train", "sst2", "--out", "runs/my model"],
            "lstmkit text train sst2 --out 'runs/my model' --epochs 3",
            "text train",
        ),
        (
            ["--json", "text", "predict", "runs/sst2", "good for kids"],
            "lstmkit text predict runs/sst2 'good for kids' --json",
            "text predict",
        ),
        # a flag of several values takes them all with it
        (
            ["--covariate-cols", "a", "b", "--epochs", "3", "forecast", "--csv", "x.csv"],
            "lstmkit forecast --csv x.csv --covariate-cols a b --epochs 3",
            "forecast",
        ),
        (
            ["--json", "text", "predict", "runs/sst2", "--", "-bad"],
            "lstmkit text predict runs/sst2 --json -- -bad",
            "text predict",
        ),
    ],
)
def test_a_commands_flag_before_its_name_gets_the_line_to_paste(
    flags_refusal: Callable[[list[str]], str], argv: list[str], line: str, prog: str
) -> None:
    """`lstmkit --epochs 3 forecast airline` was told "did you mean `lstmkit forecast
    --epochs`?": pasted, that line has no 3 (nor the dataset). The line guessed runs as typed."""
    said = flags_refusal(argv)
    assert said.endswith(f"; did you mean `{line}`? (`lstmkit {prog} --help` lists the flags)\n")
    words = shlex.split(line)[1:]
    parsed = build_parser(words).parse_args(words)
    assert callable(parsed.func)
    if "--epochs" in line:
        assert parsed.epochs == 3
    if "--covariate-cols" in line:
        assert parsed.covariate_cols == ["a", "b"]


def test_a_flag_that_takes_no_value_is_moved_without_it(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    assert flags_refusal(["--jsn", "3", "forecast", "airline", "--jsn", "--epocs", "3"]) == (
        "error: unrecognized arguments: --jsn 3 --jsn --epocs 3; did you mean `lstmkit forecast "
        "airline --json --epochs 3` (--json takes no value)? (`lstmkit forecast --help` lists "
        "the flags)\n"
    )


# ---- 5. a negative count is told its sign, however large ---------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["forecast", "airline", "--epochs", "-1e30"], "--epochs must be a positive integer"),
        (["forecast", "airline", "--difference", "-1e30"], "--difference must be an integer >= 0"),
        (
            ["text", "train", "sst2", "--out", "m", "--epochs", "-1e30"],
            "--epochs must be a positive integer",
        ),
        (["demo", "--steps", "-1e30"], "--steps must be a positive integer"),
        (["explain", "m", "--top", "-1e30"], "--top must be a positive integer"),
    ],
)
def test_a_negative_count_past_int64_is_told_its_sign(
    interval_refusal: Callable[[list[str]], str], tmp_path, monkeypatch, argv: list[str], said: str
) -> None:
    """`--epochs -1e30` was told "must be an integer of magnitude at most 2**63-1 (torch's
    int64)", where `--epochs -3` and `ForecasterConfig(epochs=-10**30)` are told "must be a
    positive integer" (revcli23: each shows it as the configs do, lib23's value_repr)."""
    monkeypatch.chdir(tmp_path)
    assert interval_refusal(argv) == f"error: {said}, got -1e+30 (an int of 31 digits).\n"
    assert not (tmp_path / "m").exists()


def test_a_count_past_int64_is_still_refused_by_its_magnitude(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    assert flags_refusal(["forecast", "airline", "--epochs", "1e30"]) == (
        "error: --epochs must be an integer of magnitude at most 2**63-1 (torch's int64), got "
        "'1e30'.\n"
    )


# ---- 6. the help read as a new user ------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "said"),
    [
        # "(default 8)" where every other command says "(default: ...)"
        (
            ["demo"],
            "--steps N sequence length (default: 8) --epochs N training updates (default: 150)",
        ),
        (
            ["demo"],
            "--hidden N, --hidden-size N hidden units (default: 8) --seed N random seed "
            "(default: 0)",
        ),
        (
            ["forecast"],
            "--backtest-origins N with --backtest: the number of origins (default: 3), "
            "--backtest-stride steps apart",
        ),
        (
            ["forecast"],
            "--backtest-stride N with --backtest: the steps between origins (default: one season, "
            "at most --horizon)",
        ),
        # no default said, and no word that --csv needs it
        (["forecast"], "--value-col COL name of the target column (with --csv, which needs it)"),
        (
            ["forecast"],
            "fill missing values instead of failing (default: none: no fill, a missing value is "
            "refused)",
        ),
        # "directory" where every other help and message says "folder"
        (["forecast"], "--out DIR folder for forecast.csv, forecast.png, training.png, run.json"),
        (["predict"], "--out DIR folder for forecast.csv, forecast.png and prediction.json"),
        (
            ["predict"],
            "model folder of a model saved by `lstmkit forecast --out DIR` (DIR, holding it as "
            "model/) or Forecaster.save dataset",
        ),
        # True and False, Python's words, where --progress says "on when ..."
        (
            ["text", "train"],
            "also train on the GLUE SST-2 training phrases (for SST-5 with coarse labels) "
            "(default: on)",
        ),
        (
            ["text", "train"],
            "--bidirectional, --no-bidirectional use a bidirectional LSTM (default: on)",
        ),
        (
            ["text", "train"],
            "unconditional loss teaches the model that neutral is rare) (default: off)",
        ),
        # the choices said again in quotes was all the help of --readout
        (
            ["text", "train"],
            "--readout {last,max,mean} how the per-step outputs become one vector: the last "
            'states ("last"), their "max" or their "mean" (see TextClassifier) (default: last)',
        ),
        # a field's Python name, where the flag is what the user types
        (
            ["text", "train-seq2seq"],
            "--max-digits N numbers have 1 to --max-digits digits (at most 9) (default: 6)",
        ),
        (["text", "train"], "others in --jobs - 1 worker processes"),
        (["text", "train"], "every steps per epoch // --evals-per-epoch steps"),
        (["text", "train"], "bit for bit; --jobs > 1 needs it) (default: cpu)"),
        # the one command line described by topic, not by what it does
        (
            [],
            "text train and use text models: sentiment, character LM, sequence-to-sequence explain",
        ),
    ],
)
def test_the_help_reads_as_the_rest_of_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, words: list[str], said: str
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    assert said in _usage(capsys, words)


def test_no_help_says_a_python_true_or_false_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    for words in COMMANDS:
        text = _usage(capsys, words)
        assert "(default: True)" not in text and "(default: False)" not in text, words
        assert "(default " not in text, words
