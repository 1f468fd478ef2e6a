"""What the command line writes: ``lstmkit predict --out`` and ``lstmkit explain --out``
overwrote (or deleted) a user's files of their names without a word; each now writes a record
that marks the folder as its own (``prediction.json``; ``explanation.json`` or
``relevance.json``), rewrites such a folder, and refuses one holding its file names without
the record, as the saves refuse a folder without ``config.json``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from lstmkit import io
from lstmkit.cli import main


def _held(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_predict_out_refuses_a_forecast_csv_it_did_not_write(fc_dir, tmp_path, capsys):
    (tmp_path / "forecast.csv").write_text("my,data\n")
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["predict", str(fc_dir), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds forecast.csv but no prediction.json, so no "
        "prediction (yours or another program's, or left by a save of lstmkit's stopped before "
        "it wrote prediction.json, which it writes last); `lstmkit predict` would overwrite it. "
        "Choose another folder or delete it first, or pass --overwrite to replace it.\n"
    )
    assert _held(tmp_path) == {"forecast.csv": b"my,data\n", "notes.txt": b"mine"}


def test_predict_out_writes_its_record_and_rewrites_its_own_folder(fc_dir, tmp_path, capsys):
    out = tmp_path / "pred"
    assert main(["predict", str(fc_dir), "--out", str(out), "--horizon", "1"]) == 0
    said = capsys.readouterr().out
    assert said.endswith(f"\nwrote forecast.csv, forecast.png and prediction.json into {out}\n")
    assert sorted(_held(out)) == ["forecast.csv", "forecast.png", "prediction.json"]
    record = json.loads((out / "prediction.json").read_text())
    assert list(record) == [
        "model",
        "data",
        "data_sha256",
        "where",
        "command",
        "origin",
        "horizon",
        "interval",
        "config",
        "versions",
        "files",
    ]
    assert (record["model"], record["data"], record["origin"], record["horizon"]) == (
        str(fc_dir),
        "the model's training data",
        "59",
        1,
    )
    assert record["files"] == ["forecast.csv", "forecast.png"]
    first = (out / "forecast.csv").read_text()
    assert first.splitlines()[0] == "timestamp,forecast,lower,upper"
    # its own folder (prediction.json marks it) is rewritten, now with two steps
    assert main(["predict", str(fc_dir), "--out", str(out)]) == 0
    assert len((out / "forecast.csv").read_text().splitlines()) == 3
    assert json.loads((out / "prediction.json").read_text())["horizon"] == 2


def test_a_prediction_json_alone_is_named_as_a_prediction(tmp_path, capsys):
    (tmp_path / "prediction.json").write_text('{"versions": {"lstmkit": "0.1.0"}}')  # lstmkit's
    assert main(["forecast", "airline", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds a prediction.json (`lstmkit predict` writes "
        "one); `lstmkit forecast` would mix its files with it. Choose another folder.\n"
    )


def test_explain_out_refuses_files_of_its_names_without_its_record(fc_dir, tmp_path, capsys):
    # a sentence's explanation removed a relevance.csv it does not write: the user's too
    (tmp_path / "relevance.csv").write_text("mine\n")
    (tmp_path / "relevance.png").write_bytes(b"png")
    assert main(["explain", str(fc_dir), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds relevance.csv and relevance.png but no "
        "explanation.json or relevance.json, so no explanation (yours or another program's, or "
        "left by a save of lstmkit's stopped before it wrote explanation.json or "
        "relevance.json, which it writes last); `lstmkit explain` would overwrite or delete "
        "them. Choose another folder or delete them first, or pass --overwrite to overwrite "
        "or delete them.\n"
    )
    assert _held(tmp_path) == {"relevance.csv": b"mine\n", "relevance.png": b"png"}


def test_explain_out_rewrites_its_own_folder(fc_dir, tmp_path, capsys):
    out = tmp_path / "why"
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 0
    assert sorted(_held(out)) == ["explanation.json", "relevance.csv", "relevance.png"]
    assert main(["explain", str(fc_dir), "--out", str(out), "--step", "1"]) == 0
    assert json.loads((out / "explanation.json").read_text())["step"] == 1


def test_written_together_moves_every_record_last(tmp_path, monkeypatch):
    from lstmkit import cli

    order = []
    replace = os.replace

    def recorded(src, dst):
        order.append(Path(dst).name)
        return replace(src, dst)

    monkeypatch.setattr(cli.os, "replace", recorded)
    names = ("relevance-2.json", "explanation.json", "relevance.png", "prediction.json", "x.csv")
    with cli.written_together(tmp_path) as stage:
        for name in names:
            (stage / name).write_text(name)
    # explanation.json went before relevance.csv and relevance.png (by name)
    assert order == [
        "relevance.png",
        "x.csv",
        "explanation.json",
        "prediction.json",
        "relevance-2.json",
    ]


def test_unmarked_files_is_none_where_the_marker_is_there(tmp_path):
    # a run folder (run.json) whose model/ was removed was told it held "no run.json"
    (tmp_path / "run.json").write_text("{}")
    (tmp_path / "training.png").write_bytes(b"png")
    args = (tmp_path, "--out", ("training.png", "run.json"), "run.json", "forecast run", str)
    assert io.unmarked_files(*args) is None
    (tmp_path / "run.json").unlink()
    assert io.unmarked_files(*args) == (
        f"--out {str(tmp_path)!r} holds training.png but no run.json, so no forecast run (yours "
        "or another program's, or left by a save of lstmkit's stopped before it wrote run.json, "
        "which it writes last); it. Choose another folder or delete it first, or pass "
        "--overwrite to replace it."
    )


# --overwrite / overwrite=: a save killed midway left weights without config.json, and the
# next save was refused until the user deleted them by hand


def test_forecaster_save_overwrite_replaces_a_killed_saves_weights(tmp_path):
    from lstmkit.forecast import Forecaster

    fc = Forecaster(epochs=1, horizon=2, lookback=4, seed=0, ensemble=1).fit(np.arange(60.0))
    (tmp_path / "model.safetensors").write_bytes(b"half")
    with pytest.raises(ValueError) as err:
        fc.save(tmp_path)
    assert str(err.value).endswith(
        "saving a 'lstmkit.Forecaster' model there would overwrite it. Choose another folder or "
        "delete it first, or pass overwrite=True to replace it."
    )
    assert _held(tmp_path) == {"model.safetensors": b"half"}
    fc.save(tmp_path, overwrite=True)
    assert sorted(_held(tmp_path)) == ["config.json", "model.safetensors"]
    assert Forecaster.load(tmp_path).predict().equals(fc.predict())
    with pytest.raises(TypeError) as err:
        fc.save(tmp_path, overwrite="yes")
    assert str(err.value) == "`overwrite` must be a bool, got str 'yes'."


def test_save_model_overwrite_saves_over_another_kind(tmp_path):
    import torch

    io.save_model(torch.nn.Linear(2, 3), tmp_path, {"kind": "charlm"})
    with pytest.raises(ValueError) as err:
        io.save_model(torch.nn.Linear(3, 1), tmp_path, {"kind": "seq2seq"})
    assert str(err.value) == (
        f"`path` {str(tmp_path)!r} already holds a saved model of kind 'charlm'; saving a "
        "'seq2seq' model there would overwrite that model's config.json and model.safetensors. "
        "Choose another folder or delete that one first, or pass overwrite=True to replace it."
    )
    io.save_model(torch.nn.Linear(3, 1), tmp_path, {"kind": "seq2seq"}, overwrite=True)
    assert io.load_config(tmp_path)["kind"] == "seq2seq"
    assert io.read_shapes(tmp_path) == {"weight": (1, 3), "bias": (1,)}


def test_save_model_overwrite_keeps_the_run_folder_refusal(tmp_path):
    import torch

    io.save_model(torch.nn.Linear(2, 3), tmp_path / "model", {"kind": "charlm"})
    (tmp_path / "run.json").write_text("{}")
    with pytest.raises(ValueError, match="is a run folder, whose model is in"):
        io.save_model(torch.nn.Linear(2, 3), tmp_path, {"kind": "charlm"}, overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "run.json"]


def test_text_train_out_overwrite_takes_a_folder_of_its_file_names(tmp_path, capsys):
    from lstmkit.cli.text import _check_out

    (tmp_path / "training.png").write_bytes(b"my plot")
    assert main(["text", "train", "sst2", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.endswith(
        "Choose another folder or delete it first, or pass --overwrite to replace it.\n"
    )
    assert _check_out(str(tmp_path), "classifier", True) == tmp_path
    assert _held(tmp_path) == {"training.png": b"my plot"}


def test_predict_out_overwrite_writes_over_a_users_forecast(fc_dir, tmp_path, capsys):
    (tmp_path / "forecast.csv").write_text("my,data\n")
    assert main(["predict", str(fc_dir), "--out", str(tmp_path), "--overwrite"]) == 0
    assert sorted(_held(tmp_path)) == ["forecast.csv", "forecast.png", "prediction.json"]
    assert (tmp_path / "forecast.csv").read_text().startswith("timestamp,forecast,lower,upper\n")
    assert "--overwrite" in json.loads((tmp_path / "prediction.json").read_text())["command"]


def test_explain_out_overwrite_writes_over_files_of_its_names(fc_dir, tmp_path, capsys):
    (tmp_path / "relevance.csv").write_text("mine\n")
    assert main(["explain", str(fc_dir), "--out", str(tmp_path), "--overwrite"]) == 0
    assert sorted(_held(tmp_path)) == ["explanation.json", "relevance.csv", "relevance.png"]
    assert (tmp_path / "relevance.csv").read_text().startswith("time,lag,relevance,")


def test_forecast_out_overwrite_writes_over_files_of_its_names(tmp_path, capsys):
    (tmp_path / "training.png").write_bytes(b"my plot")
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "model.safetensors").write_bytes(b"half")
    fast = ["--epochs", "1", "--ensemble", "1", "--no-stat-baselines"]
    assert main(["forecast", "airline", *fast, "--out", str(tmp_path)]) == 2
    assert main(["forecast", "airline", *fast, "--out", str(tmp_path), "--overwrite"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "forecast.csv",
        "forecast.png",
        "model",
        "run.json",
        "training.png",
    ]
    assert (tmp_path / "training.png").read_bytes()[:4] == b"\x89PNG"
    assert sorted(_held(tmp_path / "model")) == ["config.json", "model.safetensors"]


# A file written in place (a plot, a page, a trace) was left half-written where its writing
# failed part-way (a full disk, Ctrl-C), in place of the one before


def _png_fails_midway(monkeypatch):
    """A figure's saving fails part-way into a file (a disk that fills up); a picture drawn
    into memory, as a plot checks what it can draw, is drawn."""
    from matplotlib.figure import Figure

    drawn = Figure.savefig

    def savefig(self, fname, **kwargs):
        if hasattr(fname, "getvalue"):  # io.BytesIO
            return drawn(self, fname, **kwargs)
        return _fails_midway(fname)

    monkeypatch.setattr(Figure, "savefig", savefig)


def _fails_midway(file, *args, **kwargs):
    with open(file, "wb") if isinstance(file, (str, os.PathLike)) else file as f:
        f.write(b"half")
    raise OSError(28, "No space left on device")


def test_demo_plot_that_fails_midway_leaves_the_earlier_plot(tmp_path, monkeypatch, capsys):
    png = tmp_path / "gates.png"
    png.write_bytes(b"the plot before")
    _png_fails_midway(monkeypatch)
    assert main(["demo", "--epochs", "1", "--plot", str(png)]) == 1
    # the plot named (io37: "[Errno 28] No space left on device" said not which file)
    assert capsys.readouterr().err == (
        f"error: --plot {str(png)!r} cannot be written: No space left on device.\n"
    )
    assert _held(tmp_path) == {"gates.png": b"the plot before"}


def test_a_plot_into_new_folders_that_fails_leaves_no_folder(tmp_path, monkeypatch):
    from lstmkit._figures import new_figure, save_figure

    _png_fails_midway(monkeypatch)
    with pytest.raises(OSError, match="No space left"):
        save_figure(new_figure(), tmp_path / "a" / "b" / "x.png", dpi=10)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    assert save_figure(new_figure(), tmp_path / "a" / "b" / "x.png", dpi=10) == (
        tmp_path / "a" / "b" / "x.png"
    )
    assert (tmp_path / "a" / "b" / "x.png").read_bytes()[:4] == b"\x89PNG"
    assert [p.name for p in (tmp_path / "a" / "b").iterdir()] == ["x.png"]


def test_export_npz_that_fails_midway_leaves_the_earlier_file(tmp_path, monkeypatch):
    import torch

    from lstmkit.explain.gates import export_npz

    trace = {"rnn": {"l0/f": torch.ones(1, 2, 3)}}
    npz = tmp_path / "trace.npz"
    npz.write_bytes(b"the trace before")
    monkeypatch.setattr(np, "savez", _fails_midway)
    with pytest.raises(OSError, match="No space left"):
        export_npz(trace, npz)
    assert _held(tmp_path) == {"trace.npz": b"the trace before"}
    monkeypatch.undo()
    os.chmod(npz, 0o640)
    assert export_npz(trace, npz) == npz
    assert os.stat(npz).st_mode & 0o777 == 0o640  # the earlier file's permissions kept
    assert np.load(npz)["rnn/l0/f"].shape == (1, 2, 3)


def test_render_html_writes_through_a_link_to_its_file(tmp_path):
    from lstmkit.explain.render import to_html

    (tmp_path / "real.html").write_text("before")
    (tmp_path / "link.html").symlink_to(tmp_path / "real.html")
    page = to_html(["a", "b"], [0.5, -0.5], path=tmp_path / "link.html")
    assert (tmp_path / "link.html").is_symlink()
    assert (tmp_path / "real.html").read_text(encoding="utf-8") == page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "real.html"]
