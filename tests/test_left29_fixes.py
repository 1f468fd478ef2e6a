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
        "more); lower --hidden-size, --batch-size or --ensemble, or run on --device cpu.\n",
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
