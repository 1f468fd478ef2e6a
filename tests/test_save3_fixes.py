"""Saving, loading and devices, as a user meets them: a save into a run folder, the generic
``lstmkit.io.save_model`` under the savers' folder rule, the dtypes a saved model's tensors may
have, and the words refusing a device."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.torch import load_file, save, save_file

from lstmkit import io
from lstmkit.forecast import Forecaster


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    y = np.linspace(1.0, 2.0, 30)
    return Forecaster(
        horizon=2, lookback=4, season_length=1, ensemble=1, epochs=1, hidden_size=2, progress=False
    ).fit(y)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ---- 1. a save into a run folder -------------------------------------------------------------


def _run_folder(fitted: Forecaster, tmp_path: Path) -> Path:
    """A folder as ``lstmkit forecast --out`` leaves it: run.json beside model/."""
    run = tmp_path / "run"
    fitted.save(run / "model")
    (run / "run.json").write_text(json.dumps({"command": "lstmkit forecast airline"}) + "\n")
    return run


def test_forecaster_save_into_a_run_folder_is_refused_naming_its_model_folder(fitted, tmp_path):
    # model.safetensors and config.json went beside run.json, and Forecaster.load and
    # `lstmkit predict` of the run then read them instead of the run's model/
    run = _run_folder(fitted, tmp_path)
    before = _files(run)
    with pytest.raises(ValueError) as err:
        fitted.save(run)
    assert str(err.value) == (
        f"`path` {str(run)!r} is a run folder, whose model is in {str(run / 'model')!r} (as "
        f"`lstmkit forecast --out` writes it); a model saved beside it would be loaded from "
        f"{str(run)!r} instead of that one. Save into {str(run / 'model')!r} to replace that "
        "model, or choose another folder."
    )
    assert _files(run) == before  # nothing written
    fitted.save(run / "model")  # where that run's model lives
    assert Forecaster.load(run).state_ == fitted.state_


def test_a_text_save_into_a_forecast_run_folder_is_refused_without_the_advice_to_replace(
    fitted, tmp_path
):
    from lstmkit.text import CharLM, CharVocab, save_charlm
    from lstmkit.text.charlm import CharLMConfig, CharLMResult

    run = _run_folder(fitted, tmp_path)
    before = _files(run)
    result = CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), CharLMConfig())
    with pytest.raises(ValueError) as err:
        save_charlm(result, run)
    assert str(err.value) == (
        f"`out_dir` {str(run)!r} is a run folder, whose model is in {str(run / 'model')!r} (as "
        f"`lstmkit forecast --out` writes it); a model saved beside it would be loaded from "
        f"{str(run)!r} instead of that one. Choose another folder."
    )
    assert _files(run) == before


# ---- 2. lstmkit.io.save_model takes the savers' folder rule ----------------------------------


def test_io_save_model_takes_the_folder_rule_of_every_saver(fitted, tmp_path):
    # it overwrote a Forecaster's config.json and weights, another program's config.json, and
    # wrote beside a run's run.json, where every model's save refuses
    net = torch.nn.Linear(1, 1)
    fitted.save(tmp_path / "fc")
    foreign = tmp_path / "hf"
    foreign.mkdir()
    (foreign / "config.json").write_text('{"model_type": "bert"}')
    run = _run_folder(fitted, tmp_path)
    before = {p: _files(p) for p in (tmp_path / "fc", foreign, run)}
    refusals = []
    for folder, config in [
        (tmp_path / "fc", {}),
        (tmp_path / "fc", {"kind": "linear"}),
        (foreign, {}),
        (run, {"kind": "linear"}),
    ]:
        with pytest.raises(ValueError) as err:
            io.save_model(net, folder, config)
        refusals.append(str(err.value).replace(str(tmp_path), "T"))
    assert refusals == [
        "`path` 'T/fc' already holds a saved model of kind 'lstmkit.Forecaster'; saving a model "
        "of no kind there would overwrite that model's config.json and model.safetensors. "
        "Choose another folder or delete that one first"
        ", or pass overwrite=True to replace it.",
        "`path` 'T/fc' already holds a saved model of kind 'lstmkit.Forecaster'; saving a "
        "'linear' model there would overwrite that model's config.json and model.safetensors. "
        "Choose another folder or delete that one first"
        ", or pass overwrite=True to replace it.",
        "`path` 'T/hf' holds a config.json that is no saved model's (no lstmkit version saved "
        "it); saving a model of no kind there would overwrite it. Choose another folder or "
        "delete that file first"
        ", or pass overwrite=True to replace it.",
        "`path` 'T/run' is a run folder, whose model is in 'T/run/model' (as `lstmkit forecast "
        "--out` writes it); a model saved beside it would be loaded from 'T/run' instead of that "
        "one. Choose another folder.",
    ]
    assert {p: _files(p) for p in before} == before  # nothing written
    # its own saves, with or without a kind, are saved over as before
    for config in ({}, {"kind": "linear"}):
        io.save_model(net, tmp_path / str(config), config)
        io.save_model(net, tmp_path / str(config), {**config, "run": 2})
        assert io.load_model(net, tmp_path / str(config))["run"] == 2


# ---- 4. tensors of a dtype the model cannot hold ---------------------------------------------


def _stores(*dtypes: torch.dtype) -> bool:
    """Whether the installed safetensors writes (and so reads) tensors of ``dtypes``: 0.4 knows
    neither float8 nor complex numbers (a KeyError writing one; a file holding one is refused
    as unreadable before lstmkit sees its dtypes)."""
    try:
        save({f"t{n}": torch.zeros(1, dtype=dtype) for n, dtype in enumerate(dtypes)})
    except (KeyError, ValueError, TypeError):
        return False
    return True


_FLOAT8_AND_COMPLEX = (torch.float8_e4m3fn, torch.float8_e5m2, torch.complex64)
needs_float8 = pytest.mark.skipif(
    not _stores(*_FLOAT8_AND_COMPLEX),
    reason="this safetensors stores no float8 or complex tensors (0.4 does not)",
)


@needs_float8
def test_float8_and_complex_weights_are_refused_naming_the_dtypes_expected(fitted, tmp_path):
    # float8_e4m3fn failed in torch ("isfinite" not implemented for 'Float8_e4m3fn'), and
    # float8_e5m2 loaded, rounded: a model never trained with those numbers
    fitted.save(tmp_path / "m")
    weights = load_file(tmp_path / "m" / "model.safetensors")
    weights["0.head.bias"] = weights["0.head.bias"].to(torch.float8_e4m3fn)
    weights["0.head.weight"] = weights["0.head.weight"].to(torch.float8_e5m2)
    weights["0.encoder.bias_hh_l0"] = weights["0.encoder.bias_hh_l0"].to(torch.complex64)
    save_file(weights, tmp_path / "m" / "model.safetensors")
    with pytest.raises(ValueError) as err:
        Forecaster.load(tmp_path / "m")
    assert str(err.value).replace(str(tmp_path), "T") == (
        "'T/m/model.safetensors' does not fit the Forecaster its config.json describes: cannot "
        "load state into ModuleList: tensors of another dtype than the model's: "
        "0.encoder.bias_hh_l0 (complex64), 0.head.bias (float8_e4m3fn), 0.head.weight "
        "(float8_e5m2), where it takes float16, bfloat16, float32 or float64."
    )


@needs_float8
def test_a_text_model_saved_all_in_float8_is_refused(tmp_path):
    # every tensor float8: the loader turned the model into float8, which cannot compute
    from lstmkit.text import CharLM, CharVocab, load_charlm, save_charlm
    from lstmkit.text.charlm import CharLMConfig, CharLMResult

    result = CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), CharLMConfig())
    folder = save_charlm(result, tmp_path / "lm")
    weights = load_file(folder / "model.safetensors")
    save_file(
        {k: v.to(torch.float8_e5m2) for k, v in weights.items()}, folder / "model.safetensors"
    )
    with pytest.raises(ValueError) as err:
        load_charlm(folder)
    names = ", ".join(f"{k} (float8_e5m2)" for k in sorted(weights))
    assert str(err.value) == (
        f"{str(folder / 'model.safetensors')!r} is no usable set of weights: tensors of another "
        f"dtype than the model's: {names}, where it takes float16, bfloat16, float32 or float64."
    )


def test_integer_buffers_and_float_weights_are_named_with_what_each_takes():
    class Counts(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.a = torch.nn.Parameter(torch.zeros(2))
            self.register_buffer("n", torch.zeros(1, dtype=torch.int64))

    state = {"a": torch.zeros(2, dtype=torch.bool), "n": torch.zeros(1, dtype=torch.int32)}
    assert io.value_problems(Counts(), state) == [
        "tensors of another dtype than the model's: a (bool), where it takes float16, bfloat16, "
        "float32 or float64",
        "tensors of another dtype than the model's: n (int32), where it takes int64",
    ]


# ---- 3. the words refusing a device ----------------------------------------------------------


def _machine(monkeypatch, *, cuda: int = 0, mps: bool = False) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: cuda)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)


@pytest.mark.parametrize(
    ("cuda", "works"),
    [
        (0, "'cpu' always works, and 'mps' here"),
        (2, "'cpu' always works, and 'cuda:0' to 'cuda:1' and 'mps' here"),
    ],
)
def test_a_macs_gpu_is_named_among_the_devices_that_work(monkeypatch, cuda, works):
    # on a Mac where torch.backends.mps.is_available(), the refusal said "'cpu' always works"
    from lstmkit._device import usable_device

    _machine(monkeypatch, cuda=cuda, mps=True)
    with pytest.raises(ValueError) as err:
        usable_device("opengl:0")
    assert str(err.value) == (
        "`device` must name a torch device that computes, got 'opengl:0': torch keeps the type "
        f"'opengl' for old code, and makes no tensor on it; {works}."
    )


@pytest.mark.parametrize(
    ("device", "got"),
    [
        ("hip", "'hip'"),
        ("hip:0", "'hip:0'"),
        (torch.device("hip", 1), "'hip:1'"),  # as its string (revtidy6)
    ],
)
def test_hip_is_refused_by_name_with_the_cuda_devices_amd_gpus_are(
    fitted, tmp_path, monkeypatch, device, got
):
    # torch's ROCm builds run AMD GPUs as 'cuda': 'hip' was refused with torch's "Could not run
    # 'aten::empty.memory_format' with arguments from the 'HIP' backend" and CUDA's availability
    from lstmkit.forecast import ForecasterConfig

    _machine(monkeypatch)
    fitted.save(tmp_path / "m")
    for call in (
        lambda: ForecasterConfig(horizon=2, device=device),
        lambda: Forecaster.load(tmp_path / "m", device=device),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == (
            f"`device` must name a torch device that computes, got {got}: torch runs AMD GPUs "
            "(its ROCm builds) as 'cuda' devices, and makes no tensor on 'hip'; 'cpu' always "
            "works."
        )


@pytest.mark.parametrize(("device", "backend"), [("xla", "XLA"), ("vulkan:0", "Vulkan")])
def test_a_backend_torch_has_not_loaded_is_said_so_without_cudas_availability(
    monkeypatch, device, backend
):
    # "(Could not run 'aten::empty.memory_format' with arguments from the 'XLA' backend);
    # torch.cuda.is_available() is False": torch's dispatcher words, and CUDA's state for a
    # device that is no CUDA device
    from lstmkit._device import usable_device

    _machine(monkeypatch)
    with pytest.raises(ValueError) as err:
        usable_device(device)
    assert str(err.value) == (
        f"`device` {device!r} cannot be used here (no {backend} backend is loaded in this "
        "torch). 'cpu' always works."
    )
