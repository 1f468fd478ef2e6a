"""Command-line leftovers (cli19): `lstmkit --help`'s line for `datasets`, `datasets --example
promo.csv` and `--out`, the text commands' still-running line, `predict CLF --file`'s kind,
benchmarks/lrp_speed.py's "error:" and two re-read helpers."""

from __future__ import annotations

import os

import pytest

from lstmkit._examples import example_text
from lstmkit.cli import main

# -- 1. `lstmkit --help` says what `datasets` does -------------------------------------------


def test_the_help_line_of_datasets_names_the_example_csvs(capsys) -> None:
    # was "list the bundled time series", while the command also prints the README's CSVs
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    said = " ".join(capsys.readouterr().out.split())
    assert (
        "datasets list the bundled time series; --example NAME prints a CSV the README reads "
        "forecast" in said
    )


# -- 2. `--example promo.csv`, as the README loop's file is named ----------------------------


def test_an_example_is_taken_by_its_file_name(capsys) -> None:
    # was "invalid choice: 'promo.csv' (choose from 'my', 'promo', ...)"
    assert main(["datasets", "--example", "promo.csv"]) == 0
    assert capsys.readouterr().out == example_text("promo")
    # another word is refused as typed, with the names
    with pytest.raises(SystemExit) as stop:
        main(["datasets", "--example", "sales.csv"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "error: argument --example: invalid choice: 'sales.csv' (choose from 'my', 'promo', "
        "'eu', 'umsatz', 'umsatz_new', 'load', 'stores', 'newer') (`lstmkit datasets --help` "
        "lists the flags)\n"
    )


# -- 6. `--out FILE` writes UTF-8 whatever the shell (PowerShell 5's `>` wrote UTF-16) -------


def test_out_writes_the_example_as_utf8_bytes_in_made_folders(tmp_path, capsys) -> None:
    out = tmp_path / "data" / "promo.csv"
    assert main(["datasets", "--example", "promo", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"  # the CSV is in the file alone
    assert out.read_bytes() == example_text("promo").encode("utf-8")
    assert out.read_bytes()[:20] == b"day,sales,promo\n2024"  # no byte-order mark, no CRLF
    assert os.listdir(out.parent) == ["promo.csv"]  # no temporary file left
    # an older file is replaced; `--out -` is stdout
    out.write_text("old", "utf-8")
    assert main(["datasets", "--example", "eu.csv", "--out", str(out)]) == 0
    assert out.read_text("utf-8") == example_text("eu")
    assert main(["datasets", "--example", "eu", "--out", "-"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n" + example_text("eu")


def test_out_is_refused_where_it_cannot_write(tmp_path, capsys) -> None:
    cases = [
        (
            ["--out", str(tmp_path / "x.csv")],
            f"error: --out writes the CSV of --example NAME, got --out {str(tmp_path / 'x.csv')!r}"
            f" without it (`lstmkit datasets --example NAME --out {tmp_path / 'x.csv'}`).\n",
        ),
        (
            ["--example", "promo", "--out", str(tmp_path)],
            f"error: --out must name a file to write, got the folder {str(tmp_path)!r} "
            f"(`--out {tmp_path / 'NAME.csv'}`).\n",
        ),
    ]
    (tmp_path / "notes.txt").write_text("kept", "utf-8")
    blocked = tmp_path / "notes.txt" / "sub" / "promo.csv"
    cases.append(
        (
            ["--example", "promo", "--out", str(blocked)],
            f"error: --out {str(blocked)!r} cannot be written: "
            f"{str(tmp_path / 'notes.txt')!r} is a file, not a folder.\n",
        )
    )
    for argv, said in cases:
        assert main(["datasets", *argv]) == 2
        captured = capsys.readouterr()
        assert (captured.out, captured.err) == ("", said)
    # nothing written or made on refusal
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text("utf-8") == "kept"


# -- 5. benchmarks/lrp_speed.py refuses --baseline with "error:", as the other benchmarks -----


def test_lrp_speed_refuses_a_baseline_as_the_other_benchmarks_refuse_a_flag(
    bench_script, tmp_path, monkeypatch, capsys
) -> None:
    # was SystemExit(message): "--baseline file not found: ..." alone, exit 1, no "error:"
    script = bench_script("lrp_speed")
    monkeypatch.setattr(script, "load_sst", None)  # refused before SST is read
    missing = tmp_path / "old" / "lrp.py"
    (tmp_path / "forecast.csv").write_text("month,sales\n")
    cases = [
        (
            missing,
            f"--baseline {str(missing)!r} not found (an earlier src/lstmkit/explain/"
            "lrp.py: `git worktree add /tmp/lstmkit-old COMMIT` makes one).",
        ),
        (
            tmp_path / "forecast.csv",
            f"--baseline {str(tmp_path / 'forecast.csv')!r} is not a Python file.",
        ),
        (tmp_path, f"--baseline {str(tmp_path)!r} is not a Python file."),
    ]
    for path, said in cases:
        monkeypatch.setattr("sys.argv", ["lrp_speed.py", "--baseline", str(path)])
        with pytest.raises(SystemExit) as stop:
            script.main()
        assert stop.value.code == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith("usage: lrp_speed.py [-h]")
        assert f"\nlrp_speed.py: error: {said}" in captured.err


# -- 4. `predict TEXT_MODEL --file x.txt` names the kind, as the loaders do ------------------


def test_predict_of_a_text_model_names_its_kind(clf_dir, tmp_path, flags_refusal) -> None:
    # was "'clf' holds a sentiment classifier, which `lstmkit text predict` runs (...)", where
    # `lstmkit predict clf` and Forecaster.load say "a sentiment classifier (kind 'classifier')"
    (tmp_path / "x.txt").write_text("a fine film\n", "utf-8")
    said = flags_refusal(["predict", str(clf_dir), "--file", str(tmp_path / "x.txt")])
    assert said == (
        f"error: unrecognized arguments: --file {tmp_path / 'x.txt'}; {str(clf_dir)!r} holds a "
        "sentiment classifier (kind 'classifier'), which `lstmkit text predict` runs "
        "(lstmkit.text.SentimentPredictor.load in Python), not `lstmkit predict`: lstmkit text "
        f"predict {clf_dir} --file {tmp_path / 'x.txt'}\n"
    )
    # another kind, named so too (its config.json alone is read)
    lm = tmp_path / "lm"
    lm.mkdir()
    (lm / "config.json").write_text('{"kind": "charlm"}', "utf-8")
    said = flags_refusal(["predict", str(lm), "--file", "x.txt"])
    assert said == (
        f"error: unrecognized arguments: --file x.txt; {str(lm)!r} holds a character language "
        "model (kind 'charlm'), which `lstmkit text generate` runs (lstmkit.text.load_charlm in "
        "Python), not `lstmkit predict`\n"
    )


# -- 3. every text training command says it is still running where no bar shows it ----------


def _note(command: str, seconds: str) -> str:
    return (
        f"text {command}: still running after {seconds} s (no progress bar: stderr is not a "
        "terminal; --progress draws one)"
    )


@pytest.mark.parametrize("command", ["train-lm", "train-seq2seq"])
def test_the_text_training_commands_say_they_are_still_running(
    command, still_running, monkeypatch, tmp_path
) -> None:
    # `text train-lm ... > log 2>&1` and `text train-seq2seq` printed nothing for minutes where
    # `text train` said "text train: still running after 60 s ..."
    import lstmkit.text.charlm
    import lstmkit.text.seq2seq

    # the corpus's read, inside the note's span as the training it starts
    monkeypatch.setattr(lstmkit.text.charlm, "read_corpus", still_running.work)
    monkeypatch.setattr(lstmkit.text.seq2seq, "train_numbers", still_running.work)
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("to be or not to be\n" * 20, "utf-8")
    given = {"train-lm": ["--file", str(corpus)], "train-seq2seq": ["numbers"]}[command]
    argv = ["text", command, *given, "--out", str(tmp_path / "m")]
    assert main(argv) == 2
    lines = still_running.lines()
    assert lines[:2] == [_note(command, "0.05"), _note(command, "0.1")]
    assert lines[-1] == "error: stopped by the test"
    still_running.quiet_with_either_flag(argv)


# -- 7. re-read helpers, their messages byte for byte (these pin a refactor: they passed before)


_SERIES = (
    "`lstmkit datasets` takes no name: it lists every bundled series (airline, car_sales, milk, "
    "wine). "
)


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (
            ["airlines", "milks"],
            "'airlines' and 'milks' are none of them (did you mean 'airline' and 'milk'?). "
            "Forecast them with `lstmkit forecast airline` and `lstmkit forecast milk`, load them "
            "with `lstmkit.data.load_dataset('airline')` and `lstmkit.data.load_dataset('milk')` ",
        ),
        (
            ["promo.csv", "airlines", "zzz"],
            "'promo.csv', 'airlines' and 'zzz' are none of them (`lstmkit datasets --example "
            "promo --out promo.csv` writes the README's example file; did you mean 'airline' for "
            "'airlines'?). Forecast 'airline' with `lstmkit forecast airline`, load it with "
            "`lstmkit.data.load_dataset('airline')` ",
        ),
        (
            ["zzz", "wine"],
            "'zzz' is none of them. Forecast 'wine' with `lstmkit forecast wine`, load it with "
            "`lstmkit.data.load_dataset('wine')` ",
        ),
    ],
)
def test_the_datasets_stray_hint_says_what_it_said(words, said, flags_refusal) -> None:
    assert flags_refusal(["datasets", *words]) == (
        f"error: unrecognized arguments: {' '.join(words)}; {_SERIES}{said}(`lstmkit datasets "
        "--help` lists the flags)\n"
    )


def test_a_dash_value_is_told_written_with_an_equals_sign(flags_refusal) -> None:
    # the flag's first use with a value starting with '-' that reads as a number, as typed
    argv = ["forecast", "airline", "--lr", "0.1", "--lr", "-1,5"]
    assert flags_refusal(argv) == (
        "error: argument --lr: expected one argument (a value starting with '-' is written "
        "--lr=-1,5) (`lstmkit forecast --help` lists the flags)\n"
    )
    # cli21: -NaN is a number to the flags now (refused as one, tests/test_cli21_fixes.py)
    assert flags_refusal(["explain", "m", "--eps", "-NaN%"]) == (
        "error: argument --eps: expected one argument (a value starting with '-' is written "
        "--eps=-NaN%) (`lstmkit explain --help` lists the flags)\n"
    )
