"""revwalk35a: review of walk35a's fixes (the eps floor of the rules and the CLI's --eps)."""

from __future__ import annotations

import pytest
import torch

from lstmkit.cli import main
from lstmkit.explain.rules import epsilon_rule, stabilize

_WHY = "a smaller one rounds in the rule's arithmetic, and a unit of z = 0 gets NaN relevance"


@pytest.mark.parametrize(
    ("dtype", "eps", "floor"),
    [
        (torch.float32, 1e-40, "1.1754943508222875e-38"),
        (torch.bfloat16, 1e-39, "1.1754943508222875e-38"),
        (torch.float16, 1e-5, "6.103515625e-05"),
    ],
)
def test_the_rule_refuses_an_eps_subnormal_in_the_dtype_of_z(dtype, eps, floor) -> None:
    # the public rule computes in z's dtype: a float32 z at eps=1e-40 (above float64's floor,
    # so taken) gave a unit of z = 0 NaN relevance, and every lower unit with it, unsaid
    z = torch.tensor([[0.0, 1.0]], dtype=dtype)
    a = torch.tensor([[0.0, 1.0]], dtype=dtype)
    w = torch.tensor([[0.0, 0.0], [0.0, 1.0]], dtype=dtype)
    r = torch.ones(1, 2, dtype=dtype)
    name = str(dtype).split(".")[-1]
    message = (
        f"`eps` must be at least {floor} (the smallest normal {name} of `z`: {_WHY}), got {eps!r}."
    )
    with pytest.raises(ValueError) as info:
        epsilon_rule([(a, w)], z, r, eps=eps)
    assert str(info.value) == message
    with pytest.raises(ValueError) as info:
        stabilize(z, eps)
    assert str(info.value) == message
    with pytest.raises(ValueError) as info:  # told with the other options' problems
        epsilon_rule([(a, w)], z, r, eps=eps, bias_factor=2)
    assert str(info.value).startswith(message + " `bias_factor` must be a number in [0, 1]")
    # at the floor the relevances are finite: [0.5, 1.5], the dead unit's 1 shared by both
    (got,) = epsilon_rule([(a, w)], z, r, eps=float(floor))
    assert got.float().tolist() == [[pytest.approx(0.5, abs=4e-3), 1.5]]


@pytest.mark.parametrize("eps", ["5e-324", "1e-310"])
def test_the_cli_refuses_a_subnormal_eps_by_its_flag(classifier_dir, tmp_path, capsys, eps):
    # --eps 5e-324 passed the flag's check (positive, finite) and lrp refused it as `eps`, after
    # --bias-factor's problem alone, and in text predict after loading the model
    floor = (
        f"--eps must be at least 2.2250738585072014e-308 (the smallest normal float64: {_WHY}), "
        f"got {eps}."
    )
    bias = (
        "--bias-factor must be a number in [0, 1] (0: biases keep their share, 1: exact "
        "conservation), got 2."
    )
    out = tmp_path / "never"
    runs = [
        (["explain", str(classifier_dir), "--text", "good", "--out", str(out)], floor),
        # told together, in the order given
        (
            ["explain", str(classifier_dir), "--text", "good", "--bias-factor", "2"],
            f"{bias} {floor}",
        ),
        # refused before the model is read: a folder that is not there is not reached
        (["text", "predict", str(tmp_path / "none"), "good", "--explain"], floor),
        (["text", "predict", str(classifier_dir), "good", "--explain"], floor),
    ]
    for args, message in runs:
        assert main([*args, "--eps", eps]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"
    assert not out.exists()
    # the floor itself is taken
    args = ["text", "predict", str(classifier_dir), "good", "--explain"]
    assert main([*args, "--eps", "2.2250738585072014e-308"]) == 0
