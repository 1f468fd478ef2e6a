"""Fixes from walking README's "Your own model", "Command line" and "Gates" as a Captum user."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from lstmkit.explain import explain, lrp


class _Packed(nn.Module):
    """A model of one's own on torch.nn.LSTM whose forward needs the lengths to pack."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4, padding_idx=0)
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        x = pack_padded_sequence(
            self.embedding(tokens), lengths.cpu(), batch_first=True, enforce_sorted=False
        )
        return self.head(self.rnn(x)[1][0][-1])


class _Masked(_Packed):
    def forward(self, tokens: torch.Tensor, mask: torch.Tensor, *, scale: float) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1]) * scale


class _TextLengths(_Packed):
    def forward(self, text: torch.Tensor, text_lengths: torch.Tensor) -> torch.Tensor:
        return super().forward(text, text_lengths)


_TOKENS = torch.tensor([[5, 17, 3, 0, 0], [7, 8, 11, 12, 9]])

_CALL = (
    "(the explanations call it as `model(inputs)`, or as `model(inputs, lengths=lengths)` "
    "given `lengths`)"
)


@pytest.mark.parametrize(
    ("method", "options"),
    [("lrp", {}), ("lrp", {"check": False}), ("gradxinput", {}), ("occlusion", {})],
)
def test_a_forward_that_needs_lengths_called_without_them_is_told_to_pass_them(
    method: str, options: dict[str, bool]
) -> None:
    """It failed inside the explanation with Python's bare "_Packed.forward() missing 1
    required positional argument: 'lengths'"; lrp(check=False), which does not call the
    model, explained it without."""
    torch.manual_seed(0)
    model = _Packed().double()
    message = (
        "`lengths` must be given for _Packed, whose forward(tokens, lengths) takes them without "
        f"a default {_CALL}, got None: pass each sequence's number of valid steps "
        "(`lengths=torch.tensor([5, 3])` for two sequences of 5 and 3 steps), or give its "
        "forward `lengths=None` to explain inputs without padding."
    )
    with pytest.raises(TypeError) as err:
        explain(model, _TOKENS, method=method, target=1, **options)
    assert str(err.value) == message


def test_the_same_model_given_its_lengths_is_explained_as_each_sequence_alone() -> None:
    """The refusal's remedy works: the padded sequence gets what it gets alone."""
    torch.manual_seed(0)
    model = _Packed().double()
    both = lrp(model, _TOKENS, target=1, lengths=torch.tensor([3, 5]), bias_factor=1.0)
    alone = lrp(model, _TOKENS[:1, :3], target=1, lengths=torch.tensor([3]), bias_factor=1.0)
    assert both.relevance[0, :3].tolist() == pytest.approx(alone.relevance[0].tolist(), abs=1e-14)
    assert both.relevance[0, 3:].tolist() == [0.0, 0.0]
    assert float(both.residual.abs().max()) < 1e-14


def test_other_arguments_without_a_default_are_named_all_at_once() -> None:
    torch.manual_seed(0)
    model = _Masked().double()
    with pytest.raises(TypeError) as err:
        lrp(model, _TOKENS, target=1)
    assert str(err.value) == (
        f"the explained model's forward must take the inputs alone {_CALL}, got "
        "_Masked with forward(tokens, mask, *, scale), which needs `mask` and `scale` too: give "
        "them a default in _Masked.forward."
    )


def test_lengths_under_another_name_without_lengths_are_told_to_be_named_lengths() -> None:
    torch.manual_seed(0)
    model = _TextLengths().double()
    with pytest.raises(TypeError) as err:
        explain(model, _TOKENS, method="ig", target=0)
    assert str(err.value) == (
        f"the explained model's forward must take the inputs alone {_CALL}, got "
        "_TextLengths with forward(text, text_lengths), which needs `text_lengths` too: give it "
        "a default in _TextLengths.forward. If `text_lengths` holds the sequences' lengths, "
        "name it `lengths` in _TextLengths.forward and pass `lengths=`: the explanations pass "
        "them by that name."
    )


class _LengthsAndMask(_Packed):
    def forward(
        self, tokens: torch.Tensor, lengths: torch.Tensor, mask: torch.Tensor
    ) -> torch.Tensor:
        return super().forward(tokens, lengths)


def test_lengths_and_another_argument_are_told_together() -> None:
    torch.manual_seed(0)
    model = _LengthsAndMask().double()
    with pytest.raises(TypeError) as err:
        explain(model, _TOKENS, method="sensitivity", target=0)
    assert str(err.value) == (
        "`lengths` must be given for _LengthsAndMask, whose forward(tokens, lengths, mask) takes "
        f"them without a default {_CALL}, got None: pass each sequence's number of valid steps "
        "(`lengths=torch.tensor([5, 3])` for two sequences of 5 and 3 steps), or give its "
        "forward `lengths=None` to explain inputs without padding; it also needs `mask`, which "
        "they never pass: give it a default."
    )


class _Features(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 5, batch_first=True)
        self.head = nn.Linear(5, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


def test_numpy_inputs_are_told_how_to_convert_them_in_the_model_s_dtype() -> None:
    """A Captum user's windows from numpy were told "`inputs` must be a Tensor, got ndarray.",
    neither how nor in which dtype; the conversion it names is then explained."""
    torch.manual_seed(0)
    model = _Features().double()
    windows = np.linspace(-1.0, 1.0, 24).reshape(2, 4, 3)
    with pytest.raises(TypeError) as err:
        lrp(model, windows, target=1)
    assert str(err.value) == (
        "`inputs` must be a Tensor, got ndarray; convert them, e.g. "
        "`torch.as_tensor(inputs, dtype=torch.float64)` (the model's dtype)."
    )
    ex = lrp(model, torch.as_tensor(windows, dtype=torch.float64), target=1, bias_factor=1.0)
    assert float(ex.residual.abs().max()) < 1e-14


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
def test_token_ids_as_a_list_are_told_to_convert_them_to_int64(method: str) -> None:
    torch.manual_seed(0)
    with pytest.raises(TypeError) as err:
        explain(_Packed(), [[5, 17, 3]], method=method, target=1, lengths=[3])
    assert str(err.value) == (
        "`inputs` must be a Tensor, got list; convert them, e.g. "
        "`torch.as_tensor(inputs, dtype=torch.int64)` (token ids, as nn.Embedding takes them)."
    )


def test_a_dataframe_is_told_to_go_through_to_numpy_and_text_gets_no_hint() -> None:
    model = _Features()
    with pytest.raises(TypeError) as err:
        lrp(model, pd.DataFrame({"a": [1.0, 2.0]}), target=0)
    assert str(err.value) == (
        "`inputs` must be a Tensor, got DataFrame; convert them, e.g. "
        "`torch.tensor(inputs.to_numpy(), dtype=torch.float32)` (the model's dtype)."
    )
    with pytest.raises(TypeError) as err:
        lrp(model, "abc", target=0)
    assert str(err.value) == "`inputs` must be a Tensor, got str."


def test_captum_s_option_names_are_told_what_they_are_here() -> None:
    """`n_steps` was refused among ('steps', 'batch_size') without saying `steps` is it."""
    model, x = _Features(), torch.zeros(2, 4, 3)
    with pytest.raises(TypeError) as err:
        explain(model, x, 1, method="ig", n_steps=10, internal_batch_size=4, baselines=0)
    assert str(err.value) == (
        "the options of method 'ig' must be among ('steps', 'batch_size', 'progress'), got "
        "unknown "
        "['n_steps', 'internal_batch_size', 'baselines'] (Captum's `n_steps` is `steps` here; "
        "Captum's `internal_batch_size` is `batch_size` here; Captum's `baselines`: integrated "
        "gradients here start from all-zero inputs (a zero embedding for token ids), which no "
        "option changes)."
    )
    with pytest.raises(TypeError) as err:
        explain(model, x, 1, method="occlusion", baselines=0.0)
    assert str(err.value) == (
        "the options of method 'occlusion' must be among ('value', 'per_feature', "
        "'batch_size', 'progress'), got unknown ['baselines'] (Captum's `baselines` given as one "
        "number is "
        "`value` here: every occluded entry, of the inputs or of a token's embedding, is set to "
        "it; a tensor of baselines has no counterpart)."
    )
    with pytest.raises(TypeError) as err:
        explain(model, x, 1, method="gradxinput", additional_forward_args=(torch.tensor([4, 2]),))
    assert str(err.value) == (
        "method 'gradxinput' takes no options, got ['additional_forward_args'] (Captum's "
        "`additional_forward_args`: the model is called as `model(inputs)`, or as "
        "`model(inputs, lengths=lengths)` given `lengths=`, the one argument passed besides "
        "the inputs)."
    )
    renamed = explain(model, x, 1, method="ig", steps=10, batch_size=4)
    assert tuple(renamed.relevance.shape) == (2, 4)
