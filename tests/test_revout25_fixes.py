"""Review of out25 (revout25): forecast, predict and explain `--out` refuse a read-only file they
would replace or delete (written_together renamed over it), as plots and `datasets --out` do.

As root every file is writable to ``os.access``; it is asked here as a user would be.
"""

from __future__ import annotations

import pytest

from lstmkit.cli import CLIError, main, written_together

WHY = (
    "it is read-only (r--r--r--), and lstmkit does not replace a read-only file; make it "
    "writable (chmod u+w) or choose another path."
)


def test_predict_out_refuses_a_read_only_forecast_csv(
    read_only, fc_dir, tmp_path, capsys, held_files
):
    # renamed over by written_together: replaced without a word, exit 0
    out = tmp_path / "pred"
    assert main(["predict", str(fc_dir), "--out", str(out)]) == 0
    before = held_files(out)
    read_only(out / "forecast.csv")
    capsys.readouterr()
    assert main(["predict", str(fc_dir), "--out", str(out), "--horizon", "1"]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds forecast.csv, which cannot be written: {WHY}\n"
    )
    assert held_files(out) == before


def test_forecast_out_refuses_read_only_files_with_overwrite(
    read_only, tmp_path, capsys, held_files
):
    # --overwrite passes a user's files, not read-only ones; all named at once, before training
    (tmp_path / "training.png").write_text("mine\n")
    (tmp_path / "backtest.csv").write_text("mine too\n")  # deleted without --backtest
    read_only(tmp_path / "training.png", tmp_path / "backtest.csv")
    argv = ["forecast", "airline", "--epochs", "1", "--out", str(tmp_path), "--overwrite"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds training.png and backtest.csv, which cannot be "
        "written: they are read-only, and lstmkit does not replace a read-only file; make them "
        "writable (chmod u+w) or choose another path.\n"
    )
    assert held_files(tmp_path) == {"training.png": b"mine\n", "backtest.csv": b"mine too\n"}


def test_explain_out_refuses_a_read_only_relevance_json(
    read_only, clf_dir, tmp_path, capsys, held_files
):
    argv = ["explain", str(clf_dir), "--text", "film 1 was great", "--out", str(tmp_path)]
    assert main(argv) == 0
    before = held_files(tmp_path)
    read_only(tmp_path / "relevance.json")
    capsys.readouterr()
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds relevance.json, which cannot be written: {WHY}\n"
    )
    assert held_files(tmp_path) == before


def test_written_together_refuses_a_read_only_file_before_moving_any(
    read_only, tmp_path, held_files
):
    # the text commands' model folders, and a file made read-only while a command worked
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "config.json").write_text("old")
    (tmp_path / "a.csv").write_text("old")
    read_only(tmp_path / "model" / "config.json")
    with pytest.raises(CLIError) as caught, written_together(tmp_path) as stage:
        (stage / "a.csv").write_text("new")
        (stage / "model").mkdir()
        (stage / "model" / "config.json").write_text("new")
    assert str(caught.value) == (
        f"--out {str(tmp_path)!r} holds model/config.json, which cannot be written: {WHY}"
    )
    assert held_files(tmp_path) == {"a.csv": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "model"]
    assert held_files(tmp_path / "model") == {"config.json": b"old"}


def test_written_together_replaces_a_link_not_its_read_only_file(read_only, tmp_path):
    # os.replace replaces the link: the file it points to is untouched, so not refused
    (tmp_path / "mine.csv").write_text("mine\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.csv").symlink_to(tmp_path / "mine.csv")
    read_only(tmp_path / "mine.csv")
    with written_together(tmp_path / "out") as stage:
        (stage / "a.csv").write_text("new")
    assert (tmp_path / "mine.csv").read_text() == "mine\n"
    assert (tmp_path / "out" / "a.csv").read_text() == "new"


def test_series_out_refuses_a_read_only_summary_csv(read_only, tmp_path, capsys):
    # written in place after each series: as root replaced, as a user refused once one trained
    from lstmkit._examples import example_text

    csv = tmp_path / "stores.csv"
    csv.write_text(example_text("stores"), "utf-8")
    out = tmp_path / "runs"
    out.mkdir()
    (out / "summary.csv").write_text("store,n,holdout\n")
    read_only(out / "summary.csv")
    argv = ["forecast", "--csv", str(csv), "--series-col", "store", "--date-col", "month"]
    argv += ["--value-col", "sales", "--epochs", "1", "--horizon", "2", "--out", str(out)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds summary.csv, which cannot be written: {WHY}\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["summary.csv"]


def test_save_model_refuses_a_read_only_file(read_only, tmp_path, held_files):
    # renamed over from a temporary file: a read-only config.json was replaced without a word,
    # where a plot's path= (written_whole) refuses one
    from torch import nn

    from lstmkit.io import save_model

    save_model(nn.Linear(2, 1), tmp_path, {"kind": "toy"})
    before = held_files(tmp_path)
    read_only(tmp_path / "config.json")
    with pytest.raises(PermissionError) as caught:
        save_model(nn.Linear(2, 1), tmp_path, {"kind": "toy"})
    assert str(caught.value) == f"{str(tmp_path / 'config.json')!r} cannot be written: {WHY}"
    assert held_files(tmp_path) == before
