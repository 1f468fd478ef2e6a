"""nn25: a saved config.json past torch's sizes named the tensors that do not fit; gates()
of a direction the layer lacks; GRU and peephole keywords refused alike by cells and layers;
summary of a weight_norm'd layer; the demo's memory refusal in binary units."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
import torch

from lstmkit import Forecaster, ForecasterConfig
from lstmkit.cli import main


@pytest.fixture(scope="module")
def tiny_forecaster(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("saved") / "m"
    cfg = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
    )
    Forecaster(cfg).fit(np.arange(40.0)).save(path)
    return path


def _with_hidden_size(source, path, hidden_size):
    shutil.copytree(source, path)
    saved = json.loads((path / "config.json").read_text())
    saved["config"]["hidden_size"] = hidden_size
    (path / "config.json").write_text(json.dumps(saved))
    return path


# What hidden_size 10**9 and 10**6 (no overflow) both are told: the tensors that do not fit.
_MISFIT = (
    "'M/model.safetensors' does not fit the Forecaster its config.json describes: cannot load "
    "state into ModuleList: shape mismatches: 0.encoder.bias_hh_l0 is ({4h},) in the module "
    "and (8,) in the state, 0.encoder.bias_ih_l0 is ({4h},) in the module and (8,) in the "
    "state, 0.encoder.weight_hh_l0 is ({4h}, {h}) in the module and (8, 2) in the state, "
    "0.encoder.weight_ih_l0 is ({4h}, 3) in the module and (8, 3) in the state, "
    "0.head.weight is (2, {h}) in the module and (2, 2) in the state."
)


@pytest.mark.parametrize("hidden_size", [10**9, 10**6])
def test_a_saved_hidden_size_past_torchs_bytes_names_the_tensors_that_do_not_fit(
    tiny_forecaster, tmp_path, capsys, hidden_size
):
    # 10**9 was told torch's words: "'M/config.json' does not describe a usable Forecaster:
    # its sizes make tensors too large to hold (Storage size calculation overflowed with
    # sizes=[4000000000, 1000000000])." where 10**6 named the tensors
    path = _with_hidden_size(tiny_forecaster, tmp_path / "m", hidden_size)
    expected = _MISFIT.format(h=hidden_size, **{"4h": 4 * hidden_size})
    with pytest.raises(ValueError) as err:
        Forecaster.load(path)
    assert str(err.value).replace(str(path), "M") == expected
    assert main(["predict", str(path)]) == 2
    out, said = capsys.readouterr()
    assert (out, said.replace(str(path), "M")) == ("", f"error: {expected}\n")


def test_a_meta_build_gives_a_tensor_past_torchs_bytes_its_shape_without_memory(tmp_path):
    from lstmkit.io import build_on_meta, check_state, read_shapes, save_model

    save_model(torch.nn.Linear(2, 3), tmp_path, {})
    huge = build_on_meta(tmp_path, "Linear", lambda: torch.nn.Linear(10**9, 10**9 * 3))
    assert (huge.weight.shape, huge.weight.is_meta) == ((3 * 10**9, 10**9), True)
    with pytest.raises(RuntimeError) as err:
        check_state(huge, read_shapes(tmp_path))
    assert str(err.value) == (
        "cannot load state into Linear: shape mismatches: bias is (3000000000,) in the module "
        "and (3,) in the state, weight is (3000000000, 1000000000) in the module and (3, 2) in "
        "the state."
    )
    with pytest.raises(ValueError) as err:
        build_on_meta(tmp_path, "Linear", lambda: torch.nn.Linear(2**40, 2**40))
    assert str(err.value) == (
        f"{str(tmp_path / 'config.json')!r} does not describe a usable Linear: its sizes make "
        "tensors too large to hold (a tensor of shape (1099511627776, 1099511627776) would "
        "hold 1.21e+24 values, more than torch counts in one tensor (2**63-1))."
    )


@pytest.mark.parametrize("kind", ["LSTM", "GRU"])
@pytest.mark.parametrize("direction", ["reverse", 1, np.int64(1)])
def test_the_reverse_gates_of_a_one_direction_layer_say_it_is_not_bidirectional(kind, direction):
    from lstmkit import nn as lnn

    # was "`direction` must be 'forward', got 'reverse'.", as for a word it does not know
    with pytest.raises(ValueError) as err:
        getattr(lnn, kind)(5, 4).gates(direction=direction)
    got = "'reverse'" if isinstance(direction, str) else "1"
    assert str(err.value) == (
        "`direction` must be 'forward' or 0, the only direction of a layer that is not "
        f"bidirectional (bidirectional=False), got {got}."
    )
    # a bidirectional one has it; a direction neither has is told the two
    assert set(getattr(lnn, kind)(5, 4, bidirectional=True).gates(direction=direction)) == set(
        getattr(lnn, kind)(5, 4).gates()
    )
    with pytest.raises(ValueError) as err:
        getattr(lnn, kind)(5, 4, bidirectional=True).gates(direction=2)
    assert str(err.value) == "`direction` must be 'forward', 'reverse', 0 or 1, got 2."


@pytest.mark.parametrize("peephole", [True, np.True_])
def test_a_gru_cell_refuses_peepholes_as_the_gru_layer_does(peephole):
    from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

    # GRUCell(5, 4, peephole=True) was a TypeError ("GRUCell() got unknown argument(s)
    # 'peephole'; ...") where GRU(5, 4, peephole=True) was a ValueError
    with pytest.raises(ValueError) as err:
        GRUCell(5, 4, peephole=peephole)
    assert str(err.value) == "`peephole=True` applies to LSTMCell only; GRUCell has no cell state."
    with pytest.raises(ValueError) as err:
        GRU(5, 4, peephole=peephole)
    assert str(err.value) == "`peephole=True` applies to LSTM only; GRU has no cell state."
    # False is taken by both, as by the LSTMs; a value that is no bool is a TypeError in all
    assert [sorted(dict(m.named_parameters())) for m in (GRUCell(5, 4, peephole=False),)] == [
        ["bias_hh", "bias_ih", "weight_hh", "weight_ih"]
    ]
    assert GRU(5, 4, peephole=False).peephole is False
    assert "weight_ci" in dict(LSTMCell(5, 4, peephole=peephole).named_parameters())
    assert "weight_ci_l0" in dict(LSTM(5, 4, peephole=peephole).named_parameters())
    for make in (GRUCell, GRU, LSTMCell, LSTM):
        with pytest.raises(TypeError) as err:
            make(5, 4, peephole="no")
        assert str(err.value) == "`peephole` must be a bool, got str 'no'."


def test_a_keyword_no_module_knows_is_a_type_error_and_proj_size_as_torch_nn_says():
    from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

    takes = {
        GRUCell: "input_size, hidden_size, bias, peephole, device and dtype",
        LSTMCell: "input_size, hidden_size, bias, peephole, device and dtype",
        GRU: "input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, "
        "proj_size, peephole, implementation, device and dtype",
    }
    takes[LSTM] = takes[GRU]
    for make, names in takes.items():
        with pytest.raises(TypeError) as err:
            make(5, 4, peehole=True)
        assert str(err.value) == (
            f"{make.__name__}() got unknown argument 'peehole'; it takes {names}."
        )
    # torch.nn's cells take no proj_size (a TypeError); its GRU refuses one (a ValueError)
    for make in (GRUCell, LSTMCell):
        with pytest.raises(TypeError) as err:
            make(5, 4, proj_size=2)
        assert str(err.value) == (
            f"{make.__name__}() got unknown argument 'proj_size'; it takes {takes[make]}."
        )
    with pytest.raises(ValueError) as err:
        GRU(5, 4, proj_size=2)
    assert (
        str(err.value)
        == "`proj_size` applies to LSTM only (as in torch.nn), got proj_size=2 for a GRU."
    )


def test_summary_names_a_weight_normed_layer_by_its_own_class():
    from torch.nn.utils.parametrizations import weight_norm

    from lstmkit.nn import LSTM, summary

    # the rows and the note said "ParametrizedLSTM (l0)" and "ParametrizedLSTM: its rows ...",
    # the subclass torch's parametrizations make, and output_shapes keyed "ParametrizedLSTM"
    torch.manual_seed(0)
    s = summary(weight_norm(LSTM(3, 4), "weight_ih_l0"), input_size=(5, 3))
    assert [r["layer"] for r in s.rows] == ["LSTM (l0)"] * 4
    assert s.notes == [
        "LSTM: its rows count the 144 weights and biases its gates use, the total 160 of its "
        "parameters: weight_ih_l0 is computed from parametrizations.weight_ih_l0.original0 "
        "and parametrizations.weight_ih_l0.original1."
    ]
    assert s.output_shapes["LSTM"] == (5, 1, 4)
    # one row, its bias and its weight's magnitude and direction (left37: it was two rows,
    # "Linear" of 4 and "parametrizations.weight (ParametrizationList)" of 16)
    linear = summary(weight_norm(torch.nn.Linear(3, 4)))
    assert [(r["layer"], r["type"], r["total"]) for r in linear.rows] == [("Linear", "Linear", 20)]


def test_the_demos_memory_refusal_writes_small_sizes_as_predicts_does(
    fake_cgroups, fake_memory, capsys
):
    from lstmkit import _memory

    # a 1 MiB container was told "needs 0 GB for the gates ..., more than this container's
    # memory limit (0 GB)": whole decimal GB, where predict writes '2.24 GiB'
    fake_cgroups("0::/job\n", {"job/memory.max": f"{2**20}\n"})
    assert main(["demo", "--steps", "100"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --steps 100 with --hidden 8 needs 3.12 MiB for the gates of the 256 test "
        "sequences, more than this container's memory limit (1 MiB); lower --steps or --hidden.\n",
    )
    fake_memory(1536 * 2**20, None)
    assert main(["demo", "--steps", "10000", "--hidden", "64"]) == 2
    assert capsys.readouterr().err == (
        "error: --steps 10000 with --hidden 64 needs 2.44 GiB for the gates of the 256 test "
        "sequences, more than this machine's memory (1.5 GiB); lower --steps or --hidden.\n"
    )
    # the one formatter of both refusals: predict's words are the same function's
    from lstmkit import forecast

    assert forecast._in_bytes is _memory.in_bytes
    assert [_memory.in_bytes(n) for n in (0, 1023, 1024, 3 * 2**19, 2**63 - 1)] == [
        "0 bytes",
        "0.999 KiB",
        "1 KiB",
        "1.5 MiB",
        "8 EiB",
    ]
