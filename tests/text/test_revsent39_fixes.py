"""Review of sent39 (revsent39): the labelled-CSV reading of rows wider than the header, the
iconv advice, float labels, empty texts and the training loss per epoch."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import (
    SentimentPredictor,
    TextClassifier,
    Vocabulary,
    read_labelled_csv,
)


def test_r_row_names_read_as_the_index_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # R's write.table writes each row's number before its fields, under a header without it:
    # read as pandas reads it (the index) before sent39, then refused as "line 2 has 3 fields,
    # its header 2, and a field past the header's holds 'pos'"
    path = tmp_path / "r.csv"
    path.write_bytes(b'"text","label"\n"1","good film","pos"\n"2","bad film","neg"\n')
    assert read_labelled_csv(path, "text", "label") == (["good film", "bad film"], ["pos", "neg"])
    tsv = tmp_path / "r.tsv"
    tsv.write_bytes(b'"text"\t"label"\n"1"\t"good film"\t"pos"\n"2"\t"bad film"\t"neg"\n')
    assert read_labelled_csv(tsv, "text", "label") == (["good film", "bad film"], ["pos", "neg"])
    # an empty label of such a file is told by its row, as before
    path.write_bytes(b'"text","label"\n"1","good film","pos"\n"2","bad film",""\n')
    with pytest.raises(ValueError, match=r"got an empty one in row 2 \(rows counted from 1"):
        read_labelled_csv(path, "text", "label")
    # a text with an unquoted comma whose first field is a number, on one row only: refused
    path.write_bytes(b"text,label\n10, would buy again,pos\nbad film,neg\n")
    with pytest.raises(ValueError, match=r"line 2 has 3 fields, its header 2, and a field past"):
        read_labelled_csv(path, "text", "label")
    # so is a repeated number (no row names) on every row
    path.write_bytes(b"text,label\n1,good film,pos\n1,bad film,neg\n")
    argv = ["text", "train", "--csv", str(path), "--text-col", "text", "--label-col", "label"]
    assert main([*argv, "--out", str(tmp_path / "runs")]) == 2
    assert "line 2 has 3 fields, its header 2, and a field past the header's holds 'pos'" in (
        capsys.readouterr().err
    )


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_the_iconv_command_runs_for_a_name_that_begins_with_a_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # iconv read '-x.csv' as its option -x ("invalid option"), and --csv '-x-utf8.csv' was
    # argparse's "expected one argument": both are ./-x...
    monkeypatch.chdir(tmp_path)
    Path("-x.csv").write_bytes("review,rating\r\nTrès bon,1.0\r\nNul,0.0\r\n".encode("cp1252"))
    argv = [
        "text",
        "train",
        "--csv",
        "./-x.csv",
        "--text-col",
        "review",
        "--label-col",
        "rating",
        "--out",
        "runs",
    ]
    assert main(argv) == 2
    told = capsys.readouterr().err
    assert told.endswith(
        "(a Latin-1 or Windows-1252 file?); save the file as UTF-8, e.g. `iconv -f WINDOWS-1252 "
        "-t UTF-8 './-x.csv' > './-x-utf8.csv'`, then pass --csv './-x-utf8.csv'.\n"
    )
    command = told.split("`")[1]
    subprocess.run(command, shell=True, check=True)
    assert read_labelled_csv(Path("-x-utf8.csv"), "review", "rating") == (
        ["Très bon", "Nul"],
        ["1.0", "0.0"],
    )


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_windows_1252_quotes_beside_a_byte_it_lacks_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # one 0x81 made the command ISO-8859-1, which turned Excel's curly quotes (0x93, 0x94)
    # into the C1 controls U+0093 and U+0094 without a word: Windows-1252 with -c, which
    # leaves 0x81 out
    monkeypatch.chdir(tmp_path)
    Path("q.csv").write_bytes(b"review,rating\r\n\x93Bon\x94 \x81,1.0\r\nNul,0.0\r\n")
    argv = [
        "text",
        "train",
        "--csv",
        "q.csv",
        "--text-col",
        "review",
        "--label-col",
        "rating",
        "--out",
        "runs",
    ]
    assert main(argv) == 2
    told = capsys.readouterr().err
    assert told.endswith(
        "save the file as UTF-8, e.g. `iconv -c -f WINDOWS-1252 -t UTF-8 'q.csv' > "
        "'q-utf8.csv'` (-c leaves out its bytes that Windows-1252 lacks, as 0x81 is), then pass "
        "--csv 'q-utf8.csv'.\n"
    )
    subprocess.run(told.split("`")[1], shell=True, check=False)  # -c: exit 1 on some systems
    assert read_labelled_csv(Path("q-utf8.csv"), "review", "rating") == (
        ["\u201cBon\u201d ", "Nul"],
        ["1.0", "0.0"],
    )
    # a Latin-1 file (no byte that Windows-1252 alone writes) is still told ISO-8859-1
    Path("l.csv").write_bytes(b"review,rating\r\nTr\xe8s bon \x81,1.0\r\nNul,0.0\r\n")
    assert main([*argv[:3], "l.csv", *argv[4:]]) == 2
    assert "`iconv -f ISO-8859-1 -t UTF-8 'l.csv' > 'l-utf8.csv'`, then" in (
        capsys.readouterr().err
    )


def test_the_int_fix_of_float_labels_is_not_given_beside_a_fraction() -> None:
    # [str(int(v)) for v in labels] turned 0.5 into the class '0' without a word
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("0", "1"))
    with pytest.raises(ValueError) as err:
        predictor.evaluate(["a good film", "a bad film"], [1.0, 0.5])
    assert str(err.value) == (
        "`labels` holds labels the model does not know: 1.0 (did you mean '1'?) at position 0, "
        "0.5 at position 1 (its classes: '0', '1', or their indices 0 to 1; positions counted "
        "from 0). Correct them, or pass drop_unknown=True to leave their texts out."
    )
    # whole floats alone: the fix, which reads them
    with pytest.raises(ValueError, match=r"Pass `\[str\(int\(v\)\) for v in labels\]`"):
        predictor.evaluate(["a good film", "a bad film"], [1.0, 0.0])
    assert predictor.evaluate(["a good film", "a bad film"], [str(int(v)) for v in [1.0, 0.0]])


SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "text"
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.skipif(not (SHARED / "sst").is_dir(), reason="shared data not available")
def test_the_explanations_unknown_word_example_is_one_the_explain_model_lacks() -> None:
    # "Explanations, command line" marked `lifeless (<unk>)`, a word of the vocabulary of
    # models/sst2-explain (benchmarks/faithfulness.py: SST-2's sentences, phrases=False), as
    # sent39 found of the Sentiment section's example
    from lstmkit.text.sentiment import SentimentConfig, training_examples

    config = SentimentConfig(task="sst2", phrases=False)
    vocab = Vocabulary.build(training_examples(config).counted, min_freq=config.min_freq)
    assert vocab.encode("abysmal") == [Vocabulary.unk_id]
    assert vocab.encode("lifeless") != [Vocabulary.unk_id]
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "the top contributions (a word the model read as `<unk>` marked so, `abysmal" in text
    assert "`lifeless (<unk>)`" not in text


def test_fit_classifier_keeps_the_training_loss_of_every_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the bar showed each step's training loss and nothing kept it: metrics.json had the dev
    # accuracy and dev loss per check alone, where a Keras user looks for the training loss
    from lstmkit.text import sentiment
    from lstmkit.text.sentiment import SentimentConfig, _label_mask, fit_classifier

    seen: list[float] = []
    real = sentiment.set_loss

    def recorded(*args: object) -> torch.Tensor:
        loss = real(*args)  # type: ignore[arg-type]
        seen.append(loss.item())
        return loss

    monkeypatch.setattr(sentiment, "set_loss", recorded)
    train = ([[2, 3], [4, 5], [6], [7, 2]], _label_mask([0, 1, 0, 1], 2))
    config = SentimentConfig(batch_size=1, epochs=1, evals_per_epoch=2, progress=False)
    torch.manual_seed(0)
    fit = fit_classifier(TextClassifier(8, 3, 2, 2), train, ([[2, 3], [4]], [0, 1]), config)
    assert [step for step, _ in fit["history"]] == [2, 4] and len(seen) == 4
    assert fit["train_losses"] == [(seen[0] + seen[1]) / 2, (seen[2] + seen[3]) / 2]
    assert all(loss > 0 for loss in seen)


def test_training_png_draws_the_training_loss_below_the_dev_accuracy(tmp_path: Path) -> None:
    import json

    text = "".join(f"a good film {k},pos\na bad film {k},neg\n" for k in range(12))
    (tmp_path / "tr.csv").write_text("review,rating\n" + text)
    argv = ["text", "train", "--csv", str(tmp_path / "tr.csv"), "--text-col", "review"]
    argv += ["--label-col", "rating", "--epochs", "2", "--out", str(tmp_path / "runs")]
    assert main([*argv, "--no-progress"]) == 0
    run = json.loads((tmp_path / "runs" / "metrics.json").read_text())["members"][0]
    assert len(run["train_losses"]) == len(run["history"]) == len(run["dev_losses"])
    assert all(0 < loss < 2 for loss in run["train_losses"])
    assert (tmp_path / "runs" / "training.png").stat().st_size > 0
    # the figure of those metrics: the accuracy above, the training loss below on its steps
    from lstmkit.text import SentimentConfig
    from lstmkit.text.sentiment import SentimentResult

    vocab = Vocabulary.build(["a b"])
    model = TextClassifier(len(vocab), 4, 4, 2)
    result = SentimentResult(model, vocab, SentimentConfig(), {"members": [run]})
    accuracy, below = result.plot_training(title="t").axes
    assert list(accuracy.get_lines()[0].get_ydata()) == [acc for _, acc in run["history"]]
    (curve,) = below.get_lines()
    assert list(curve.get_xdata()) == [step for step, _ in run["history"]]
    assert list(curve.get_ydata()) == run["train_losses"]
    assert below.get_ylabel() == "training loss\n(mean since the last check)"
    # metrics saved before the training loss was kept: the accuracy alone
    del run["train_losses"]
    assert len(result.plot_training().axes) == 1


def test_evaluate_drop_unknown_says_it_does_not_leave_out_a_row_without_a_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "fill it in or remove it" alone, after --drop-unknown, read as if the flag had failed to
    # leave it out
    from lstmkit.text import SentimentConfig, save_classifier
    from lstmkit.text.sentiment import SentimentResult

    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    result = SentimentResult(TextClassifier(len(vocab), 4, 3, 2), vocab, SentimentConfig())
    save_classifier(result, tmp_path / "runs")
    (tmp_path / "new.csv").write_text("text,label\na good film,positive\n  ,negative\n")
    argv = ["text", "evaluate", str(tmp_path / "runs"), "--csv", str(tmp_path / "new.csv")]
    argv += ["--text-col", "text", "--label-col", "label"]
    told = (
        f"error: column 'text' of {str(tmp_path / 'new.csv')!r} must hold a text with a token "
        "in every row, got none in row 2 (rows counted from 1 below the header); fill it in or "
        "remove it."
    )
    assert main(argv) == 2
    assert capsys.readouterr().err == told + "\n"
    assert main([*argv, "--drop-unknown"]) == 2
    assert capsys.readouterr().err == (
        f"{told} --drop-unknown leaves rows out by their label alone, not a row without a text, "
        "which is no text to score.\n"
    )
