"""revtour18: review of tour18 (files named by their signature where text is read, model folders
of another kind named with the command that runs them): a PDF given as --csv, `lstmkit
predict`'s and Forecaster.load's wording of a text model's folder, and `text train`'s minutes of
silence where stderr is no terminal."""

from __future__ import annotations

import time

import pytest

from lstmkit.cli import main

# a PDF's first bytes as matplotlib writes one (savefig("forecast.pdf")): its first line ASCII
PDF = b"%PDF-1.4\n%\xac\xdc \xab\xba\n1 0 obj\n<< /Type /Catalog, /Pages 2 0 R >>\nendobj\n"
SAID_PDF = (
    "must be UTF-8 text, got a PDF document (the file begins with its signature), not text; "
    "pass a text file."
)


def test_a_pdf_given_as_csv_is_named_a_pdf_with_or_without_the_column_flags(
    capsys, csv_refusal, tmp_path
):
    # tour18 named a PNG and a JPEG there, but a PDF's first line is ASCII: `forecast --csv
    # forecast.pdf` was told "--csv needs --date-col and --value-col (... has the columns
    # %PDF-1.4)", then, given them, "cannot be read as a table (Expected 1 fields in line 4..."
    pdf = tmp_path / "forecast.pdf"
    pdf.write_bytes(PDF)
    assert csv_refusal(pdf) == f"CSV file 'forecast.pdf' {SAID_PDF}"
    out = tmp_path / "run"
    assert main(["forecast", "--csv", str(pdf), "--out", str(out)]) == 2
    assert capsys.readouterr() == ("", f"error: --csv {str(pdf)!r} {SAID_PDF}\n")
    assert not out.exists()


def test_predict_and_forecaster_load_word_another_kind_as_the_text_loaders_do(
    capsys, clf_dir, tmp_path
):
    # `lstmkit predict CLF` said "does not hold a saved Forecaster (kind='classifier'); it holds
    # a sentiment classifier, which ...", `text generate CLF` "holds a sentiment classifier
    # (kind 'classifier'), which ..., not a character language model (kind 'charlm')"
    from lstmkit import Forecaster
    from lstmkit.text.seq2seq import Seq2Seq, Seq2SeqConfig, Seq2SeqResult, save_seq2seq

    clf = (
        f"{str(clf_dir)!r} holds a sentiment classifier (kind 'classifier'), which `lstmkit "
        "text predict` runs (lstmkit.text.SentimentPredictor.load in Python), not "
    )
    assert main(["predict", str(clf_dir)]) == 2
    assert capsys.readouterr() == ("", f"error: {clf}a forecaster (kind 'lstmkit.Forecaster').\n")
    assert main(["text", "generate", str(clf_dir)]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: {clf}a character language model (kind 'charlm').\n",
    )
    numbers = save_seq2seq(
        Seq2SeqResult(Seq2Seq(11, 6, 4, 8, 1), Seq2SeqConfig()), tmp_path / "numbers"
    )
    with pytest.raises(ValueError) as err:
        Forecaster.load(numbers)
    assert str(err.value) == (
        f"{str(numbers)!r} holds a sequence-to-sequence model (kind 'seq2seq'), which `lstmkit "
        "text spell` runs (lstmkit.text.load_seq2seq in Python), not a forecaster (kind "
        "'lstmkit.Forecaster')."
    )


def _note(seconds: str) -> str:
    return (
        f"text train: still running after {seconds} s (no progress bar: stderr is not a "
        "terminal; --progress draws one)"
    )


def test_text_train_says_it_is_still_running_where_stderr_is_no_terminal(
    capsys, monkeypatch, tmp_path
):
    # `lstmkit text train sst2 --out runs/sst2 > log 2>&1` printed nothing for minutes
    import lstmkit.cli.text as cli_text

    monkeypatch.setattr(cli_text, "_SILENT_NOTE_S", 0.05)
    said: list[str] = []

    def training(args, out, config):
        deadline = time.monotonic() + 3
        while len("".join(said).splitlines()) < 2 and time.monotonic() < deadline:
            said.append(capsys.readouterr().err)
            time.sleep(0.01)
        return 0

    monkeypatch.setattr(cli_text, "_train_read", training)
    assert main(["text", "train", "sst2", "--out", str(tmp_path / "m")]) == 0
    lines = "".join([*said, capsys.readouterr().err]).splitlines()
    assert lines[:2] == [_note("0.05"), _note("0.1")]
    # with --progress or --no-progress given, nothing: a bar, or the silence asked for
    for flag in ("--progress", "--no-progress"):
        said.clear()
        monkeypatch.setattr(cli_text, "_train_read", lambda *a: time.sleep(0.2) or 0)
        assert main(["text", "train", "sst2", flag, "--out", str(tmp_path / "m")]) == 0
        assert _note("0.05") not in capsys.readouterr().err
