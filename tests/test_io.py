import errno
import json
import os
import platform
import stat
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit
from lstmkit.io import CONFIG_FILE, WEIGHTS_FILE, load_model, save_model


def test_round_trip_and_versions(tmp_path):
    torch.manual_seed(0)
    net = torch.nn.LSTM(3, 4, batch_first=True)
    save_model(net, tmp_path, {"kind": "test", "hidden": 4})
    assert (tmp_path / WEIGHTS_FILE).is_file()
    saved = json.loads((tmp_path / CONFIG_FILE).read_text())
    assert saved["versions"] == {
        "lstmkit": lstmkit.__version__,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,  # reads the CSVs and dates; it was not recorded
        "python": platform.python_version(),
    }
    other = torch.nn.LSTM(3, 4, batch_first=True)
    cfg = load_model(other, tmp_path)
    assert cfg["hidden"] == 4
    for (k, a), (_, b) in zip(net.state_dict().items(), other.state_dict().items(), strict=True):
        assert torch.equal(a, b), k
    # no pickle anywhere: the weights file is safetensors (8-byte header length + JSON header)
    head = (tmp_path / WEIGHTS_FILE).read_bytes()[:9]
    assert head[8:9] == b"{"


def test_versions_without_pandas_imported_or_its_metadata(monkeypatch):
    import importlib.metadata
    import sys

    from lstmkit.io import versions

    monkeypatch.delitem(sys.modules, "pandas")  # read from the metadata, not imported
    assert versions()["pandas"] == pd.__version__ and "pandas" not in sys.modules

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert versions()["pandas"] == "unknown"  # every save raised PackageNotFoundError


def test_errors_list_all_missing_unexpected_and_mismatched_keys(tmp_path):
    save_model(torch.nn.Linear(2, 3), tmp_path, {})
    target = torch.nn.Sequential(torch.nn.Linear(2, 4))
    with pytest.raises(RuntimeError) as err:
        load_model(target, tmp_path)
    assert str(err.value) == (
        f"cannot load {str(tmp_path / WEIGHTS_FILE)!r} into Sequential: missing keys (the "
        "module's, not in the file): 0.bias (4,), 0.weight (4, 2); unexpected keys (in the "
        "file, not the module's): bias (3,), weight (3, 2)."
    )
    with pytest.raises(RuntimeError) as err:
        load_model(torch.nn.Linear(2, 4), tmp_path)
    assert str(err.value) == (
        f"cannot load {str(tmp_path / WEIGHTS_FILE)!r} into Linear: shape mismatches: bias is "
        "(4,) in the module and (3,) in the file, weight is (4, 2) in the module and (3, 2) in "
        "the file."
    )


def test_missing_files_and_bad_config(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no config\.json"):
        load_model(torch.nn.Linear(1, 1), tmp_path)
    with pytest.raises(TypeError, match="JSON-serialisable"):
        save_model(torch.nn.Linear(1, 1), tmp_path / "x", {"bad": object()})
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_both_files_follow_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        save_model(torch.nn.Linear(2, 3), tmp_path, {})
    finally:
        os.umask(old)
    modes = {f: stat.S_IMODE((tmp_path / f).stat().st_mode) for f in (WEIGHTS_FILE, CONFIG_FILE)}
    assert modes == {WEIGHTS_FILE: mode, CONFIG_FILE: mode}
    load_model(torch.nn.Linear(2, 3), tmp_path)  # and the weights still load


def test_check_out_dir_refuses_what_cannot_be_written_and_leaves_nothing(tmp_path):
    from lstmkit.io import check_out_dir

    assert check_out_dir(tmp_path / "new" / "deeper", "--out") == tmp_path / "new" / "deeper"
    assert not (tmp_path / "new").exists()  # nothing is created
    with pytest.raises(ValueError, match=r"^--out must name a folder, got ''\.$"):
        check_out_dir("", "--out")
    (tmp_path / "f").write_text("keep")
    with pytest.raises(ValueError, match=r"must be a folder, got the existing file"):
        check_out_dir(tmp_path / "f", "--out")
    with pytest.raises(ValueError, match=r"cannot be created: '.*/f' is a file"):
        check_out_dir(tmp_path / "f" / "sub", "--out")
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    for target in (tmp_path / "link", tmp_path / "link" / "sub"):
        with pytest.raises(ValueError, match=r"'.*link' is a broken symbolic link \(to '.*"):
            check_out_dir(target, "--out")
    (tmp_path / "run" / "forecast.csv").mkdir(parents=True)
    with pytest.raises(ValueError, match=r"holds a folder named 'forecast\.csv', where a file"):
        check_out_dir(tmp_path / "run", "--out", files=("run.json", "forecast.csv"))
    assert check_out_dir(tmp_path / "run", "--out", files=("run.json",)) == tmp_path / "run"
    # a folder nothing can be created in (a virtual file system; root ignores permissions)
    if os.path.isdir("/proc/self"):
        with pytest.raises(ValueError, match=r"cannot be written: creating anything in '/proc"):
            check_out_dir("/proc/self/out", "--out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f", "link", "run"]


def test_load_model_refuses_integer_and_nan_weights_by_name(tmp_path):
    # load_state_dict copied int64 weights into the float ones: another model, silently
    from safetensors.torch import save_file

    save_model(torch.nn.Linear(2, 1), tmp_path, {})
    save_file(
        {"weight": torch.ones(1, 2, dtype=torch.int64), "bias": torch.full((1,), torch.nan)},
        tmp_path / WEIGHTS_FILE,
    )
    with pytest.raises(RuntimeError) as err:
        load_model(torch.nn.Linear(2, 1), tmp_path)
    assert str(err.value) == (
        f"cannot load {str(tmp_path / WEIGHTS_FILE)!r} into Linear: tensors of another dtype "
        "than the model's: weight (int64), where it takes float16, bfloat16, float32 or "
        "float64; NaN or infinite values in bias."
    )


def test_shapes_from_the_header_check_a_module_built_without_memory(tmp_path):
    from lstmkit.io import check_state, read_shapes

    save_model(torch.nn.Linear(2, 3), tmp_path, {})
    assert read_shapes(tmp_path) == {"weight": (3, 2), "bias": (3,)}
    with torch.device("meta"):
        huge = torch.nn.Linear(2, 10**12)  # 8 TB of weights, were it built on the CPU
    with pytest.raises(
        RuntimeError,
        match=r"weight is \(1000000000000, 2\) in the module and \(3, 2\) in the state",
    ):
        check_state(huge, read_shapes(tmp_path))
    (tmp_path / WEIGHTS_FILE).write_bytes(b"not safetensors")
    with pytest.raises(ValueError, match=r"model\.safetensors' is not a readable safetensors"):
        read_shapes(tmp_path)


def test_json_too_deep_to_parse_and_a_file_for_the_folder_are_named(tmp_path):
    from lstmkit.io import load_config

    save_model(torch.nn.Linear(1, 1), tmp_path / "m", {})
    (tmp_path / "m" / CONFIG_FILE).write_text('{"a": ' * 50_000)  # RecursionError before
    with pytest.raises(ValueError) as err:
        load_config(tmp_path / "m")
    assert str(err.value) == (
        f"{str(tmp_path / 'm' / CONFIG_FILE)!r} is not usable JSON (nested too deep to read)."
    )
    with pytest.raises(FileNotFoundError) as err:
        load_config(tmp_path / "m" / CONFIG_FILE)  # was "no config.json in '.../config.json'"
    assert str(err.value) == (
        f"{str(tmp_path / 'm' / CONFIG_FILE)!r} is a file, not the folder of a saved model "
        f"(config.json and model.safetensors); load the folder that holds it, "
        f"{str(tmp_path / 'm')!r}."
    )


def test_a_save_that_fails_part_way_leaves_the_folder_as_it_was(tmp_path, file_size_limit):
    # the weights were written, then config.json failed (a full disk): the folder held the new
    # weights beside the old config, a model that loaded and was neither
    torch.manual_seed(0)
    save_model(torch.nn.Linear(2, 3), tmp_path, {"run": "old"})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert len(before[WEIGHTS_FILE]) < 4000  # the new weights fit under the limit, the config not
    with file_size_limit(4000), pytest.raises(OSError) as err:
        save_model(torch.nn.Linear(2, 3), tmp_path, {"run": "new", "notes": "x" * 5000})
    assert err.value.errno == errno.EFBIG
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary file
    save_model(torch.nn.Linear(2, 3), tmp_path, {"run": "new"})
    assert load_model(torch.nn.Linear(2, 3), tmp_path)["run"] == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [CONFIG_FILE, WEIGHTS_FILE]


def test_a_json_file_too_large_for_a_saved_model_is_refused_unread(tmp_path):
    # a config.json of gigabytes (here sparse: no disk used) was read whole, then parsed
    from lstmkit.io import MAX_JSON_BYTES, load_config

    save_model(torch.nn.Linear(1, 1), tmp_path, {})
    with open(tmp_path / CONFIG_FILE, "r+b") as f:
        f.truncate(MAX_JSON_BYTES + 1)
    with pytest.raises(ValueError) as err:
        load_config(tmp_path)
    assert str(err.value) == (
        f"{str(tmp_path / CONFIG_FILE)!r} holds {MAX_JSON_BYTES + 1:,} bytes, more than the 256 "
        "MiB a JSON file of a saved model may hold (lstmkit writes megabytes at most); it was "
        "not read."
    )


def test_an_integer_json_cannot_convert_names_the_file(tmp_path):
    # Python's limit on integer digits raised a ValueError naming neither file nor entry
    from lstmkit.io import load_config

    (tmp_path / CONFIG_FILE).write_text('{"hidden_size": ' + "9" * 5000 + "}")
    with pytest.raises(
        ValueError, match=r"^'.*config\.json' is not valid JSON \(Exceeds the limit"
    ):
        load_config(tmp_path)


def test_a_config_saved_with_a_byte_order_mark_loads(tmp_path):
    # Notepad adds one to a file it saves: "Unexpected UTF-8 BOM", and the model did not load
    save_model(torch.nn.Linear(1, 1), tmp_path, {"run": "edited"})
    config = tmp_path / CONFIG_FILE
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes())
    assert load_model(torch.nn.Linear(1, 1), tmp_path)["run"] == "edited"


def test_weights_too_large_to_map_under_a_memory_limit_are_named(tmp_path):
    # a file larger than `ulimit -v` allows raised a bare MemoryError from safetensors' mapping
    resource = pytest.importorskip("resource")
    from lstmkit.io import read_shapes

    save_model(torch.nn.Linear(1, 1), tmp_path, {})
    with open(tmp_path / WEIGHTS_FILE, "r+b") as f:
        f.truncate(64 << 30)  # sparse: no disk used
    status = Path("/proc/self/status")
    if not status.is_file():
        pytest.skip("needs /proc/self/status for the process's address space")
    used = next(
        int(line.split()[1]) << 10
        for line in status.read_text().splitlines()
        if line.startswith("VmSize:")
    )
    old = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (used + (16 << 30), old[1]))  # 16 GB more, not 64
    try:
        with pytest.raises(ValueError) as err:
            read_shapes(tmp_path)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, old)
    assert str(err.value).startswith(
        f"{str(tmp_path / WEIGHTS_FILE)!r} ({64 << 30:,} bytes) cannot be mapped into memory here"
    )


def test_building_on_meta_draws_nothing_so_imports_no_compiler():
    # the shapes check of every load built the model on the meta device, where an embedding's
    # normal_ init runs a Python decomposition whose first call imports torch._dynamo: 2.7 s
    # of each `lstmkit text predict` or `explain` of a classifier, in a fresh process
    import subprocess
    import sys

    code = (
        "import sys, torch\n"
        "from lstmkit.io import build_on_meta\n"
        "from lstmkit.text.classifier import TextClassifier\n"
        "m = build_on_meta('.', 'classifier', lambda: TextClassifier(100, 8, 4, 3))\n"
        "x = torch.nn.Embedding(3, 2).weight\n"  # off meta, the draws are made as before
        "torch.manual_seed(0)\n"
        "print(m.embedding.weight.is_meta, tuple(m.embedding.weight.shape),\n"
        "      'torch._dynamo' in sys.modules, torch.nn.Embedding(3, 2).weight.sum().item())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    torch.manual_seed(0)
    drawn = torch.nn.Embedding(3, 2).weight.sum().item()
    assert out.stdout == f"True (100, 8) False {drawn}\n"


def test_a_killed_saves_temporary_files_are_removed_by_the_next_save(tmp_path):
    # SIGKILL during a save left .model.safetensors.PID.MACHINE-xxxxxxxx.tmp (a whole model)
    import subprocess
    import sys

    from lstmkit._orphans import _machine
    from lstmkit.io import save_model

    gone = subprocess.Popen([sys.executable, "-c", ""])
    gone.wait()
    dead, here = f"{gone.pid}.{_machine()}", _machine()
    names = [
        f".model.safetensors.{dead}-0123abcd.tmp",  # the killed save's: removed
        f".config.json.{dead}-0123abcd.tmp",
        f".model.safetensors.{os.getpid()}.{here}-89abcdef.tmp",  # a live save's: kept
        f".model.safetensors.{gone.pid}.{'0' * 8 if here != '0' * 8 else '1' * 8}-0123abcd.tmp",
        ".model.safetensors.backup.tmp",  # not ours
        f".vocab.json.{dead}-0123abcd.tmp",  # of a file this save does not write
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x" * 10)
    save_model(torch.nn.Linear(2, 1), tmp_path, {"kind": "linear"})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["config.json", "model.safetensors", *names[2:]]
    )


def test_a_save_goes_on_where_the_clean_up_cannot_list_or_remove(tmp_path, monkeypatch):
    # A folder with write and search permission only (a drop box) cannot be listed, and in a
    # shared folder with the sticky bit another user's orphan cannot be removed: the clean-up
    # raised PermissionError there, so a save that used to work failed and wrote nothing.
    # A process id past the largest one (OverflowError in os.kill) is no process of ours.
    from pathlib import Path

    from lstmkit._orphans import _machine
    from lstmkit.io import save_model

    here = _machine()
    theirs = tmp_path / "shared" / f".model.safetensors.4242.{here}-0123abcd.tmp"
    huge = tmp_path / "shared" / f".config.json.{2**80}.{here}-0123abcd.tmp"
    theirs.parent.mkdir()
    theirs.write_bytes(b"x")
    huge.write_bytes(b"x")
    listing, unlinking = os.listdir, Path.unlink

    def listdir(path="."):
        if Path(path).name == "dropbox":
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    def unlink(self, missing_ok=False):
        if self == theirs:
            raise PermissionError(1, "Operation not permitted", str(self))
        return unlinking(self, missing_ok=missing_ok)

    real_kill = os.kill

    def kill(pid, sig):
        if pid == 4242:
            raise ProcessLookupError(3, "No such process")
        return real_kill(pid, sig)

    monkeypatch.setattr("lstmkit._orphans.os.listdir", listdir)
    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr("lstmkit._orphans.os.kill", kill)
    for folder in (tmp_path / "dropbox", theirs.parent):
        save_model(torch.nn.Linear(2, 1), folder, {"kind": "linear"})
        assert load_model(torch.nn.Linear(2, 1), folder)["kind"] == "linear"
    monkeypatch.undo()
    assert sorted(p.name for p in theirs.parent.iterdir()) == sorted(
        ["config.json", "model.safetensors", theirs.name, huge.name]
    )


def test_config_json_is_written_byte_exact_and_keeps_versions_it_is_given(tmp_path):
    """Indented, the caller's keys first, one closing newline; ``versions`` is filled in only
    where the config has none (a model re-saved keeps the versions that trained it)."""
    save_model(torch.nn.Linear(1, 1), tmp_path, {"kind": "x", "versions": {"lstmkit": "0.1"}})
    assert (tmp_path / CONFIG_FILE).read_bytes() == (
        b'{\n  "kind": "x",\n  "versions": {\n    "lstmkit": "0.1"\n  }\n}\n'
    )


def test_tied_and_non_contiguous_tensors_are_saved_as_plain_copies(tmp_path):
    """safetensors refuses tensors that share memory (tied weights) and non-contiguous ones."""

    class Tied(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.a = torch.nn.Linear(2, 2)
            self.b = torch.nn.Linear(2, 2)
            self.b.weight = self.a.weight
            self.register_buffer("t", torch.arange(6.0).view(2, 3).T)  # strides (1, 3)

    torch.manual_seed(0)
    saved = Tied()
    save_model(saved, tmp_path, {})
    torch.manual_seed(1)
    loaded = Tied()
    load_model(loaded, tmp_path)
    for key, value in saved.state_dict().items():
        assert torch.equal(loaded.state_dict()[key], value), key
    assert loaded.t.tolist() == [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]


def test_the_json_size_limit_is_inclusive(tmp_path, monkeypatch):
    import lstmkit.io
    from lstmkit.io import read_json

    file = tmp_path / "x.json"
    file.write_text("[1, 2, 3]", encoding="utf-8")  # 9 bytes
    monkeypatch.setattr(lstmkit.io, "MAX_JSON_BYTES", 9)
    assert read_json(file) == [1, 2, 3]
    monkeypatch.setattr(lstmkit.io, "MAX_JSON_BYTES", 8)
    with pytest.raises(ValueError, match=r"x\.json' holds 9 bytes, more than the 0 MiB"):
        read_json(file)


def test_a_blank_folder_name_is_refused_like_an_empty_one(tmp_path, monkeypatch):
    from lstmkit.io import check_out_dir

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as err:
        check_out_dir(" \t", "--out")
    assert str(err.value) == "--out must name a folder, got ' \\t'."
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("error", "said"),
    [
        # safetensors 0.4 reported a failed mapping as Rust's ENOMEM, with no errno set
        (OSError("Cannot allocate memory (os error 12)"), "cannot be mapped into memory here"),
        (OSError(errno.ENOMEM, "Cannot allocate memory"), "cannot be mapped into memory here"),
        (MemoryError(), "cannot be mapped into memory here"),  # safetensors 0.8
        (OSError(errno.EIO, "Input/output error"), "is not a readable safetensors file"),
    ],
)
def test_every_way_reading_the_weights_fails_is_one_value_error(tmp_path, monkeypatch, error, said):
    import lstmkit.io
    from lstmkit.io import load_state

    save_model(torch.nn.Linear(1, 1), tmp_path, {})

    def fails(file):
        raise error

    monkeypatch.setattr(lstmkit.io, "load_file", fails)
    with pytest.raises(ValueError) as err:
        load_state(tmp_path)
    assert str(err.value).startswith(f"{str(tmp_path / WEIGHTS_FILE)!r} ")
    assert said in str(err.value)


def test_a_config_that_is_no_json_object_is_named(tmp_path):
    from lstmkit.io import load_config

    save_model(torch.nn.Linear(1, 1), tmp_path, {})
    (tmp_path / CONFIG_FILE).write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_config(tmp_path)
    assert str(err.value) == f"{str(tmp_path / CONFIG_FILE)!r} must hold a JSON object, got list."


def test_check_state_names_transposed_shapes_partly_bad_values_and_integer_dtypes():
    from lstmkit.io import check_state

    with pytest.raises(RuntimeError) as err:  # as many numbers, another shape
        check_state(torch.nn.Linear(2, 3), {"weight": torch.zeros(2, 3), "bias": torch.zeros(3)})
    assert str(err.value) == (
        "cannot load state into Linear: shape mismatches: weight is (3, 2) in the module and "
        "(2, 3) in the state."
    )

    class Counts(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.a = torch.nn.Parameter(torch.zeros(2))
            self.b = torch.nn.Parameter(torch.zeros(2))
            self.register_buffer("n", torch.zeros(1, dtype=torch.int64))

    state = {
        "a": torch.tensor([1.0, torch.nan]),  # one value of two
        "b": torch.tensor([torch.inf, 1.0]),  # infinite, not NaN
        "n": torch.zeros(1, dtype=torch.int32),  # an integer of another width
    }
    with pytest.raises(RuntimeError) as err:
        check_state(Counts(), state)
    assert str(err.value) == (
        "cannot load state into Counts: tensors of another dtype than the model's: n (int32), "
        "where it takes int64; "
        "NaN or infinite values in a, b."
    )


def test_a_module_built_to_be_loaded_into_draws_nothing_from_the_global_generator():
    from lstmkit.io import build_undrawn
    from lstmkit.nn import LSTM

    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    net = build_undrawn(lambda: torch.nn.Sequential(LSTM(3, 4), torch.nn.Embedding(5, 2)))
    build_undrawn(lambda: torch.empty(4).uniform_(-1, 1))  # a module's own draw, not nn.init's
    assert torch.equal(torch.rand(3), expected)  # the script's next draws are its own
    assert net[0].weight_ih_l0.shape == (16, 3) and net[1].weight.shape == (5, 2)


def test_a_folder_where_an_extra_file_goes_is_refused_before_anything_is_written(tmp_path):
    (tmp_path / "vocab.json").mkdir()
    with pytest.raises(ValueError) as err:
        save_model(torch.nn.Linear(1, 1), tmp_path, {}, files={"vocab.json": "[]"})
    assert str(err.value) == (
        f"`path` {str(tmp_path)!r} holds a folder named 'vocab.json', where a file of that name "
        "is to be written; move it or choose another folder."
    )
    assert [p.name for p in tmp_path.iterdir()] == ["vocab.json"]


def test_a_folder_named_like_the_weights_file_is_no_weights_file(tmp_path):
    from lstmkit.io import load_state

    (tmp_path / WEIGHTS_FILE).mkdir()
    with pytest.raises(FileNotFoundError) as err:
        load_state(tmp_path)
    assert str(err.value) == f"no model.safetensors in {str(tmp_path)!r}."
