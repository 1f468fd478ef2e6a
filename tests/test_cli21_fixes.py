"""cli21: the command line's flag parsing leftovers: every flag refused at once in
command-line order (integer flags too), a bare ``--`` never named a stray flag, negative
numbers argparse took for flags, one file given to two flags, paths as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import said_once

POSITIVE = "must be a positive finite number, got"
PERCENT = "(a percentage is no number here)"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["forecast", "airline", "--horizon", "20%", "--lr", "20%"],
            f"--horizon must be an integer, got '20%' {PERCENT}. --lr {POSITIVE} '20%' {PERCENT}.",
        ),
        (
            ["forecast", "airline", "--lr", "20%", "--epochs", "1.5", "--hor", "x"],
            f"--lr {POSITIVE} '20%' {PERCENT}. --epochs must be an integer, got '1.5' (not "
            "whole). --horizon must be an integer, got 'x'.",
        ),
        (
            ["predict", "no-model", "--interval", "95%", "--horizon", "x"],
            "--interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, got "
            "'95%' (a fraction: 0.95 for 95 %). --horizon must be an integer, got 'x'.",
        ),
        (
            ["explain", "no-model", "--top", "x", "--eps", "20%"],
            f"--top must be an integer, got 'x'. --eps {POSITIVE} '20%' {PERCENT}.",
        ),
        (
            ["text", "train", "sst2", "--epochs", "x", "--lr", "20%"],
            f"--epochs must be an integer, got 'x'. --lr {POSITIVE} '20%' {PERCENT}.",
        ),
        (
            ["text", "generate", "no-model", "--temperature", "y", "--length", "x"],
            "--temperature must be a finite number >= 0 (0: greedy), got 'y'. --length must be "
            "an integer, got 'x'.",
        ),
        (
            ["demo", "--steps", "0", "--epochs", "x", "--seed", "-5"],
            "--steps must be a positive integer, got 0. --epochs must be an integer, got 'x'. "
            "--seed must be an integer in [0, 9223372036854775807], got -5.",
        ),
        (  # named as typed, not by its longest alias (--hidden-size, --beam-size)
            ["demo", "--hidden", "x", "--steps", "y"],
            "--hidden must be an integer, got 'x'. --steps must be an integer, got 'y'.",
        ),
        (
            ["text", "spell", "no-model", "12", "--beam", "x"],
            "--beam must be an integer, got 'x'.",
        ),
    ],
)
def test_every_refused_flag_value_is_said_at_once_in_command_line_order(
    flags_refusal, tmp_path: Path, argv: list[str], said: str
) -> None:
    """`forecast airline --horizon 20% --lr 20%` named --horizon alone (argparse stopped at
    the first integer flag it refused), where two decimal flags were said together (and in the
    order of the config's fields, not as typed). Now every one, as typed, exit 2, --out not
    made."""
    out = tmp_path / "out"
    # (text generate and demo write no folder)
    writes = argv[0] != "demo" and argv[:2] not in (["text", "generate"], ["text", "spell"])
    assert flags_refusal([*argv, *(["--out", str(out)] if writes else [])]) == f"error: {said}\n"
    assert not out.exists()


def test_an_integer_flag_refused_comes_before_an_unknown_flag(flags_refusal) -> None:
    # the flags refused first, then the strays: the strays were not said (fincli21)
    assert flags_refusal(["forecast", "airline", "--horizon", "x", "--jsn", "--epochs", "y"]) == (
        "error: --horizon must be an integer, got 'x'. --epochs must be an integer, got 'y'. "
        "unrecognized arguments: --jsn; did you mean --json? (`lstmkit forecast --help` lists "
        "the flags)\n"
    )
    assert flags_refusal(["forecast", "airline", "--horizon", "20%", "--jsn"]) == (
        "error: --horizon must be an integer, got '20%' (a percentage is no number here). "
        "unrecognized arguments: --jsn; did you mean --json? (`lstmkit forecast --help` lists "
        "the flags)\n"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["forecast", "airline", "--seed", "99999999999999999999", "--lr", "0"],
            "--seed must be an integer in [0, 9223372036854775803] with ensemble=5 (member k "
            "uses seed + k), got 99999999999999999999. --lr must be a positive finite number, "
            "got 0.",
        ),
        (
            ["forecast", "airline", "--seed", "-3", "--lookback", "0", "--lr", "0"],
            "--seed must be an integer in [0, 9223372036854775803] with ensemble=5 (member k "
            "uses seed + k), got -3. --lookback must be a positive integer, got 0. --lr must be "
            "a positive finite number, got 0.",
        ),
        (
            ["text", "train", "sst2", "--seed", "-3", "--lr", "0"],
            "--seed must be an integer in [0, 9223372036854775807], got -3. --lr must be a "
            "positive finite number, got 0.",
        ),
    ],
)
def test_a_configs_problem_is_said_where_its_flag_was_typed(
    interval_refusal, tmp_path, argv, said
) -> None:
    """`forecast airline --seed 99999999999999999999 --lr 0` said --lr first: the config's
    problems (--seed's range) came after the flags' own, whatever the order typed."""
    out = tmp_path / "out"
    assert interval_refusal([*argv, "--out", str(out)]) == f"error: {said}\n"
    assert not out.exists()


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (
            ["--explain", "--eps", "0", "--threads", "x"],
            "--eps must be a positive finite number, got 0. --threads must be an integer, got 'x'.",
        ),
        (
            ["--threads", "2.5", "--explain", "--bias-factor", "2"],
            "--threads must be an integer, got '2.5' (not whole). --bias-factor must be a number "
            "in [0, 1] (0: biases keep their share, 1: exact conservation), got 2.",
        ),
        (
            ["--eps", "0.1", "--threads", "x"],
            "--eps sets LRP's explanation, which --explain adds; give --explain too. --threads "
            "must be an integer, got 'x'.",
        ),
    ],
)
def test_text_predict_says_its_integer_refusals_with_eps(
    flags_refusal, tmp_path, flags, said
) -> None:
    """`text predict DIR --explain --eps 0 --threads x` said the --threads refusal alone,
    before the command checked --eps: now both, as typed."""
    assert flags_refusal(["text", "predict", str(tmp_path / "m"), *flags, "good"]) == (
        f"error: {said}\n"
    )


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["--jsn", "--"], "--jsn; did you mean --json?"),
        (["--jsn", "--", "x"], "--jsn x; did you mean --json?"),
        (["--jsn", "3", "--"], "--jsn 3; did you mean --json (it takes no value)?"),
        (["--", "--"], "--"),  # a word after the end of the flags is one
    ],
)
def test_the_end_of_the_flags_is_no_stray_flag(flags_refusal, words, said) -> None:
    """`forecast airline --jsn --` was "unrecognized arguments: --jsn --; did you mean --json
    for --jsn?": the "--" that ends the flags named as a stray, and counted as a second flag
    (the guess said which flag it was for)."""
    assert flags_refusal(["forecast", "airline", *words]) == (
        f"error: unrecognized arguments: {said} (`lstmkit forecast --help` lists the flags)\n"
    )
    assert flags_refusal(["datasets", "--jsn", "--"]) == (
        "error: unrecognized arguments: --jsn; did you mean --json? (`lstmkit datasets --help` "
        "lists the flags)\n"
    )


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (
            ["--seed", "-1e19"],
            "--seed must be an integer in [0, 9223372036854775803] with ensemble=5 (member k "
            "uses seed + k), got -10000000000000000000.",
        ),
        (
            ["--seed", "-5"],
            "--seed must be an integer in [0, 9223372036854775803] with ensemble=5 (member k "
            "uses seed + k), got -5.",
        ),
        (["--horizon", "-3"], "--horizon must be a positive integer, got -3."),
        (["--lr", "-1e-3"], f"--lr {POSITIVE} -0.001."),
        (["--lr", "-inf"], f"--lr {POSITIVE} -inf."),
        (["--holdout", "-1e2"], "--holdout must be >= 0, got -100."),
    ],
)
def test_a_negative_number_gets_the_flags_own_refusal(interval_refusal, tmp_path, flags, said):
    """`--seed -1e19`, `--lr -1e-3` (no negative number to argparse's pattern, which takes
    -5 and -.5 only) were "argument --seed: expected one argument", as if no value had been
    typed. Now the number is the flag's and refused by it."""
    out = tmp_path / "out"
    assert interval_refusal(["forecast", "airline", *flags, "--out", str(out)]) == (
        f"error: {said}\n"
    )
    assert not out.exists()


def test_a_negative_count_past_int64_is_refused_by_its_flag(interval_refusal) -> None:
    # cli23: told its sign, as -3 and the library's configs are, not the int64 magnitude;
    # revcli23: its value as the configs show it
    assert interval_refusal(["forecast", "airline", "--horizon", "-1e30"]) == (
        "error: --horizon must be a positive integer, got -1e+30 (an int of 31 digits).\n"
    )


def test_minutes_minus_infinity_is_refused_as_a_number(interval_refusal, tmp_path) -> None:
    # revflg18 pinned "expected one argument" for it: now a number, refused as one
    out = tmp_path / "out"
    argv = ["text", "train-seq2seq", "numbers", "--out", str(out), "--minutes", "-inf"]
    assert interval_refusal(argv) == f"error: --minutes {POSITIVE} -inf.\n"
    assert interval_refusal(["explain", "m", "--eps", "-NaN"]) == (
        f"error: --eps {POSITIVE} nan (not a number).\n"
    )


def test_an_integer_flag_given_text_starting_with_a_dash_is_told_how_to_write_it(
    flags_refusal,
) -> None:
    # the decimal flags had the hint; --horizon -3% was the bare "expected one argument"
    assert flags_refusal(["forecast", "airline", "--horizon", "-3%"]) == (
        "error: argument --horizon: expected one argument (a value starting with '-' is "
        "written --horizon=-3%) (`lstmkit forecast --help` lists the flags)\n"
    )
    assert flags_refusal(["forecast", "airline", "--horizon=-3%"]) == (
        f"error: --horizon must be an integer, got '-3%' {PERCENT}.\n"
    )


def test_one_file_given_to_several_flags_is_refused_once(
    interval_refusal, tmp_path, monkeypatch
) -> None:
    """`text train --csv a.csv --dev-csv a.csv` said the file's problem twice word for word
    but the flag; now once, naming each flag that gave it."""
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text("")
    Path("h.csv").write_text("text,label\n")
    empty = "'a.csv' is empty; expected a header row naming the columns, then one row per "
    header = "'h.csv' has a header row (text, label) but no data rows; expected one row per "
    for cols in ([], ["--text-col", "text", "--label-col", "label"]):
        train = ["text", "train", "--out", "o", *cols, "--csv"]
        err = interval_refusal([*train, "a.csv", "--dev-csv", "a.csv"])
        assert err == f"error: --csv and --dev-csv {empty}labelled text.\n"
        err = interval_refusal([*train, "h.csv", "--dev-csv", "h.csv", "--test-csv", "h.csv"])
        assert err == f"error: --csv, --dev-csv and --test-csv {header}labelled text.\n"
        err = interval_refusal([*train, "h.csv", "--dev-csv", "a.csv", "--test-csv", "a.csv"])
        assert err == (
            f"error: --csv {header}labelled text. --dev-csv and --test-csv {empty}labelled text.\n"
        )
        err = interval_refusal([*train, "gone.csv", "--dev-csv", "gone.csv"])
        assert err == "error: --csv and --dev-csv 'gone.csv' not found.\n"
    assert not Path("o").exists()


def test_said_once_keeps_each_problem_in_its_place() -> None:
    said = said_once(
        [
            ("--csv", "--csv 'a.csv' is empty."),
            ("--dev-csv", "--text-col 'x' is not a column of 'b.csv'."),
            ("--test-csv", "--test-csv 'a.csv' is empty."),
            ("--dev-csv", "--text-col 'x' is not a column of 'b.csv'."),
        ]
    )
    assert said == (
        ["--csv and --test-csv 'a.csv' is empty.", "--text-col 'x' is not a column of 'b.csv'."],
        [0, 1, 0, 1],
    )


def test_a_path_is_named_as_typed(interval_refusal, tmp_path, monkeypatch) -> None:
    """`--csv ./a.csv` was named 'a.csv' (Path drops the "./") where `--file ./a.txt` kept
    it, and `--csv ./-` must not read as standard input's '-': every path as typed."""
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text("")
    Path("-").write_text("x\n")
    Path("d").mkdir()
    empty = "is empty; expected a header row naming the columns, then one row per timestamp."
    assert interval_refusal(["forecast", "--csv", "./a.csv"]) == f"error: --csv './a.csv' {empty}\n"
    assert interval_refusal(["forecast", "--csv", "./-"]) == (
        "error: --csv './-' has a header row (x) but no data rows; expected one row per "
        "timestamp.\n"
    )
    assert interval_refusal(["forecast", "--csv", "./gone.csv"]) == (
        "error: --csv './gone.csv' not found.\n"
    )
    assert interval_refusal(["forecast", "--csv", "./d"]) == (
        "error: --csv must be a CSV file, got the folder './d'.\n"
    )
    assert interval_refusal(["predict", "./gone"]) == (
        "error: model folder './gone' does not exist.\n"
    )
    assert interval_refusal(["predict", "./a.csv"]) == (
        "error: './a.csv' is a file, not a saved model's folder.\n"
    )
    assert interval_refusal(["text", "train-lm", "--file", "./gone.txt", "--out", "o"]) == (
        "error: --file './gone.txt' not found.\n"
    )


def test_the_help_names_each_value_as_the_messages_do(capsys) -> None:
    """--help showed argparse's upper-cased names, `--csv CSV`, `--out OUT`, `--horizon
    HORIZON`, `--value-col VALUE_COL`, `--holdout HOLDOUT`, where the messages say "--csv
    FILE", "--out DIR" and the help itself `--threads N`, `--covariate-cols COL`."""
    from lstmkit.cli import main

    def usage(*command: str) -> str:
        with pytest.raises(SystemExit) as stop:
            main([*command, "--help"])
        assert stop.value.code == 0
        return " ".join(capsys.readouterr().out.split(" [-v]")[0].split())

    assert usage("forecast").startswith(
        "usage: lstmkit forecast [-h] [--csv FILE] [--date-col COL] [--date-format FMT] "
        "[--value-col COL] [--covariate-cols COL [COL ...]]"
    )
    assert "[--series-col COL] [--horizon N] [--holdout N] [--backtest]" in usage("forecast")
    assert usage("predict").endswith(
        "[--horizon N] [--interval X] [--device DEVICE] [--out DIR] [--overwrite] [--json]"
    )
    assert usage("demo") == (
        "usage: lstmkit demo [-h] [--steps N] [--epochs N] [--hidden N] [--seed N] [--plot FILE]"
    )
    assert usage("text", "train").startswith(
        "usage: lstmkit text train [-h] [--csv FILE] [--text-col COL] [--label-col COL] "
        "[--sep CHAR] [--dev-csv FILE] [--test-csv FILE] --out DIR [--data-dir DIR]"
    )
    assert (
        usage("text", "spell")
        == "usage: lstmkit text spell [-h] [--beam N] [--json] [--device DEVICE]"
    )
