"""Saving and loading, as a user meets it: one rule for the folder a save overwrites, ``~`` in
every path, the upgrade hint for a newer lstmkit's save, and devices that hold no model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit import __version__, io
from lstmkit.cli import main
from lstmkit.data import read_csv
from lstmkit.explain.gates import export_npz
from lstmkit.forecast import Forecaster
from lstmkit.text import (
    CharLM,
    CharLMConfig,
    CharVocab,
    SentimentConfig,
    SentimentPredictor,
    Seq2Seq,
    Seq2SeqConfig,
    TextClassifier,
    Vocabulary,
    load_charlm,
    load_seq2seq,
    save_charlm,
    save_classifier,
    save_seq2seq,
)
from lstmkit.text.charlm import CharLMResult, read_corpus
from lstmkit.text.sentiment import SentimentResult
from lstmkit.text.seq2seq import Seq2SeqResult


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    y = np.linspace(1.0, 2.0, 30)
    return Forecaster(
        horizon=2, lookback=4, season_length=1, ensemble=1, epochs=1, hidden_size=2, progress=False
    ).fit(y)


def _charlm() -> CharLMResult:
    return CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), CharLMConfig())


# ---- 1. one rule for the folder a save overwrites --------------------------------------------


def _foreign(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "hf"
    folder.mkdir()
    (folder / "config.json").write_text(text, encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"someone else's weights")
    return folder


@pytest.mark.parametrize("save", ["forecaster", "charlm"])
def test_a_config_json_naming_no_kind_is_refused_by_every_saver(fitted, tmp_path, save):
    # Forecaster.save overwrote another program's config.json and model.safetensors (a Hugging
    # Face model's folder), where the text savers refused it "of kind None"
    folder = _foreign(tmp_path, '{"model_type": "bert"}')
    kind = "lstmkit.Forecaster" if save == "forecaster" else "charlm"
    name = "`path`" if save == "forecaster" else "`out_dir`"
    with pytest.raises(ValueError) as err:
        fitted.save(folder) if save == "forecaster" else save_charlm(_charlm(), folder)
    assert str(err.value) == (
        f"{name} {str(folder)!r} holds a config.json that is no saved model's (it names no "
        f"kind); saving a {kind!r} model there would overwrite it. Choose another folder or "
        "delete that file first"
        ", or pass overwrite=True to replace it."
    )
    assert (folder / "model.safetensors").read_bytes() == b"someone else's weights"


def test_forecaster_save_refuses_a_damaged_config_as_the_text_savers_do(fitted, tmp_path):
    folder = _foreign(tmp_path, "{")
    with pytest.raises(ValueError) as err:
        fitted.save(folder)
    assert str(err.value) == (
        f"`path` {str(folder)!r} holds a config.json that is no saved model's "
        f"({str(folder / 'config.json')!r} is not valid JSON (Expecting property name enclosed "
        "in double quotes: line 1 column 2 (char 1))); saving a 'lstmkit.Forecaster' model "
        "there would overwrite it. Choose another folder or delete that file first"
        ", or pass overwrite=True to replace it."
    )
    assert (folder / "config.json").read_text() == "{"


def test_a_previous_save_of_the_same_kind_is_overwritten(fitted, tmp_path):
    fitted.save(tmp_path / "m")
    fitted.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").config.horizon == 2
    assert io.check_save_dir(tmp_path / "m", "lstmkit.Forecaster") == tmp_path / "m"


def test_lstmkit_forecast_refuses_a_foreign_model_folder_before_training(tmp_path, capsys):
    # it trained, then Forecaster.save overwrote the folder's config.json
    (tmp_path / "run" / "model").mkdir(parents=True)
    (tmp_path / "run" / "model" / "config.json").write_text('{"x": 1}')
    assert main(["forecast", "airline", "--out", str(tmp_path / "run"), "--epochs", "1"]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path / 'run' / 'model')!r} holds a config.json that is no saved "
        "model's (it names no kind); saving a 'lstmkit.Forecaster' model there would delete it "
        "with the rest of that folder. Choose another folder or delete that file first"
        ", or pass --overwrite to replace it.\n"
    )
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == ["model"]


# ---- 4. ~ is the home folder in every path ---------------------------------------------------


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A home folder of its own, and a working folder where a literal ``~`` would appear."""
    (tmp_path / "home").mkdir()
    (tmp_path / "work").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "home"


def test_forecaster_save_and_load_expand_the_home_folder(fitted, home):
    # save created ./~/m, a folder named "~" in the working folder
    fitted.save("~/m")
    assert (home / "m" / "config.json").is_file() and not Path("~").exists()
    assert Forecaster.load("~/m").config.horizon == 2
    assert Forecaster.load(Path("~/m")).config.horizon == 2


def test_text_save_and_load_expand_the_home_folder(home):
    assert save_charlm(_charlm(), "~/lm") == home / "lm"
    assert not Path("~").exists()
    model, vocab = load_charlm("~/lm")
    assert vocab.chars == list("ab\n") and model.vocab_size == 3


def test_io_save_model_and_load_model_expand_the_home_folder(home):
    io.save_model(torch.nn.Linear(2, 1), "~/raw", {"kind": "linear"})
    assert (home / "raw" / "model.safetensors").is_file() and not Path("~").exists()
    assert io.load_model(torch.nn.Linear(2, 1), "~/raw")["kind"] == "linear"


def test_exports_plots_and_readers_expand_the_home_folder(fitted, home):
    trace = {"rnn/l0": {"f": torch.zeros(1, 2, 3)}}
    assert export_npz(trace, "~/trace") == home / "trace.npz"
    fitted.plot_training(path="~/training.png")
    assert (home / "trace.npz").is_file() and (home / "training.png").is_file()
    (home / "s.csv").write_text("d,y\n2020-01-01,2\n2020-01-02,3\n2020-01-03,4\n", "utf-8")
    assert read_csv("~/s.csv", "d", "y")["y"].tolist() == [2, 3, 4]
    (home / "corpus.txt").write_text("abc\n", encoding="utf-8")
    assert read_corpus("~/corpus.txt") == "abc\n"
    assert not Path("~").exists()


# ---- 2, 3. a newer lstmkit's save: a kind, or top-level entries, this one does not know ------

NEWER = (
    f"; it was saved by lstmkit 99.1.0, newer than this one ({__version__}): upgrade lstmkit to "
    "load it."
)


def _edit(folder: Path, **entries: object) -> Path:
    """``folder``'s config.json as saved by lstmkit 99.1.0, with ``entries`` set."""
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["versions"]["lstmkit"] = "99.1.0"
    config.update(entries)
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def _classifier(folder: Path) -> Path:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    model = TextClassifier(len(vocab), 4, 3, 2).eval()
    return save_classifier(SentimentResult(model, vocab, SentimentConfig()), folder)


def _saved(kind: str, folder: Path, fitted: Forecaster) -> Path:
    if kind == "lstmkit.Forecaster":
        fitted.save(folder)
        return folder
    if kind == "classifier":
        return _classifier(folder)
    if kind == "charlm":
        return save_charlm(_charlm(), folder)
    return save_seq2seq(Seq2SeqResult(Seq2Seq(11, 6, 4, 8, 1), Seq2SeqConfig()), folder)


_LOADERS = {
    "lstmkit.Forecaster": Forecaster.load,
    "classifier": SentimentPredictor.load,
    "charlm": load_charlm,
    "seq2seq": load_seq2seq,
}


def test_a_text_model_of_a_kind_added_since_is_told_to_upgrade(tmp_path):
    # it read "holds a model (kind 'transformer'), not ..." alone, as if the folder were wrong
    folder = _edit(save_charlm(_charlm(), tmp_path / "lm"), kind="transformer")
    with pytest.raises(ValueError) as err:
        load_charlm(folder)
    assert str(err.value) == (
        f"{str(folder)!r} holds a model (kind 'transformer'), not a character language model "
        "(kind 'charlm')" + NEWER
    )


def test_lstmkit_text_predict_tells_a_kind_added_since_to_upgrade(tmp_path, capsys):
    folder = _edit(_classifier(tmp_path / "clf"), kind="transformer")
    assert main(["text", "predict", str(folder), "a good film"]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(folder)!r} holds a model (kind 'transformer'), not a sentiment classifier "
        "(kind 'classifier')" + NEWER + "\n"
    )


def test_forecaster_load_and_lstmkit_explain_tell_a_kind_added_since_to_upgrade(
    fitted, tmp_path, capsys
):
    folder = tmp_path / "m"
    fitted.save(folder)
    _edit(folder, kind="lstmkit.Transformer")
    with pytest.raises(ValueError) as err:
        Forecaster.load(folder)
    assert str(err.value) == (
        f"{str(folder)!r} holds a model (kind 'lstmkit.Transformer'), not a forecaster "
        "(kind 'lstmkit.Forecaster')" + NEWER
    )
    assert main(["explain", str(folder)]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(folder)!r} holds a model (kind 'lstmkit.Transformer'); explain supports "
        "a sentiment classifier ('classifier') and a forecaster ('lstmkit.Forecaster')"
        + NEWER
        + "\n"
    )


def test_a_kind_this_lstmkit_knows_is_not_told_to_upgrade(tmp_path):
    # a classifier is no charlm in any version: upgrading would not help
    folder = _edit(_classifier(tmp_path / "clf"))
    with pytest.raises(ValueError) as err:
        load_charlm(folder)
    assert str(err.value) == (
        f"{str(folder)!r} holds a sentiment classifier (kind 'classifier'), which `lstmkit "
        "text predict` runs (lstmkit.text.SentimentPredictor.load in Python), not a character "
        "language model (kind 'charlm')."
    )


@pytest.mark.parametrize("kind", sorted(_LOADERS))
def test_top_level_entries_of_a_newer_lstmkit_are_refused_with_the_upgrade_hint(
    fitted, tmp_path, kind
):
    # they were ignored: the model ran without what a newer lstmkit saved them for
    folder = _edit(_saved(kind, tmp_path / "m", fitted), calibration={"a": 1}, zeta=2)
    with pytest.raises(ValueError) as err:
        _LOADERS[kind](folder)
    assert str(err.value) == (
        f"{str(folder / 'config.json')!r} has entries this lstmkit does not know: "
        "['calibration', 'zeta']" + NEWER
    )


@pytest.mark.parametrize("kind", sorted(_LOADERS))
def test_every_entry_a_save_writes_is_known_to_the_loader(fitted, tmp_path, kind):
    # read as a newer lstmkit's save, so an entry of the saver's the loader does not list would
    # be refused: what this version writes, it loads
    folder = _edit(_saved(kind, tmp_path / "m", fitted))
    assert _LOADERS[kind](folder) is not None


def test_an_entry_added_to_a_save_of_this_version_is_not_refused(fitted, tmp_path, edit_saved):
    folder = tmp_path / "m"
    fitted.save(folder)
    with edit_saved(folder) as config:
        config["note"] = "the March run"
    assert Forecaster.load(folder).config.horizon == 2


def test_an_older_save_without_training_or_versions_loads(fitted, tmp_path, edit_saved):
    folder = tmp_path / "m"
    fitted.save(folder)
    with edit_saved(folder) as config:
        del config["training"], config["versions"]
    assert Forecaster.load(folder).history_ == []


# ---- 5. device types torch keeps but makes no tensor on -------------------------------------


def _refused(device: str, works: str = "'cpu' always works") -> str:
    return (
        f"`device` must name a torch device that computes, got {device!r}: torch keeps the type "
        f"{device.partition(':')[0]!r} for old code, and makes no tensor on it; {works}."
    )


@pytest.mark.parametrize("device", ["mkldnn", "opengl", "opencl", "ideep", "opengl:0"])
def test_a_device_type_that_holds_no_tensors_is_refused_by_name(
    fitted, tmp_path, monkeypatch, device
):
    # "0 INTERNAL ASSERT FAILED at .../TensorOptions.h:663, please report a bug to PyTorch"
    # (and for 'mkldnn' a UserWarning that the name is deprecated, first)
    from lstmkit.forecast import ForecasterConfig

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)  # a machine without CUDA

    folder = save_charlm(_charlm(), tmp_path / "lm")
    fitted.save(tmp_path / "m")
    for call in (
        lambda: ForecasterConfig(horizon=2, device=device),
        lambda: Forecaster.load(tmp_path / "m", device=device),
        lambda: load_charlm(folder, device=device),
        lambda: CharLMConfig(device=device),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == _refused(device)


def test_the_refusal_names_the_cuda_devices_that_work_here(monkeypatch):
    from lstmkit._device import usable_device

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    with pytest.raises(ValueError) as err:
        usable_device("mkldnn")
    assert str(err.value) == _refused("mkldnn", "'cpu' always works, and 'cuda:0' to 'cuda:1' here")


def test_lstmkit_forecast_refuses_such_a_device_as_the_flag(capsys, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)  # a machine without CUDA
    assert main(["forecast", "airline", "--device", "opengl"]) == 2
    assert (
        capsys.readouterr().err == "error: --device" + _refused("opengl")[len("`device`") :] + "\n"
    )


def test_one_cuda_device_is_named_once(monkeypatch):
    # "'cpu' always works, and 'cuda:0' to 'cuda:0' here."
    from lstmkit._device import usable_device

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    with pytest.raises(ValueError) as err:
        usable_device("cuda:3")
    assert str(err.value).endswith(
        "torch.cuda.is_available() is True. 'cpu' always works, and 'cuda' ('cuda:0') here."
    )
    with pytest.raises(ValueError) as err:
        usable_device("opengl")
    assert str(err.value) == _refused("opengl", "'cpu' always works, and 'cuda' ('cuda:0') here")
