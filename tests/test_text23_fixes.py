"""text23: the text leftovers — interrupts that pickle, a labelled file's missing columns named
by argument, a saved classifier's empty class name refused, later sentences capitalised, and
numpy counts shown as plain numbers."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from lstmkit.text.charlm import GenerationInterrupted
from lstmkit.text.labelled import read_labelled_csv
from lstmkit.train import TrainingInterrupted

# -- 1. the interrupts cross a process: pickle.loads(pickle.dumps(e)) keeps what they hold -----


def test_training_interrupted_round_trips_through_pickle_with_its_attributes() -> None:
    # its `args` are the message alone, which __init__ refused ("missing 2 required
    # positional arguments"): multiprocessing and pytest-xdist could not send it back
    stop = TrainingInterrupted({"metrics": {"loss": 0.5}}, "SIGTERM", 7)
    stop.add_note("a note")
    back = pickle.loads(pickle.dumps(stop))
    assert type(back) is TrainingInterrupted
    assert (back.result, back.signal, back.step) == ({"metrics": {"loss": 0.5}}, "SIGTERM", 7)
    assert (
        str(back)
        == str(stop)
        == (
            "training interrupted (SIGTERM) after step 7; the model so far is in `.result` "
            "(uncaught, as in a notebook cell: `sys.last_value.result`)"
        )
    )
    assert back.__notes__ == ["a note"]
    assert isinstance(back, KeyboardInterrupt)


def test_generation_interrupted_round_trips_through_pickle_with_its_attributes() -> None:
    stop = GenerationInterrupted("ROMEO: O", 2, "SIGTERM")
    back = pickle.loads(pickle.dumps(stop))
    assert type(back) is GenerationInterrupted
    assert (back.text, back.generated, back.signal) == ("ROMEO: O", 2, "SIGTERM")
    assert (
        str(back)
        == str(stop)
        == (
            "generation interrupted (SIGTERM) after 2 characters; the text so far is in `.text` "
            "(uncaught, as in a notebook cell: `sys.last_value.text`)"
        )
    )
    one = pickle.loads(pickle.dumps(GenerationInterrupted("a", 1)))
    assert (one.text, one.generated, one.signal, one.args) == (
        "a",
        1,
        "SIGINT",
        (
            "generation interrupted (SIGINT) after 1 character; the text so far is in `.text` "
            "(uncaught, as in a notebook cell: `sys.last_value.text`)",
        ),
    )


# -- 2. read_labelled_csv names the argument that named a missing column ----------------------


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.csv"
    path.write_text(text, "utf-8")
    return path


def test_a_missing_column_is_named_by_its_argument_with_the_files_columns_and_a_slip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "column(s) ['txt'] not found in 'r.csv'" said neither which argument named it nor that
    # 'text' was meant
    monkeypatch.chdir(tmp_path)
    _csv(tmp_path, "text,label\ngood film,up\nbad film,down\n")

    def said(text_col: str, label_col: str) -> str:
        with pytest.raises(ValueError) as err:
            read_labelled_csv("r.csv", text_col, label_col)
        return str(err.value)

    assert said("txt", "label") == (
        "`text_col` 'txt' is not a column of 'r.csv'; available columns: ['text', 'label'] "
        "(did you mean 'text'?)."
    )
    assert said("text", "Label") == (
        "`label_col` 'Label' is not a column of 'r.csv'; available columns: ['text', 'label'] "
        "(did you mean 'label'?)."
    )
    assert said("Txt", "labl") == (
        "`text_col` 'Txt' and `label_col` 'labl' are not columns of 'r.csv'; available "
        "columns: ['text', 'label'] (did you mean 'text' for `text_col` and 'label' for "
        "`label_col`?)."
    )
    assert said("review", "rating") == (
        "`text_col` 'review' and `label_col` 'rating' are not columns of 'r.csv'; available "
        "columns: ['text', 'label']."
    )
    # a column the other argument names is no slip: text_col 'labl' is not told 'label'
    assert said("labl", "label") == (
        "`text_col` 'labl' is not a column of 'r.csv'; available columns: ['text', 'label']."
    )
    assert said("0", "1") == (
        "`text_col` '0' and `label_col` '1' are not columns of 'r.csv'; available columns: "
        "['text', 'label'] (columns are named by the file's header row, not numbered; a file "
        "without one needs a header row added above its first row)."
    )
    _csv(tmp_path, "text;label\ngood film;up\n")
    assert said("text", "label") == (
        "`text_col` 'text' and `label_col` 'label' are not columns of 'r.csv'; available "
        "columns: ['text;label'] (one column whose name holds ';': the file looks "
        "';'-separated; pass sep=';' (CLI: --sep ';'))."
    )


def test_the_command_line_names_the_flag_of_a_missing_column_and_the_slip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    _csv(tmp_path, "text,label\n" + "".join(f"good film {k},up\nbad {k},down\n" for k in range(6)))
    argv = ["text", "train", "--csv", "r.csv", "--out", "o", "--no-progress"]
    assert main([*argv, "--text-col", "txt", "--label-col", "label"]) == 2
    assert capsys.readouterr().err == (
        "error: --text-col 'txt' is not a column of 'r.csv'; available columns: ['text', "
        "'label'] (did you mean 'text'?).\n"
    )
    assert main([*argv, "--text-col", "x", "--label-col", "y"]) == 2
    assert capsys.readouterr().err == (
        "error: --text-col 'x' and --label-col 'y' are not columns of 'r.csv'; available "
        "columns: ['text', 'label'].\n"
    )
    assert not (tmp_path / "o").exists()


# -- 3. a saved classifier's empty class name is refused, as training refuses the label -------


@pytest.mark.parametrize(
    ("labels", "shown"), [(["", "up"], "['', 'up']"), (["down", " "], "['down', ' ']")]
)
def test_loading_refuses_an_empty_class_name_as_training_refuses_the_label(
    labels: list[str], shown: str, clf_dir: Path, tmp_path: Path
) -> None:
    import json
    import shutil

    from lstmkit.text.sentiment import SentimentConfig, SentimentPredictor, train_classifier

    # training refuses it (a blank label is empty once stripped) ...
    texts = [f"film {k} was {w}" for k in range(6) for w in ("great", "awful")]
    quiet = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, batch_size=4, progress=False)
    with pytest.raises(ValueError, match=r"^every label must be a non-empty class name, got "):
        train_classifier(texts, labels * 6, quiet)
    # ... and a config.json that holds it loaded, predicting a class named ''
    folder = shutil.copytree(clf_dir, tmp_path / "M")
    config = json.loads((folder / "config.json").read_text("utf-8"))
    config["labels"] = labels
    (folder / "config.json").write_text(json.dumps(config), "utf-8")
    with pytest.raises(ValueError) as err:
        SentimentPredictor.load(folder)
    assert str(err.value) == (
        f"{str(folder / 'config.json')!r} does not describe a usable sentiment classifier: its "
        f"entry 'labels' must be a list of distinct, non-empty class names (strings), got "
        f"{shown}."
    )
    # made by hand, in training's words
    good = SentimentPredictor.load(clf_dir)
    with pytest.raises(ValueError) as err:
        SentimentPredictor(good.model, good.vocab, tuple(labels))
    at = labels.index(next(n for n in labels if not n.strip()))
    assert str(err.value) == (
        f"every label must be a non-empty class name, got `labels[{at}]` {labels[at]!r}."
    )


# -- 4. a message of several problems starts each later sentence with a capital -------------


def test_train_classifiers_later_sentences_start_with_a_capital() -> None:
    from lstmkit.text.sentiment import SentimentConfig, train_classifier

    quiet = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, batch_size=4, progress=False)
    with pytest.raises(ValueError) as err:
        train_classifier(["a b", "", "c"], ["x", "", "y", "z"], quiet)
    # "... got 3 texts and 4 labels. every text must contain a token, ..."
    assert str(err.value) == (
        "`texts` and `labels` must be as long as each other (one label per text), got 3 texts "
        "and 4 labels. Every text must contain a token, got none in `texts[1]` ''. Every label "
        "must be a non-empty class name, got `labels[1]` ''. `labels` must hold at least 5 "
        "examples of each class, so that 10 % of each (rounded) goes to dev and to test, got 1 "
        "of 'x', 1 of 'y', 1 of 'z': add texts of those classes or leave their rows out."
    )
    with pytest.raises(ValueError) as err:  # the first sentence as an error message starts
        train_classifier(["a b", ""], ["x", " "], quiet, dev=(["a"], ["x"]), test=(["b"], ["x"]))
    assert str(err.value) == (
        "every text must contain a token, got none in `texts[1]` ''. Every label must be a "
        "non-empty class name, got `labels[1]` ' '. `labels` must name at least 2 classes, got "
        "1: 'x'."
    )


def test_a_labelled_files_later_sentences_start_with_a_capital(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _csv(tmp_path, "t,l\na,x\n ,x\nb,\n")
    with pytest.raises(ValueError) as err:
        read_labelled_csv("r.csv", "t", "l", training=True, held_out=("dev", "test"))
    assert str(err.value) == (
        "column 't' of 'r.csv' must hold a text with a token in every row, got none in row "
        "2; column 'l' of 'r.csv' must hold a label in every row, got an empty one in row 3 "
        "(rows counted from 1 below the header); fill them in or remove them. Column 'l' of "
        "'r.csv' must name at least 2 classes, got 1: 'x'. Column 'l' of 'r.csv' must hold at "
        "least 5 examples of each class, so that 10 % of each (rounded) goes to dev and to "
        "test, got 2 of 'x': add texts of that class or leave its rows out."
    )


def test_fit_seq2seqs_second_pair_problem_starts_with_a_capital() -> None:
    from lstmkit.text.seq2seq import Seq2Seq, Seq2SeqConfig, fit_seq2seq

    model = Seq2Seq(source_vocab=11, target_vocab=6, embed_dim=4, hidden_size=4)
    config = Seq2SeqConfig(embed_dim=4, hidden_size=4, epochs=1, progress=False)
    with pytest.raises(ValueError) as err:
        fit_seq2seq(model, [([0, 2], [3]), ([5], [1, 3])], config)
    assert str(err.value) == (
        "each pair's source must be non-empty with int ids in [1, 11) (0 is padding), got "
        "[0, 2] in `pairs[0]`. Each pair's target must hold int ids in [3, 6) (0, 1, 2 are "
        "<pad>, <bos>, <eos>, which teacher forcing adds), got [1, 3] in `pairs[1]`."
    )


def test_the_command_lines_second_files_problem_starts_with_a_capital(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    _csv(tmp_path, "t,l\n" + "".join(f"good film {k},up\nbad {k},down\n" for k in range(6)))
    (tmp_path / "dev.csv").write_text("t,l\na film,meh\n", "utf-8")
    (tmp_path / "test.csv").write_text("t,l\n,up\n", "utf-8")
    argv = ["text", "train", "--csv", "r.csv", "--text-col", "t", "--label-col", "l"]
    argv += ["--dev-csv", "dev.csv", "--test-csv", "test.csv", "--out", "o", "--no-progress"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: column 'l' of 'dev.csv' holds labels no training text has: 'meh' in row 1 (the "
        "classes: 'down', 'up'; rows counted from 1 below the header). Remove those rows from "
        "'dev.csv', or move them into 'r.csv' to learn those classes too. Column 't' of "
        "'test.csv' must hold a text with a token in every row, got none in row 1 (rows counted "
        "from 1 below the header); fill it in or remove it.\n"  # revtext36: what to do
    )


# -- 5. a numpy count is shown as its plain number, on numpy 1 and 2 alike --------------------


def test_numpy_counts_are_shown_as_plain_numbers_in_the_text_refusals() -> None:
    import numpy as np
    import torch

    from lstmkit._checks import value_repr
    from lstmkit.text.charlm import evaluate_loss, streams
    from lstmkit.text.seq2seq import Seq2Seq, beam_decode, greedy_decode

    def said(call) -> str:
        with pytest.raises((TypeError, ValueError)) as err:
            call()
        return str(err.value)

    # `{value!r}` wrote np.int64(0) under numpy 2 and 0 under numpy 1
    ids = torch.arange(10)
    assert said(lambda: streams(ids, np.int64(0))) == (
        "`batch_size` must be a positive integer, got 0."
    )
    assert said(lambda: evaluate_loss(None, ids, np.int64(-3), np.int32(0))) == (
        "`batch_size` must be a positive integer, got -3. `bptt` must be a positive integer, got 0."
    )
    model = Seq2Seq(source_vocab=11, target_vocab=6, embed_dim=4, hidden_size=4)
    assert said(lambda: greedy_decode(model, [[1]], np.int64(0))) == (
        "`max_len` must be a positive integer, got 0."
    )
    assert said(lambda: beam_decode(model, [1], np.int64(0), np.int16(-1))) == (
        "`beam_size` must be a positive integer, got 0. `max_len` must be a positive integer, "
        "got -1."
    )
    # a numpy float is no count: named by its type, as the configs name it, on both numpys
    half = np.float64(2.5)
    assert said(lambda: streams(ids, half)) == (
        f"`batch_size` must be an integer, got {value_repr(half)}."
    )
    assert said(lambda: greedy_decode(model, [[1]], half)) == (
        f"`max_len` must be a positive integer, got {value_repr(half)}."
    )
