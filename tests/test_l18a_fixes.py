"""l18a: short leftovers in text and CLI wording. The text commands' --dropout (and their other
flags in [0, 1)) refused in the one shape of `lstmkit forecast --dropout`."""

import pytest


@pytest.mark.parametrize(
    "command", [["train", "sst2"], ["train-lm", "shakespeare"], ["train-seq2seq", "numbers"]]
)
def test_text_commands_refuse_dropout_in_one_shape(interval_refusal, tmp_path, command) -> None:
    """--dropout 20% was argparse's "argument --dropout: invalid float value: '20%'", --dropout
    95 the config's "--dropout must be in [0, 1), got 95.0": one mistake in two shapes. Now
    the words of `lstmkit forecast --dropout` (flag_number_problem), exit 2, nothing written."""
    out = tmp_path / "out"
    for given, said in [
        ("20%", "'20%' (a fraction: 0.2 for 20 %)"),
        ("0,2", "'0,2' (a decimal point: 0.2)"),
        ("abc", "'abc'"),
        ("1.5", "1.5"),
        ("95", "95 (a fraction: 0.95 for 95 %)"),
        ("-0.1", "-0.1"),
    ]:
        argv = ["text", *command, "--out", str(out), "--dropout", given]
        err = interval_refusal(argv)
        assert err == f"error: --dropout must be a number in [0, 1), got {said}.\n", given
    assert not out.exists()


def test_text_train_says_every_fraction_flag_with_the_other_problems(interval_refusal, tmp_path):
    """--word-dropout 2%, --ema 2% were argparse's "invalid float value", which hid the other
    flags' problems; now each in the one shape, with the config's problems of the others."""
    out = tmp_path / "out"
    argv = ["text", "train", "sst2", "--out", str(out), "--word-dropout", "2%", "--ema", "95"]
    err = interval_refusal([*argv, "--neighbours", "1", "--lr", "0"])
    assert err == (  # in the order typed (cli21; was the config's fields' order, flg18)
        "error: --word-dropout must be a number in [0, 1), got '2%' (a fraction: 0.02 for 2 %). "
        "--ema must be a number in [0, 1), got 95 (a fraction: 0.95 for 95 %). --neighbours "
        "must be a number in [0, 1), got 1. --lr must be a positive finite number, got 0.\n"
    )
    assert not out.exists()


def test_lstmkit_datasets_names_and_guesses_every_word(capsys) -> None:
    """`lstmkit datasets airlines wyne` named 'airlines' alone ("'airlines' is none of them
    (did you mean 'airline'?). Forecast 'airline' with ..."): now every word, each guessed."""
    from lstmkit.cli import main

    for words, said in [
        (
            ["airlines", "wyne"],
            ". 'airlines' and 'wyne' are none of them (did you mean 'airline' and 'wine'?). "
            "Forecast them with `lstmkit forecast airline` and `lstmkit "
            "forecast wine`, load them with `lstmkit.data.load_dataset('airline')` and "
            "`lstmkit.data.load_dataset('wine')`",
        ),
        (
            ["airlines", "milk"],
            ". 'airlines' is none of them (did you mean 'airline'?). Forecast them with `lstmkit "
            "forecast airline` and `lstmkit forecast milk`, load them with "
            "`lstmkit.data.load_dataset('airline')` and `lstmkit.data.load_dataset('milk')`",
        ),
        (
            ["milk", "foo"],
            ". 'foo' is none of them. Forecast 'milk' with `lstmkit forecast milk`, load it with "
            "`lstmkit.data.load_dataset('milk')`",
        ),
    ]:
        with pytest.raises(SystemExit) as e:
            main(["datasets", *words])
        assert e.value.code == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            f"error: unrecognized arguments: {' '.join(words)}; `lstmkit datasets` takes no "
            f"name: it lists every bundled series (airline, car_sales, milk, wine){said} "
            "(`lstmkit datasets --help` lists the flags)\n"
        )


def test_lstmkit_explain_negative_target_is_told_it_does_not_count_from_the_end(
    clf_dir, interval_refusal
) -> None:
    """`lstmkit explain DIR --target -1` on a classifier was told the range and the labels
    alone; now the note of Python's lrp and SentimentPredictor.explain (revxp17)."""
    argv = ["explain", str(clf_dir), "--text", "film 1 was great"]
    assert interval_refusal([*argv, "--target", "-1"]) == (
        "error: --target must be one of ['down', 'up'] or an index in [0, 2) (a negative index "
        "does not count from the end), got '-1'.\n"
    )
    assert interval_refusal([*argv, "--target", "2"]) == (
        "error: --target must be one of ['down', 'up'] or an index in [0, 2), got '2'.\n"
    )
