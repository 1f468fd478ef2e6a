"""Exact messages and numbers of lstmkit.io that the broader tests of test_io.py leave loose."""

import os
import re
import sys
import tempfile
import types

import pytest
import torch

from lstmkit.io import CONFIG_FILE, WEIGHTS_FILE, load_config, load_model, save_model


def test_the_pandas_version_is_the_imported_ones():
    from lstmkit.io import versions

    fake = types.ModuleType("pandas")
    fake.__version__ = "0.0.0-imported"
    saved = sys.modules.get("pandas")
    sys.modules["pandas"] = fake
    try:
        recorded = versions()["pandas"]
    finally:
        if saved is None:
            del sys.modules["pandas"]
        else:
            sys.modules["pandas"] = saved
    assert recorded == "0.0.0-imported"


def test_a_save_creates_every_missing_folder_on_the_way(tmp_path):
    save_model(torch.nn.Linear(1, 1), tmp_path / "a" / "b", {"run": 1})
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == [CONFIG_FILE, WEIGHTS_FILE]


def test_a_config_that_is_no_json_names_the_reason_and_writes_nothing(tmp_path):
    with pytest.raises(TypeError) as err:
        save_model(torch.nn.Linear(1, 1), tmp_path / "m", {"labels": {1}})
    assert str(err.value) == (
        "`config` must be JSON-serialisable (dict, list, str, int, float, bool, None), but "
        "config['labels'] is {1} (set)."
    )
    assert list(tmp_path.iterdir()) == []


def test_each_file_is_written_under_a_temporary_name_the_clean_up_knows(tmp_path, monkeypatch):
    from lstmkit._orphans import _machine

    replaced = []
    real = os.replace

    def spy(src, dst):
        replaced.append((os.path.basename(src), os.path.basename(dst)))
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    save_model(torch.nn.Linear(1, 1), tmp_path, {}, files={"vocab.json": "[]"})
    # config.json last: a folder holding it holds the whole save
    assert [dst for _, dst in replaced] == [WEIGHTS_FILE, "vocab.json", CONFIG_FILE]
    for src, dst in replaced:
        pattern = rf"\.{re.escape(dst)}\.{os.getpid()}\.{_machine()}-[0-9a-f]{{8}}\.tmp"
        assert re.fullmatch(pattern, src), src


def test_extra_files_are_written_as_utf8_text_or_bytes_as_given(tmp_path):
    save_model(torch.nn.Linear(1, 1), tmp_path, {}, files={"vocab.txt": "café\n", "b.bin": b"\xff"})
    assert (tmp_path / "vocab.txt").read_bytes() == b"caf\xc3\xa9\n"
    assert (tmp_path / "b.bin").read_bytes() == b"\xff"


@pytest.mark.parametrize("names", [[CONFIG_FILE], [WEIGHTS_FILE, CONFIG_FILE]])
def test_extra_files_may_not_replace_the_weights_or_the_config(tmp_path, names):
    # {WEIGHTS_FILE: ..., CONFIG_FILE: ..., **files} let an extra file win silently
    with pytest.raises(ValueError) as err:
        save_model(torch.nn.Linear(1, 1), tmp_path / "m", {}, dict.fromkeys(names, "x"))
    got = ", ".join(map(repr, [WEIGHTS_FILE, CONFIG_FILE][-len(names) :]))
    assert str(err.value) == (
        "`files` must not name 'model.safetensors' or 'config.json', which save_model writes "
        f"itself, got {got}."
    )
    assert not (tmp_path / "m").exists()


def test_a_folder_that_cannot_be_written_gives_the_systems_reason(tmp_path, monkeypatch):
    from lstmkit.io import check_out_dir

    def refused(**kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", refused)
    with pytest.raises(ValueError) as err:
        check_out_dir(tmp_path / "new", "--out")
    assert str(err.value) == (
        f"--out {str(tmp_path / 'new')!r} cannot be written: creating anything in "
        f"{str(tmp_path)!r} fails (Permission denied)."
    )


def test_a_broken_link_is_named_with_its_target(tmp_path):
    from lstmkit.io import check_out_dir

    (tmp_path / "link").symlink_to("nowhere")
    with pytest.raises(ValueError) as err:
        check_out_dir(tmp_path / "link" / "sub", "--out")
    assert str(err.value) == (
        f"--out {str(tmp_path / 'link' / 'sub')!r} cannot be created: "
        f"{str(tmp_path / 'link')!r} is a broken symbolic link (to 'nowhere')."
    )


def test_a_link_to_a_folder_is_a_folder(tmp_path):
    from lstmkit.io import check_out_dir

    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert check_out_dir(tmp_path / "link" / "sub", "--out") == tmp_path / "link" / "sub"


@pytest.mark.parametrize(("text", "kind"), [("3", "int"), ("null", "NoneType"), ('"x"', "str")])
def test_a_config_of_any_other_json_value_is_named(tmp_path, text, kind):
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_config(tmp_path)
    assert str(err.value) == f"{str(tmp_path / CONFIG_FILE)!r} must hold a JSON object, got {kind}."


def test_a_missing_config_names_the_folder(tmp_path):
    with pytest.raises(FileNotFoundError) as err:
        load_config(tmp_path)
    assert str(err.value) == f"no config.json in {str(tmp_path)!r}."


def test_a_runtime_error_reading_the_weights_is_a_value_error_naming_the_file(
    tmp_path, monkeypatch
):
    import lstmkit.io
    from lstmkit.io import load_state

    save_model(torch.nn.Linear(1, 1), tmp_path, {})

    def fails(file):
        raise RuntimeError("header too large")

    monkeypatch.setattr(lstmkit.io, "load_file", fails)
    with pytest.raises(ValueError) as err:
        load_state(tmp_path)
    assert str(err.value) == (
        f"{str(tmp_path / WEIGHTS_FILE)!r} is not a readable safetensors file (header too large)."
    )


@pytest.mark.parametrize(
    "draw",
    [
        lambda t: t.normal_(),
        lambda t: t.exponential_(),
        lambda t: t.log_normal_(),
        lambda t: t.cauchy_(),
        lambda t: t.geometric_(0.5),
        lambda t: t.uniform_(),
        lambda t: t.random_(0, 5),
        lambda t: t.bernoulli_(0.5),
    ],
    ids=["normal_", "exponential_", "log_normal_", "cauchy_", "geometric_", "uniform_",
         "random_", "bernoulli_"],
)  # fmt: skip
def test_a_module_built_to_be_loaded_into_skips_every_in_place_draw(draw):
    from lstmkit.io import build_undrawn

    torch.manual_seed(0)
    expected = torch.rand(2)
    torch.manual_seed(0)
    build_undrawn(lambda: draw(torch.empty(3)))
    assert torch.equal(torch.rand(2), expected)


def test_a_config_whose_sizes_cannot_be_held_is_named_with_the_reason(tmp_path):
    from lstmkit.io import build_on_meta

    def build():
        raise RuntimeError("Storage size calculation overflowed")

    with pytest.raises(ValueError) as err:
        build_on_meta(tmp_path, "Forecaster", build)
    assert str(err.value) == (
        f"{str(tmp_path / CONFIG_FILE)!r} does not describe a usable Forecaster: its sizes make "
        "tensors too large to hold (Storage size calculation overflowed)."
    )


def test_floating_point_weights_of_another_width_load(tmp_path):
    from lstmkit.io import value_problems

    net = torch.nn.Linear(2, 1).double()
    save_model(net, tmp_path, {"run": 1})
    into = torch.nn.Linear(2, 1)  # float32
    assert value_problems(into, net.state_dict()) == []
    assert load_model(into, tmp_path) == {"run": 1, "versions": load_config(tmp_path)["versions"]}
    assert torch.equal(into.weight, net.weight.float())


def test_shapes_beside_tensors_are_checked_for_shapes_alone():
    from lstmkit.io import check_state

    check_state(torch.nn.Linear(2, 3), {"weight": (3, 2), "bias": torch.zeros(3)})
    with pytest.raises(RuntimeError) as err:
        check_state(torch.nn.Linear(2, 3), {"weight": (2, 3), "bias": torch.full((3,), torch.nan)})
    assert str(err.value) == (
        "cannot load state into Linear: shape mismatches: weight is (3, 2) in the module and "
        "(2, 3) in the state."
    )


def test_the_lists_of_keys_are_sorted():
    from lstmkit.io import check_state, state_differences

    module = torch.nn.Sequential(*(torch.nn.Linear(1, 1) for _ in range(6)))
    state = {f"x{k}": torch.zeros(1) for k in "fedcba"}
    missing, unexpected, shapes = state_differences(module, state)
    assert missing == [f"{i}.{n}" for i in range(6) for n in ("bias", "weight")]
    assert unexpected == ["xa", "xb", "xc", "xd", "xe", "xf"]
    assert shapes == []
    with pytest.raises(
        RuntimeError, match=r"not the module's\): xa \(1,\), xb \(1,\), xc \(1,\), xd \(1,\), xe"
    ):
        check_state(module, state)


def test_the_json_size_limit_is_256_mib():
    from lstmkit.io import MAX_JSON_BYTES

    assert MAX_JSON_BYTES == 268_435_456


def test_a_relative_folder_under_a_removed_working_folder_is_refused(tmp_path, monkeypatch):
    # "." still exists there (only "runs" does not), so the check tries to create its
    # temporary folder in it, which fails: the save is refused up front, not by mkdir later
    from lstmkit.io import check_out_dir

    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with pytest.raises(ValueError) as e:
        check_out_dir("runs/new", "--out")
    assert str(e.value) == (
        "--out 'runs/new' cannot be written: creating anything in '.' fails (No such file or "
        "directory)."
    )
