"""Review of save3 (run folders, ``lstmkit.io.save_model``'s folder rule, dtypes refused on
load): a save that worked before and was refused after, and one list-joining rule."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.torch import load_file

from lstmkit import io
from lstmkit._checks import and_list


@pytest.mark.parametrize("versions", [{"mylib": "1.0"}, "v2"])
def test_save_model_saves_over_its_own_save_of_a_config_with_its_own_versions(tmp_path, versions):
    # save_model fills in `versions` only where the config has none: a config holding its own
    # (the caller's libraries) was refused on its second save into the same folder, as if
    # another program had written that config.json ("no lstmkit version saved it")
    net = torch.nn.Linear(1, 1)
    io.save_model(net, tmp_path / "m", {"versions": versions})
    io.save_model(net, tmp_path / "m", {"versions": versions, "run": 2})
    assert io.load_model(net, tmp_path / "m") == {"versions": versions, "run": 2}
    # another program's config.json, which names no versions, is still refused
    foreign = tmp_path / "hf"
    foreign.mkdir()
    (foreign / "config.json").write_text('{"model_type": "bert", "transformers_version": "4"}')
    with pytest.raises(ValueError) as err:
        io.save_model(net, foreign, {"versions": versions})
    assert str(err.value) == (
        f"`path` {str(foreign)!r} holds a config.json that is no saved model's (no lstmkit "
        "version saved it); saving a model of no kind there would overwrite it. Choose another "
        "folder or delete that file first"
        ", or pass overwrite=True to replace it."
    )


def test_the_dtypes_a_model_takes_are_joined_by_the_one_list_rule():
    # value_problems joined them with a copy of and_list's rule, "or" for "and" (as _pool's
    # _which did): one rule, with the word to join by
    assert and_list(["float16", "bfloat16", "float32"], "or") == "float16, bfloat16 or float32"
    assert and_list(["a", "b"]) == "a and b"
    assert and_list(["int64"], "or") == "int64"


def test_the_text_loaders_docstring_names_every_dtype_refused():
    # save3 refused complex and float8 weights too; text._io.load_state's Raises still listed
    # "integers, booleans, NaN or infinite values" alone
    from lstmkit.text import _io

    raises = " ".join(_io.load_state.__doc__.split("Raises:")[1].split())
    assert (
        "hold integers, booleans, complex numbers or float8 (any dtype but float16, bfloat16, "
        "float32 and float64), NaN or infinite values" in raises
    )


def _with_float8_bias(folder: Path) -> None:
    """``folder``'s weights rewritten by hand, the head's bias as float8_e5m2 (written without
    safetensors, whose 0.4 cannot write that dtype)."""
    weights = load_file(folder / "model.safetensors")
    header, blobs, offset = {}, [], 0
    for name, tensor in sorted(weights.items()):
        f8 = name == "0.head.bias"
        data = bytes(tensor.numel()) if f8 else tensor.float().numpy().tobytes()
        header[name] = {
            "dtype": "F8_E5M2" if f8 else "F32",
            "shape": list(tensor.shape),
            "data_offsets": [offset, offset + len(data)],
        }
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    (folder / "model.safetensors").write_bytes(
        struct.pack("<Q", len(text)) + text + b"".join(blobs)
    )


def test_float8_weights_are_refused_on_every_safetensors_and_the_readme_says_how(
    tmp_path, safetensors_says
):
    # the README promised the dtype refusal on every supported safetensors; 0.4 (the lowest,
    # which the suite runs with too) cannot read float8, and lstmkit never sees the dtype
    from lstmkit.forecast import Forecaster

    fitted = Forecaster(
        horizon=2, lookback=4, season_length=1, ensemble=1, epochs=1, hidden_size=2, progress=False
    ).fit(np.linspace(1.0, 2.0, 30))
    folder = tmp_path / "m"
    fitted.save(folder)
    _with_float8_bias(folder)
    weights = folder / "model.safetensors"
    try:
        load_file(weights)
    except Exception:  # safetensors 0.4
        expected = (
            f"{str(weights)!r} is not a readable safetensors file ({safetensors_says(weights)})."
        )
    else:
        expected = (
            f"{str(weights)!r} does not fit the Forecaster its config.json describes: cannot "
            "load state into ModuleList: tensors of another dtype than the model's: 0.head.bias "
            "(float8_e5m2), where it takes float16, bfloat16, float32 or float64."
        )
    with pytest.raises(ValueError) as err:
        Forecaster.load(folder)
    assert str(err.value) == expected
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text().split())
    assert (
        "naming each tensor, its dtype and the dtypes taken (safetensors 0.4 reads neither "
        "complex numbers nor float8: there such a file is refused as no readable safetensors "
        "file)" in readme
    )
