"""Fixes of helper left31 (library leftovers): each test fails without its fix."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main

# ---- 1. a device's out-of-memory error names the step of every text command and explain -------

OOM = "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.10 GiB."


def _out_of_memory(*args, **kwargs):
    raise torch.OutOfMemoryError(OOM)


def _said(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1, err  # one line, no traceback
    return err


def _line(doing: str, remedy: str) -> str:
    return (
        f"error: --device cuda ran out of memory {doing} (torch could not allocate 2.00 GiB "
        f"more); {remedy}run on --device cpu.\n"
    )


@pytest.fixture
def on_cpu_said_cuda(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--device cuda` given, each text command's training run on the CPU: the step patched
    then raises torch's out-of-memory error as a GPU's would."""
    from lstmkit import _device
    from lstmkit.cli import text

    monkeypatch.setattr(_device, "check_device", lambda device: None)
    configured = text._config_from_args
    monkeypatch.setattr(
        text, "_config_from_args", lambda *a, **k: replace(configured(*a, **k), device="cpu")
    )


@pytest.fixture
def labelled_csv(tmp_path: Path) -> Path:
    rows = [f"film {k} was {w},{label}" for k in range(10) for w, label in (("great", "up"),)]
    rows += [f"film {k} was awful,down" for k in range(10)]
    path = tmp_path / "films.csv"
    path.write_text("text,label\n" + "\n".join(rows) + "\n")
    return path


TRAIN = ["--hidden-size", "4", "--embed-dim", "4", "--batch-size", "4", "--epochs", "1"]


@pytest.mark.parametrize(
    ("where", "step", "doing"),
    [
        ("sentiment", "_new_member", "moving member 1/1's network to it"),
        ("sentiment", "_fit_classifier", "training member 1/1"),
        ("sentiment", "confusion_matrix", "measuring the model on the test set"),
    ],
)
def test_text_train_names_the_step_that_ran_out_of_a_gpus_memory(
    on_cpu_said_cuda, labelled_csv, monkeypatch, capsys, tmp_path, where, step, doing
) -> None:
    # was "--device cuda ran out of memory (torch could not ...)": no step
    from lstmkit.text import sentiment

    monkeypatch.setattr(sentiment, step, _out_of_memory)
    argv = ["text", "train", "--csv", str(labelled_csv), "--text-col", "text"]
    argv += ["--label-col", "label", *TRAIN, "--device", "cuda", "--out", str(tmp_path / "m")]
    assert main(argv) == 2
    assert _said(capsys) == _line(doing, "lower --hidden-size, --embed-dim or --batch-size, or ")
    assert not (tmp_path / "m").exists()


def test_text_trains_ensemble_says_ensemble_only_past_its_first_member(
    on_cpu_said_cuda, labelled_csv, monkeypatch, capsys, tmp_path
) -> None:
    # members train one after the other: while member 1/2 trains no other is on the device,
    # and "lower ... or --ensemble" was said of it (as of forecast's "training member 1/2")
    from lstmkit.text import sentiment

    fit, calls = sentiment._fit_classifier, []

    def second_runs_out(*args, **kwargs):
        calls.append(1)
        return (_out_of_memory if len(calls) == 2 else fit)(*args, **kwargs)

    argv = ["text", "train", "--csv", str(labelled_csv), "--text-col", "text", "--label-col"]
    argv += ["label", *TRAIN, "--ensemble", "2", "--device", "cuda", "--out", str(tmp_path / "m")]
    monkeypatch.setattr(sentiment, "_fit_classifier", _out_of_memory)
    assert main(argv) == 2
    remedy = "lower --hidden-size, --embed-dim or --batch-size, or "
    assert _said(capsys) == _line("training member 1/2", remedy)
    monkeypatch.setattr(sentiment, "_fit_classifier", second_runs_out)
    assert main(argv) == 2
    remedy = "lower --hidden-size, --embed-dim, --batch-size or --ensemble, or "
    assert _said(capsys) == _line("training member 2/2", remedy)
    assert not (tmp_path / "m").exists()


def _never_moved(tensor: torch.Tensor) -> torch.Tensor:
    return tensor


@pytest.mark.parametrize(
    ("step", "doing"),
    [
        ("streams", "moving the training text to it"),
        ("CharLM.to", "moving the network to it"),
        ("_detach", "training the network"),
    ],
)
def test_text_train_lm_names_the_step_that_ran_out_of_a_gpus_memory(
    on_cpu_said_cuda, monkeypatch, capsys, tmp_path, step, doing
) -> None:
    from lstmkit.text import charlm

    owner, name = (charlm.CharLM, "to") if step == "CharLM.to" else (charlm, step)
    monkeypatch.setattr(owner, name, _out_of_memory)
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("abcd\n" * 40)
    argv = ["text", "train-lm", "--file", str(corpus), "--embed-dim", "4", "--hidden-size", "8"]
    argv += ["--batch-size", "2", "--bptt", "8", "--max-steps", "2", "--eval-every", "2"]
    assert main([*argv, "--device", "cuda", "--out", str(tmp_path / "lm")]) == 2
    remedy = "lower --hidden-size, --embed-dim, --num-layers, --bptt or --batch-size, or "
    assert _said(capsys) == _line(doing, remedy)
    assert not (tmp_path / "lm").exists()


@pytest.mark.parametrize(
    ("step", "doing"),
    [
        ("Seq2Seq.to", "moving the network to it"),
        ("_fit_seq2seq", "training the network"),
        ("beam_decode", "decoding the test numbers"),
        ("sequence_accuracy", "decoding the training numbers"),
    ],
)
def test_text_train_seq2seq_names_the_step_that_ran_out_of_a_gpus_memory(
    on_cpu_said_cuda, monkeypatch, capsys, tmp_path, step, doing
) -> None:
    from lstmkit.text import seq2seq

    owner, name = (seq2seq.Seq2Seq, "to") if step == "Seq2Seq.to" else (seq2seq, step)
    monkeypatch.setattr(owner, name, _out_of_memory)
    argv = ["text", "train-seq2seq", "numbers", "--max-digits", "2", "--train-size", "40"]
    argv += ["--test-size", "6", "--embed-dim", "4", "--hidden-size", "6", "--epochs", "1"]
    argv += ["--num-layers", "1", "--batch-size", "8", "--device", "cuda"]
    assert main([*argv, "--out", str(tmp_path / "s2s")]) == 2
    assert _said(capsys) == _line(doing, "lower --hidden-size, --embed-dim or --batch-size, or ")
    assert not (tmp_path / "s2s").exists()


@pytest.fixture
def loaded_on_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--device cuda` given, each saved model loaded on the CPU: the step patched then raises
    torch's out-of-memory error as a GPU's would."""
    from lstmkit import _device
    from lstmkit.forecast import Forecaster
    from lstmkit.text import charlm
    from lstmkit.text.sentiment import SentimentPredictor

    monkeypatch.setattr(_device, "check_device", lambda device: None)
    for cls in (SentimentPredictor, Forecaster):
        load = cls.load.__func__
        on_cpu = classmethod(lambda c, path, device="cpu", _load=load, **k: _load(c, path, **k))
        monkeypatch.setattr(cls, "load", on_cpu)
    load_charlm = charlm.load_charlm
    monkeypatch.setattr(charlm, "load_charlm", lambda path, device="cpu": load_charlm(path))


@pytest.mark.parametrize(
    ("step", "doing"),
    [
        ("load", "moving the model to it"),
        ("_predicted", "classifying the sentences"),
        ("_relevance", "explaining the sentences"),
    ],
)
def test_text_predict_names_the_step_that_ran_out_of_a_gpus_memory(
    loaded_on_cpu, clf_dir, monkeypatch, capsys, step, doing
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    patched = classmethod(_out_of_memory) if step == "load" else _out_of_memory
    monkeypatch.setattr(SentimentPredictor, step, patched)
    argv = ["text", "predict", str(clf_dir), "film 1 was great", "--explain", "--device", "cuda"]
    assert main(argv) == 2
    assert _said(capsys) == _line(doing, "")  # no flag of predict lowers its memory


@pytest.mark.parametrize(
    ("step", "doing"), [("load_charlm", "moving the model to it"), ("generate", "generating text")]
)
def test_text_generate_names_the_step_that_ran_out_of_a_gpus_memory(
    loaded_on_cpu, lm_dir, monkeypatch, capsys, step, doing
) -> None:
    from lstmkit.text import charlm

    monkeypatch.setattr(charlm, step, _out_of_memory)
    assert main(["text", "generate", str(lm_dir), "--seed", "1", "--device", "cuda"]) == 2
    assert _said(capsys) == _line(doing, "")


@pytest.mark.parametrize(
    ("model", "step", "doing"),
    [
        ("clf_dir", "SentimentPredictor.load", "moving the model to it"),
        ("clf_dir", "_explain_sentences", "explaining the sentences"),
        ("fc_dir", "explain_forecast", "explaining the forecast"),
    ],
)
def test_explain_names_the_step_that_ran_out_of_a_gpus_memory(
    loaded_on_cpu, request, monkeypatch, capsys, tmp_path, model, step, doing
) -> None:
    from lstmkit.cli import explain
    from lstmkit.explain import forecast
    from lstmkit.text.sentiment import SentimentPredictor

    if step == "SentimentPredictor.load":
        monkeypatch.setattr(SentimentPredictor, "load", classmethod(_out_of_memory))
    else:
        monkeypatch.setattr(
            forecast if step == "explain_forecast" else explain, step, _out_of_memory
        )
    argv = ["explain", str(request.getfixturevalue(model)), "--device", "cuda"]
    argv += ["--text", "film 1 was great"] if model == "clf_dir" else []
    assert main([*argv, "--out", str(tmp_path / "ex")]) == 2
    assert _said(capsys) == _line(doing, "")
    assert not (tmp_path / "ex").exists()


@pytest.mark.parametrize(
    ("doing", "jobs", "remedy"),
    [
        # the first member alone on the device: fewer members would not help
        ("training member 1/3", 1, "lower --hidden-size or --batch-size, or "),
        ("moving member 1/3's refit network to it", 1, "lower --hidden-size or --batch-size, or "),
        ("training member 3/3", 1, "lower --hidden-size, --batch-size or --ensemble, or "),
        ("forecasting", 1, "lower --hidden-size, --batch-size or --ensemble, or "),
        # members trained at the same time: fewer of them, or fewer at a time, would help
        ("training member 1/3", 2, "lower --hidden-size, --batch-size, --ensemble or --jobs, or "),
    ],
)
def test_a_gpus_out_of_memory_suggests_only_flags_that_would_help(doing, jobs, remedy) -> None:
    import argparse

    from lstmkit.cli import _out_of_device_memory

    err = torch.OutOfMemoryError(OOM)
    err.lstmkit_doing = doing  # as lstmkit._device.doing names the step
    args = argparse.Namespace(
        device="cuda", hidden_size=32, num_layers=1, batch_size=16, ensemble=3, jobs=jobs
    )
    assert _out_of_device_memory(err, args) == (
        f"--device cuda ran out of memory {doing} (torch could not allocate 2.00 GiB more); "
        f"{remedy}run on --device cpu."
    )
