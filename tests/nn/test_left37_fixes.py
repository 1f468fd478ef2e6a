"""left37: left-overs in the recurrent core (summary of a parametrized plain module, NaN lengths
from pandas, explicit-path dropout with lengths under a vmap that batches nothing of it)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn
from torch.nn.utils.parametrizations import weight_norm

from lstmkit.nn import GRU, LSTM, summary


class _NormedHead(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lstm = LSTM(3, 4, batch_first=True)
        self.head = weight_norm(nn.Linear(4, 2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.lstm(x)[0])


def test_summary_gives_a_parametrized_plain_module_one_row() -> None:
    # a weight_norm'd head got two rows: `head (Linear)` of 2 (its bias alone) and
    # `head.parametrizations.weight (ParametrizationList)` of 10 (its magnitude and direction);
    # and output_shapes recorded the weight computed, as if an output of the model
    model = _NormedHead()
    s = summary(model, input_size=(5, 3))
    assert [(r["layer"], r.get("type"), r["total"]) for r in s.rows] == [
        ("lstm (l0)", None, 36),
        ("lstm (l0)", None, 36),
        ("lstm (l0)", None, 36),
        ("lstm (l0)", None, 36),
        ("head", "Linear", 12),
    ]
    assert s.total == sum(p.numel() for p in model.parameters()) == 156
    assert s.output_shapes == {"lstm": (1, 5, 4), "head": (1, 5, 2), "_NormedHead": (1, 5, 2)}
    assert str(s).splitlines()[-3] == (
        "head (Linear)  -          -              -          -     -         -     12     [1, 5, 2]"
    )


def test_summary_gives_a_parametrized_module_without_own_parameters_its_row() -> None:
    # without a bias the Linear has no parameter of its own: its row was missing, the
    # ParametrizationList's `0.parametrizations.weight` of 16 stood in for it
    head = weight_norm(nn.Linear(3, 4, bias=False))
    s = summary(nn.Sequential(head, nn.Tanh(), nn.Linear(4, 1)))
    assert [(r["layer"], r["type"], r["total"]) for r in s.rows] == [
        ("0", "Linear", 16),
        ("2", "Linear", 5),
    ]
    assert s.total == 21


_LENGTH = "each sequence's length is a whole number of steps; give the missing ones."
_MASK = (
    "a mask holds 1 (True) for a real step and 0 (False) for a padded one; fill them first, "
    "`mask.fillna(0)` where a missing step is padding."
)


@pytest.mark.parametrize(
    ("lengths", "said"),
    [
        # numpy 2's repr leaked: "got np.float64(nan) at row np.int64(7), column np.int64(6)"
        (
            pd.DataFrame([[1, 1, 1, 1], [1, np.nan, 0, 0]], index=[5, 7], columns=[3, 6, 9, 12]),
            f"got NaN at row 7, column 6 (1 missing value): {_MASK}",
        ),
        (pd.Series([4.0, np.nan]), f"got NaN at row 1 (1 missing value): {_LENGTH}"),
        (  # np.float32(nan) at row np.float64(2.5)
            pd.Series([4.0, np.nan], index=[1.5, 2.5], dtype="float32"),
            f"got NaN at row 2.5 (1 missing value): {_LENGTH}",
        ),
        (  # a Python float NaN among objects was told `nan`
            pd.Series([float("nan"), 4], dtype=object),
            f"got NaN at row 0 (1 missing value): {_LENGTH}",
        ),
        (  # a MultiIndex's labels: (np.int64(1), np.float64(1.5))
            pd.DataFrame(
                [[1, 1, 1, 1], [1, 1, 1, np.nan]],
                columns=pd.MultiIndex.from_product([[1, 2], [0.5, 1.5]]),
            ),
            f"got NaN at row 1, column (2, 1.5) (1 missing value): {_MASK}",
        ),
        (pd.Series([4, None], dtype=object), f"got None at row 1 (1 missing value): {_LENGTH}"),
        (pd.Series([4, None], dtype="Int64"), f"got <NA> at row 1 (1 missing value): {_LENGTH}"),
    ],
    ids=["frame", "series", "float32", "object-nan", "multiindex", "object-none", "Int64"],
)
def test_a_missing_length_is_told_plainly(lengths: object, said: str) -> None:
    gru = GRU(3, 2, batch_first=True)
    with pytest.raises(ValueError) as err:
        gru(torch.zeros(2, 4, 3), lengths=lengths)
    assert str(err.value) == f"`lengths` must not hold missing values, {said}"


@pytest.mark.parametrize("randomness", ["error", "different"])
@pytest.mark.parametrize("with_lengths", [True, False])
@pytest.mark.parametrize("kind", [LSTM, GRU])
def test_the_explicit_path_drops_as_the_kernel_under_a_vmap_that_batches_nothing_of_it(
    kind, with_lengths, randomness
) -> None:
    # A head vmapped over a shared encoder in training: the kernel ("auto", "fused") drew one
    # dropout mask, as outside the vmap; the explicit path drew its mask under the vmap's rule
    # for random operations: refused by default ("vmap: called random operation while in
    # randomness error mode"), one mask per head with randomness="different" (0.24 to 0.93
    # off the kernel's outputs here), and on the padded output with lengths.
    torch.manual_seed(0)
    fused, explicit = (
        kind(3, 5, num_layers=3, dropout=0.4, bidirectional=True, dtype=torch.float64,
             implementation=impl)
        for impl in ("fused", "explicit")
    )  # fmt: skip
    explicit.load_state_dict(fused.state_dict())
    x = torch.randn(6, 4, 3, dtype=torch.float64)
    lengths = torch.tensor([6, 2, 4, 4]) if with_lengths else None
    heads = torch.randn(2, 10, dtype=torch.float64)
    got = []
    for layer in (fused, explicit):
        torch.manual_seed(1)
        head = torch.func.vmap(
            lambda w, layer=layer: layer(x, lengths=lengths)[0] @ w, randomness=randomness
        )
        got.append(head(heads))
    torch.testing.assert_close(got[1], got[0], rtol=0, atol=1e-14)
    torch.manual_seed(1)
    alone = fused(x, lengths=lengths)[0] @ heads.T  # [T, B, heads], one mask for both heads
    torch.testing.assert_close(got[1], alone.movedim(-1, 0), rtol=0, atol=1e-14)
    assert got[1].requires_grad and fused.training


def test_a_vmap_that_batches_the_explicit_call_still_rules_its_dropout() -> None:
    # where the vmap batches the input, "auto" runs the explicit path and the vmap's
    # randomness decides the dropout, as it does for torch.nn.Dropout
    gru = GRU(3, 4, num_layers=2, dropout=0.5, dtype=torch.float64)
    xs = torch.randn(2, 5, 1, 3, dtype=torch.float64)
    with pytest.raises(
        RuntimeError, match=r"^vmap: called random operation while in randomness error mode"
    ):
        torch.func.vmap(lambda x: gru(x)[0])(xs)
    torch.manual_seed(0)
    out = torch.func.vmap(lambda x: gru(x)[0], randomness="different")(xs[:1].expand(2, 5, 1, 3))
    assert (out[0] - out[1]).abs().max() > 0.01  # one mask per sample on the same input
