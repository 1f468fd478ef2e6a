"""revwalk35a: review of walk35a's fixes (the eps floor of the rules and the CLI's --eps)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.cli import main
from lstmkit.explain import explain
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


_PER_STEP = (
    " An output per time step ([B, T, C]) has no one score per sequence to explain; wrap the "
    "model in an nn.Module whose forward returns the step to explain, e.g. `model(x)[:, -1]` for "
    "the last one (for lrp, a wrapper with the model's `rnn` and `head` as its own submodules)."
)


class _OnAllFinalStates(nn.Module):
    def __init__(self, layers: int, bidirectional: bool) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = lnn.LSTM(4, 3, layers, batch_first=True, bidirectional=bidirectional)
        self.head = nn.Linear(3, 2)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0])  # h_n: the [-1] forgotten


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
@pytest.mark.parametrize(
    ("layers", "bidirectional", "batch", "steps", "fix"),
    [
        # one sentence through a 1-layer rnn, the commonest `self.head(h_n)`: [1, 1, C] was told
        # of outputs per step alone, as `out[:, -1:]` gives it too
        (1, False, 1, 5, "the last layer's, `h_n[-1]`, rather than `h_n`"),
        # T = B = num_layers * directions: [2, 2, C] reads as [B, T, C] too
        (2, False, 2, 2, "the last layer's, `h_n[-1]`, rather than `h_n`"),
        (
            1,
            True,
            2,
            2,
            "the last layer's two directions, `torch.cat([h_n[-2], h_n[-1]], -1)`, rather than "
            "`h_n`, with a head of 6 inputs",
        ),
    ],
)
def test_an_output_that_reads_as_steps_and_as_h_n_is_told_both(
    method, layers, bidirectional, batch, steps, fix
) -> None:
    if method == "lrp" and bidirectional:  # refused before, for its head's width (3, not 6)
        method = "ig"
    torch.manual_seed(0)
    model = _OnAllFinalStates(layers, bidirectional).to(torch.float64)
    with pytest.raises(ValueError) as err:
        explain(model, torch.randint(0, 20, (batch, steps)), 0, method=method)
    plural = "" if batch == 1 else "s"
    assert str(err.value) == (
        f"the explained model must return scores of shape [B] or [B, C] (B = {batch} "
        f"sequence{plural}), got shape ({layers * (1 + bidirectional)}, {batch}, 2) from "
        f"_OnAllFinalStates.{_PER_STEP} Its shape is also that of the head on the final states "
        f"h_n, [num_layers * directions, B, ...]: if it is that, give the head {fix}."
    )


def test_a_long_target_of_non_integers_is_told_its_entries_not_written_out_whole() -> None:
    # labels read as floats (a column with a gap) were written out whole, 1,821 for SST-2's
    # test set, where one out of range is told by position
    from lstmkit.explain import lrp
    from lstmkit.text import TextClassifier

    torch.manual_seed(0)
    model = TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=3).eval()
    tokens = torch.randint(1, 50, (12, 4))
    expected = (
        "`target` must be an integer output index, one integer per sequence, or None (the "
        "arg-max), got "
    )
    runs = [
        (
            [float(k % 3) for k in range(12)],
            "a list of 12 entries, 12 of them no integer: `target[0]` = 0.0, `target[1]` = 1.0, "
            "`target[2]` = 2.0, `target[3]` = 0.0, `target[4]` = 1.0, ...; non-integers are "
            "refused.",
        ),
        (
            (0,) * 11 + (0.5,),
            "a tuple of 12 entries, 1 of them no integer: `target[11]` = 0.5; non-integers are "
            "refused.",
        ),
        ([0] * 11 + ["a"], "a list of 12 entries, 1 of them no integer: `target[11]` = 'a'."),
    ]
    for method in ("lrp", "gradxinput"):
        for target, got in runs:
            with pytest.raises(TypeError) as info:
                explain(model, tokens, target, method=method)
            assert str(info.value) == expected + got
    with pytest.raises(TypeError) as info:  # ten or fewer: written out, as before
        lrp(model, tokens[:2], [0, 0.5])
    assert str(info.value) == expected + "list [0, 0.5]; non-integers are refused."


@pytest.mark.parametrize("groups", [np.ones((2, 2)), np.ones(1), np.ones(0)])
def test_the_rule_refuses_an_array_of_groups_in_its_own_words(groups) -> None:
    # `groups == []` of an array compared elementwise: numpy's "operands could not be
    # broadcast together" or "The truth value of an empty array is ambiguous"
    z = torch.ones(1, 2, dtype=torch.float64)
    with pytest.raises(TypeError) as info:
        epsilon_rule(groups, z, z)
    assert str(info.value) == "`groups` must be a non-empty list of (a, W) pairs, got ndarray."
    with pytest.raises(ValueError) as info:  # an empty list is shown as one, as before
        epsilon_rule([], z, z)
    assert str(info.value) == "`groups` must be a non-empty list of (a, W) pairs, got list []."
