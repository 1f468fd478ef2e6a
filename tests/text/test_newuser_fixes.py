"""What a new user tripped over with the text commands, each pinned."""

import warnings

import pytest
import torch

from lstmkit.cli import main
from lstmkit.io import save_model


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["predict", "RUN", "a fine film"], "a sentiment classifier (kind 'classifier')"),
        (["generate", "RUN", "--prompt", "a"], "a character language model (kind 'charlm')"),
        (["spell", "RUN", "12"], "a sequence-to-sequence model (kind 'seq2seq')"),
    ],
)
def test_a_forecast_run_folder_is_named_as_one_by_the_text_commands(tmp_path, capsys, argv, wanted):
    # `lstmkit forecast --out RUN` saves its model in RUN/model: the text commands said RUN was
    # "not a saved lstmkit classifier model: missing config.json, model.safetensors"
    run = tmp_path / "run"
    save_model(torch.nn.Linear(1, 1), run / "model", {"kind": "lstmkit.Forecaster"})
    argv = [str(run) if a == "RUN" else a for a in argv]
    assert main(["text", *argv]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(run / 'model')!r} holds a forecaster (kind 'lstmkit.Forecaster'), which "
        f"`lstmkit predict DIR` runs (lstmkit.Forecaster.load in Python), not {wanted}.\n"
    )


def test_one_number_written_two_ways_as_labels_is_warned_about(tmp_path, capsys):
    # "1" and "1.0" (pandas writes an integer column with a gap as 1.0) trained as two classes
    # without a word, as "Positive" and "positive" do with one
    from lstmkit.text.labelled import number_variants

    assert number_variants(["2", "1", "1.0", "01", "x", "X", "+2", "1e0"]) == [
        ("+2", "2"),
        ("01", "1", "1.0", "1e0"),
    ]
    assert number_variants(["1", "10", "x"]) == []
    rows = [f'"The film was {w} {k}.",{y}' for k in range(5) for w, y in (("good", 1), ("bad", 2))]
    rows += [f'"The film was good, truly {k}.",1.0' for k in range(5)]
    path = tmp_path / "stars.csv"
    path.write_text("review,stars\n" + "\n".join(rows) + "\n")
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "stars"]
    hidden = ["--embed-dim", "4", "--hidden-size", "4", "--epochs", "1", "--no-progress"]
    q = repr(str(path))  # as given, quoted
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, *hidden, "--out", str(tmp_path / "run"), "--json"]) == 0
    assert capsys.readouterr().err == (
        f"warning: column 'stars' of {q} holds '1', '1.0', which are one number written "
        "differently: they train as separate classes. Write each class one way if they are "
        "one.\n"
    )


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["train", "--csv", "CSV", "--text-col", "t", "--label-col", "l"], "train"),
        (["train-lm", "--file", "CSV"], "train-lm"),
    ],
)
def test_an_out_holding_a_forecast_run_names_the_text_command_given(
    tmp_path, capsys, argv, command
):
    # it named "`lstmkit text (classifier)`", no command a user types
    run = tmp_path / "run"
    (run / "model").mkdir(parents=True)
    (run / "run.json").write_text(
        '{"versions": {"lstmkit": "0.1.0"}}'
    )  # lstmkit's: a user's is theirs
    (run / "model" / "config.json").write_text('{"kind": "lstmkit.Forecaster"}')
    argv = [str(tmp_path / "none.csv") if a == "CSV" else a for a in argv]
    assert main(["text", *argv, "--out", str(run)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(run)!r} holds a `lstmkit forecast` run (run.json, model/); "
        f"`lstmkit text {command}` would mix its files with it. Choose another folder.\n"
    )


def test_a_text_opening_a_quote_it_does_not_close_is_refused_with_its_lines(tmp_path, capsys):
    # '"great film' at a text's start was read as quoted up to the next quote: 36 rows of a
    # tab-separated file trained as 18, texts holding the rows after them, labels shifted
    rows = [f'"great film {k}\tpos\nfine {k}\tneg\nok {k}\tmeh\n' for k in range(12)]
    path = tmp_path / "films.tsv"
    path.write_text("text\tlabel\n" + "".join(rows))
    argv = ["text", "train", "--csv", str(path), "--sep", "tab", "--text-col", "text"]
    assert main([*argv, "--label-col", "label", "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(path)!r} has a value that opens a quote on line 2 and closes it "
        "amid a value on line 5, reading what lies between into one value: a text that begins "
        "with '\"' is read as quoted. Enclose such a text in quotes and double the quotes in "
        'it (\'"""Dull"" film"\'), as spreadsheets and pandas write it.\n'
    )
    assert not (tmp_path / "run").exists()
    # quotes as CSV writes them, across lines too, and a quote amid a text
    from lstmkit.text.labelled import read_labelled_csv

    path = tmp_path / "films.csv"
    path.write_text(
        'text,label\n"He said ""fine,""\nthen left",pos\n"""Dull"" film",neg\na "b,pos\n'
    )
    assert read_labelled_csv(path, "text", "label") == (
        ['He said "fine,"\nthen left', '"Dull" film', 'a "b'],
        ["pos", "neg", "pos"],
    )
    # a quote closed amid its value on its own line was read as 'Dull film', its quotes
    # dropped without a word (txt33): refused by its line, as one closed on a later line is
    path.write_text('text,label\n"He said ""fine,""\nthen left",pos\n"Dull" film,neg\na "b,pos\n')
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == (
        "CSV file 'films.csv' has a value that opens a quote on line 4 and closes it amid that "
        "value, which reads it without its quotes (the line: '\"Dull\" film,neg'): a text that "
        "begins with '\"' is read as quoted. Enclose such a text in quotes and double the "
        'quotes in it (\'"""Dull"" film"\'), as spreadsheets and pandas write it.'
    )
