"""Fixes of out33: a run folder given again as ``--out``. Every command that replaces a saved
model there says so on stderr, naming what was there and its figures, as ``text train`` did
(txt33); a folder holding another kind of model is refused naming its kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lstmkit.cli import main

_FIT = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_FIT += ["--no-progress", "--interval", "0"]
_LM = ["--embed-dim", "4", "--hidden-size", "8", "--batch-size", "2", "--bptt", "8"]
_LM += ["--max-steps", "2", "--eval-every", "2", "--no-progress"]
_S2S = ["numbers", "--max-digits", "2", "--train-size", "40", "--test-size", "6"]
_S2S += ["--embed-dim", "4", "--hidden-size", "6", "--epochs", "1", "--num-layers", "1"]
_S2S += ["--batch-size", "8", "--no-progress"]
_KEEP = "; give another --out to keep both."


@pytest.fixture
def train_lm(tmp_path: Path) -> list[str]:
    """``lstmkit text train-lm``'s words for a tiny corpus, ``corpus.txt``, and two steps."""
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("abcd\n" * 40)
    return ["text", "train-lm", "--file", str(corpus), *_LM]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ---- lstmkit forecast --out --------------------------------------------------------------------


def test_forecast_says_which_run_a_rerun_replaced(
    short_sales: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    out = tmp_path / "runs" / "short"
    assert main([*short_sales, *_FIT, "--out", str(out), "--json"]) == 0
    first_out, first_err = capsys.readouterr()
    first = json.loads(first_out)
    assert "note: replaced" not in first_err  # a new folder: nothing replaced
    # the rerun, another seed, rewrote the run folder without a word
    assert main([*short_sales, *_FIT, "--out", str(out), "--seed", "1", "--json"]) == 0
    out_text, err = capsys.readouterr()
    second = json.loads(out_text)  # stdout: one JSON object, the note on stderr
    assert (second["seed"], first["holdout"]) == (1, 12)
    assert err.splitlines()[-1] == (
        f"note: replaced the forecast run that was saved in {str(out)!r} ({first['dataset']}: "
        f"RMSE {first['metrics']['model']['rmse']:.4f} on 12 held-out points, seed 0){_KEEP}"
    )
    assert json.loads((out / "run.json").read_text())["seed"] == 1
    # without --json, the note follows the report
    assert main([*short_sales, *_FIT, "--out", str(out), "--holdout", "0"]) == 0
    out_text, err = capsys.readouterr()
    assert "wrote forecast.csv" in out_text
    assert err.splitlines()[-1] == (
        f"note: replaced the forecast run that was saved in {str(out)!r} ({first['dataset']}: "
        f"RMSE {second['metrics']['model']['rmse']:.4f} on 12 held-out points, seed 1){_KEEP}"
    )
    # --holdout 0 scores nothing: the data and seed alone
    assert main([*short_sales, *_FIT, "--out", str(out)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"note: replaced the forecast run that was saved in {str(out)!r} "
        f"({first['dataset']}, seed 0){_KEEP}"
    )


def test_forecast_refused_or_failed_into_a_run_folder_leaves_it_and_says_nothing(
    short_sales: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lstmkit.forecast import Forecaster

    out = tmp_path / "run"
    assert main([*short_sales, *_FIT, "--out", str(out)]) == 0
    capsys.readouterr()
    before = _snapshot(out)
    assert main([*short_sales, *_FIT, "--out", str(out), "--holdout", "-1"]) == 2
    assert capsys.readouterr().err == "error: --holdout must be >= 0, got -1.\n"

    def broken(self: Forecaster, path: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Forecaster, "save", broken)
    assert main([*short_sales, *_FIT, "--out", str(out), "--seed", "1"]) == 1
    assert "note: replaced" not in capsys.readouterr().err
    assert _snapshot(out) == before


def test_forecast_refuses_a_folder_of_another_kind_naming_its_kind(
    classifier_dir: Path, short_sales: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # it said "holds a saved model (config.json)", which model unsaid, where the text commands
    # say "already holds a saved model of kind 'seq2seq'"
    before = _snapshot(classifier_dir)
    for overwrite in ([], ["--overwrite"]):  # its files and a run's would mix: no overwriting
        assert main([*short_sales, *_FIT, "--out", str(classifier_dir), *overwrite]) == 2
        assert capsys.readouterr().err == (
            f"error: --out {str(classifier_dir)!r} holds a saved model of kind 'classifier' "
            "(config.json); `lstmkit forecast` would mix its files with it. Choose another "
            "folder.\n"
        )
    assert _snapshot(classifier_dir) == before


def test_refuse_other_output_names_a_config_without_a_kind_as_before(tmp_path: Path) -> None:
    from lstmkit.cli import CLIError, refuse_other_output

    for text in ("{}", "[1]", "not json", '{"kind": 3}'):
        (tmp_path / "config.json").write_text(text)
        with pytest.raises(CLIError) as err:
            refuse_other_output(tmp_path, "lstmkit explain")
        assert str(err.value) == (
            f"--out {str(tmp_path)!r} holds a saved model (config.json); `lstmkit explain` "
            "would mix its files with it. Choose another folder."
        )


# ---- lstmkit text train-lm --out ---------------------------------------------------------------


def test_text_train_lm_says_which_model_a_rerun_replaced(
    train_lm: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lm"
    assert main([*train_lm, "--out", str(out), "--json"]) == 0
    first_out, first_err = capsys.readouterr()
    first = json.loads(first_out)
    assert "note: replaced" not in first_err
    # the corpus is saved with the model, for the note to name it
    assert json.loads((out / "config.json").read_text())["metrics"]["corpus"] == "corpus.txt"
    assert main([*train_lm, "--out", str(out), "--seed", "1", "--json"]) == 0
    out_text, err = capsys.readouterr()
    assert json.loads(out_text)["seed"] == 1
    val = first["val"]
    assert (val["best_step"], first["steps"]) == (2, 2)
    assert err.splitlines()[-1] == (
        f"note: replaced the character language model that was saved in {str(out)!r} "
        f"(corpus.txt: best validation loss {val['best_loss_nats_per_char']:.4f} nats/char at "
        f"step 2 of 2, seed 0){_KEEP}"
    )
    # saved before the corpus was (or by save_charlm): its figures without it
    config = json.loads((out / "config.json").read_text())
    loss = config["metrics"].pop("corpus") and config["metrics"]["best_val_loss"]
    (out / "config.json").write_text(json.dumps(config))
    assert main([*train_lm, "--out", str(out)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"note: replaced the character language model that was saved in {str(out)!r} (best "
        f"validation loss {loss:.4f} nats/char at step 2 of 2, seed 1){_KEEP}"
    )


def test_text_train_lm_refused_into_another_kind_says_nothing_and_overwrite_names_it(
    train_lm: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s2s"
    assert main(["text", "train-seq2seq", *_S2S, "--out", str(out), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["test"]
    before = _snapshot(out)
    assert main([*train_lm, "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} already holds a saved model of kind 'seq2seq'; saving a "
        "'charlm' model there would overwrite that model's config.json and model.safetensors. "
        "Choose another folder or delete that one first, or pass --overwrite to replace it.\n"
    )
    assert _snapshot(out) == before
    assert main([*train_lm, "--out", str(out), "--overwrite"]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"note: replaced the sequence-to-sequence model that was saved in {str(out)!r} (numbers: "
        f"held-out sequence accuracy {first['greedy_sequence_accuracy']:.4f} greedy, "
        f"{first['beam_sequence_accuracy']:.4f} beam, seed 0){_KEEP}"
    )
    assert json.loads((out / "config.json").read_text())["kind"] == "charlm"


# ---- lstmkit text train-seq2seq --out ----------------------------------------------------------


def test_text_train_seq2seq_says_which_model_a_rerun_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s2s"
    assert main(["text", "train-seq2seq", *_S2S, "--out", str(out)]) == 0
    assert "note: replaced" not in capsys.readouterr().err
    m = json.loads((out / "config.json").read_text())["metrics"]
    assert (m["task"], m["greedy_accuracy"], m["beam_accuracy"]) == ("numbers", 0.0, 0.0)
    assert main(["text", "train-seq2seq", *_S2S, "--out", str(out), "--seed", "2", "--json"]) == 0
    out_text, err = capsys.readouterr()
    assert json.loads(out_text)["seed"] == 2
    assert err.splitlines() == [
        f"note: replaced the sequence-to-sequence model that was saved in {str(out)!r} "
        f"(numbers: held-out sequence accuracy 0.0000 greedy, 0.0000 beam, seed 0){_KEEP}"
    ]


def test_text_train_seq2seq_failed_save_leaves_the_model_and_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from lstmkit.text import seq2seq

    out = tmp_path / "s2s"
    assert main(["text", "train-seq2seq", *_S2S, "--out", str(out)]) == 0
    capsys.readouterr()
    before = _snapshot(out)

    def broken(result: object, out_dir: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(seq2seq, "save_seq2seq", broken)
    assert main(["text", "train-seq2seq", *_S2S, "--out", str(out), "--seed", "1"]) == 1
    assert "note: replaced" not in capsys.readouterr().err
    assert _snapshot(out) == before


# ---- the one helper's wording --------------------------------------------------------------------


def test_saved_before_reads_each_kind_and_nothing_else(
    classifier_dir: Path, tmp_path: Path
) -> None:
    from lstmkit.cli import saved_before

    assert saved_before(tmp_path / "none") is None
    assert saved_before(tmp_path) is None  # an empty folder
    (tmp_path / "config.json").write_text('{"kind": "lstmkit.Transformer"}')
    assert saved_before(tmp_path) is None  # no kind this lstmkit knows
    # save_classifier's folder: metrics.json holds {}
    assert saved_before(classifier_dir) == ("classifier", "")
