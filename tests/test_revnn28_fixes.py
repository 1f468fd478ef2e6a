"""Fixes from review revnn28 of branch nn28: each test fails without its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from lstmkit import _memory
from lstmkit.nn import GRU, LSTM


def test_parameters_the_swap_holds_are_not_refused(fake_memory, monkeypatch) -> None:
    # an 8 GiB machine with 16 GiB of swap runs LSTM(5, 2**15), 16 GiB (slowly): it was refused,
    # "more than this machine's memory (8 GiB)"; nor with an unknown swap and disk
    built = []
    monkeypatch.setattr(torch, "empty", lambda *size, **kw: built.append(size) or torch.zeros(1))
    monkeypatch.setattr(LSTM, "reset_parameters", lambda self: None)
    fake_memory(8 * 2**30, None, 16 * 2**30)
    LSTM(5, 2**15)
    fake_memory(8 * 2**30, None, None)
    LSTM(5, 2**15)
    assert built[1] == built[5] == (2**17, 2**15)


def test_parameters_past_the_memory_and_the_swap_are_told_both(fake_memory) -> None:
    fake_memory(16 * 2**30, None, 8 * 2**30)
    with pytest.raises(RuntimeError) as err:
        LSTM(5, 10**9)
    assert str(err.value) == (
        "LSTM's `weight_ih_l0` of shape (4000000000, 5) needs 74.5 GiB (float32), more than "
        "this machine's memory (16 GiB) and the swap (8 GiB) together."
    )
    fake_memory(64 * 2**30, 2**29, 2**28)  # a container's limit, smaller than the machine
    with pytest.raises(RuntimeError) as err:
        GRU(5, 2**12, num_layers=3)
    assert str(err.value) == (
        "GRU's parameters need 961 MiB together (float32), more than this container's memory "
        "limit (512 MiB) and the swap (256 MiB) together; the largest, `weight_hh_l0` of shape "
        "(12288, 4096), needs 192 MiB."
    )


@pytest.mark.parametrize(
    ("text", "swap"),
    [
        ("MemTotal:       24683784 kB\nSwapTotal:       2097148 kB\n", 2097148 * 1024),
        ("SwapTotal:             0 kB\n", 0),
        ("MemTotal: 1 kB\n", None),  # not said: nothing is refused
        ("SwapTotal: lots\n", None),
    ],
)
def test_the_swap_is_read_from_meminfo(tmp_path: Path, text: str, swap: int | None) -> None:
    (tmp_path / "meminfo").write_text(text)
    assert _memory.swap_memory(tmp_path / "meminfo") == swap
    assert _memory.swap_memory(tmp_path / "absent") is None


def test_load_model_names_its_file(tmp_path: Path) -> None:
    # "cannot load state into LSTM: ...": which of the user's folders held the file, unsaid
    from lstmkit import io

    folder = tmp_path / "l'été 1"
    io.save_model(LSTM(3, 4), folder, {})
    with pytest.raises(RuntimeError) as err:
        io.load_model(LSTM(3, 4, proj_size=2), folder)
    assert str(err.value) == (
        f"cannot load {str(folder / 'model.safetensors')!r} into LSTM: missing keys (the "
        "module's, not in the file): weight_hr_l0 (2, 4); shape mismatches: weight_hh_l0 is "
        "(16, 2) in the module and (16, 4) in the file."
    )


def test_check_state_says_what_load_model_says(tmp_path: Path) -> None:
    # check_state (Forecaster.load's) said "missing keys: ['weight_hr_l0']; shape mismatches:
    # ['weight_hh_l0: expected (16, 2), got (16, 4)']", where load_model named both shapes
    from lstmkit import io

    state = {**LSTM(3, 4, bias=False).state_dict(), "extra": torch.zeros(2, 1)}
    with pytest.raises(RuntimeError) as err:
        io.check_state(LSTM(3, 4, proj_size=2, bias=False), state)
    assert str(err.value) == (
        "cannot load state into LSTM: missing keys (the module's, not in the state): "
        "weight_hr_l0 (2, 4); unexpected keys (in the state, not the module's): extra (2, 1); "
        "shape mismatches: weight_hh_l0 is (16, 2) in the module and (16, 4) in the state."
    )


def test_summary_of_a_batch_names_the_layer_that_refused_its_width() -> None:
    # summary(model, input=batch) passed torch's "mat1 and mat2 shapes cannot be multiplied
    # (2x4 and 3x2)" on, where input_size's zero batch named the layer and its width
    from torch import nn

    from lstmkit.nn import summary

    model = nn.Sequential(nn.Linear(5, 4), nn.Linear(3, 2))
    with pytest.raises(ValueError) as err:
        summary(model, input=torch.zeros(2, 5))
    assert str(err.value) == (
        "`input` of shape (2, 5) ran the model, which refused it: `1` (Linear) takes inputs "
        "whose last dimension is in_features=3, got one of size 4 (shape (2, 4))."
    )
    assert isinstance(err.value.__cause__, RuntimeError)
    with pytest.raises(RuntimeError, match="must have the same dtype"):  # no width: torch's
        summary(model, input=torch.zeros(2, 5, dtype=torch.long))


def test_the_cli_says_a_module_past_the_memory_in_one_line(fake_memory, capsys) -> None:
    # `lstmkit forecast airline --hidden-size 100000` ended in a traceback: the refusal was a
    # plain RuntimeError, which the CLI does not catch
    from lstmkit.cli import main

    fake_memory(16 * 2**30, None)
    assert main(["forecast", "airline", "--hidden-size", "100000", "--epochs", "1"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: LSTM's `weight_hh_l0` of shape (400000, 100000) needs 149 GiB (float32), more "
        "than this machine's memory (16 GiB).\n",
    )
    with pytest.raises(_memory.MemoryLimitError):  # a RuntimeError still
        LSTM(5, 10**5)
