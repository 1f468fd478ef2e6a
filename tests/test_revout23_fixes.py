"""Review of out23 (``--overwrite``, records that mark ``--out`` folders, files written whole)."""

from __future__ import annotations

import pytest


def test_an_eps_plot_is_titled_by_its_own_name_not_the_temporary_one(tmp_path):
    from lstmkit._figures import new_figure, save_figure

    save_figure(new_figure(), tmp_path / "my plot.eps", dpi=10)
    titles = [
        line
        for line in (tmp_path / "my plot.eps").read_text(errors="replace").splitlines()
        if line.startswith("%%Title")
    ]
    assert titles == ["%%Title: my plot.eps"]
    assert [p.name for p in tmp_path.iterdir()] == ["my plot.eps"]


def _pgf_with_an_image(monkeypatch: pytest.MonkeyPatch, latex: bool):
    from matplotlib.backends import backend_pgf

    from lstmkit._figures import new_figure

    def inclusion() -> str:
        if not latex:
            raise RuntimeError("'xelatex' not found")
        return r"\includegraphics"

    # the image is drawn before LaTeX is asked how to include it
    monkeypatch.setattr(backend_pgf, "_get_image_inclusion_command", inclusion)
    fig = new_figure()
    ax = fig.add_axes((0, 0, 1, 1))
    ax.axis("off")
    ax.imshow([[1.0, 2.0], [3.0, 4.0]])
    return fig


def test_a_pgf_plot_names_images_that_lie_beside_it(tmp_path, monkeypatch):
    from lstmkit._figures import save_figure

    save_figure(_pgf_with_an_image(monkeypatch, latex=True), tmp_path / "p.pgf", dpi=10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p-img0.png", "p.pgf"]
    assert "{p-img0.png}" in (tmp_path / "p.pgf").read_text()


def test_a_pgf_plot_that_fails_leaves_no_image(tmp_path, monkeypatch):
    from lstmkit._figures import save_figure

    with pytest.raises(RuntimeError, match="xelatex"):
        save_figure(_pgf_with_an_image(monkeypatch, latex=False), tmp_path / "p.pgf", dpi=10)
    assert list(tmp_path.iterdir()) == []


def _overwrite_help(*words: str) -> str:
    import argparse

    from lstmkit.cli import build_parser

    parser = build_parser(list(words))
    for word in words:
        (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        parser = sub.choices[word]
    (action,) = [a for a in parser._actions if "--overwrite" in a.option_strings]
    return str(action.help)


@pytest.mark.parametrize(
    ("words", "what", "deletes"),
    [
        (("predict",), "the forecast's", ""),
        # fix24b: a sentence's explanation deletes a relevance.csv, which "over" left unsaid
        (
            ("explain",),
            "the explanation's",
            ", deleting those of them this explanation does not write (a relevance.csv beside "
            "a sentence's explanation.html),",
        ),
    ],
)
def test_overwrite_help_of_predict_and_explain_claims_no_model_overwritten(words, what, deletes):
    # both refuse a saved model's folder with --overwrite still (refuse_other_output)
    assert _overwrite_help(*words) == (
        f"write {what} files into --out over files of their names that lstmkit did not mark as "
        f"its own (a stopped run's, or yours){deletes} instead of refusing the folder"
    )


@pytest.mark.parametrize(
    ("words", "deletes"),
    [
        # a run without --backtest deletes backtest.csv and backtest.png (out25)
        (
            ("forecast",),
            " deleting those of them this run does not write (backtest.csv and backtest.png, "
            "without --backtest),",
        ),
        (("text", "train"), ""),
        (("text", "train-lm"), ""),
    ],
)
def test_overwrite_help_of_the_commands_that_save_a_model_names_it(words, deletes):
    assert f", or over another kind of saved model,{deletes} instead of refusing the folder" in (
        _overwrite_help(*words)
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["forecast", "airline", "--epochs", "1"],
        ["forecast", "--csv", "sales.csv", "--series-col", "store"],  # before the file is read
        ["predict", "FC"],
        ["explain", "FC"],
    ],
)
def test_overwrite_without_out_is_refused(argv, fc_dir, capsys):
    from lstmkit.cli import main

    # it did nothing, without a word, where nothing is written
    argv = [str(fc_dir) if word == "FC" else word for word in argv]
    assert main([*argv, "--overwrite"]) == 2
    assert capsys.readouterr().err == (
        "error: --overwrite needs --out: without it nothing is written to overwrite.\n"
    )


def test_check_save_dir_refuses_an_overwrite_that_is_no_bool(tmp_path):
    from lstmkit import io

    # a truthy "no" lifted the refusal of another kind's model, as save_model refuses it
    (tmp_path / "config.json").write_text('{"kind": "charlm"}')
    with pytest.raises(TypeError) as err:
        io.check_save_dir(tmp_path, "seq2seq", overwrite="no")
    assert str(err.value) == "`overwrite` must be a bool, got str 'no'."


def test_a_plot_of_a_long_name_is_written(tmp_path):
    from lstmkit._figures import new_figure, save_figure

    # the temporary name added 30 characters to it: "[Errno 36] File name too long"
    name = "x" * 240 + ".png"
    assert save_figure(new_figure(), tmp_path / name, dpi=10) == tmp_path / name
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_a_predictions_folder_given_as_the_model_names_the_model(
    command, fc_dir, tmp_path, capsys, monkeypatch
):
    from lstmkit.cli import main

    # as an explanation's folder names the model it explained; a prediction's was told only
    # "not a saved lstmkit model"
    monkeypatch.chdir(fc_dir.parent)
    assert main(["predict", "fc", "--out", str(tmp_path / "pred")]) == 0
    capsys.readouterr()
    assert main([command, str(tmp_path / "pred")]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(tmp_path / 'pred')!r} is not a saved lstmkit model (no config.json in it "
        "or in its model/ subfolder); it holds the files `lstmkit predict` writes (forecast.csv, "
        "forecast.png, prediction.json), which came from the model 'fc': give that folder.\n"
    )
