"""Leftovers of this session: the epsilon rule's eps, deletion_curve's step count, the forecast
CLI's out-of-memory wording at a refit, and predict's check of leading covariates."""

from __future__ import annotations

import pytest
import torch

# --- (1) the epsilon rule refuses eps <= 0, as lrp does ------------------------------------------


def _zero_unit(eps: object) -> list[torch.Tensor]:
    from lstmkit.explain.rules import epsilon_rule

    # z = 1 * 1 + (-1) * 1 = 0: with eps = 0 its relevance was 1 / 0 (R = [[nan, nan]])
    return epsilon_rule(
        [(torch.tensor([[1.0, -1.0]]), torch.tensor([[1.0, 1.0]]))],
        torch.tensor([[0.0]]),
        torch.tensor([[1.0]]),
        eps=eps,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("eps", "error", "message"),
    [
        (0.0, ValueError, "`eps` must be a positive finite number, got 0.0."),
        (0, ValueError, "`eps` must be a positive finite number, got 0."),
        (-0.5, ValueError, "`eps` must be a positive finite number, got -0.5."),
        (float("inf"), ValueError, "`eps` must be a positive finite number, got inf."),
        (
            "1e-3",
            TypeError,
            "`eps` must be a real number, got str '1e-3' (a number, not text: 0.001).",
        ),
    ],
)
def test_the_epsilon_rule_refuses_an_eps_lrp_refuses_in_lrps_words(
    eps: object, error: type[Exception], message: str
) -> None:
    from lstmkit.explain import lrp
    from lstmkit.text import TextClassifier

    with pytest.raises(error) as rule:
        _zero_unit(eps)
    assert str(rule.value) == message
    torch.manual_seed(0)
    model = TextClassifier(vocab_size=10, embed_dim=4, hidden_size=4, num_classes=3).double()
    with pytest.raises(error) as whole:
        lrp(model, torch.tensor([[1, 2, 3]]), eps=eps)  # type: ignore[arg-type]
    assert str(whole.value) == message


def test_the_epsilon_rule_still_splits_a_zero_unit_at_a_positive_eps() -> None:
    (r,) = _zero_unit(0.5)
    assert r.tolist() == [[2.5, -1.5]]


# --- (3) deletion_curve counts each sequence's real steps, not its padding ----------------------


def test_deletion_curves_refusal_of_other_inputs_counts_the_real_steps_of_a_padded_batch() -> None:
    from lstmkit.explain import deletion_curve, lrp
    from lstmkit.text import TextClassifier

    torch.manual_seed(0)
    model = TextClassifier(12, 5, 4, 3).eval()
    tokens = torch.tensor([[3, 4, 5, 6, 7], [7, 2, 0, 0, 0]])  # 5 + 2 = 7 real steps of 10
    ex = lrp(model, tokens, lengths=[5, 2])
    changed = tokens.clone()
    changed[0, 4], changed[1, 0] = 9, 9
    with pytest.raises(ValueError) as err:
        deletion_curve(model, changed, ex, steps=2)
    assert str(err.value) == (
        "`explanation` explains other inputs than `inputs`: they differ at 2 of 7 steps, "
        "(sequence, step) (0, 4), (1, 0), and its relevance ranks the steps of those; pass the "
        "inputs it explains, or explain these."
    )
    one = lrp(model, tokens[1:], lengths=[1])  # "of 3 steps" counted two of padding
    with pytest.raises(ValueError) as err:
        deletion_curve(model, changed[1:], one, steps=1)
    assert str(err.value) == (
        "`explanation` explains other inputs than `inputs`: they differ at 1 of 1 step, "
        "(sequence, step) (0, 0), and its relevance ranks the steps of those; pass the inputs "
        "it explains, or explain these."
    )


# --- (4) the forecast CLI's out-of-memory line at a refit -----------------------------------------

OOM = "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.10 GiB."


@pytest.mark.parametrize(
    ("step", "doing"),
    [
        # was "moving member 1/2's refit's network to it"
        ("_new_member", "moving member 1/2's refit network to it"),
        ("fit", "training member 1/2's refit"),
    ],
)
def test_a_gpus_out_of_memory_at_a_refit_says_so_plainly(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path,
    step: str,
    doing: str,
) -> None:
    from dataclasses import replace

    from lstmkit import _device, forecast
    from lstmkit import _forecast_members as members
    from lstmkit.cli import main

    monkeypatch.setattr(_device, "check_device", lambda device: None)
    monkeypatch.setattr(forecast, "check_device", lambda device: None)
    built, trained, calls = members._new_member, members.fit, []

    def cpu(config, seed, data):  # each member on the CPU: only the patched step runs "out"
        return built(replace(config, device="cpu"), seed, data)

    real = {"_new_member": cpu, "fit": trained}[step]

    def second_runs_out(*args, **kwargs):  # member 1/2 trains first, then its refit
        calls.append(step)
        if len(calls) == 2:
            raise torch.OutOfMemoryError(OOM)
        return real(*args, **kwargs)

    monkeypatch.setattr(members, "_new_member", cpu)
    monkeypatch.setattr(members, step, second_runs_out)
    argv = ["forecast", "airline", "--epochs", "1", "--ensemble", "2", "--no-stat-baselines"]
    assert main([*argv, "--device", "cuda", "--out", str(tmp_path / "run")]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == (
        "",
        f"error: --device cuda ran out of memory {doing} (torch could not allocate 2.00 GiB "
        # moving holds the weights alone: no batch is on the device then
        f"more); lower --hidden-size{'' if step == '_new_member' else ' or --batch-size'}, or "
        "run on --device cpu.\n",
    )
    assert not (tmp_path / "run").exists()


def test_a_members_training_names_which_member_and_whether_its_refit() -> None:
    import inspect

    from lstmkit._forecast_members import _new_member_trained

    # its `name="a member"` default was used by no caller: each says which member it trains
    parameters = inspect.signature(_new_member_trained).parameters
    assert [(p.name, p.default) for p in list(parameters.values())[-2:]] == [
        ("member", inspect.Parameter.empty),
        ("refit", inspect.Parameter.empty),
    ]


# --- (5) a newer history's covariate that leads the series ---------------------------------------

FITTED_WHY = (
    "The fitted network would be handed the series' future values where it reads its past: its "
    "forecasts and backtest scores would mean nothing. "
)


@pytest.fixture(scope="module")
def with_promo():
    """A Forecaster fitted on the airline series' first 120 months beside a 0/1 flag."""
    import numpy as np
    import pandas as pd

    from lstmkit import data as D
    from lstmkit.forecast import Forecaster

    y = D.load_dataset("airline")
    flags = np.random.default_rng(0).integers(0, 2, 144).astype(float)
    promo = pd.Series(flags, y.index, name="promo")
    fc = Forecaster(epochs=1, ensemble=1, hidden_size=4, progress=False)
    return fc.fit(y[:120], covariates=promo[:120]), y, promo


def test_a_newer_historys_covariate_that_leads_the_series_is_refused_as_fit_refuses_it(
    with_promo,
) -> None:
    import numpy as np
    import pandas as pd

    fc, y, _ = with_promo
    # predict(series=, covariates=) forecast from the series' next values without a word
    lead = pd.Series(np.r_[y.to_numpy()[1:], 432.0], y.index, name="promo")
    message = (
        "`covariates` must hold past covariates known at their own steps, not the series' "
        "future, got 'promo', the series 1 step ahead: cov[t] == series[t+1] at all 143 points "
        f"t < 143. {FITTED_WHY}If it is known only 1 step after its timestamp, lag it, "
        "covariates.shift(1), and drop the first point, where it then has no value (series[1:], "
        "covariates[1:])."
    )
    for call in (
        lambda: fc.predict(3, series=y, covariates=lead),
        lambda: fc.history(y, lead),
        lambda: fc.backtest(y, lead, start=130, stride=6, retrain=False),
        lambda: fc.residuals(y, lead),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == message
    wide = pd.DataFrame({"y": y, "promo": np.r_[y.to_numpy()[2:], 0.0, 0.0]}, y.index)
    with pytest.raises(ValueError) as err:
        fc.predict(3, series=wide)
    assert str(err.value) == (
        "`series` must hold past covariates known at their own steps, not the series' future, "
        "got 'promo', the series 2 steps ahead: cov[t] == series[t+2] at all 142 points "
        f"t < 142. {FITTED_WHY}If it is known only 2 steps after its timestamp, lag it, "
        "series['promo'].shift(2), and drop the first 2 points, where it then has no value "
        "(series[2:])."
    )


def test_a_newer_history_of_past_covariates_forecasts_as_before(with_promo) -> None:
    fc, y, promo = with_promo
    # the training data as a newer history: the forecast from its saved end, bit for bit
    same = fc.predict(3, series=y[:120], covariates=promo[:120])
    assert same.equals(fc.predict(3))
    # a lag of the series is a past covariate: forecast (far outside the flags it was fitted on)
    lagged = y.shift(1).bfill().rename("promo")
    with pytest.warns(UserWarning, match="^`covariates` lies far outside the training series"):
        assert len(fc.predict(3, series=y, covariates=lagged)) == 3


def test_lstmkit_predict_refuses_a_leading_column_of_a_newer_file_in_one_line(
    with_promo, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    import numpy as np
    import pandas as pd

    from lstmkit.cli import main

    fc, y, _ = with_promo
    fc.save(tmp_path / "model")
    ahead = np.r_[y.to_numpy()[3:], 0.0, 0.0, 0.0]  # the series 3 months on
    table = pd.DataFrame({"month": y.index.strftime("%Y-%m-%d"), "airline": y, "promo": ahead})
    table.to_csv(tmp_path / "newer.csv", index=False)
    argv = ["predict", str(tmp_path / "model"), "--csv", str(tmp_path / "newer.csv")]
    assert main([*argv, "--out", str(tmp_path / "p")]) == 2
    out, err = capsys.readouterr()
    # not "otherwise leave it out of --covariate-cols": the model reads it
    assert (out, err) == (
        "",
        "error: `covariates` must hold past covariates known at their own steps, not the "
        "series' future, got 'promo', the series 3 steps ahead: cov[t] == series[t+3] at all "
        f"141 points t < 141. {FITTED_WHY}If it is known only 3 steps after its timestamp, lag "
        "it in the file: move each of its values to the row 3 timestamps later, and drop the "
        "rows of the series' first 3 timestamps, which then have no value.\n",
    )
    assert not (tmp_path / "p").exists()


# --- (2) the explanations' counts in the singular ------------------------------------------------


def test_an_explanation_of_one_step_says_step_in_the_singular() -> None:
    from lstmkit.explain import lrp
    from lstmkit.text import TextClassifier

    torch.manual_seed(0)
    model = TextClassifier(vocab_size=10, embed_dim=4, hidden_size=4, num_classes=3).double()
    # "2 sequences of 1 steps"
    assert repr(lrp(model, torch.tensor([[1], [2]]), target=1)) == (
        "Explanation(lrp, 2 sequences of 1 step, target [1]; relevance [2, 1], "
        "relevance_per_feature [2, 1, 4], score [2])"
    )
    assert repr(lrp(model, torch.tensor([[1, 2]]), target=0)) == (
        "Explanation(lrp, 1 sequence of 2 steps, target [0]; relevance [1, 2], "
        "relevance_per_feature [1, 2, 4], score [1])"
    )
