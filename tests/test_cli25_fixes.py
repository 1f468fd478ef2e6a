"""cli25: parser leftovers of the command line and of the benchmarks' list-valued flags.

* ``benchmarks/forecast_long.py --caps 0`` was refused by ForecasterConfig after the anchor had
  trained (minutes), and ``--caps abc`` ended in int()'s traceback there: both are refused at
  once, before any work, with the count flags (``--caps must be positive integers or 'auto',
  got [0, 'abc'].``, the wording of ``benchmarks/_counts.py``).
* ``forecast_windows.py``/``forecast_residuals.py --strategies`` and ``forecast_accuracy.py
  --datasets`` took any word, and refused a misspelt one after the ones before it had run:
  argparse's choices now refuse it at once.
* ``lstmkit --quantiles 0.1 0.9 forecast airline --quantiles 0.5`` was asked "did you mean
  `lstmkit 0.9 forecast airline --interval 0.5`": a flag given before its command's name takes
  every word up to the next flag (no positional is there but the command's name), and where the
  flag guessed takes one value and was given more, no line is pasted but the flag is guessed.
* ``lstmkit --epochs 3 forcast airline`` was told "unrecognized arguments: --epochs 3" alone:
  the misspelt name is refused as it is alone ("invalid choice: 'forcast' (choose from ...)")
  and guessed, in the line to paste where one can be built (as `lstmkit --epochs 3 forecast
  airline` gets it), else as the name ("did you mean 'forecast'?").
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

# -- 1. the benchmarks' list-valued flags, refused before any work ---------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--caps", "0"], "--caps must be positive integers or 'auto', got [0]."),
        (["--caps", "abc"], "--caps must be positive integers or 'auto', got ['abc']."),
        (
            ["--caps", "1024", "0", "abc", "1.5", "auto"],
            "--caps must be positive integers or 'auto', got [1024, 0, 'abc', '1.5', 'auto'].",
        ),
        # with the other count flags, at once
        (
            ["--days", "0", "--caps", "-1", "auto"],
            "--days must be a positive integer, got 0. --caps must be positive integers or "
            "'auto', got [-1, 'auto'].",
        ),
    ],
)
def test_forecast_long_caps_refused_at_once_before_any_work(
    argv: list[str], said: str, bench_refusal
) -> None:
    assert bench_refusal("forecast_long", argv) == (f"forecast_long.py: error: {said}")


def test_forecast_long_caps_taken_as_the_settings(monkeypatch, bench_script) -> None:
    """Good caps pass the check and reach the run as integers and 'auto' (the default 1024); the
    run is stopped at the series, right after the check."""

    class Checked(Exception):
        pass

    module = bench_script("forecast_long")

    def stop(days: int, seed: int = 0) -> None:
        raise Checked

    monkeypatch.setattr(module, "hourly_series", stop)
    for argv, caps in [([], [1024]), (["--caps", "256", "auto"], [256, "auto"])]:
        parsed: list[argparse.Namespace] = []
        check = module.count_problems

        def keep(args, names, words=(), check=check, parsed=parsed):
            parsed.append(args)
            return check(args, names, words)

        monkeypatch.setattr(module, "count_problems", keep)
        with pytest.raises(Checked):
            module.main(argv)
        assert parsed[-1].caps == caps


def test_count_problems_with_words(bench_script) -> None:
    counts = bench_script("_counts")
    assert [counts.count_or_word(w) for w in ["3", "-1", "auto", "1.5"]] == [3, -1, "auto", "1.5"]
    args = argparse.Namespace(caps=[1, "auto"], cap="auto", top=0)
    assert counts.count_problems(args, ("caps", "cap"), words=("auto",)) == []
    args = argparse.Namespace(caps=[1, "Auto"], cap=0)
    assert counts.count_problems(args, ("caps", "cap"), words=("auto",)) == [
        "--caps must be positive integers or 'auto', got [1, 'Auto'].",
        "--cap must be a positive integer or 'auto', got 0.",
    ]
    # without words, a word is no count either
    assert counts.count_problems(argparse.Namespace(jobs=[2, 0]), ("jobs",)) == [
        "--jobs must be positive integers, got [2, 0]."
    ]


@pytest.mark.parametrize("name", ["forecast_windows", "forecast_residuals"])
def test_strategies_refused_at_once(name: str, bench_refusal) -> None:
    assert bench_refusal(name, ["--strategies", "direct", "seq"]) == (
        f"{name}.py: error: argument --strategies: invalid choice: 'seq' (choose from "
        "'direct', 'recursive', 'seq2seq')"
    )


def test_forecast_accuracy_datasets_refused_at_once(bench_refusal) -> None:
    argv = ["--datasets", "milk", "airlines"]
    assert bench_refusal("forecast_accuracy", argv) == (
        "forecast_accuracy.py: error: argument --datasets: invalid choice: 'airlines' (choose "
        "from 'airline', 'airline_passengers', 'car_sales', 'car_sales_quebec', 'milk', "
        "'milk_production', 'wine', 'wine_sales_australia')"
    )


# -- 2. a flag given several values before its command's name: the line to paste -------------

CHOICES = "'datasets', 'forecast', 'predict', 'text', 'explain', 'demo'"
FORECAST_HELP = "(`lstmkit forecast --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was "`lstmkit 0.9 forecast airline --interval 0.5` (--interval 0.1 left out, ...)"
        (
            ["--quantiles", "0.1", "0.9", "forecast", "airline", "--quantiles", "0.5"],
            "unrecognized arguments: --quantiles 0.1 0.9 --quantiles 0.5; did you mean `lstmkit "
            "forecast airline --interval 0.5` (--interval 0.1 0.9 left out, given again after "
            f"the command's name)? {FORECAST_HELP}",
        ),
        # --interval takes one value: no line holds both (was "`lstmkit 0.9 forecast airline
        # --interval 0.1`"), the flag is guessed
        (
            ["--quantiles", "0.1", "0.9", "forecast", "airline"],
            "unrecognized arguments: --quantiles 0.1 0.9; did you mean `lstmkit forecast "
            f"--interval`? {FORECAST_HELP}",
        ),
        # a flag that takes none: both values left out (was "`lstmkit 2 forecast airline
        # --json`")
        (
            ["--jsn", "1", "2", "forecast", "airline"],
            "unrecognized arguments: --jsn 1 2; did you mean `lstmkit forecast airline --json` "
            f"(--json takes no value)? {FORECAST_HELP}",
        ),
        # under `text` too (was "`lstmkit text train 3 x --epochs 2`")
        (
            ["text", "--epochs", "2", "3", "train", "x"],
            "unrecognized arguments: --epochs 2 3; did you mean `lstmkit text train --epochs`? "
            "(`lstmkit text train --help` lists the flags)\n",
        ),
        # a flag of several values keeps them all, as before
        (
            ["--covariate-cols", "a", "b", "forecast", "airline"],
            "unrecognized arguments: --covariate-cols a b; did you mean `lstmkit forecast airline "
            f"--covariate-cols a b`? {FORECAST_HELP}",
        ),
    ],
)
def test_the_line_to_paste_of_a_flag_given_several_values_before_the_command(
    argv: list[str], said: str, flags_refusal
) -> None:
    assert flags_refusal(argv) == f"error: {said}"


# -- 3. a misspelt command's name after a flag given before it -------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was "unrecognized arguments: --epochs 3 (`lstmkit --help` lists the flags)"
        (
            ["--epochs", "3", "forcast", "airline"],
            "unrecognized arguments: --epochs 3; argument COMMAND: invalid choice: 'forcast' "
            f"(choose from {CHOICES}); did you mean `lstmkit forecast airline --epochs 3`? "
            f"{FORECAST_HELP}",
        ),
        (
            ["--epochs=3", "forcast", "airline"],
            "unrecognized arguments: --epochs=3; argument COMMAND: invalid choice: 'forcast' "
            f"(choose from {CHOICES}); did you mean `lstmkit forecast airline --epochs=3`? "
            f"{FORECAST_HELP}",
        ),
        # no flag guessed: the name alone, as `lstmkit forcast airline` is asked
        (
            ["--zz", "3", "forcast", "airline"],
            "unrecognized arguments: --zz 3; argument COMMAND: invalid choice: 'forcast' "
            f"(choose from {CHOICES}); did you mean 'forecast'? (`lstmkit --help` lists the "
            "flags)\n",
        ),
        # was "unrecognized arguments: --verbse forcast; did you mean --verbose (it takes no
        # value)?": 'forcast' is no value of a flag that takes none
        (
            ["--verbse", "forcast", "airline"],
            "unrecognized arguments: --verbse; did you mean --verbose? argument COMMAND: invalid "
            f"choice: 'forcast' (choose from {CHOICES}); did you mean 'forecast'? "
            f"{FORECAST_HELP}",
        ),
        # the flag lacks its value: the flag guessed, the name said (was "unrecognized
        # arguments: --epochs forcast")
        (
            ["--epochs", "forcast", "airline"],
            "unrecognized arguments: --epochs; argument COMMAND: invalid choice: 'forcast' "
            f"(choose from {CHOICES}); did you mean `lstmkit forecast --epochs` (it takes a "
            f"value, given none)? {FORECAST_HELP}",
        ),
        # a text command's name (was "unrecognized arguments: --epochs 2 (`lstmkit text --help`
        # lists the flags)")
        (
            ["text", "--epochs", "2", "trian", "x"],
            "unrecognized arguments: --epochs 2; argument COMMAND: invalid choice: 'trian' "
            "(choose from 'train', 'predict', 'evaluate', 'train-lm', 'generate', 'train-seq2seq', "
            "'spell'); "
            "did you mean `lstmkit text train x --epochs 2`? (`lstmkit text train --help` lists "
            "the flags)\n",
        ),
        # a text command's name after a flag given before `text` (was "unrecognized arguments:
        # --epochs 3 (`lstmkit --help` lists the flags)")
        (
            ["--epochs", "3", "text", "trian", "x"],
            "unrecognized arguments: --epochs 3; argument COMMAND: invalid choice: 'trian' "
            "(choose from 'train', 'predict', 'evaluate', 'train-lm', 'generate', 'train-seq2seq', "
            "'spell'); "
            "did you mean `lstmkit text train x --epochs 3`? (`lstmkit text train --help` lists "
            "the flags)\n",
        ),
        # unchanged: the name before the flags is refused alone, as argparse stops there (also
        # a text command's after a flag before `text`, which argparse refuses itself); a word
        # in the command's place that looks like none is no guess
        (
            ["--zz", "text", "trian", "x"],
            "argument COMMAND: invalid choice: 'trian' (choose from 'train', 'predict', "
            "'evaluate', 'train-lm', 'generate', 'train-seq2seq', 'spell'); did you mean "
            "'train'? (`lstmkit text --help` lists the commands)\n",
        ),
        (
            ["forcast", "--zz"],
            f"argument COMMAND: invalid choice: 'forcast' (choose from {CHOICES}); did you mean "
            "'forecast'? (`lstmkit --help` lists the commands)\n",
        ),
        (
            ["--epochs", "3", "airline", "forcast"],
            "unrecognized arguments: --epochs 3 (`lstmkit --help` lists the flags)\n",
        ),
    ],
)
def test_a_misspelt_command_after_a_flag_gets_its_guess(
    argv: list[str], said: str, flags_refusal
) -> None:
    assert flags_refusal(argv) == f"error: {said}"


def test_the_guessed_line_parses_as_meant() -> None:
    """The line guessed for `lstmkit --epochs 3 forcast airline` runs what was meant."""
    from lstmkit.cli import build_parser

    argv = ["forecast", "airline", "--epochs", "3"]
    args = build_parser(argv).parse_args(argv)
    assert (args.command, args.dataset, args.epochs) == ("forecast", "airline", 3)


def test_readme_quotes_the_guess_of_a_misspelt_command_after_a_flag(flags_refusal) -> None:
    readme = Path(__file__).resolve().parents[1] / "README.md"
    readme = " ".join(readme.read_text("utf-8").split())
    said = flags_refusal(["--epochs", "3", "forcast", "airline"])
    quoted = (
        "`lstmkit --epochs 3 forcast airline` gets \"invalid choice: 'forcast' (choose from "
        '...); did you mean `lstmkit forecast airline --epochs 3`?"'
    )
    assert quoted in readme
    assert "invalid choice: 'forcast' (choose from 'datasets'," in said
    assert "); did you mean `lstmkit forecast airline --epochs 3`? (" in said
