"""Fixes from the review of png34: a user's relevance.png beside a sentence's explanation of
before relevance.png was written there is refused, not overwritten."""

from __future__ import annotations

from lstmkit.cli import main


def test_a_users_png_beside_an_earlier_sentence_is_refused(classifier_dir, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["explain", str(classifier_dir), "--out", str(out), "--no-color"]
    assert main([*args, "--text", "a good film"]) == 0
    capsys.readouterr()
    # the folder as an explanation of before 2026-12 left it, with the user's figure beside it
    (out / "relevance.png").write_bytes(b"mine")
    assert main([*args, "--text", "a bad film"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: --out {str(out)!r} holds relevance.png, which no record of lstmkit's there "
        "lists as its own; `lstmkit explain` would overwrite it. Choose another folder or "
        "delete it first, or pass --overwrite to replace it."
    )
    assert (out / "relevance.png").read_bytes() == b"mine"
    # a PNG of the user's, not lstmkit's, is theirs too
    (out / "relevance.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    assert main([*args, "--text", "a bad film"]) == 2
    capsys.readouterr()
    # --overwrite replaces it, as the message says
    assert main([*args, "--text", "a bad film", "--overwrite"]) == 0
    capsys.readouterr()
    # and the figure lstmkit wrote is its own on the next run, several sentences included
    assert main([*args, "--text", "a good film", "--text", "a bad film"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation-1.html",
        "explanation-2.html",
        "relevance-1.json",
        "relevance-2.json",
        "relevance.png",
    ]


def _plot(**kwargs):
    from lstmkit.explain.render import plot_sentences

    return plot_sentences([[("a", 0.2), ("bad", -1.0)]], **kwargs)


def _heads(fig):
    return [t.get_text() for t in fig.texts[:2]]


def test_plot_sentences_refuses_a_probability_outside_0_1_naming_it() -> None:
    import pytest

    for value, shown in [
        (1.5, "float 1.5"),
        (-0.1, "float -0.1"),
        (float("nan"), "float nan"),
        ("high", "str 'high'"),
        (None, "None"),
        (True, "bool True"),
    ]:
        with pytest.raises(ValueError) as info:
            _plot(probability=[value])
        assert str(info.value) == f"`probability[0]` must be a number in [0, 1], got {shown}."
    assert _heads(_plot(probability=[1])) == ["LRP relevance per token", "p = 1.000"]


def test_plot_sentences_refuses_a_string_of_unknown_words() -> None:
    import pytest

    for value, shown in [("bad", "str 'bad'"), (None, "None")]:
        with pytest.raises(TypeError) as info:
            _plot(unknown=[value])
        assert str(info.value) == (
            "`unknown[0]` must be a sequence of the sentence's unknown tokens (none: []), got "
            f"{shown}."
        )
    # the token "a" is not dashed, where the letters of "bad" marked it
    fig = _plot(unknown=[("bad",)])
    assert [t.get_text() for t in fig.texts if t.get_gid() == "unk"] == ["bad"]
    assert [t.get_text() for t in fig.texts if t.get_gid() == "tok"] == ["a"]


def test_plot_sentences_takes_numpy_and_pandas_per_sentence() -> None:
    import numpy as np
    import pandas as pd

    for probability, predicted in [
        (np.array([0.75]), np.array(["neg"])),
        (pd.Series([0.75]), pd.Series(["neg"])),
    ]:
        fig = _plot(probability=probability, predicted=predicted)
        assert _heads(fig) == ["LRP relevance per token", "predicted: neg (p = 0.750)"]
