"""Fixes from helper mop28 (leftovers of this session's reviews): each test fails without its
fix."""

from __future__ import annotations

import re

import pytest
import torch

from lstmkit import _memory
from lstmkit import forecast as F
from lstmkit.cli import main
from lstmkit.cli.demo import _memory_problem
from lstmkit.explain import deletion_curve, explain
from lstmkit.text._checks import cut_short, few_steps
from lstmkit.text.labelled import check_labelled
from lstmkit.text.sentiment import _warn_repeated_texts

GiB = 2**30


# ---- 1. demo's and predict's memory refusals count the swap, as the nn modules' do -------------


def _no_work(*args, **kwargs):
    raise AssertionError("past the memory check")


def test_the_demos_gates_the_swap_holds_are_not_refused(fake_memory, capsys) -> None:
    # before: a 1 GiB machine with 2 GiB of swap refused 2.44 GiB of gates, "more than this
    # machine's memory (1 GiB)", where LSTM(...) of the same size was built
    fake_memory(GiB, None, 2 * GiB)
    assert _memory_problem(10**4, 64) is None
    assert main(["demo", "--steps", "100000", "--hidden", "64"]) == 2
    assert capsys.readouterr().err == (
        "error: --steps 100000 with --hidden 64 needs 24.4 GiB for the gates of the 256 test "
        "sequences, more than this machine's memory (1 GiB) and the swap (2 GiB) together; "
        "lower --steps or --hidden.\n"
    )
    fake_memory(64 * GiB, 2**29, 2**28)  # a container's limit, smaller than the machine
    assert _memory_problem(10**4, 64) == (
        "--steps 10000 with --hidden 64 needs 2.44 GiB for the gates of the 256 test sequences, "
        "more than this container's memory limit (512 MiB) and the swap (256 MiB) together; "
        "lower --steps or --hidden."
    )
    fake_memory(GiB, None, None)  # the swap not known (macOS grows it), nor the disk
    assert _memory_problem(10**5, 64) is None
    fake_memory(GiB, None, 0)  # no swap: the memory's words alone
    assert _memory_problem(10**4, 64) == (
        "--steps 10000 with --hidden 64 needs 2.44 GiB for the gates of the 256 test sequences, "
        "more than this machine's memory (1 GiB); lower --steps or --hidden."
    )


def test_a_forecast_the_swap_holds_is_not_refused(recursive, fake_memory, monkeypatch) -> None:
    # before: 22,369,622 steps (1 GiB) on a 1 GiB machine with 1 GiB of swap were refused,
    # "more than this machine's memory (1 GiB); forecast at most 22,369,621 steps"
    monkeypatch.setattr(F.Forecaster, "_history_and_ahead", _no_work)
    fake_memory(GiB, None, GiB)
    with pytest.raises(AssertionError, match=r"^past the memory check$"):
        recursive.predict(22_369_622)
    with pytest.raises(ValueError) as err:
        recursive.predict(2**62)
    assert str(err.value) == (
        "`horizon` (4,611,686,018,427,387,904 steps) needs at least 192 EiB for its forecast "
        "(48 bytes a step: the forecast, its interval's bounds, its timestamp and each of the 2 "
        "members' forecasts), more than this machine's memory (1 GiB) and the swap (1 GiB) "
        "together; forecast at most 44,739,242 steps."
    )
    with pytest.raises(ValueError, match=r"^`horizon` \(44,739,243 steps\) needs at least 2 GiB"):
        recursive.predict(44_739_243)
    fake_memory(GiB, None, None)  # the swap and the disk not known: refused by nothing
    with pytest.raises(AssertionError, match=r"^past the memory check$"):
        recursive.predict(2**62)


def test_one_rule_for_every_hard_memory_refusal(fake_memory) -> None:
    fake_memory(16 * GiB, None, 8 * GiB)
    assert _memory.refusal_limit() == (
        24 * GiB,
        "this machine's memory (16 GiB) and the swap (8 GiB) together",
    )
    fake_memory(16 * GiB, None, 0)
    assert _memory.refusal_limit() == (16 * GiB, "this machine's memory (16 GiB)")
    fake_memory(None, None, 8 * GiB)
    assert _memory.refusal_limit() is None
    fake_memory(16 * GiB, None, None)
    assert _memory.refusal_limit() is None


# ---- 2. deletion_curve refuses a model random in eval mode, as the explanation methods do -----


class _Features(torch.nn.Module):
    """A classifier on features whose `forward` may drop in eval mode (F.dropout's
    training=True default), or draw and not use it."""

    def __init__(self, draws: str = "") -> None:
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 4, batch_first=True)
        self.head = torch.nn.Linear(4, 2)
        self.draws = draws

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.rnn(x)[1][0][-1]
        if self.draws == "dropout":
            h = torch.nn.functional.dropout(h, 0.5)
        elif self.draws == "unused":
            torch.rand(1)
        return self.head(h)


RANDOM = (
    r"output changes from call to call on the same inputs \(max abs difference "
    r"\d\.\d+(e-\d+)? between two calls in eval mode\): something random is on in eval mode, "
    r"such as `F\.dropout\(x, p\)` without `training=self\.training` \(use an `nn\.Dropout` "
    r"module\); an explanation needs one output for one input\."
)


def test_deletion_curve_refuses_a_model_random_in_eval_mode() -> None:
    torch.manual_seed(0)
    x, steady = torch.randn(3, 5, 3), _Features()
    ex = explain(steady, x, 0, method="gradxinput")
    random = _Features("dropout")
    random.load_state_dict(steady.state_dict())
    # before: a curve of random draws, each deletion scored on another, without a word
    with pytest.raises(RuntimeError) as err:
        deletion_curve(random, x, ex, steps=2, batch_size=2)
    assert re.fullmatch("deletion_curve cannot score _Features: its " + RANDOM, str(err.value))
    # a model that draws and gives the same output is scored as one that draws nothing
    unused = _Features("unused")
    unused.load_state_dict(steady.state_dict())
    curve = deletion_curve(steady, x, ex, steps=2, batch_size=2)
    assert torch.equal(deletion_curve(unused, x, ex, steps=2, batch_size=2), curve)
    assert curve.shape == (3, 3)
    assert torch.equal(curve[:, 0], steady(x)[:, 0].double().detach())


# ---- 4. the text warnings' counts with thousands separators, as lstmkit's other counts -------


def test_few_steps_writes_its_counts_with_thousands_separators() -> None:
    # was "1500 training examples make 2 steps an epoch at the batch size 1024 (...), 2000
    # steps in 1000 epochs", where "`horizon` (50,000,000 steps)" and the other counts are
    # written with commas
    assert few_steps(1500, 1024, 1000) == (
        "1,500 training examples make 2 steps an epoch at the batch size 1,024 (`batch_size`, "
        "--batch-size), 2,000 steps in 1,000 epochs: a smaller batch, such as 256 (6 steps an "
        "epoch), gives the optimizer more steps"
    )
    assert few_steps(6000, 4096, 3) == (
        "6,000 training examples make 2 steps an epoch at the batch size 4,096 (`batch_size`, "
        "--batch-size), 6 steps in 3 epochs: a smaller batch, such as 1,024 (6 steps an epoch), "
        "gives the optimizer more steps"
    )


def test_the_budgets_warning_writes_its_steps_with_thousands_separators() -> None:
    # was the template "... stopped training at step %d of %d ...": "at step 4210 of 69150"
    assert cut_short(4210, 69150) == (
        "the wall-clock budget (`minutes`, --minutes) stopped training at step 4,210 of 69,150: "
        "a run the clock stops does not repeat bit for bit; a larger budget lets it make every "
        "step"
    )


def test_counted_texts_and_labels_have_thousands_separators() -> None:
    with pytest.raises(ValueError) as err:
        check_labelled(["a film"] * 1500, ["pos"] * 1499)
    # was "got 1500 texts and 1499 labels."
    assert str(err.value) == (
        "`texts` and `labels` must be as long as each other (one label per text), got 1,500 "
        "texts and 1,499 labels."
    )


def test_repeated_held_out_texts_are_counted_with_thousands_separators() -> None:
    train = [[f"w{k}", "film"] for k in range(1200)]
    dev = [f"w{k} film" for k in range(4000)]  # the first 1,200 are training texts
    with pytest.warns(UserWarning) as caught:
        _warn_repeated_texts(train, {"dev": dev})
    # was "1200 of the 4000 dev texts (30 %) are training texts too, ..."
    assert str(caught[0].message).startswith(
        "1,200 of the 4,000 dev texts (30 %) are training texts too, token for token, so "
    )
