"""Review of rl18 (deb4722b): what its report left alone, each pinned."""

from __future__ import annotations

import pytest


def _datasets_said(capsys, words: list[str]) -> str:
    from lstmkit.cli import main

    with pytest.raises(SystemExit) as e:
        main(["datasets", *words])
    assert e.value.code == 2
    return capsys.readouterr().err


def test_lstmkit_datasets_says_its_unknown_words_in_one_sentence(capsys) -> None:
    """`lstmkit datasets foo bar` said "'foo' is none of them; 'bar' is none of them", a
    sentence a word: now one, with each guess by its word where not every word has one."""
    head = (
        "`lstmkit datasets` takes no name: it lists every bundled series (airline, car_sales, "
        "milk, wine). "
    )
    for words, said in [
        (
            ["foo", "bar"],
            "'foo' and 'bar' are none of them. Forecast one with `lstmkit forecast NAME`, load "
            "it with `lstmkit.data.load_dataset(NAME)` ",
        ),
        (
            ["airlines", "wyne", "foo"],
            "'airlines', 'wyne' and 'foo' are none of them (did you mean 'airline' for "
            "'airlines' and 'wine' for 'wyne'?). Forecast them with `lstmkit forecast airline` "
            "and `lstmkit forecast wine`, load them with `lstmkit.data.load_dataset('airline')` "
            "and `lstmkit.data.load_dataset('wine')` ",
        ),
    ]:
        err = _datasets_said(capsys, words)
        assert f"unrecognized arguments: {' '.join(words)}; {head}{said}(" in err, err


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", "missing-model"],
        ["text", "predict", "missing-model", "a fine film", "--explain"],
    ],
)
def test_eps_zero_is_shown_as_written(capsys, argv) -> None:
    """`--eps 0` was told "got 0.0", a number nobody wrote (`--bias-factor 95` is "got 95")."""
    from lstmkit.cli import main

    assert main([*argv, "--eps", "0"]) == 2
    assert capsys.readouterr() == ("", "error: --eps must be a positive finite number, got 0.\n")
    assert main([*argv, "--eps=-1e-3"]) == 2
    assert capsys.readouterr().err == "error: --eps must be a positive finite number, got -0.001.\n"


def test_explain_target_minus_zero_is_not_told_a_negative_index(clf_dir, interval_refusal) -> None:
    """`lstmkit explain DIR --target -0` was told "(a negative index does not count from the
    end)": -0 is no negative index; it is told to write the first class's index unsigned."""
    argv = ["explain", str(clf_dir), "--text", "film 1 was great", "--target"]
    assert interval_refusal([*argv, "-0"]) == (
        "error: --target must be one of ['down', 'up'] or an index in [0, 2) (an index is "
        "written without a sign: 0), got '-0'.\n"
    )
    assert interval_refusal([*argv, "-00"]).endswith("without a sign: 0), got '-00'.\n")
    assert interval_refusal([*argv, "-2"]) == (
        "error: --target must be one of ['down', 'up'] or an index in [0, 2) (a negative index "
        "does not count from the end), got '-2'.\n"
    )
