"""The text models' folder checks, exactly, on a one-layer module: each refusal's message."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file
from torch import nn

from lstmkit import io
from lstmkit.text import _io


def _saved(folder: Path, kind: str, model: dict | None = None) -> Path:
    _io.save_model(folder, nn.Linear(2, 1), {"model": model or {}}, kind)
    return folder


def test_a_folder_holding_another_kind_of_model_is_refused_for_a_save(tmp_path):
    folder = _saved(tmp_path / "m", "charlm")
    assert _io.check_out_dir(folder, "charlm") == folder  # the same kind: overwritten
    with pytest.raises(ValueError) as err:
        _io.check_out_dir(str(folder), "classifier")
    assert str(err.value) == (
        f"`out_dir` {str(folder)!r} already holds a saved model of kind 'charlm'; saving a "
        "'classifier' model there would overwrite that model's config.json and "
        "model.safetensors. Choose another folder or delete that one first"
        ", or pass overwrite=True to replace it."
    )


def _not_found(folder: Path, kind: str = "classifier", extra: tuple[str, ...] = ()) -> str:
    with pytest.raises(FileNotFoundError) as err:
        _io.read_config(folder, kind, extra)
    return str(err.value)


def test_a_missing_folder_or_file_is_named(tmp_path):
    assert (
        _not_found(tmp_path / "none") == f"model folder {str(tmp_path / 'none')!r} does not exist."
    )
    (tmp_path / "file").write_text("x")
    assert _not_found(tmp_path / "file") == (
        f"{str(tmp_path / 'file')!r} is a file, not a saved model's folder."
    )
    assert _not_found(tmp_path) == (
        f"{str(tmp_path)!r} is not a saved lstmkit classifier model: missing config.json, "
        "model.safetensors."
    )
    folder = _saved(tmp_path / "m", "classifier")
    assert _not_found(folder, extra=("vocab.json", "metrics.json")) == (
        f"{str(folder)!r} is not a saved lstmkit classifier model: missing vocab.json, "
        "metrics.json."
    )
    config = _io.read_config(folder, "classifier")
    assert (config["kind"], config["model"]) == ("classifier", {})


@pytest.mark.parametrize(
    ("kind", "held"),
    [
        (
            "seq2seq",
            "a sequence-to-sequence model (kind 'seq2seq'), which `lstmkit text spell` runs "
            "(lstmkit.text.load_seq2seq in Python)",
        ),
        (
            "lstmkit.Forecaster",
            "a forecaster (kind 'lstmkit.Forecaster'), which `lstmkit predict DIR` runs "
            "(lstmkit.Forecaster.load in Python)",
        ),
        ("mine", "a model (kind 'mine')"),
        (None, "a model whose config.json names no kind"),
    ],
)
def test_a_folder_of_another_kind_says_what_it_holds(kind, held, tmp_path):
    folder = tmp_path / "m"
    if kind is None:
        io.save_model(nn.Linear(2, 1), folder, {"model": {}})
    else:
        _saved(folder, kind)
    with pytest.raises(ValueError) as err:
        _io.read_config(folder, "charlm")
    assert str(err.value) == (
        f"{str(folder)!r} holds {held}, not a character language model (kind 'charlm')."
    )


def _unusable(factory) -> str:
    with pytest.raises(ValueError) as err:
        _io.build("M", "thing", factory)
    return str(err.value).removeprefix("'M/config.json' does not describe a usable thing: ")


def test_a_config_that_builds_nothing_is_named_with_the_entry_it_lacks():
    assert _unusable(lambda: {}["hidden_size"]) == "it lacks the entry 'hidden_size'."
    assert _unusable(lambda: nn.Linear(2)) == "its entry 'model' lacks 'out_features'."

    def refused():
        raise ValueError("Net.__init__() missing 1 required positional argument: 'x'.")

    # a ValueError that reads like a missing argument is quoted as it is
    assert _unusable(refused) == "Net.__init__() missing 1 required positional argument: 'x'."


def test_as_many_layers_as_the_file_has_tensors_still_build(tmp_path):
    folder = _saved(tmp_path / "m", "classifier")
    model = _io.build_model(folder, "thing", {"model": {"num_layers": 2}}, lambda: nn.Linear(2, 1))
    assert isinstance(model, nn.Linear)
    with pytest.raises(ValueError) as err:
        _io.build_model(folder, "thing", {"model": {"members": 3}}, lambda: nn.Linear(2, 1))
    assert str(err.value) == (
        f"{str(folder / 'config.json')!r} does not describe a usable thing: model.members is 3, "
        f"but {str(folder / 'model.safetensors')!r} holds only 2 tensors."
    )


def test_a_misfit_names_every_tensor_of_each_kind_as_io_load_model_does():
    # was a count and the first of each kind: "1 missing tensor(s) (e.g. bias), 1 unexpected
    # tensor(s) (e.g. extra), 1 tensor(s) of another shape (e.g. weight: the config gives
    # (1, 2), the file holds (3, 2))", a third wording beside check_state's and load_model's
    folder = Path("M")
    state = {"weight": torch.zeros(3, 2), "extra": torch.zeros(1)}
    with pytest.raises(ValueError) as err:
        _io._check_fit(folder, nn.Linear(2, 1), state)
    assert str(err.value) == (
        "'M/model.safetensors' does not fit the model described by 'M/config.json': missing "
        "keys (the module's, not in the file): bias (1,); unexpected keys (in the file, not "
        "the module's): extra (1,); shape mismatches: weight is (1, 2) in the module and "
        "(3, 2) in the file."
    )
    with pytest.raises(ValueError) as err:
        _io._check_fit(folder, nn.Linear(2, 1), {"weight": (1, 2)})  # shapes, as read
    assert str(err.value) == (
        "'M/model.safetensors' does not fit the model described by 'M/config.json': missing "
        "keys (the module's, not in the file): bias (1,)."
    )
    assert _io._check_fit(folder, nn.Linear(2, 1), nn.Linear(2, 1).state_dict()) is None


def test_every_problem_of_the_weights_values_is_listed(tmp_path):
    folder = _saved(tmp_path / "m", "classifier")
    bad = {"weight": torch.ones(1, 2, dtype=torch.int64), "bias": torch.tensor([float("nan")])}
    save_file(bad, folder / "model.safetensors")
    with pytest.raises(ValueError) as err:
        _io.load_state(folder, nn.Linear(2, 1))
    assert str(err.value) == (
        f"{str(folder / 'model.safetensors')!r} is no usable set of weights: tensors of another "
        "dtype than the model's: weight (int64), where it takes float16, bfloat16, float32 or "
        "float64; NaN or infinite values in bias."
    )
