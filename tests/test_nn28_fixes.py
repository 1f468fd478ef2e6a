"""nn28: the recurrent core's leftovers.

- ``summary(model, input_size=...)`` names the layer that refused the zero batch, the width its
  input's last dimension must have and the width it got, in lstmkit's words, not torch's
  ("addmm: mat1 and mat2 shapes cannot be multiplied", worded anew by torch 2.15).
- ``LSTM``, ``GRU`` and the cells list every argument's problem at once (they raised the first
  one): a ``TypeError`` where all are wrong types, a ``ValueError`` where all are bad values,
  ``ConfigTypeError`` (both) where they mix, ``TextForNumberError`` where one is text, as
  ``_check_positive_ints`` did for the sizes and the configs do.
- ``io.load_model(module, path)`` reads the file's header first and refuses tensors that do not
  fit before reading any (a file of huge ones was read whole), each named with the module's
  shape and the file's.
- The layers and cells compare their parameters' bytes with the memory (``memory_limit``)
  before allocating any: where memory is overcommitted a huge ``torch.empty`` succeeded and
  ``reset_parameters`` then failed or was killed.
- ``_memory.in_bytes`` takes numpy's integers and refuses a bool, a float, text by name.
"""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit import _memory, io
from lstmkit._checks import ConfigTypeError, TextForNumberError, value_repr
from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell, summary

_MEANS = (
    " (`input_size` is the shape of one sample without the batch: (T, I) for a sequence, e.g. "
    "input_size=(12, {}); or pass `input`, a batch of your own)."
)


def test_summary_names_the_linear_that_refused_its_inputs_width() -> None:
    model = nn.Sequential(nn.Linear(3, 4), nn.Linear(5, 2))
    with pytest.raises(ValueError) as err:
        summary(model, input_size=3)
    assert str(err.value) == (
        "`input_size` 3 ran the model on a zero batch of shape (1, 3), which it refused: `1` "
        "(Linear) takes inputs whose last dimension is in_features=5, got one of size 4 (shape "
        "(1, 4))" + _MEANS.format(3)
    )
    assert isinstance(err.value.__cause__, RuntimeError)  # torch's own, kept as the cause


@pytest.mark.parametrize("layer", [LSTM, nn.LSTM])
def test_summary_names_the_lstm_that_refused_its_input_size(layer: type[nn.Module]) -> None:
    # lstmkit's LSTM said "`input` has 5 features in its last dimension, expected
    # input_size=3.", torch's "input.size(-1) must be equal to input_size. Expected 3, got 5"
    model = nn.Sequential(layer(3, 4, batch_first=True))
    with pytest.raises(ValueError) as err:
        summary(model, input_size=(2, 5))
    assert str(err.value) == (
        "`input_size` (2, 5) ran the model on a zero batch of shape (1, 2, 5), which it refused: "
        "`0` (LSTM) takes inputs whose last dimension is input_size=3, got one of size 5 (shape "
        "(1, 2, 5))" + _MEANS.format(3)  # the example takes the width the LSTM takes
    )


def test_summary_names_a_time_major_layer_given_as_the_model_by_its_class() -> None:
    with pytest.raises(ValueError) as err:
        summary(LSTM(3, 4), input_size=(2, 5))
    assert "which it refused: LSTM takes inputs whose last dimension is input_size=3, got one " in (
        str(err.value)
    )
    assert str(err.value).endswith(
        "of size 5 (shape (2, 1, 5))" + _MEANS.format(3)  # (12, 5) gave the same width again
    )


def test_summary_keeps_torchs_words_where_no_width_explains_the_refusal() -> None:
    model = nn.Sequential(nn.Embedding(3, 4))  # refuses a float batch: no width of ours
    with pytest.raises(RuntimeError) as own:
        model(torch.zeros(1, 5))
    with pytest.raises(ValueError) as err:
        summary(model, input_size=5)
    assert str(err.value) == (
        "`input_size` 5 ran the model on a zero batch of shape (1, 5), which it refused: "
        f"{own.value}" + _MEANS.format(5)
    )


@pytest.mark.parametrize(
    ("size", "words"),
    [(np.int64(2**20), "1 MiB"), (np.uint64(2**63), "8 EiB"), (np.int32(1023), "0.999 KiB")],
)
def test_in_bytes_takes_numpys_integers(size: np.integer, words: str) -> None:
    # np.prod of a shape failed: "'numpy.int64' object has no attribute 'bit_length'"
    assert _memory.in_bytes(size) == words


@pytest.mark.parametrize(
    ("size", "shown"), [(True, "bool True"), (1.5, "float 1.5"), ("5", "str '5'"), (None, "None")]
)
def test_in_bytes_refuses_what_is_no_integer_by_name(size: object, shown: str) -> None:
    # True was '1 bytes'; 1.5 failed with "'float' object has no attribute 'bit_length'"
    with pytest.raises(TypeError) as err:
        _memory.in_bytes(size)  # type: ignore[arg-type]
    assert str(err.value) == f"`size` must be an integer number of bytes, got {shown}."


def test_in_bytes_refuses_numpys_bool_and_float() -> None:
    for size in (np.bool_(True), np.float64(3.0)):
        with pytest.raises(TypeError) as err:
            _memory.in_bytes(size)  # type: ignore[arg-type]
        assert str(err.value) == (
            f"`size` must be an integer number of bytes, got {value_repr(size)}."  # np.True_
        )


def test_a_gru_is_told_every_problem_at_once() -> None:
    # GRU(5, 4, proj_size="x", peephole=True) told the text alone, its fix the peephole next
    with pytest.raises(TextForNumberError) as err:
        GRU(5, 4, proj_size="x", peephole=True)
    assert str(err.value) == (
        "`peephole=True` applies to LSTM only; GRU has no cell state. `proj_size` must be an "
        "integer, got 'x' (a number, not text)."
    )
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)


def test_a_layers_type_and_value_problems_mixed_are_both_kinds() -> None:
    # dropout="a" alone was told; proj_size=9 for hidden_size=4 came next
    with pytest.raises(ConfigTypeError) as err:
        LSTM(5, 4, dropout="a", proj_size=9)
    assert str(err.value) == (
        "`dropout` must be a float, got str 'a'. `proj_size` must be 0 (no projection) or in "
        "[1, hidden_size - 1] = [1, 3], got 9."
    )
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)


def test_a_layers_type_problems_alone_are_a_type_error() -> None:
    with pytest.raises(TypeError) as err:
        LSTM(5, 4, bias="x", batch_first=None, dtype="float64")
    assert type(err.value) is TypeError
    assert str(err.value) == (
        "`bias` must be a bool, got str 'x'. `batch_first` must be a bool, got None. `dtype` "
        "must be a floating-point torch.dtype (torch.float32, torch.float64, ...) or None, got "
        "'float64'."
    )


def test_a_layers_value_problems_alone_are_a_value_error() -> None:
    with pytest.raises(ValueError) as err:
        LSTM(0, 4, dropout=2, implementation="fused", peephole=True)
    assert type(err.value) is ValueError
    assert str(err.value) == (
        "`input_size` must be a positive integer, got 0. `dropout` must be in [0, 1], got 2. "
        "`implementation='fused'` cannot run peephole=True: PyTorch's kernel has no peephole "
        "connections. Use implementation='explicit' or 'auto'."
    )


def test_a_proj_size_out_of_range_is_told_without_a_hidden_size_that_was_refused() -> None:
    with pytest.raises(TextForNumberError) as err:
        LSTM(5, "a", proj_size=-1)
    assert str(err.value) == (
        "`hidden_size` must be a positive integer, got 'a' (a number, not text). `proj_size` "
        "must be 0 (no projection) or in [1, hidden_size - 1], got -1."
    )


@pytest.mark.parametrize(
    ("make", "kind", "message"),
    [
        (
            lambda: LSTMCell(5, 4, peephole="y", dtype="float64"),
            TypeError,
            "`peephole` must be a bool, got str 'y'. `dtype` must be a floating-point "
            "torch.dtype (torch.float32, torch.float64, ...) or None, got 'float64'.",
        ),
        (
            lambda: GRUCell(5, -1, bias=1, peephole=True),
            ConfigTypeError,
            "`hidden_size` must be a positive integer, got -1. `bias` must be a bool, got int 1. "
            "`peephole=True` applies to LSTMCell only; GRUCell has no cell state.",
        ),
    ],
)
def test_a_cell_is_told_every_problem_at_once(make, kind: type, message: str) -> None:
    # LSTMCell checked its peephole first and alone; GRUCell its sizes, then its peephole
    with pytest.raises(kind) as err:
        make()
    assert type(err.value) is kind
    assert str(err.value) == message


def _header_only_file(folder: Path, tensors: dict[str, tuple[str, tuple[int, ...]]]) -> None:
    """``folder``'s model.safetensors holding ``tensors`` (name: dtype, shape) as a header and
    zero bytes after it, sparse: a file of huge tensors that takes no disk."""
    sizes = {"F32": 4, "F64": 8}
    header, offset = {}, 0
    for name, (dtype, shape) in tensors.items():
        end = offset + math.prod(shape) * sizes[dtype]
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, end]}
        offset = end
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(folder / "model.safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text)
        f.truncate(8 + len(text) + offset)


def test_load_model_names_each_tensor_with_the_modules_and_the_files_shape(tmp_path) -> None:
    # "missing keys: ['weight_hr_l0']; shape mismatches: ['weight_hh_l0: expected (16, 2),
    # got (16, 4)']": which shape was whose, and none for a missing or an unexpected key
    io.save_model(LSTM(3, 4), tmp_path, {})
    with pytest.raises(RuntimeError) as err:
        io.load_model(LSTM(3, 4, proj_size=2), tmp_path)
    assert str(err.value) == (
        f"cannot load {str(tmp_path / 'model.safetensors')!r} into LSTM: missing keys (the "
        "module's, not in the file): weight_hr_l0 (2, 4); shape mismatches: weight_hh_l0 is "
        "(16, 2) in the module and (16, 4) in the file."
    )
    with pytest.raises(RuntimeError) as err:
        io.load_model(LSTM(3, 4, bias=False), tmp_path)
    assert str(err.value) == (
        f"cannot load {str(tmp_path / 'model.safetensors')!r} into LSTM: unexpected keys (in "
        "the file, not the module's): bias_hh_l0 (16,), bias_ih_l0 (16,)."
    )


def test_load_model_refuses_a_file_of_huge_tensors_from_its_header(tmp_path, monkeypatch):
    # the file's 1 GiB weight was read whole, into memory (safetensors' load_file), before
    # its shape was compared; now the header alone is read to refuse it
    io.save_model(LSTM(3, 4), tmp_path, {})
    _header_only_file(
        tmp_path,
        {
            "weight_ih_l0": ("F32", (2**14, 2**14)),
            "weight_hh_l0": ("F32", (16, 4)),
            "bias_ih_l0": ("F32", (16,)),
            "bias_hh_l0": ("F32", (16,)),
        },
    )

    def read(file: str) -> None:
        raise AssertionError(f"{file} was read whole")

    monkeypatch.setattr(io, "load_file", read)
    with pytest.raises(RuntimeError) as err:
        io.load_model(LSTM(3, 4), tmp_path)
    assert str(err.value) == (
        f"cannot load {str(tmp_path / 'model.safetensors')!r} into LSTM: shape mismatches: "
        "weight_ih_l0 is (16, 3) in the module and (16384, 16384) in the file."
    )


def test_load_model_still_loads_and_checks_values_of_a_file_that_fits(tmp_path) -> None:
    torch.manual_seed(0)
    saved = LSTM(3, 4)
    io.save_model(saved, tmp_path, {"run": 1})
    into = LSTM(3, 4)
    assert io.load_model(into, tmp_path)["run"] == 1
    for name, value in saved.state_dict().items():
        assert torch.equal(into.state_dict()[name], value), name


def test_a_parameter_past_the_memory_is_refused_before_any_is_allocated(
    fake_memory, monkeypatch
) -> None:
    # where memory is overcommitted, torch.empty of 74.5 GiB succeeded and reset_parameters,
    # writing to it, was killed or failed; now the machine's memory is compared first
    fake_memory(16 * 2**30, None)

    def allocated(*size: object, **kw: object) -> None:
        raise AssertionError(f"torch.empty{size} was called")

    monkeypatch.setattr(torch, "empty", allocated)
    with pytest.raises(RuntimeError) as err:
        LSTM(5, 10**9)
    assert str(err.value) == (
        "LSTM's `weight_ih_l0` of shape (4000000000, 5) needs 74.5 GiB (float32), more than "
        "this machine's memory (16 GiB)."
    )
    fake_memory(64 * 2**30, 2**30)  # a container's limit, smaller
    with pytest.raises(RuntimeError) as err:
        LSTMCell(5, 2**15, dtype=torch.float64)
    assert str(err.value) == (
        "LSTMCell's `weight_hh` of shape (131072, 32768) needs 32 GiB (float64), more than "
        "this container's memory limit (1 GiB)."
    )


def test_parameters_that_pass_the_memory_only_together_name_the_largest(fake_memory) -> None:
    fake_memory(2**29, None)
    with pytest.raises(RuntimeError) as err:
        GRU(5, 2**12, num_layers=3)  # 5 recurrent and stacked weights of 192 MiB each
    assert str(err.value) == (
        "GRU's parameters need 961 MiB together (float32), more than this machine's memory "
        "(512 MiB); the largest, `weight_hh_l0` of shape (12288, 4096), needs 192 MiB."
    )


def test_the_memory_is_not_checked_on_the_meta_device_or_where_it_is_not_known(
    fake_memory,
) -> None:
    fake_memory(2**30, None)
    assert LSTM(5, 10**5, device="meta").weight_hh_l0.shape == (4 * 10**5, 10**5)
    with torch.device("meta"):
        assert LSTMCell(5, 10**5).weight_hh.is_meta
    fake_memory(None, None)
    assert LSTM(5, 2**12, device="meta").hidden_size == 2**12


class _Fallback(nn.Module):
    """Tries a head of the wrong width, catches its refusal, then runs one that fits: the
    refusal that ends the run is the LSTM's after it."""

    def __init__(self) -> None:
        super().__init__()
        self.wrong, self.right = nn.Linear(7, 3), nn.Linear(2, 3)
        self.enc = LSTM(3, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        try:
            x = self.wrong(x)
        except RuntimeError:
            x = self.right(x)
        return self.enc(torch.cat([x, x], -1))[0]


def test_summary_names_the_layer_that_refused_after_a_caught_refusal() -> None:
    with pytest.raises(ValueError) as err:
        summary(_Fallback(), input_size=(5, 2))
    assert "which it refused: `enc` (LSTM) takes inputs whose last dimension is input_size=3, " in (
        str(err.value)
    )
    assert "got one of size 6 (shape (1, 5, 6))" in str(err.value)


class _OwnRefusal(nn.Module):
    """Catches its head's refusal, then fails in its own code: no layer's width explains it."""

    def __init__(self) -> None:
        super().__init__()
        self.head = nn.Linear(7, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        try:
            x = self.head(x)
        except RuntimeError:
            pass
        raise ValueError("the model's own refusal")


def test_summary_does_not_blame_a_layer_whose_refusal_was_caught() -> None:
    with pytest.raises(ValueError) as err:
        summary(_OwnRefusal(), input_size=2)
    assert str(err.value) == (
        "`input_size` 2 ran the model on a zero batch of shape (1, 2), which it refused: the "
        "model's own refusal" + _MEANS.format(2)
    )
