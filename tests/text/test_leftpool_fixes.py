"""``pad_batch``: its tensors on the CPU under any default device, a 0-d array as its
``pad_id``, and ids or a ``pad_id`` past int64 refused by name; the budget's warning of an
ensemble's member names it."""

from __future__ import annotations

import itertools
import logging
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from lstmkit.text import sentiment
from lstmkit.text.sentiment import SentimentConfig
from lstmkit.text.vocab import batches, pad_batch


@pytest.mark.parametrize("batch", [[[5, 6, 7], [8]], [torch.tensor([5, 6, 7]), np.array([8])]])
def test_pad_batch_builds_on_the_cpu_under_another_default_device(batch):
    # the lengths and the padding went to the default device and the ids stayed on the CPU:
    # "Tensor.item() cannot be called on meta tensors" here, mixed devices under CUDA
    torch.set_default_device("meta")
    try:
        tokens, lengths = pad_batch(batch, pad_id=9)
    finally:
        torch.set_default_device(None)
    assert (tokens.device.type, lengths.device.type) == ("cpu", "cpu")
    assert tokens.tolist() == [[5, 6, 7], [8, 9, 9]]
    assert lengths.tolist() == [3, 1]


@pytest.mark.parametrize(
    "pad_id", [np.array(9), np.array(9, dtype=np.uint8), np.int64(9), np.array(9, dtype=">i8")]
)
def test_pad_batch_takes_a_0d_integer_array_as_its_pad_id(pad_id):
    # "`pad_id` must be an integer, got array(9)." where a 0-d tensor was taken
    tokens, lengths = pad_batch([[5, 6, 7], [8]], pad_id=pad_id)
    assert tokens.tolist() == [[5, 6, 7], [8, 9, 9]]
    assert lengths.tolist() == [3, 1]


@pytest.mark.parametrize(
    ("pad_id", "shown"),
    [
        (np.array([0]), "array([0])"),  # one id, but no 0-d array
        (np.array(True), "array(True)"),
    ],
)
def test_pad_batch_still_refuses_an_array_pad_id_that_is_no_int(pad_id, shown):
    with pytest.raises(TypeError) as info:
        pad_batch([[1]], pad_id=pad_id)
    assert str(info.value) == f"`pad_id` must be an integer, got {shown}."


@pytest.mark.parametrize(
    ("pad_id", "shown"),
    [
        (2**63, "9223372036854775808"),
        (np.uint64(2**64 - 1), "18446744073709551615"),
        (-(2**63) - 1, "-9223372036854775809"),
    ],
)
def test_a_pad_id_past_int64_is_refused_by_name(pad_id, shown):
    # torch.full raised "value cannot be converted to type int64_t without overflow"
    with pytest.raises(ValueError) as info:
        pad_batch([[1]], pad_id=pad_id)
    assert str(info.value) == f"`pad_id` must be an int64 (in [-2**63, 2**63 - 1]), got {shown}."


def test_the_int64_bounds_themselves_are_taken():
    tokens, _ = pad_batch([[2**63 - 1, -(2**63)], [0]], pad_id=-(2**63))
    assert tokens.tolist() == [[2**63 - 1, -(2**63)], [0, -(2**63)]]


def test_ids_past_int64_are_named_all_at_once():
    # "Overflow when unpacking long long", which named neither the argument nor the id
    batch = [[1, 2**64], [3], range(2**63, 2**63 + 5)]
    with pytest.raises(ValueError) as info:
        pad_batch(batch)
    assert str(info.value) == (
        "`sequences` must hold int64 ids (in [-2**63, 2**63 - 1]), got 18446744073709551616 at "
        "`sequences[0][1]`, 9223372036854775808 at `sequences[2][0]`, 9223372036854775809 at "
        "`sequences[2][1]`, 9223372036854775810 at `sequences[2][2]`, 9223372036854775811 at "
        "`sequences[2][3]` ...."
    )


_WHY = (
    "the wall-clock budget (`minutes`, --minutes) stopped training at step {} of 30: a run the "
    "clock stops does not repeat bit for bit; a larger budget lets it make every step"
)


def _cut_members(monkeypatch, caplog, *, jobs: int, ensemble: int) -> list[str]:
    """The warnings of an ensemble's members that a budget of 60 s each stops (the training
    clock 20 s a reading), trained one after the other or, ``jobs`` above 1, through the pool
    (here run in this process)."""
    readings = itertools.count(0.0, 20.0)
    fake = SimpleNamespace(perf_counter=lambda: next(readings), time=lambda: 0.0)
    monkeypatch.setattr(sentiment, "time", fake)
    monkeypatch.setattr(
        sentiment,
        "run_in_processes",
        lambda fn, calls, jobs, on_done, name: [fn(*c) for c in calls],
    )
    train = [[2, 3], [4, 5, 6], [7], [3, 4], [5, 6, 2, 3]] * 2
    data = (train, sentiment._label_mask([0, 1, 2, 1, 0] * 2, 3))
    dev = ([[2, 3, 4], [5]], [0, 1])
    # every member's share: 60 s (the deadline, 60 s a round, is read as time 0)
    inputs = sentiment._MemberInputs((8, 3), data, dev, None, 60.0 * ensemble / jobs)
    config = SentimentConfig(
        embed_dim=3, hidden_size=2, batch_size=2, epochs=6, evals_per_epoch=1, seed=7,
        ensemble=ensemble, jobs=jobs, progress=False,
    )  # fmt: skip
    sentiment._train_members(config, inputs)
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.mark.parametrize(("jobs", "second"), [(1, 5), (2, 4)])
def test_the_budgets_warning_names_the_member_of_an_ensemble(monkeypatch, caplog, jobs, second):
    # "the wall-clock budget ... stopped training at step 4 of 30" twice, with --jobs 2 in
    # the order the workers ended: which member was cut short, neither said (one after the
    # other, the second member has the whole rest of the time: 120 s)
    assert _cut_members(monkeypatch, caplog, jobs=jobs, ensemble=2) == [
        f"member 1 of 2 (seed 7): {_WHY.format(4)}",
        f"member 2 of 2 (seed 8): {_WHY.format(second)}",
    ]


def test_the_budgets_warning_of_a_single_model_names_no_member(monkeypatch, caplog):
    assert _cut_members(monkeypatch, caplog, jobs=1, ensemble=1) == [_WHY.format(4)]


def test_batches_shuffle_and_pad_on_the_cpu_under_another_default_device():
    # randperm drew on the default device, where the CPU generator failed ("Expected a 'cuda'
    # device type for generator" under CUDA, "Cannot copy out of meta tensor" here), and the
    # labels went there while the tokens stayed on the CPU
    sequences, labels = [[1, 2], [3], [4, 5, 6], [7]], [0, 1, 1, 0]

    def drawn() -> list[tuple[list, list, list]]:
        generator = torch.Generator().manual_seed(3)
        out = batches(sequences, labels, 3, shuffle=True, generator=generator)
        return [(t.tolist(), n.tolist(), y.tolist()) for t, n, y in out]

    expected = drawn()
    torch.set_default_device("meta")
    try:
        assert drawn() == expected
        (_, _, y), _ = batches(sequences, labels, 3)
    finally:
        torch.set_default_device(None)
    assert y.device.type == "cpu" and y.tolist() == [0, 1, 1]
    # randperm's order of the seed 3: sequences 2, 3, 1, then 0
    assert expected == [
        ([[4, 5, 6], [7, 0, 0], [3, 0, 0]], [3, 1, 1], [1, 0, 1]),
        ([[1, 2]], [2], [0]),
    ]
