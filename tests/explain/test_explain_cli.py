"""``lstmkit explain`` in-process (text classifier, forecaster) and once as a subprocess;
:func:`explain_forecast` against LRP on the member network."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.explain import lrp
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig


@pytest.fixture(scope="module")
def forecaster() -> Forecaster:
    y = load_dataset("airline")
    cfg = ForecasterConfig(horizon=3, lookback=12, ensemble=2, epochs=2, hidden_size=6)
    return Forecaster(cfg).fit(y[:-12])


def test_text_explain_writes_heatmap(classifier_dir, tmp_path, capsys) -> None:
    out = tmp_path / "x"
    assert main(["explain", str(classifier_dir), "--text", "a good film", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "predicted:" in printed and "top 3 contributions" in printed
    record = json.loads((out / "relevance.json").read_text())
    assert record["tokens"] == ["a", "good", "film"]
    page = (out / "explanation.html").read_text()
    assert "good" in page and f"predicted: <b>{record['predicted']}</b>" in page
    # the CLI's relevance is the library's
    from lstmkit.text.sentiment import SentimentPredictor

    pred = SentimentPredictor.load(classifier_dir)
    ids, lengths = pred.encode("a good film")
    ex = lrp(pred.model, ids, lengths=lengths)
    np.testing.assert_allclose(record["relevance"], ex.relevance[0].numpy(), rtol=1e-12)
    assert record["initial_state"] == pytest.approx(float(ex.initial_state[0]), rel=1e-12)
    assert record["options"] == {"eps": 0.001, "bias_factor": 0.0, "convention": "equation"}
    assert list(pred.labels)[record["target"]] == record["explained"]
    # with --bias-factor 1, relevance plus the initial state's share is the score
    args = ["explain", str(classifier_dir), "--text", "a good film", "--bias-factor", "1"]
    assert main([*args, "--out", str(out)]) == 0
    record = json.loads((out / "relevance.json").read_text())
    assert sum(record["relevance"]) + record["initial_state"] == pytest.approx(
        record["score"], abs=1e-9
    )


def test_text_explain_errors_write_nothing(classifier_dir, tmp_path, capsys) -> None:
    out = tmp_path / "never"
    assert main(["explain", str(classifier_dir), "--out", str(out)]) == 2
    assert "needs --text" in capsys.readouterr().err
    args = ["explain", str(classifier_dir), "--text", "good", "--target", "meh", "--out", str(out)]
    assert main(args) == 2
    assert "--target must be one of" in capsys.readouterr().err
    assert not out.exists()
    args[args.index("meh")] = "7"  # an index past the classes: say which ones there are
    assert main(args) == 2
    labels = json.loads((classifier_dir / "config.json").read_text())["labels"]
    err = capsys.readouterr().err
    assert err.endswith(f"or an index in [0, {len(labels)}), got '7'.\n"), err
    assert not out.exists()
    assert main(["explain", str(tmp_path), "--text", "good"]) == 2
    assert "no config.json" in capsys.readouterr().err


def test_explain_forecast_matches_member_lrp(forecaster) -> None:
    ex = explain_forecast(forecaster, step=1, bias_factor=1.0)
    assert ex.per_feature.shape == (12, 3)
    assert ex.features == ["airline", "season sin", "season cos"]
    y = load_dataset("airline")
    np.testing.assert_allclose(ex.window, y[:-12].to_numpy()[-12:])
    # rebuild member 0's window and compare with lrp on it
    total = np.zeros((12, 3))
    for net in forecaster.members_:
        x = torch.tensor(_window(forecaster)[None], dtype=torch.float32)
        total += lrp(net, x, 1, bias_factor=1.0).relevance_per_feature[0].numpy()
    np.testing.assert_allclose(ex.per_feature, total / 2, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ex.per_lag, ex.per_feature.sum(1), rtol=1e-10, atol=1e-12)
    with pytest.raises(ValueError, match=r"`step` must be an integer in \[0, 3\)"):
        explain_forecast(forecaster, step=3)
    with pytest.raises(
        TypeError,
        match=r"`step` must be an integer in \[0, 3\), got bool True: `step` is the index",
    ):
        explain_forecast(forecaster, step=True)
    numpy_step = explain_forecast(forecaster, step=np.int64(1), bias_factor=1.0)
    assert numpy_step.step == 1 and type(numpy_step.step) is int
    np.testing.assert_array_equal(numpy_step.per_feature, ex.per_feature)


def _window(fc: Forecaster) -> np.ndarray:
    frame = fc.history()
    t = fc._to_t(frame.iloc[:, 0].to_numpy())
    x, _ = fc._features(t[-12:], frame.iloc[-12:, 1:].to_numpy(), fc._calendar(frame.index)[-12:])
    return x


def test_forecast_explain_cli(forecaster, tmp_path, capsys) -> None:
    model_dir = tmp_path / "fc"
    forecaster.save(model_dir)
    out = tmp_path / "out"
    args = ["explain", str(model_dir), "--method", "occlusion", "--step", "2", "--out", str(out)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    # the month the step forecasts, which only "step 3 after" named before
    assert "forecast step 3 after 1959-12-01 (1960-03-01), network" in printed
    assert "top 5 lags" in printed
    assert (out / "relevance.png").read_bytes()[:4] == b"\x89PNG"
    table = (out / "relevance.csv").read_text().splitlines()
    assert table[0] == (
        "time,lag,relevance,relevance:airline,relevance:season sin,relevance:season cos,"
        "forecast_step,forecast_time,method,units"
    )
    assert table[1].endswith(",3,1960-03-01,occlusion,network output (scaled)")
    assert len(table) == 13
    csv = Path(__file__).resolve().parents[2] / "src/lstmkit/datasets/airline_passengers.csv"
    assert main(["explain", str(model_dir), "--csv", str(csv), "--top", "2"]) == 0
    assert "after 1960-12-01 (1961-01-01)" in capsys.readouterr().out
    assert main(["explain", str(model_dir), "--step", "1", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["origin"], record["step"], record["time"]) == ("1959-12-01", 1, "1960-02-01")
    assert main(["explain", str(model_dir), "--text", "hello"]) == 2


def test_subprocess(classifier_dir) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "lstmkit.cli",
            "explain",
            str(classifier_dir),
            "--text",
            "bad film",
            "--no-color",
            "--method",
            "gradxinput",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "explained:" in run.stdout and "method gradxinput" in run.stdout


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            ["--bias-factor", "nan"],
            "--bias-factor must be a number in [0, 1] (0: biases keep their share, 1: exact "
            "conservation), got nan (not a number).",
        ),
        (["--bias-factor", "1e300"], "--bias-factor must be a number in [0, 1]"),
        (["--bias-factor", "-1"], "--bias-factor must be a number in [0, 1]"),
        (["--eps", "inf"], "--eps must be a positive finite number, got inf."),
        (["--eps", "0"], "--eps must be a positive finite number, got 0."),
        (
            ["--method", "occlusion", "--eps", "0.01"],
            "--eps applies to --method lrp only, got --method occlusion.",
        ),
        (
            ["--method", "ig", "--eps", "0.01", "--bias-factor", "1"],
            "--eps and --bias-factor apply to --method lrp only, got --method ig.",
        ),
        (
            ["--method", "ig", "--lrp-convention", "lrp_for_lstm"],
            "--lrp-convention applies to --method lrp only, got --method ig.",
        ),
        (
            ["--device", "meta"],
            "--device must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', "
            "...), got 'meta'.",
        ),
        pytest.param(
            ["--device", "cuda"],
            "--device 'cuda' cannot be used here",
            marks=pytest.mark.skipif(torch.cuda.is_available(), reason="CPU-only refusal"),
        ),
    ],
)
def test_lrp_flags_are_checked(classifier_dir, tmp_path, capsys, flags, message) -> None:
    out = tmp_path / "never"
    args = ["explain", str(classifier_dir), "--text", "good", "--out", str(out), *flags]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {message}"), err
    assert not out.exists()


def test_lrp_flags_reach_lrp_and_defaults_still_apply(classifier_dir, tmp_path, capsys) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    pred = SentimentPredictor.load(classifier_dir)
    ids, lengths = pred.encode("a good film")
    for flags, kwargs in (
        ([], {}),
        (["--eps", "0.1", "--bias-factor", "1"], {"eps": 0.1, "bias_factor": 1.0}),
        (
            ["--eps", "0.1", "--bias-factor", "0.5", "--lrp-convention", "lrp_for_lstm"],
            {"eps": 0.1, "bias_factor": 0.5, "convention": "lrp_for_lstm"},
        ),
    ):
        out = tmp_path / f"x{len(flags)}"
        assert (
            main(
                ["explain", str(classifier_dir), "--text", "a good film", "--out", str(out), *flags]
            )
            == 0
        )
        record = json.loads((out / "relevance.json").read_text())
        expected = lrp(pred.model, ids, lengths=lengths, **kwargs).relevance[0].numpy()
        np.testing.assert_allclose(record["relevance"], expected, rtol=1e-12)
    assert main(["explain", str(classifier_dir), "--text", "good", "--method", "occlusion"]) == 0
    capsys.readouterr()


def test_text_explain_json(classifier_dir, tmp_path, capsys) -> None:
    """``--json`` prints one object, the record of ``relevance.json`` plus the files written."""
    out = tmp_path / "j"
    args = ["explain", str(classifier_dir), "--text", "a good film", "--json"]
    assert main([*args, "--out", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)  # nothing else on stdout
    saved = json.loads((out / "relevance.json").read_text())
    assert printed.pop("written") == [
        str(out / "explanation.html"),
        str(out / "relevance.json"),
        str(out / "relevance.png"),
    ]
    assert printed == saved
    assert saved["tokens"] == ["a", "good", "film"] and 0.0 < saved["probability"] <= 1.0
    assert main(args) == 0  # without --out: the same relevance, nothing written
    again = json.loads(capsys.readouterr().out)
    assert "written" not in again and again["relevance"] == saved["relevance"]


@pytest.mark.parametrize("strategy", ["direct", "seq2seq"])
def test_forecast_explain_json(tmp_path, capsys, strategy, undrawn_figures) -> None:
    y = load_dataset("airline")[:-12]
    cfg = ForecasterConfig(
        horizon=3, lookback=12, ensemble=1, epochs=2, hidden_size=6, strategy=strategy
    )
    model_dir = tmp_path / "fc"
    Forecaster(cfg).fit(y).save(model_dir)
    args = ["explain", str(model_dir), "--step", "1", "--bias-factor", "1", "--json"]
    assert main([*args, "--device", "cpu"]) == 0
    record = json.loads(capsys.readouterr().out)
    rows = record["relevance"]
    assert [r["lag"] for r in rows] == list(range(12, 0, -1))
    assert rows[-1]["time"] == record["origin"] == "1959-12-01" and record["step"] == 1
    for row in rows:  # a lag's relevance is the sum of its features'
        assert sum(row["features"].values()) == pytest.approx(row["relevance"], abs=1e-12)
    assert list(rows[0]["features"]) == ["airline", "season sin", "season cos"]
    decoder = record.get("decoder_relevance", [])
    assert len(decoder) == (2 if strategy == "seq2seq" else 0)
    # --bias-factor 1: lags, decoder inputs and the initial state add up to the network output
    total = sum(r["relevance"] for r in rows) + sum(r["relevance"] for r in decoder)
    assert total + record["initial_state"] == pytest.approx(record["score"], abs=1e-9)
    out = tmp_path / "out"
    assert main([*args, "--out", str(out)]) == 0
    with_files = json.loads(capsys.readouterr().out)
    saved = json.loads((out / "explanation.json").read_text())
    assert [Path(p).name for p in with_files["written"]] == [*saved["files"], "explanation.json"]
    assert with_files["relevance"] == rows
    assert {k: with_files[k] for k in saved if k != "files"} == {
        k: v for k, v in saved.items() if k != "files"
    }


@pytest.mark.parametrize(
    ("module", "command", "args"),
    [
        ("lstmkit.cli.explain", "run_explain", ["explain", "{model}", "--text", "a good film"]),
        ("lstmkit.cli.text", "_predict", ["text", "predict", "{model}", "a good film"]),
    ],
    ids=["explain", "text predict"],
)
def test_explain_and_text_predict_run_on_threads(
    classifier_dir, capsys, monkeypatch, module, command, args
) -> None:
    # --threads, as the training commands have: on 2 cores kept busy by other processes, an
    # explanation of 1,000 tokens took 21 s on torch's two threads and 13 s on one
    import importlib

    target = importlib.import_module(module)
    real, seen = getattr(target, command), []
    monkeypatch.setattr(target, command, lambda a: seen.append(torch.get_num_threads()) or real(a))
    argv = [a.format(model=classifier_dir) for a in args]
    assert main(argv) == 0
    plain = capsys.readouterr().out
    before = torch.get_num_threads()
    assert main([*argv, "--threads", "1"]) == 0
    assert seen == [before, 1] and torch.get_num_threads() == before
    assert capsys.readouterr().out == plain
    assert main([*argv, "--threads", "0"]) == 2
    assert capsys.readouterr().err.endswith("--threads must be a positive integer, got 0.\n")
