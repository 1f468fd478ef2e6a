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
