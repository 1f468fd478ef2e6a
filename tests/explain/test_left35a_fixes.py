"""left35a: left-overs of the explanations' reviews (eps overflow, rule dtypes, bool targets,
--eps help)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.cli import main


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
