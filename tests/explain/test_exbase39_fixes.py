"""exbase39: the README walk of "Baselines and faithfulness" and "Gates"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstmkit.cli import main


def _drawn(monkeypatch: pytest.MonkeyPatch, module: object) -> None:
    """``module``'s progress bars drawn at every update (tqdm's own pace skips counts)."""
    from lstmkit import _checks

    real = _checks.progress_bar
    monkeypatch.setattr(
        module,
        "progress_bar",
        lambda progress, **kw: real(progress, mininterval=0, miniters=1, **kw),
    )


def _counts(err: str, unit: str) -> list[tuple[int, int]]:
    found = re.findall(rf"explain: +\d+%\|[^|]*\| (\d+)/(\d+) \[[^\]]*{unit}/s\]", err)
    return [(int(done), int(total)) for done, total in found]


def test_explains_ig_bar_counts_the_paths_points_not_the_texts(
    classifier_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # --ig-steps 100000 of one sentence ran for minutes under a bar of texts that stood at
    # 0/1 the whole time; the bar counts the points of the paths, each model call's
    from lstmkit import _checks

    _drawn(monkeypatch, _checks)
    argv = ["explain", str(classifier_dir), "--text", "a good film", "--text", "a bad film"]
    assert main([*argv, "--method", "ig", "--ig-steps", "600", "--progress"]) == 0
    err = capsys.readouterr().err
    counts = _counts(err, "point")
    # 2 sentences of 3 tokens, one batch: 1,200 points in model calls of 512 rows
    assert counts == [(0, 1200), (512, 1200), (1024, 1200), (1200, 1200)]
    assert "text/s" not in err
    # the other methods' bar still counts the texts
    assert main([*argv, "--method", "gradxinput", "--progress"]) == 0
    assert _counts(capsys.readouterr().err, "text") == [(0, 2), (2, 2)]


def test_explain_forecasts_ig_bar_counts_the_paths_points(
    airline_fc_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a bar of members stood at 0/1 for the whole of one member's path
    from lstmkit.explain import explain_forecast, forecast
    from lstmkit.forecast import Forecaster

    _drawn(monkeypatch, forecast)
    fc = Forecaster.load(airline_fc_dir)
    capsys.readouterr()
    explain_forecast(fc, method="ig", steps=1100, progress=True)
    assert _counts(capsys.readouterr().err, "point") == [
        (0, 1100),
        (512, 1100),
        (1024, 1100),
        (1100, 1100),
    ]
    explain_forecast(fc, method="ig", progress=True)  # the default 32 steps
    assert _counts(capsys.readouterr().err, "point") == [(0, 32), (32, 32)]
    # and the command's
    argv = ["explain", str(airline_fc_dir), "--method", "ig", "--ig-steps", "700", "--progress"]
    assert main(argv) == 0
    assert _counts(capsys.readouterr().err, "point") == [(0, 700), (512, 700), (700, 700)]


@pytest.mark.parametrize(
    ("method", "options", "said"),
    [
        (
            "occlusion",
            {"sliding_window_shapes": (1, 6)},
            "the options of method 'occlusion' must be among ('value', 'per_feature', "
            "'batch_size', 'progress'), got unknown ['sliding_window_shapes'] (Captum's "
            "`sliding_window_shapes`: occlusion here occludes one step at a time, all its "
            "features (a window of one step, stride 1), and with per_feature=True each feature "
            "of each step on its own too; no option widens the window).",
        ),
        (
            "occlusion",
            {"strides": 2, "perturbations_per_eval": 8},
            "the options of method 'occlusion' must be among ('value', 'per_feature', "
            "'batch_size', 'progress'), got unknown ['strides', 'perturbations_per_eval'] "
            "(Captum's "
            "`strides`: occlusion here occludes one step at a time, all its features (a window "
            "of one step, stride 1), and with per_feature=True each feature of each step on its "
            "own too; no option widens the window; Captum's `perturbations_per_eval`: occlusion "
            "here scores up to `batch_size` occluded copies of the sequences a model call (512 "
            "by default)).",
        ),
        (
            "ig",
            {"return_convergence_delta": True},
            "the options of method 'ig' must be among ('steps', 'batch_size', 'progress'), got "
            "unknown "
            "['return_convergence_delta'] (Captum's `return_convergence_delta`: the result "
            "always holds it, `ex.relevance.sum(1) - (ex.score - ex.baseline_score)`).",
        ),
    ],
)
def test_captums_occlusion_window_and_convergence_delta_options_say_what_they_are_here(
    method: str, options: dict[str, object], said: str
) -> None:
    # they were refused among the options taken, without a word of what they are here
    import torch

    from lstmkit.explain import explain
    from lstmkit.text import TextClassifier

    model = TextClassifier(20, 6, 5, 2).eval()
    with pytest.raises(TypeError) as caught:
        explain(model, torch.tensor([[1, 2, 3]]), method=method, **options)
    assert str(caught.value) == said


class _Window(__import__("torch").nn.Module):
    """A 3-unit LSTM over 2 inputs read at each sequence's last step, named as lrp finds its
    parts."""

    def __init__(self) -> None:
        import torch

        from lstmkit.nn import LSTM

        super().__init__()
        torch.manual_seed(0)
        self.rnn = LSTM(input_size=2, hidden_size=3, batch_first=True)
        self.head = torch.nn.Linear(3, 1)

    def forward(self, x, lengths=None):
        import torch

        if lengths is None:
            return self.head(self.rnn(x)[0][:, -1])
        out = self.rnn(x, lengths=lengths)[0]
        return self.head(out[torch.arange(len(x)), lengths.to(x.device) - 1])


@pytest.mark.parametrize(
    "method", ["lrp", "gradxinput", "sensitivity", "ig", "occlusion", "random"]
)
def test_inputs_holding_nan_or_inf_are_warned_of_not_explained_as_nan_unsaid(
    method: str,
) -> None:
    # every relevance of such a sequence (random's score) came back NaN without a word
    import torch

    from lstmkit.explain import explain

    model = _Window().double()
    x = torch.linspace(-1, 1, 30, dtype=torch.float64).view(3, 5, 2)
    bad = x.clone()
    bad[0, 2, 1] = float("nan")
    bad[1, 4, 0] = float("inf")
    with pytest.warns(UserWarning) as caught:
        ex = explain(model, bad, 0, method=method)
    # alone: lrp warned besides of sequence 1's infinite relevance as of an overflow at
    # eps=1e-3, advising eps=0.1 (revexbase39); an inf saturates the gates, its score finite
    assert [str(w.message) for w in caught] == [
        "`inputs` hold NaN at 1 and inf at 1 entries of 2 sequences [0, 1] (the first at "
        "sequence 0, step 2, feature 1): their relevances are NaN or say nothing of them, a "
        "NaN's score NaN too; fill them first, e.g. torch.nan_to_num(inputs, nan=0.0, "
        "posinf=0.0, neginf=0.0)."
    ]
    assert caught[0].filename == __file__  # at the user's line
    if method != "random":  # the other sequence is explained as it is alone
        alone = explain(model, x[2:], 0, method=method)
        assert ex.relevance[2].tolist() == pytest.approx(alone.relevance[0].tolist())
    one = x.clone()
    one[1, 3, 1] = float("nan")
    with pytest.warns(UserWarning, match=r"^`inputs` hold NaN at 1 entry of sequence \[1\] "):
        explain(model, one, 0, method=method)
    # the advice runs: the filled inputs are explained without a warning, finite throughout
    filled = torch.nan_to_num(bad, nan=0.0, posinf=0.0, neginf=0.0)
    assert explain(model, filled, 0, method=method).relevance.isfinite().all()


def test_a_nan_in_padding_the_model_does_not_read_is_no_warning_and_explained_as_0() -> None:
    import torch

    from lstmkit.explain import explain

    x = torch.linspace(-1, 1, 20, dtype=torch.float64).view(2, 5, 2)
    x[1, 4] = float("nan")  # past sequence 1's length, 4
    model = _Window().double()
    for method in ("gradxinput", "ig", "occlusion", "sensitivity"):
        ex = explain(model, x, 0, method=method, lengths=[5, 4])
        assert ex.relevance.isfinite().all()  # the padding's relevance: 0, not NaN
        assert ex.relevance[1, 4] == 0
        clean = explain(model, x[1:, :4], 0, method=method)  # what the sequence gets alone
        assert ex.relevance[1, :4].tolist() == pytest.approx(clean.relevance[0].tolist())


def test_the_commands_copies_of_the_methods_defaults_are_the_methods_own() -> None:
    # cli/explain.py copies them (its --help loads no torch, which importing the methods
    # would): --json's options and the help must say what the methods run with
    import inspect

    from lstmkit.cli import explain as cli
    from lstmkit.explain import integrated_gradients, lrp

    assert cli._IG_STEPS == inspect.signature(integrated_gradients).parameters["steps"].default
    lrp_defaults = inspect.signature(lrp).parameters
    assert cli._EPS == lrp_defaults["eps"].default
    assert cli._BIAS_FACTOR == lrp_defaults["bias_factor"].default


def test_deletion_of_equal_relevances_goes_from_the_left_and_aopc_counts_k_0() -> None:
    # as the README now says: ties are deleted in the order they stand, and the AOPC is the
    # mean drop over k = 0 .. K, its 0 at k = 0 included
    import dataclasses

    import torch

    from lstmkit.explain import aopc, deletion_curve, explain

    model = _Window().double()
    x = torch.linspace(-1, 1, 10, dtype=torch.float64).view(1, 5, 2)
    ex = explain(model, x, 0, method="gradxinput")
    tied = dataclasses.replace(ex, relevance=torch.zeros_like(ex.relevance))
    curve = deletion_curve(model, x, tied, steps=5)
    by_hand = []
    for k in range(6):
        deleted = x.clone()
        deleted[:, :k] = 0.0
        with torch.no_grad():
            by_hand.append(float(model(deleted)[0, 0]))
    assert curve[0].tolist() == pytest.approx(by_hand, abs=1e-12)
    assert aopc(torch.tensor([[3.0, 2.0, 1.0]])).tolist() == [1.0]
    assert float(aopc(curve)[0]) == pytest.approx(
        sum(by_hand[0] - s for s in by_hand) / 6, abs=1e-12
    )


def test_compare_by_magnitude_averages_the_absolute_change_not_signed_drops_that_cancel() -> None:
    # a regression output ranked by |R|: the deletions moved it either way and the signed
    # AOPC cancelled them, random's -0.0018 ranking first, above every method (all below 0)
    import torch

    from lstmkit.explain import compare, deletion_curve, explain

    model = _Window().double()
    torch.manual_seed(0)
    x = torch.randn(4, 6, 2, dtype=torch.float64)
    ranked = compare(model, x, 0, methods=["gradxinput", "random"], steps=3, by="magnitude")
    for m in ("gradxinput", "random"):
        curve = deletion_curve(model, x, explain(model, x, 0, method=m), steps=3, by="magnitude")
        change = (curve[:, :1] - curve).abs().mean(dim=1)  # [B]
        assert ranked.aopc[m] == pytest.approx(float(change.mean()), abs=1e-12)
        assert ranked.aopc_std_error[m] == pytest.approx(float(change.std() / 2), abs=1e-12)
    assert ranked.aopc["gradxinput"] > ranked.aopc["random"] > 0
    assert ranked.table().splitlines()[0] == (
        "| method | mean abs. change | ± s.e. | score after 1 / 3 deletions |"
    )
    fig = ranked.plot()
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        f"gradxinput (mean abs. change {ranked.aopc['gradxinput']:.3f})",
        f"random (mean abs. change {ranked.aopc['random']:.3f})",
    ]
    # by value, the AOPC as it was
    assert (
        compare(model, x, 0, methods=["random"], steps=3)
        .table()
        .startswith("| method | AOPC | ± s.e. |")
    )


def test_explains_progress_help_says_what_the_bar_counts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["explain", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert (
        "--progress, --no-progress progress bar on stderr over a classifier's sentences or a "
        "forecaster's ensemble members (--method ig: the points of their paths; a "
        "forecaster's --method occlusion: the occluded windows) (default: on when stderr is a "
        "terminal)"
    ) in said


def test_ig_is_the_midpoint_rule_and_occlusion_the_drop_as_the_readme_says() -> None:
    # the README now says which of Captum's quadratures ig is (riemann_middle) and what an
    # occluded step is set to: both recomputed here by hand
    import torch

    from lstmkit.explain import explain

    model = _Window().double()
    x = torch.linspace(-1, 1, 8, dtype=torch.float64).view(1, 4, 2)
    steps = 3
    total = torch.zeros_like(x)
    for k in range(steps):
        point = ((k + 0.5) / steps * x).requires_grad_(True)
        (grad,) = torch.autograd.grad(model(point)[0, 0], point)
        total += grad
    by_hand = (x * total / steps).sum(dim=2)[0]
    ig = explain(model, x, 0, method="ig", steps=steps)
    assert ig.relevance[0].tolist() == pytest.approx(by_hand.tolist(), abs=1e-12)
    with torch.no_grad():
        score = float(model(x)[0, 0])
        drops = []
        for t in range(4):
            occluded = x.clone()
            occluded[0, t] = 0.5
            drops.append(score - float(model(occluded)[0, 0]))
    ex = explain(model, x, 0, method="occlusion", value=0.5, per_feature=False)
    assert ex.relevance[0].tolist() == pytest.approx(drops, abs=1e-12)
