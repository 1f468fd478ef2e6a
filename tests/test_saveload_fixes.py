"""Saving and loading models as an ML engineer ships them: the refusals of a device that cannot
be used, of a folder that holds no model, and round trips that must give the same numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
import torch

from lstmkit import __version__
from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.text import (
    CharLM,
    CharLMConfig,
    CharVocab,
    SentimentConfig,
    SentimentPredictor,
    TextClassifier,
    Vocabulary,
    load_charlm,
    save_charlm,
    save_classifier,
)
from lstmkit.text.charlm import CharLMResult, generate
from lstmkit.text.classifier import ClassifierEnsemble
from lstmkit.text.sentiment import SentimentResult


def _torch_without(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    """torch as built without a backend: every tensor made on a device raises ``error``."""

    def empty(*args: object, **kwargs: object) -> torch.Tensor:
        raise error

    monkeypatch.setattr(torch, "empty", empty)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)


@pytest.mark.parametrize(
    "load",
    [Forecaster.load, load_charlm, SentimentPredictor.load],
    ids=["forecaster", "charlm", "classifier"],
)
def test_a_device_whose_torch_module_is_missing_is_refused_by_name(load, tmp_path, monkeypatch):
    # "hpu" imports torch.hpu, which a torch built without it lacks: the loaders let the
    # ModuleNotFoundError through ("No module named 'torch.hpu'", no word of `device`)
    _torch_without(monkeypatch, ModuleNotFoundError("No module named 'torch.hpu'"))
    with pytest.raises(ValueError) as err:
        load(tmp_path / "model", device="hpu")
    assert str(err.value) == (
        "`device` 'hpu' cannot be used here (No module named 'torch.hpu'). 'cpu' always works."
    )


def test_mps_off_a_mac_is_refused_in_one_sentence_with_mps_availability(tmp_path, monkeypatch):
    # torch's message for a backend it was built without is one line of 1,200 characters
    # listing its dispatch keys (and asking Facebook employees to visit a link); the refusal
    # quoted all of it, and told CUDA's availability for a device that is no GPU of CUDA's
    keys = ", ".join(["CPU", "Meta", "BackendSelect"] * 60)
    _torch_without(
        monkeypatch,
        NotImplementedError(
            "Could not run 'aten::empty.memory_format' with arguments from the 'MPS' backend. "
            f"This could be because the operator doesn't exist for this backend. {keys}.\n"
        ),
    )
    with pytest.raises(ValueError) as err:
        Forecaster.load(tmp_path / "model", device="mps")
    assert str(err.value) == (
        "`device` 'mps' cannot be used here (no MPS backend is loaded in this torch); "
        "torch.backends.mps.is_available() is False. 'cpu' always works."
    )


AIR = load_dataset("airline")[:-12]
TINY = {"horizon": 4, "hidden_size": 4, "epochs": 2, "ensemble": 2, "progress": False}


@pytest.fixture
def float64_default() -> Iterator[None]:
    """torch's default dtype float64 for the test, as a scientific notebook often sets it."""
    before = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(before)


@pytest.fixture(scope="module")
def fitted_in_float32() -> dict[str, tuple[Forecaster, np.ndarray]]:
    """One small fitted Forecaster per strategy (torch's default dtype float32), with its
    forecast."""
    out = {}
    for strategy in ("direct", "recursive", "seq2seq"):
        fc = Forecaster(ForecasterConfig(strategy=strategy, **TINY)).fit(AIR)
        out[strategy] = (fc, fc.predict().to_numpy())
    return out


@pytest.mark.parametrize("strategy", ["direct", "recursive", "seq2seq"])
def test_a_forecaster_loads_and_forecasts_under_a_float64_default(
    strategy, fitted_in_float32, float64_default, tmp_path
):
    # the members were rebuilt in the default dtype, float64, and their first forecast failed:
    # "`input` has dtype torch.float32 but the layer's parameters have dtype torch.float64"
    fc, forecast = fitted_in_float32[strategy]
    fc.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert {p.dtype for p in back.members_.parameters()} == {torch.float32}
    assert np.array_equal(back.predict().to_numpy(), forecast)


@pytest.mark.parametrize("strategy", ["direct", "recursive", "seq2seq"])
def test_a_forecaster_fits_the_same_model_under_a_float64_default(
    strategy, fitted_in_float32, float64_default
):
    # fit failed at its first batch with the same dtype mismatch; now the seed gives the same
    # float32 members, and so the same forecast, whatever the default dtype
    fc = Forecaster(ForecasterConfig(strategy=strategy, **TINY)).fit(AIR)
    assert np.array_equal(fc.predict().to_numpy(), fitted_in_float32[strategy][1])


def test_forecaster_load_takes_the_run_folder_of_lstmkit_forecast_out(
    tmp_path, capsys, undrawn_figures
):
    # README: `lstmkit predict DIR` "is `Forecaster.load(DIR).predict(h, series=...)` from the
    # shell", but Forecaster.load(DIR) of a `--out DIR` refused it: "no config.json in 'DIR'"
    out = tmp_path / "run"
    argv = ["forecast", "airline", "--epochs", "1", "--ensemble", "1", "--hidden-size", "4"]
    assert main([*argv, "--no-stat-baselines", "--out", str(out), "--json"]) == 0
    capsys.readouterr()
    loaded = Forecaster.load(out)
    assert np.array_equal(
        loaded.predict().to_numpy(), Forecaster.load(out / "model").predict().to_numpy()
    )


def test_forecaster_load_of_a_folder_that_does_not_exist_says_so(tmp_path):
    with pytest.raises(FileNotFoundError) as err:
        Forecaster.load(tmp_path / "typo")
    # was "no config.json in '.../typo'", as if the folder were there without its files
    assert str(err.value) == f"model folder {str(tmp_path / 'typo')!r} does not exist."


def _from_a_newer_lstmkit(entries: str, name: str) -> Callable[[dict[str, Any]], None]:
    """An edit that makes a config read as a newer lstmkit's: saved by lstmkit 99.1.0 with an
    entry ``name`` in ``config[entries]`` that this version does not know."""

    def edit(config: dict[str, Any]) -> None:
        config["versions"]["lstmkit"] = "99.1.0"
        config[entries][name] = 1

    return edit


NEWER = (
    f"; it was saved by lstmkit 99.1.0, newer than this one ({__version__}): upgrade lstmkit to "
    "load it."
)


def test_a_text_model_of_a_newer_lstmkit_says_so_beside_the_entry_it_does_not_know(
    tmp_path, edit_saved
):
    # it read "CharLM.__init__() got an unexpected keyword argument 'cell'." alone: a damaged
    # file, to the reader, where an upgrade is all it takes
    folder = save_charlm(
        CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), CharLMConfig()), tmp_path / "lm"
    )
    edit_saved(folder, _from_a_newer_lstmkit("model", "cell"))
    with pytest.raises(ValueError) as err:
        load_charlm(folder)
    assert str(err.value) == (
        f"{str(folder / 'config.json')!r} does not describe a usable character language model: "
        "CharLM.__init__() got an unexpected keyword argument 'cell'" + NEWER
    )


def test_a_text_model_of_the_same_or_an_older_lstmkit_is_not_told_to_upgrade(tmp_path, edit_saved):
    folder = save_charlm(
        CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), CharLMConfig()), tmp_path / "lm"
    )
    edit_saved(folder, _from_a_newer_lstmkit("model", "cell"))
    edit_saved(folder, lambda config: config["versions"].update(lstmkit="0.0.9"))
    with pytest.raises(ValueError) as err:
        load_charlm(folder)
    assert str(err.value).endswith("CharLM.__init__() got an unexpected keyword argument 'cell'.")


def test_a_forecaster_of_a_newer_lstmkit_says_so_beside_the_fields_it_does_not_know(
    fitted_in_float32, tmp_path, edit_saved
):
    folder = tmp_path / "m"
    fitted_in_float32["direct"][0].save(folder)
    edit_saved(folder, _from_a_newer_lstmkit("config", "quantile_loss"))
    with pytest.raises(ValueError) as err:
        Forecaster.load(folder)
    assert str(err.value) == (
        f"config.json in {str(folder)!r} has unknown ForecasterConfig fields: ['quantile_loss']"
        + NEWER
    )


def test_saving_a_text_model_over_a_damaged_config_names_the_folder_saved_into(tmp_path):
    # it read "'.../config.json' is not valid JSON (...)." alone, as if a load had failed
    folder = tmp_path / "lm"
    folder.mkdir()
    (folder / "config.json").write_text("{")
    result = CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), CharLMConfig())
    with pytest.raises(ValueError) as err:
        save_charlm(result, folder)
    assert str(err.value) == (
        f"`out_dir` {str(folder)!r} holds a config.json that is no saved model's "
        f"({str(folder / 'config.json')!r} is not valid JSON (Expecting property name enclosed "
        "in double quotes: line 1 column 2 (char 1))); saving a 'charlm' model there would "
        "overwrite it. Choose another folder or delete that file first"
        ", or pass overwrite=True to replace it."
    )
    assert (folder / "config.json").read_text() == "{" and sorted(folder.iterdir()) == [
        folder / "config.json"
    ]


@pytest.mark.parametrize("cell", ["lstm", "gru", "peephole"])
@pytest.mark.parametrize(
    ("strategy", "bidirectional", "num_layers"),
    [("direct", True, 2), ("recursive", True, 1), ("seq2seq", False, 2)],
)
def test_a_loaded_forecaster_gives_the_same_forecasts_and_relevances(
    cell, strategy, bidirectional, num_layers, tmp_path
):
    # every cell, stacked and bidirectional encoders, an ensemble of two: bit for bit
    config = ForecasterConfig(
        strategy=strategy, cell=cell, bidirectional=bidirectional, num_layers=num_layers, **TINY
    )
    fc = Forecaster(config).fit(AIR)
    fc.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert back.config == fc.config
    for level in (0.8, 0.5):
        assert back.predict(interval=level).equals(fc.predict(interval=level))
    ours, theirs = explain_forecast(fc), explain_forecast(back)
    assert np.array_equal(ours.per_feature, theirs.per_feature)
    assert (ours.score, ours.initial_state) == (theirs.score, theirs.initial_state)


@pytest.mark.parametrize("readout", ["last", "mean", "max"])
def test_a_loaded_classifier_ensemble_gives_the_same_scores_and_relevances(readout, tmp_path):
    vocab = Vocabulary.build(["a good film", "a bad film", "not good at all"])
    torch.manual_seed(3)
    members = [TextClassifier(len(vocab), 4, 3, 2, readout=readout) for _ in range(2)]
    result = SentimentResult(ClassifierEnsemble(members), vocab, SentimentConfig())
    ours = SentimentPredictor(result.model.eval(), vocab, result.labels)
    back = SentimentPredictor.load(save_classifier(result, tmp_path / "cls"))
    texts = ["a good film", "not a bad film at all", "good"]
    assert torch.equal(back.predict_proba(texts), ours.predict_proba(texts))
    for text in texts:
        assert back.explain(text) == ours.explain(text)


def test_a_loaded_char_lm_generates_the_same_text_for_a_seed(tmp_path):
    torch.manual_seed(0)
    result = CharLMResult(CharLM(4, 3, 5, 2), CharVocab(list("ab \n")), CharLMConfig())
    model, vocab = load_charlm(save_charlm(result, tmp_path / "lm"))
    for seed in (0, 7):
        again = generate(model, vocab, "ab", length=40, temperature=0.8, seed=seed)
        assert again == generate(
            result.model, result.vocab, "ab", length=40, temperature=0.8, seed=seed
        )


def test_a_forecaster_of_a_newer_lstmkit_with_state_entries_it_does_not_know_is_refused(
    fitted_in_float32, tmp_path, edit_saved
):
    # they were ignored: a forecast other than the one the newer version makes, without a word
    fc, forecast = fitted_in_float32["direct"]
    folder = tmp_path / "m"
    fc.save(folder)
    edit_saved(folder, _from_a_newer_lstmkit("state", "offset"))
    with pytest.raises(ValueError) as err:
        Forecaster.load(folder)
    assert str(err.value) == (
        f"config.json in {str(folder)!r} has state entries this lstmkit does not know: "
        "['offset']" + NEWER
    )
    # saved by this version (edited by hand), or an older one: loaded as before
    edit_saved(folder, lambda config: config["versions"].update(lstmkit=__version__))
    assert np.array_equal(Forecaster.load(folder).predict().to_numpy(), forecast)


def test_a_forecaster_whose_training_entry_is_no_object_is_refused(
    fitted_in_float32, tmp_path, edit_saved
):
    # it loaded, and plot_training said the model was "loaded from a save made before they
    # were kept", of a save that has them, damaged
    folder = tmp_path / "m"
    fitted_in_float32["direct"][0].save(folder)
    edit_saved(folder, lambda config: config.update(training=[]))
    with pytest.raises(ValueError) as err:
        Forecaster.load(folder)
    assert str(err.value) == (
        f"{str(folder / 'config.json')!r} does not describe a usable Forecaster: its entry "
        "'training' must be a JSON object of the training histories (members, refits), got list."
    )
