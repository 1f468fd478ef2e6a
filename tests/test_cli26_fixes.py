"""cli26: leftovers of the parser and benchmark work.

* ``lstmkit forecast``'s ``--strategy``, ``--cell``, ``--transform``, ``--scaling`` and
  ``--anchor`` wrote their choices out again, as did ``ForecasterConfig.__post_init__`` and
  ``benchmarks/forecast_windows.py``/``forecast_residuals.py``'s ``--strategies``: a new
  strategy could be left out of one of them. They now all read ``_forecast_config.CHOICES``,
  which the tests check against the fields' Literals (``--anchor`` lists them in the Literal's
  order, ``{level,season,smooth}``, where it said ``{smooth,season,level}``).
* ``benchmarks/forecast_long.py --seeds 0 -1`` (and ``forecast_minutes``, ``future_covariates``'s
  ``--seeds``/``--data-seed``, ``sst``, ``forecast_calendar --seed``) refused the negative seed
  only once its run was reached, after the runs before it: now at once, with the count flags,
  through ``benchmarks/_counts.py`` (``--seeds must be integers in [0, 9223372036854775807], got
  [0, -1].``).
* conftest's ``bench_refusal`` checked the last stderr line only; it now checks that argparse's
  usage line comes first too.
"""

from __future__ import annotations

import argparse
import typing
from pathlib import Path

import pytest

from lstmkit._checks import MAX_SEED
from lstmkit._forecast_config import CHOICES, ForecasterConfig, ForecasterOptions


def _word_literals(cls: type) -> dict[str, tuple[str, ...]]:
    """Each field of ``cls`` typed as a Literal of words alone, with its words."""
    hints = typing.get_type_hints(cls)
    return {
        name: typing.get_args(hint)
        for name, hint in hints.items()
        if typing.get_origin(hint) is typing.Literal
        and all(isinstance(word, str) for word in typing.get_args(hint))
    }


def test_choices_are_the_config_fields_literals() -> None:
    assert _word_literals(ForecasterConfig) == CHOICES
    assert _word_literals(ForecasterOptions) == CHOICES
    assert CHOICES["strategy"] == ("direct", "recursive", "seq2seq")


def test_forecast_flags_offer_the_configs_choices() -> None:
    from lstmkit.cli import build_parser

    parser = build_parser(["forecast"])
    sub = next(a for a in parser._actions if a.dest == "command").choices["forecast"]
    offered = {a.dest: tuple(a.choices) for a in sub._actions if a.dest in CHOICES}
    assert offered == CHOICES
    usage = sub.format_usage()
    assert "[--anchor {level,season,smooth}]" in usage
    assert "[--strategy {direct,recursive,seq2seq}]" in usage


def test_config_refuses_a_word_outside_choices_as_before() -> None:
    with pytest.raises(ValueError) as err:
        ForecasterConfig(strategy="seq3seq")
    assert str(err.value) == (
        "`strategy` must be one of ('direct', 'recursive', 'seq2seq'), got 'seq3seq' "
        "(did you mean 'seq2seq'?)."
    )


@pytest.mark.parametrize("name", ["forecast_windows", "forecast_residuals"])
def test_benchmark_strategies_are_the_configs(name, bench_refusal, monkeypatch) -> None:
    # a strategy added to CHOICES is one the benchmarks take: refused here for --days 0 alone
    monkeypatch.setitem(CHOICES, "strategy", (*CHOICES["strategy"], "newest"))
    argv = ["--strategies", "newest", "--days", "0"]
    assert (
        bench_refusal(name, argv) == f"{name}.py: error: --days must be a positive integer, got 0."
    )


SEED_REFUSALS = {
    "forecast_long": (
        ["--seeds", "0", "-1", "--days", "0"],
        "--days must be a positive integer, got 0. "
        f"--seeds must be integers in [0, {MAX_SEED}], got [0, -1].",
    ),
    "forecast_minutes": (
        ["--seeds", "-2"],
        f"--seeds must be integers in [0, {MAX_SEED}], got [-2].",
    ),
    "future_covariates": (
        ["--seeds", "1", "-1", "--data-seed", "-3"],
        f"--seeds must be integers in [0, {MAX_SEED}], got [1, -1]. "
        f"--data-seed must be an integer in [0, {MAX_SEED}], got -3.",
    ),
    "sst": (
        ["--seeds", "0", str(MAX_SEED + 1), "--jobs", "0"],
        "--jobs must be a positive integer, got 0. "
        f"--seeds must be integers in [0, {MAX_SEED}], got [0, {MAX_SEED + 1}].",
    ),
    "forecast_calendar": (
        ["--seed", "-1"],
        f"--seed must be an integer in [0, {MAX_SEED}], got -1.",
    ),
}


@pytest.mark.parametrize("name", sorted(SEED_REFUSALS))
def test_negative_seeds_are_refused_at_once_before_any_work(name, bench_refusal) -> None:
    argv, said = SEED_REFUSALS[name]
    assert bench_refusal(name, argv) == f"{name}.py: error: {said}"


def test_seed_problems_takes_zero_and_the_largest_seed(bench_script) -> None:
    seed_problems = bench_script("_counts").seed_problems
    args = argparse.Namespace(seeds=[0, MAX_SEED], seed=0)
    assert seed_problems(args, ("seeds", "seed")) == []
    args = argparse.Namespace(seeds=[3, -1], seed=-5)
    assert seed_problems(args, ("seed", "seeds")) == [
        f"--seed must be an integer in [0, {MAX_SEED}], got -5.",
        f"--seeds must be integers in [0, {MAX_SEED}], got [3, -1].",
    ]


def test_bench_refusal_wants_the_usage_line_first(bench_refusal, monkeypatch) -> None:
    # a refusal without argparse's usage line (a script's own print and exit 2) fails it
    monkeypatch.setattr(argparse.ArgumentParser, "print_usage", lambda self, file=None: None)
    with pytest.raises(AssertionError) as failed:
        bench_refusal("forecast_windows", ["--days", "0"])
    assert "forecast_windows.py: error: --days must be a positive integer, got 0." in str(
        failed.value
    )


CHOSEN = "'datasets', 'forecast', 'predict', 'text', 'explain', 'demo'"
MISSING = "the following arguments are required: COMMAND (`lstmkit --help` lists the commands)"


@pytest.mark.parametrize(
    ("argv", "stray", "line"),
    [
        # was "argument COMMAND: invalid choice: 'b' (choose from ...)", the stray unnamed
        (["--covariate-cols=a", "b", "forcast", "airline"], "--covariate-cols=a b", "a b"),
        # was "unrecognized arguments: --covariate-cols a (`lstmkit --help` lists the flags)"
        (["--covariate-cols", "a", "b", "forcast", "airline"], "--covariate-cols a b", "a b"),
        (
            ["--covariate-cols", "a", "b", "c", "forcast", "airline"],
            "--covariate-cols a b c",
            "a b c",
        ),
    ],
)
def test_a_misspelt_command_after_a_flags_several_values_gets_its_guess(
    argv, stray, line, flags_refusal
) -> None:
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {stray}; argument COMMAND: invalid choice: 'forcast' "
        f"(choose from {CHOSEN}); did you mean `lstmkit forecast airline --covariate-cols "
        f"{line}`? (`lstmkit forecast --help` lists the flags)\n"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--epochs", "3", "airline", "forcast"], "unrecognized arguments: --epochs 3"),
        (
            ["--epochs=3", "airline", "forcast"],
            f"argument COMMAND: invalid choice: 'airline' (choose from {CHOSEN})",
        ),
    ],
)
def test_a_word_after_a_one_value_flag_may_still_be_the_misspelt_name(
    argv, said, flags_refusal
) -> None:
    # --epochs takes one value: 'airline' may be the misspelt name, no guess, as before
    lists = "flags" if said.startswith("unrec") else "commands"
    assert flags_refusal(argv) == f"error: {said} (`lstmkit --help` lists the {lists})\n"


@pytest.mark.parametrize(
    ("argv", "stray"),
    [
        # was "unrecognized arguments: --quantiles 0.1 (`lstmkit --help` lists the flags)"
        (["--quantiles", "0.1", "0.9"], "--quantiles 0.1 0.9"),
        (["--epochs", "-1", "2"], "--epochs -1 2"),
        (["text", "--epochs", "3", "4"], "--epochs 3 4"),
    ],
)
def test_numbers_after_a_value_with_no_command_say_command_is_missing(
    argv, stray, flags_refusal
) -> None:
    missing = (
        MISSING.replace("lstmkit --help", "lstmkit text --help") if argv[0] == "text" else MISSING
    )
    assert flags_refusal(argv) == f"error: unrecognized arguments: {stray}; {missing}\n"


def test_a_word_after_the_numbers_may_be_a_misspelt_name(flags_refusal) -> None:
    # as `--epochs 3 nosuch`: no COMMAND missing said where a word may be its name
    assert flags_refusal(["--epochs", "3", "4", "nosuch"]) == (
        "error: unrecognized arguments: --epochs 3 4 (`lstmkit --help` lists the flags)\n"
    )


def test_readme_says_both(flags_refusal) -> None:
    readme = Path(__file__).resolve().parents[1] / "README.md"
    readme = " ".join(readme.read_text("utf-8").split())
    assert "`lstmkit --covariate-cols=a b forcast airline` too;" in readme
    assert f'"{MISSING}", and so is `lstmkit --epochs 3 4`, whose 4 is' in readme
    said = flags_refusal(["--epochs", "3", "4"])
    assert said == f"error: unrecognized arguments: --epochs 3 4; {MISSING}\n"
