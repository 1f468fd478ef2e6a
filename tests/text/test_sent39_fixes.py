"""README walk of the first half of "Sentiment" (sent39): a student's own CSV of product
reviews exported from Excel on Windows, labels written 1.0 and 0.0."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import (
    SentimentConfig,
    SentimentPredictor,
    TextClassifier,
    Vocabulary,
    read_labelled_csv,
    save_classifier,
)
from lstmkit.text.sentiment import SentimentResult, training_examples

TEXTS = ["a good film", "a bad film"]
FLOAT_FIX = (
    "Pass `[str(v) for v in labels]` (a pandas column: `.astype(str)`): the classes are numbers "
    "written as text (str), which a float is not."
)


def _predictor(labels: tuple[str, str]) -> SentimentPredictor:
    vocab = Vocabulary.build(TEXTS)
    torch.manual_seed(0)
    return SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, labels)


def _ratings() -> pd.Series:
    # Excel's 1.0 and 0.0: pandas reads the column as float64, training read it as text
    frame = pd.read_csv(io.StringIO("review,rating\na good film,1.0\na bad film,0.0\n"))
    assert frame["rating"].dtype == "float64"
    return frame["rating"]


def test_evaluate_float_labels_told_the_classes_they_name() -> None:
    # it was "holds labels the model does not know: 1.0 at position 0, 0.0 at position 1
    # (its classes: '0.0', '1.0', ...)", the labels' own numbers, with no word of str
    predictor = _predictor(("0.0", "1.0"))
    ratings = _ratings()
    with pytest.raises(ValueError) as err:
        predictor.evaluate(TEXTS, ratings)
    assert str(err.value) == (
        "`labels` holds labels the model does not know: 1.0 (did you mean '1.0'?) at position "
        "0, 0.0 (did you mean '0.0'?) at position 1 (its classes: '0.0', '1.0', or their "
        f"indices 0 to 1; positions counted from 0). {FLOAT_FIX} Correct them, or pass "
        "drop_unknown=True to leave their texts out."
    )
    # the advice works: the same figures as with the labels written as text
    told = predictor.evaluate(TEXTS, ratings.astype(str))
    assert told.labels == ["1.0", "0.0"]
    assert told.accuracy == predictor.evaluate(TEXTS, ["1.0", "0.0"]).accuracy


def test_class_figures_float_labels_told_the_classes_they_name() -> None:
    predictor = _predictor(("0.0", "1.0"))
    with pytest.raises(ValueError) as err:
        predictor.class_figures(TEXTS, _ratings())
    assert str(err.value) == (
        "`labels` must be class indices in [0, 2) or class names ('0.0', '1.0'), got 1.0 (did "
        f"you mean '1.0'?) at position 0, 0.0 (did you mean '0.0'?) at position 1. {FLOAT_FIX}"
    )
    figures = predictor.class_figures(TEXTS, _ratings().astype(str))
    assert set(figures["recall"]) == {"0.0", "1.0"}


def test_float_labels_of_integer_classes_told_int_then_str() -> None:
    # classes '0' and '1' (trained on a column of 0 and 1); labels from a float column
    predictor = _predictor(("0", "1"))
    with pytest.raises(ValueError) as err:
        predictor.evaluate(TEXTS, [1.0, 0.0])
    assert str(err.value) == (
        "`labels` holds labels the model does not know: 1.0 (did you mean '1'?) at position 0, "
        "0.0 (did you mean '0'?) at position 1 (its classes: '0', '1', or their indices 0 to 1; "
        "positions counted from 0). Pass `[str(int(v)) for v in labels]` (a pandas column: "
        "`.astype(int).astype(str)`): the classes are numbers written as text (str), which a "
        "float is not. Correct them, or pass drop_unknown=True to leave their texts out."
    )
    assert predictor.evaluate(TEXTS, [str(int(v)) for v in [1.0, 0.0]]).labels == ["1", "0"]


def test_float_label_of_no_class_gets_no_advice() -> None:
    predictor = _predictor(("neg", "pos"))
    with pytest.raises(ValueError) as err:
        predictor.evaluate(TEXTS, [1.5, "pos"])
    assert str(err.value) == (
        "`labels` holds labels the model does not know: 1.5 at position 0 (its classes: 'neg', "
        "'pos', or their indices 0 to 1; positions counted from 0). Correct them, or pass "
        "drop_unknown=True to leave their texts out."
    )


def test_explain_float_target_told_the_class_it_names() -> None:
    predictor = _predictor(("0.0", "1.0"))
    with pytest.raises(TypeError) as err:
        predictor.explain("a good film", target=1.0)
    assert str(err.value) == (
        "`target` must be a class index, one of the labels ('0.0', '1.0') or None, got float "
        "1.0 (did you mean target='1.0'?)."
    )
    assert predictor.explain("a good film", target="1.0") == predictor.explain(
        "a good film", target=1
    )
    with pytest.raises(TypeError) as err:
        predictor.explain("a good film", target=1.5)
    assert str(err.value).endswith("got float 1.5.")


SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "text"
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.skipif(not (SHARED / "sst").is_dir(), reason="shared data not available")
def test_readme_unknown_word_example_is_one_sst2_lacks() -> None:
    # the README marked `lifeless (<unk>) +0.053`, a word of SST-2's vocabulary, which the
    # one-epoch model reads as itself (-0.251 in 'a dull , lifeless mess')
    vocab = Vocabulary.build(training_examples(SentimentConfig(task="sst2")).counted)
    assert vocab.encode("a dull , abysmal mess") == [
        vocab.encode(w)[0] for w in ("a", "dull", ",")
    ] + [Vocabulary.unk_id, vocab.encode("mess")[0]]
    assert Vocabulary.unk_id not in vocab.encode("lifeless")
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert (
        '(`text predict runs/sst2 "a dull , abysmal mess" --explain` with the one-epoch model: '
        "`abysmal (<unk>) +0.096`, the number the unknown-word token's; `lifeless` is an SST-2 "
        "word)"
    ) in text


class _TickingClock:
    """Every reading of the clock takes one second (and a dev check ten, below)."""

    def __init__(self) -> None:
        self.t = 0.0

    def perf_counter(self) -> float:
        self.t += 1.0
        return self.t


@pytest.mark.parametrize(
    ("threads", "told"),
    [
        (1, ""),
        (
            2,
            ", and where other processes keep the cores busy, one thread (--threads 1; from "
            "Python, `torch.set_num_threads(1)`) can train many times faster than torch's 2",
        ),
    ],
)
def test_the_budgets_warning_names_one_thread_where_torch_ran_several(
    monkeypatch, caplog, threads: int, told: str
) -> None:
    # it said "a larger budget lets it make every step" alone, where torch's two threads beside
    # other jobs trained the README's reviews.csv in 28 s and one thread in 2 s
    from lstmkit.text import sentiment
    from lstmkit.text.sentiment import fit_classifier

    clock = _TickingClock()

    def dev_scores(*args: object) -> tuple[float, float]:
        clock.t += 10.0
        return 0.5, 0.75

    monkeypatch.setattr(sentiment, "time", clock)
    monkeypatch.setattr(sentiment, "_dev_scores", dev_scores)
    torch.set_num_threads(threads)  # the conftest's fixture puts back its one thread
    torch.manual_seed(0)
    model = TextClassifier(20, 3, 2, 2)
    mask = torch.nn.functional.one_hot(torch.tensor([i % 2 for i in range(40)]), 2).bool()
    train = ([[1 + i % 19, 2] for i in range(40)], mask)
    config = SentimentConfig(batch_size=4, epochs=10, evals_per_epoch=1, minutes=0.6)
    caplog.set_level("WARNING", logger="lstmkit.text.sentiment")
    fit = fit_classifier(model, train, ([[1, 2]], [0]), config)
    assert fit["steps"] == 14
    assert [r.getMessage() for r in caplog.records] == [
        "the wall-clock budget (`minutes`, --minutes) stopped training at step 14 of 100: a run "
        "the clock stops does not repeat bit for bit; a larger budget lets it make every step"
        + told
    ]


def _excel_csv(path: Path) -> Path:
    # Excel's "CSV" on Windows: Windows-1252 accents, CRLF line ends, labels 1.0 and 0.0
    rows = [(f"Très bon produit {k}", "1.0") for k in range(10)]
    rows += [(f"Très déçu – broke after {k} days", "0.0") for k in range(10)]
    text = "review,rating\r\n" + "".join(f'"{t}",{label}\r\n' for t, label in rows)
    path.write_bytes(text.encode("cp1252"))
    return path


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_a_windows_1252_csv_is_told_the_iconv_command_that_converts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # it said "save the file as UTF-8" alone: no way to do it without Excel at hand
    monkeypatch.chdir(tmp_path)
    _excel_csv(tmp_path / "my reviews.csv")
    argv = ["text", "train", "--text-col", "review", "--label-col", "rating"]
    argv += ["--epochs", "1", "--embed-dim", "4", "--hidden-size", "4", "--no-progress"]
    assert main([*argv, "--csv", "my reviews.csv", "--out", "runs"]) == 2
    told = capsys.readouterr().err
    assert told == (
        "error: --csv 'my reviews.csv' must be UTF-8 text, got byte 0xe8 on line 2 (byte 4 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8, "
        "e.g. `iconv -f WINDOWS-1252 -t UTF-8 'my reviews.csv' > 'my reviews-utf8.csv'`, then "
        "pass --csv 'my reviews-utf8.csv'.\n"
    )
    assert not (tmp_path / "runs").exists()  # nothing half-written
    # the advice runs, and the file it writes trains, its accents read as written
    command = told.split("`")[1]
    subprocess.run(command, shell=True, check=True, cwd=tmp_path)  # the advice
    assert main([*argv, "--csv", "my reviews-utf8.csv", "--out", "runs"]) == 0
    assert Vocabulary.unk_id not in SentimentPredictor.load("runs").vocab.encode("très déçu")
    # a --dev-csv is told its own flag; standard input, a copy, no file to convert
    capsys.readouterr()
    argv += ["--csv", "my reviews-utf8.csv", "--out", "runs2"]
    assert main([*argv, "--dev-csv", "my reviews.csv"]) == 2
    assert capsys.readouterr().err.endswith("then pass --dev-csv 'my reviews-utf8.csv'.\n")
    monkeypatch.setattr(
        "sys.stdin", io.TextIOWrapper(io.BytesIO((tmp_path / "my reviews.csv").read_bytes()))
    )
    assert main([*argv, "--dev-csv", "-"]) == 2
    assert capsys.readouterr().err.endswith(
        "(a Latin-1 or Windows-1252 file?); save the file as UTF-8.\n"
    )


def test_a_first_row_wider_than_the_header_is_refused_not_read_as_an_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # as lstmkit forecast's reader refuses it (lstmkit.data._without_trailing_fields)
    # "Great value, love it,1" unquoted below "review,rating": pandas read its first field, and
    # every later row's, as an index, and the file was told "must hold a label in every row,
    # got an empty one in row 2", its texts read as labels
    path = tmp_path / "new.csv"
    path.write_bytes(b"review,rating\r\nGreat value, love it,1.0\r\nAwful and broke,0.0\r\n")
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "review", "rating")
    assert str(err.value) == (
        "CSV file 'new.csv' cannot be read as a table (line 2 has 3 fields, its header 2, and a "
        "field past the header's holds '1.0'); every row must have the header's 2 fields; a value "
        "holding the separator ',' must be quoted."
    )
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "rating"]
    assert main([*argv, "--out", str(tmp_path / "runs")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(path)!r} cannot be read as a table (line 2 has 3 fields, its header "
        "2, and a field past the header's holds '1.0'); every row must have the header's 2 "
        "fields; a value holding the separator ',' must be quoted.\n"
    )
    assert not (tmp_path / "runs").exists()
    # quoted as the advice says, it reads
    path.write_bytes(b'review,rating\r\n"Great value, love it",1.0\r\nAwful and broke,0.0\r\n')
    assert read_labelled_csv(path, "review", "rating") == (
        ["Great value, love it", "Awful and broke"],
        ["1.0", "0.0"],
    )


def test_rows_that_each_end_with_the_separator_read_as_their_fields(tmp_path: Path) -> None:
    # Excel's trailing comma on every row: its first field became the index, and the file was
    # refused "must hold a label in every row, got an empty one in rows 1, 2"
    path = tmp_path / "trail.csv"
    path.write_bytes(b"review,rating\r\nA good one,1.0,\r\nA bad one,0.0,\r\n")
    assert read_labelled_csv(path, "review", "rating") == (
        ["A good one", "A bad one"],
        ["1.0", "0.0"],
    )


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_a_windows_1252_file_of_sentences_is_told_the_iconv_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Notepad's "ANSI": "save the file as UTF-8" alone, as --csv was told
    monkeypatch.chdir(tmp_path)
    vocab = Vocabulary.build(["très bon", "nul"])
    torch.manual_seed(0)
    model = TextClassifier(len(vocab), 4, 3, 2)
    save_classifier(SentimentResult(model, vocab, SentimentConfig(), ("0.0", "1.0")), "runs")
    (tmp_path / "new.txt").write_bytes("Très bon\r\nNul\r\n".encode("cp1252"))
    assert main(["text", "predict", "runs", "--file", "new.txt"]) == 2
    told = capsys.readouterr().err
    assert told == (
        "error: --file 'new.txt' must be UTF-8 text, got byte 0xe8 on line 1 (byte 3 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8, "
        "e.g. `iconv -f WINDOWS-1252 -t UTF-8 'new.txt' > 'new-utf8.txt'`, then pass --file "
        "'new-utf8.txt'.\n"
    )
    subprocess.run(told.split("`")[1], shell=True, check=True, cwd=tmp_path)  # the advice
    assert main(["text", "predict", "runs", "--file", "new-utf8.txt", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["tokens"] for line in lines] == [["très", "bon"], ["nul"]]
