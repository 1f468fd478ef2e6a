"""A fresh user's walk through the README's "Explanations": what misbehaved, pinned.

* A plot's ``title=`` that is no str (``3``) failed deep in ``re`` with "expected string or
  bytes-like object, got 'int'" in ``Faithfulness.plot``, ``ForecastExplanation.plot``,
  ``plot_lags`` and ``Forecaster.plot_training``, naming no argument; the gate plots said
  "`title` must be a str or None, got int 3." Every plot says so now.
* ``aopc`` of a list (scores counted by hand) was a ValueError, "got list": a wrong type is a
  TypeError, as its bool and complex curves are.
* ``lrp(..., eps=0, bias_factor=2)`` was told of ``eps`` alone (``--eps 0 --bias-factor 2``
  named both); ``lstmkit explain --top 0 --eps 0`` of ``--top`` alone.
* ``benchmarks/faithfulness.py --steps 0`` ended in a ZeroDivisionError, ``--batch-size 0`` in
  a traceback after the minute of training; ``--steps 3`` headed two figures "after 1 / 3 / 5".
  ``lrp_speed.py`` and ``explain_file.py`` took counts of 0 into tracebacks after loading SST
  or training.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.explain import Faithfulness, aopc, explain, lrp, lrp_seq2seq
from lstmkit.explain.forecast import ForecastExplanation
from lstmkit.explain.render import plot_lags
from lstmkit.text import TextClassifier

TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])

EPS_0 = "`eps` must be a positive finite number, got 0."
BIAS_2 = (
    "`bias_factor` must be a number in [0, 1] (the share of each bias handed down: 0 keeps "
    "it, 1 conserves relevance exactly), got 2."
)


def _classifier() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=2).double()


def _faithfulness() -> Faithfulness:
    curves = {"lrp": torch.tensor([0.5, 0.25], dtype=torch.float64)}
    return Faithfulness(curves, {"lrp": 0.125}, {"lrp": 0.0})


def _forecast_explanation() -> ForecastExplanation:
    return ForecastExplanation(
        per_lag=np.array([0.1, -0.2, 0.3]),
        per_feature=np.array([[0.1], [-0.2], [0.3]]),
        features=["value"],
        window=np.array([1.0, 2.0, 3.0]),
        index=["2020-01-01", "2020-02-01", "2020-03-01"],
        score=0.2,
        step=0,
        method="lrp",
    )


@pytest.mark.parametrize(
    ("title", "shown"),
    [(3, "int 3"), (b"curves", "bytes b'curves'"), (["a"], "list ['a']"), (1.5, "float 1.5")],
)
@pytest.mark.parametrize(
    "plot",
    [
        lambda title, path: _faithfulness().plot(path=path, title=title),
        lambda title, path: _forecast_explanation().plot(path=path, title=title),
        lambda title, path: plot_lags([1.0, 2.0, 3.0], [0.1, -0.2, 0.3], title=title, path=path),
    ],
    ids=["Faithfulness.plot", "ForecastExplanation.plot", "plot_lags"],
)
def test_a_title_that_is_no_str_is_refused_by_name(plot, title, shown, tmp_path: Path) -> None:
    path = tmp_path / "figure.png"
    with pytest.raises(TypeError) as error:
        plot(title, path)
    assert str(error.value) == f"`title` must be a str or None, got {shown}."
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_str_title_and_none_still_draw(tmp_path: Path) -> None:
    fig = _faithfulness().plot(title="my curves")
    assert fig.axes[0].get_title() == "my curves"
    assert _faithfulness().plot().axes[0].get_title() == "deletion curves"
    fig = _forecast_explanation().plot(path=tmp_path / "lags.png")
    assert fig._suptitle is not None or any(ax.get_title() for ax in fig.axes)
    assert (tmp_path / "lags.png").stat().st_size > 0


def test_a_forecasters_training_plot_refuses_a_title_that_is_no_str() -> None:
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    cfg = ForecasterConfig(horizon=2, lookback=6, epochs=1, ensemble=1, progress=False)
    fc = Forecaster(cfg).fit(load_dataset("airline")[:40])
    with pytest.raises(TypeError) as error:
        fc.plot_training(title=7)
    assert str(error.value) == "`title` must be a str or None, got int 7."


@pytest.mark.parametrize(("curve", "name"), [([[1.0, 0.5]], "list"), (np.ones((2, 3)), "ndarray")])
def test_aopc_of_no_tensor_is_a_type_error(curve: object, name: str) -> None:
    with pytest.raises(TypeError) as error:
        aopc(curve)  # type: ignore[arg-type]
    assert str(error.value) == (
        "`curve` must be a 2-D tensor [B, K + 1] (a row per sequence; one curve: curve[None]), "
        f"got {name}; pass torch.as_tensor(curve) for scores held in a list or array."
    )
    # the remedy works: (0 + 0.5 + 1 + 0.5) / 4, the drops from the undeleted score
    assert aopc(torch.as_tensor([[1.0, 0.5, 0.0, 0.5]])).tolist() == [0.5]


def test_aopc_of_a_tensor_of_another_rank_stays_a_value_error() -> None:
    with pytest.raises(ValueError) as error:
        aopc(torch.ones(3))
    assert str(error.value) == (
        "`curve` must be a 2-D tensor [B, K + 1] (a row per sequence; one curve: curve[None]), "
        "got (3,)."
    )


@pytest.mark.parametrize(
    ("options", "kind", "message"),
    [
        ({"eps": 0, "bias_factor": 2}, ValueError, f"{EPS_0} {BIAS_2}"),
        (
            {"eps": float("inf"), "bias_factor": 0.5, "convention": "LRP_for_LSTM"},
            ValueError,
            "`eps` must be a positive finite number, got inf. `convention` must be one of "
            "('equation', 'lrp_for_lstm'), got 'LRP_for_LSTM' (did you mean 'lrp_for_lstm'?).",
        ),
        (
            {"eps": "1e-3", "bias_factor": 2},
            TypeError,
            f"`eps` must be a real number, got str '1e-3' (a number, not text: 0.001). {BIAS_2}",
        ),
    ],
)
def test_lrps_options_are_refused_all_at_once(options: dict, kind: type, message: str) -> None:
    model = _classifier()
    for run in (
        lambda: lrp(model, TOKENS, **options),
        lambda: explain(model, TOKENS, method="lrp", **options),
    ):
        with pytest.raises(kind) as error:
            run()
        assert type(error.value) is kind
        assert str(error.value) == message


def test_lrp_seq2seqs_options_are_refused_all_at_once() -> None:
    from lstmkit.forecast import ForecastNet

    net = ForecastNet("lstm", 2, 3, 1, decoder_input_size=1).double().eval()
    with pytest.raises(ValueError) as error:
        lrp_seq2seq(net, torch.zeros(1, 4, 2), torch.zeros(1, 2, 1), eps=0, bias_factor=2)
    assert str(error.value) == f"{EPS_0} {BIAS_2}"


def test_one_good_option_set_still_explains() -> None:
    ex = lrp(_classifier().eval(), TOKENS, target=1, lengths=[5, 3], bias_factor=1.0)
    assert float(ex.residual.abs().max()) < 1e-12


def test_cli_top_and_the_lrp_flags_are_refused_together(
    clf_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = {
        ("--top", "0", "--eps", "0"): (
            "error: --top must be a positive integer, got 0. --eps must be a positive finite "
            "number, got 0.\n"
        ),
        ("--top", "0", "--method", "ig", "--eps", "1"): (
            "error: --top must be a positive integer, got 0. --eps applies to --method lrp "
            "only, got --method ig.\n"
        ),
        ("--top", "0"): "error: --top must be a positive integer, got 0.\n",
    }
    for flags, said in cases.items():
        assert main(["explain", str(clf_dir), "--text", "a film", *flags]) == 2
        assert capsys.readouterr().err == said


def _faithfulness_script(bench_script, monkeypatch: pytest.MonkeyPatch):
    """benchmarks/faithfulness.py as ``python benchmarks/faithfulness.py`` loads it, with its
    text and series runs failing the test if they start."""
    script = bench_script("faithfulness")
    monkeypatch.setattr(script, "_text", lambda args: pytest.fail("trained before refusing"))
    monkeypatch.setattr(script, "_series", lambda args: pytest.fail("ran before refusing"))
    return script


def test_faithfulness_refuses_its_flags_at_once_and_together(
    bench_script, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # --steps 0 ended in "ZeroDivisionError: float division by zero" (LRP's AOPC, the anchor,
    # is 0 without deletions), --batch-size 0 in a traceback after the minute of training,
    # --minutes 0 and --epochs 0 in SentimentConfig's traceback; --skip-text --skip-series
    # printed nothing
    script = _faithfulness_script(bench_script, monkeypatch)
    said = {
        ("--steps", "0", "--skip-text"): "--steps must be a positive integer, got 0.",
        ("--steps", "-1", "--batch-size", "0", "--minutes", "0", "--epochs", "0"): (
            "--steps must be a positive integer, got -1. --batch-size must be a positive "
            "integer, got 0. --minutes must be a positive finite number, got 0. --epochs must "
            "be a positive integer, got 0."
        ),
        ("--minutes", "1e-3x", "--embed-dim", "-2"): (
            "--minutes must be a positive finite number, got '1e-3x'. --embed-dim must be a "
            "positive integer, got -2."
        ),
        # the text's flags are not read without the text
        ("--skip-text", "--minutes", "0", "--batch-size", "0", "--steps", "0"): (
            "--steps must be a positive integer, got 0."
        ),
        ("--skip-text", "--skip-series"): (
            "--skip-text and --skip-series leave nothing to measure: drop one."
        ),
    }
    for argv, message in said.items():
        with pytest.raises(SystemExit) as exit_:
            script.main(list(argv))
        assert exit_.value.code == 2
        assert capsys.readouterr().err.endswith(f": error: {message}\n")


def test_faithfulness_tables_name_the_deletions_they_show(
    bench_script, monkeypatch: pytest.MonkeyPatch
) -> None:
    # --steps 3 printed "accuracy after 1 / 3 / 5 deletions" above two figures
    script = _faithfulness_script(bench_script, monkeypatch)
    assert [script.shown_steps(k) for k in (1, 2, 3, 5, 9)] == [
        [1],
        [1],
        [1, 3],
        [1, 3, 5],
        [1, 3, 5],
    ]
    ran = []
    monkeypatch.setattr(script, "_series", lambda args: ran.append(args.steps))
    script.main(["--skip-text", "--steps", "2"])
    assert ran == [2]


@pytest.mark.parametrize(
    ("name", "argv", "message", "loads"),
    [
        (
            "lrp_speed",
            ["--batch-size", "0", "--repeats", "0", "--loop-sentences", "-3"],
            "--batch-size must be a positive integer, got 0. --repeats must be a positive "
            "integer, got 0. --loop-sentences must be a positive integer, got -3.",
            "load_sst",
        ),
        (
            "lrp_speed",
            ["--embed-dim", "0", "--hidden-size", "-1"],
            "--embed-dim must be a positive integer, got 0. --hidden-size must be a positive "
            "integer, got -1.",
            "load_sst",
        ),
        (
            "explain_file",
            ["--lines", "0", "--train", "0", "--reps", "0"],
            "--lines must be a positive integer, got 0. --train must be a positive integer, "
            "got 0. --reps must be a positive integer, got 0.",
            "prepare",
        ),
    ],
)
def test_the_speed_benchmarks_refuse_their_counts_before_running(
    bench_script,
    name: str,
    argv: list[str],
    message: str,
    loads: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # --batch-size 0: range()'s "arg 3 must not be zero" after SST loaded; --loop-sentences 0:
    # a ZeroDivisionError after the timings; --reps 0 (explain_file): "no median for empty
    # data" after the classifier trained
    script = bench_script(name)
    monkeypatch.setattr(script, loads, lambda *a, **k: pytest.fail("ran before refusing"))
    with pytest.raises(SystemExit) as exit_:
        script.main(argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.endswith(f": error: {message}\n")
