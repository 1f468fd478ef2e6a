"""left35a: left-overs of the explanations' reviews (eps overflow, rule dtypes, bool targets,
--eps help)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lstmkit.nn as lnn
from lstmkit.cli import main
from lstmkit.explain.rules import epsilon_rule


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["explain", "--help"],
            "--eps X LRP stabilizer, at least 2.2e-308 (float64's smallest normal number; "
            "default: 0.001)",
        ),
        (
            ["text", "predict", "--help"],
            "--eps X with --explain: LRP's stabilizer, at least 2.2e-308 (float64's smallest "
            "normal number; default: 0.001; 0.1 keeps long sentences' relevances from "
            "amplifying)",
        ),
    ],
)
def test_the_eps_flags_help_gives_the_floor_they_are_checked_against(
    argv, expected, capsys
) -> None:
    # the help said "> 0", where a subnormal --eps (5e-324) is refused since revwalk35a
    with pytest.raises(SystemExit):
        main(argv)
    text = " ".join(capsys.readouterr().out.split())
    assert expected in text
    assert "> 0" not in text


_TARGET = (
    "`target` must be an integer output index, one integer per sequence, or None (the arg-max), "
    "got "
)
_SWITCH = "`target` is the index of the output to explain, not a switch; pass "


@pytest.mark.parametrize(
    ("target", "said"),
    [
        # torch read these as the indices 1 and 0 without a word
        ([1, True], "list [1, True], a bool among its entries: {}ints, e.g. [1, 1]."),
        ((True, 0), "tuple (True, 0), a bool among its entries: {}ints, e.g. (1, 0)."),
        (
            [torch.tensor(True), 0],
            "list [tensor(True), 0], a bool among its entries: {}ints, e.g. [1, 0].",
        ),
        # these were told "non-integers are refused", which a bool is not to Python
        ([True, False], "list [True, False], bools: {}ints, e.g. [1, 0]."),
        ([np.True_, 0], "list [np.True_, 0], a bool among its entries: {}ints, e.g. [1, 0]."),
        (torch.tensor([True, False]), "tensor([ True, False]), bools: {}ints, e.g. target.long()."),
        (np.array([True, False]), "array([ True, False]), bools: {}ints, e.g. target.astype(int)."),
        (True, "bool True: {}an int, e.g. 1."),
        (torch.tensor(False), "tensor(False): {}an int, e.g. 0."),
        (
            [0] * 9 + [True, 1, False],
            "a list of 12 entries, 2 of them bools: `target[9]` = True, `target[11]` = False: "
            "{}ints.",
        ),
    ],
)
@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
def test_a_bool_target_is_refused_by_name(method, target, said) -> None:
    from lstmkit.explain import explain
    from lstmkit.text import TextClassifier

    torch.manual_seed(0)
    model = TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=3).eval()
    batch = len(target) if isinstance(target, list | tuple) else 2
    tokens = torch.randint(1, 50, (batch, 4))
    with pytest.raises(TypeError) as info:
        explain(model, tokens, target, method=method)
    assert str(info.value) == _TARGET + said.format(_SWITCH)
    # the ints it stands for are taken
    ints = [int(t) for t in target] if isinstance(target, list | tuple) else 1
    assert explain(model, tokens, ints, method=method).target.tolist()[0] == (
        ints[0] if isinstance(ints, list) else 1
    )


def _rule_inputs(dtype: torch.dtype) -> tuple[torch.Tensor, ...]:
    # two upper units over three lower ones, every value exact in float16 and bfloat16
    a = torch.tensor([[1.0, -2.0, 0.5]], dtype=dtype)
    w = torch.tensor([[0.5, 0.25, 1.0], [-1.0, 0.5, 2.0]], dtype=dtype)
    b = torch.tensor([0.25, -0.5], dtype=dtype)
    r = torch.tensor([[2.0, -1.0]], dtype=dtype)
    return a, w, b, r


@pytest.mark.parametrize("narrow", [torch.float32, torch.float16, torch.bfloat16])
def test_the_rule_takes_a_narrower_float_beside_z_as_torch_promotes_it(narrow) -> None:
    # a float32 `a` or `bias` beside a float64 z was refused since walk35a, where torch had
    # promoted it to the right relevances; a float32 W failed in torch's words
    a, w, b, r = _rule_inputs(torch.float64)
    z = a @ w.T + b  # [[0.75, -1.5]]
    expected = epsilon_rule([(a, w)], z, r, bias=b, bias_factor=1.0)
    # s_j = r_j / (z_j + eps sign(z_j)); unit i gets a_i w_ji s_j + (eps sign(z_j) + b_j) s_j / 3
    s, sign = [2 / 0.751, -1 / -1.501], [1, -1]
    by_hand = [
        sum(
            a[0, i].item() * w[j, i].item() * s[j] + (1e-3 * sign[j] + b[j].item()) * s[j] / 3
            for j in (0, 1)
        )
        for i in range(3)
    ]
    assert expected[0][0].tolist() == pytest.approx(by_hand, abs=1e-14)
    n = {name: t.to(narrow) for name, t in zip("awbr", (a, w, b, r), strict=True)}
    for groups, bias, relevance in [
        ([(n["a"], w)], b, r),
        ([(a, n["w"])], b, r),
        ([(a, w)], n["b"], r),
        ([(a, w)], b, n["r"]),
        ([(n["a"], n["w"])], n["b"], n["r"]),
    ]:
        (got,) = epsilon_rule(groups, z, relevance, bias=bias, bias_factor=1.0)
        assert got.dtype == torch.float64
        assert torch.equal(got, expected[0])
    # a z of float32 takes float16 and bfloat16 alike, and gives float32
    z32 = z.float()
    (got,) = epsilon_rule([(n["a"], n["w"])], z32, n["r"], bias=n["b"], bias_factor=1.0)
    assert got.dtype == torch.float32
    assert got.tolist() == [pytest.approx(by_hand, rel=1e-6)]


@pytest.mark.parametrize(
    ("z_dtype", "given", "told"),
    [
        (
            torch.float32,
            torch.float64,
            "torch.float32, or one it holds exactly (torch.float16 or torch.bfloat16), got "
            "torch.float64: the rule computes in `z`'s dtype, which would round it; give `z` "
            "(and the other tensors) as torch.float64 to compute in that.",
        ),
        (
            torch.float16,
            torch.bfloat16,
            "torch.float16, got torch.bfloat16: the rule computes in `z`'s dtype, which would "
            "round it; give `z` (and the other tensors) as torch.float32 to compute in that.",
        ),
        (
            torch.float64,
            torch.int64,
            "torch.float64, or one it holds exactly (torch.float32 or torch.float16 or "
            "torch.bfloat16), got torch.int64.",
        ),
    ],
)
def test_the_rule_refuses_a_dtype_that_z_does_not_hold(z_dtype, given, told) -> None:
    a, w, b, r = _rule_inputs(z_dtype)
    z = a @ w.T + b
    for name, call in [
        ("`groups[0]`'s a", lambda: epsilon_rule([(a.to(given), w)], z, r, bias=b)),
        ("`groups[0]`'s W", lambda: epsilon_rule([(a, w.to(given))], z, r, bias=b)),
        ("`bias`", lambda: epsilon_rule([(a, w)], z, r, bias=b.to(given))),
        ("`relevance`", lambda: epsilon_rule([(a, w)], z, r.to(given), bias=b)),
    ]:
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value) == f"{name} must have the dtype of `z`, {told}"


_FLOOR = 2.2250738585072014e-308


class _DeadUnit(torch.nn.Module):
    """An LSTM of 2 units over 1 feature whose unit 1 has z = 0 wherever its input is 0: its
    candidate reads the input alone (no bias, no recurrent weight), so at a first input of 0
    its cell is exactly 0 (c_0 = 0), and its relevance, a share of the biases handed back over
    the steps (about 385 / 3^4 = 4.75 at the first), is divided by eps alone."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = lnn.LSTM(1, 2, batch_first=True)
        self.head = torch.nn.Linear(2, 2)
        with torch.no_grad():
            for p in self.parameters():
                p.zero_()
            bias = self.rnn.bias_ih_l0  # gates i, f, g, o of units 0, 1
            bias[0:2], bias[2:4], bias[6:8] = 10.0, -10.0, 10.0  # input, output open; forget shut
            bias[4] = 1.0  # unit 0's candidate: tanh(1) at every step
            self.rnn.weight_ih_l0[5, 0] = 1.0  # unit 1's candidate: tanh(x)
            self.head.weight[0, 0] = 600.0
        self.double().eval()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


def _overflow(some: str, which: str, at: str, score: str, fix: str = "eps=1e-3") -> str:
    name = fix.split("=")[0].split(" ")[0]
    return (
        f"{some} LRP relevances overflowed: {which} of 5 steps has relevances that are not "
        f"finite (inf or nan) at {at}, for a score of {score}: at eps=2.22507e-308, a unit "
        "whose z is exactly 0 (its weights, bias or inputs 0) divides its relevance by the "
        "stabilized denominator z + eps·sign(z) = eps, past float64's largest number once the "
        "relevance exceeds eps × 1.8e+308 = 4, so they say nothing about its steps; pass a "
        f"larger {name}, e.g. {fix}, the default."
    )


def test_lrp_says_a_relevance_overflowed_at_a_tiny_eps_not_through_a_long_sequence() -> None:
    # a 5-step input was said to have blown up "through the long sequence", "overflowed step
    # by step"; and where the unit overflowed at the last step (every relevance NaN), nothing
    from lstmkit.explain import lrp
    from lstmkit.explain._blown import said_with_flags

    model = _DeadUnit()
    x = torch.tensor([[0.0, 1, 1, 1, 1], [1.0, 1, 1, 1, 1]], dtype=torch.float64).unsqueeze(-1)
    with pytest.warns(UserWarning) as seen:
        ex = lrp(model, x, 0, eps=_FLOOR, bias_factor=1.0)
    assert [str(w.message) for w in seen] == [
        _overflow("1 of the 2 sequences'", "sequence 1", "step 1", "385.2")
    ]
    assert torch.isnan(ex.relevance[0, 0]) and bool(torch.isfinite(ex.relevance[0, 1:]).all())
    assert ex.relevance[0, 1:].tolist() == pytest.approx(
        [19.0268, 57.0732, 171.1865, 128.3913], abs=1e-4
    )
    # at 1e-300 that relevance, 4.75, divided by eps stays finite: nothing to say
    ex = lrp(model, x, 0, eps=1e-300, bias_factor=1.0)
    assert ex.relevance[:, 0].tolist() == pytest.approx([2.3785, 6.3429], abs=1e-4)
    with (
        torch.no_grad()
    ):  # the last step's cell 0 at every step: its relevance 10 / 2 of the head's bias
        model.head.bias[0] = 10.0
    with pytest.warns(UserWarning) as seen, said_with_flags():
        ex = lrp(model, torch.zeros(1, 5, 1, dtype=torch.float64), 0, eps=_FLOOR, bias_factor=1.0)
    assert bool(torch.isnan(ex.relevance).all())
    assert [str(w.message) for w in seen] == [
        _overflow("the", "the sequence", "every step", "395.2", "--eps 1e-3")
    ]


class _Amplifier(torch.nn.Module):
    """A one-unit LSTM whose relevances grow ~1.9-fold a step back from the end (the model of
    tests/test_exp33_fixes.py): g = tanh(-0.926 x + 3 h), inputs -2 then 1."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = torch.nn.LSTM(1, 1, batch_first=True)
        self.head = torch.nn.Linear(1, 1)
        with torch.no_grad():
            for p in self.parameters():
                p.zero_()
            self.rnn.weight_ih_l0[:, 0] = torch.tensor([0.0, 0.0, -0.926, 0.0])
            self.rnn.weight_hh_l0[:, 0] = torch.tensor([0.0, 0.0, 3.0, 0.0])
            self.rnn.bias_ih_l0[:] = torch.tensor([20.0, -20.0, 0.0, 20.0])
            self.head.weight[0, 0] = 1.0
        self.double()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, -1])


def test_a_long_sequence_that_blows_up_at_a_tiny_eps_keeps_the_long_sequence_words() -> None:
    # its finite relevances grew past 1e6 times the score before the first that is not finite
    from lstmkit.explain import lrp

    x = torch.ones(1, 1200, 1, dtype=torch.float64)
    x[0, 0, 0] = -2.0
    with pytest.warns(UserWarning) as seen:
        ex = lrp(_Amplifier(), x, eps=_FLOOR)
    bad = int((~torch.isfinite(ex.relevance[0])).sum())
    assert bad == 116
    assert [str(w.message) for w in seen] == [
        "the LRP relevances blew up through the long sequence: the sequence of 1,200 steps has "
        "relevances that are not finite (inf or nan) at 116 of them, from step 116 back to 1, "
        "for a score of 0.6421, overflowed step by step at eps=2.22507e-308, so they say "
        "nothing about its steps; pass eps=0.1, which keeps long sequences' relevances near "
        "the score."
    ]
