"""tour18: a fresh user's pass over the tour, the Speed sections, the character-level LM,
seq2seq and "Baselines and faithfulness": what the obvious wrong inputs there were told."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit._checks import utf8_text
from lstmkit.cli import main

# the first bytes of a PNG as matplotlib writes one (a run's forecast.png), of a JPEG and a PDF
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PDF = b"%PDF-1.4\n%\xac\xdc \xab\xba\n1 0 obj\n"


def test_an_image_or_a_pdf_passed_for_a_csv_is_named_by_its_signature(csv_refusal, tmp_path):
    # a run's forecast.png for its forecast.csv was told "got byte 0x89 on line 1 (byte 1 of
    # the line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8"
    png = tmp_path / "forecast.png"
    png.write_bytes(PNG)
    assert csv_refusal(png) == (
        f"CSV file {png.name!r} must be UTF-8 text, got a PNG image (the file begins with its "
        "signature), not text; pass a text file."
    )
    # the same words wherever a text file is read (text train-lm --file, text predict --file)
    for data, kind in ((JPEG, "a JPEG image"), (PDF, "a PDF document")):
        with pytest.raises(ValueError) as err:
            utf8_text(data, "--file 'x'")
        assert str(err.value) == (
            f"--file 'x' must be UTF-8 text, got {kind} (the file begins with its signature), "
            "not text; pass a text file."
        )
    # a Latin-1 file is still told it may be one
    with pytest.raises(ValueError) as err:
        utf8_text(b"caf\xe9\n", "--file 'x'")
    assert "(a Latin-1 or Windows-1252 file?)" in str(err.value)


def test_text_train_lm_refuses_a_png_for_its_file_naming_it(capsys, tmp_path):
    png = tmp_path / "training.png"
    png.write_bytes(PNG)
    out = tmp_path / "lm"
    assert main(["text", "train-lm", "--file", str(png), "--out", str(out)]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --file {str(png)!r} must be UTF-8 text, got a PNG image (the file begins with "
        "its signature), not text; pass a text file.\n",
    )
    assert not out.exists()


SPELL = "which `lstmkit text spell` runs (lstmkit.text.load_seq2seq in Python)"


def test_a_text_model_of_another_kind_is_refused_naming_the_command_that_runs_it(
    capsys, tmp_path, clf_dir
):
    # `text generate runs/numbers` said "holds a sequence-to-sequence model (kind 'seq2seq'),
    # not a character language model (kind 'charlm')." with no word of `text spell`, while a
    # forecaster's folder got `lstmkit predict DIR`; `explain runs/numbers` said "holds a model
    # of kind 'seq2seq'"
    from lstmkit.text.seq2seq import Seq2Seq, Seq2SeqConfig, Seq2SeqResult, save_seq2seq

    numbers = save_seq2seq(
        Seq2SeqResult(Seq2Seq(11, 6, 4, 8, 1), Seq2SeqConfig()), tmp_path / "numbers"
    )
    held = f"error: {str(numbers)!r} holds a sequence-to-sequence model (kind 'seq2seq'), {SPELL}"
    assert main(["text", "generate", str(numbers)]) == 2
    assert capsys.readouterr() == ("", f"{held}, not a character language model (kind 'charlm').\n")
    assert main(["text", "predict", str(numbers), "a fine film"]) == 2
    assert capsys.readouterr() == ("", f"{held}, not a sentiment classifier (kind 'classifier').\n")
    assert main(["explain", str(numbers), "--text", "a fine film"]) == 2
    assert capsys.readouterr() == (
        "",
        f"{held}; explain supports a sentiment classifier ('classifier') and a forecaster "
        "('lstmkit.Forecaster').\n",
    )
    # a classifier's folder to `text spell`: `text predict` named
    assert main(["text", "spell", str(clf_dir), "42"]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: {str(clf_dir)!r} holds a sentiment classifier (kind 'classifier'), which "
        "`lstmkit text predict` runs (lstmkit.text.SentimentPredictor.load in Python), not a "
        "sequence-to-sequence model (kind 'seq2seq').\n",
    )


def test_faithfulness_refuses_its_save_folder_before_training(
    bench_script, capsys, tmp_path, monkeypatch
):
    # `python benchmarks/faithfulness.py --save runs/airline` (a forecast run's folder) trained
    # for minutes, then failed in save_classifier; now argparse refuses it at once (exit 2)
    from torch import nn

    from lstmkit import io

    script = bench_script("faithfulness")
    monkeypatch.setattr(script, "_text", lambda args: pytest.fail("trained before refusing"))
    run = tmp_path / "airline"
    io.save_model(nn.Linear(1, 1), run / "model", {"kind": "lstmkit.Forecaster"})
    (run / "run.json").write_text("{}")
    with pytest.raises(SystemExit) as exit_:
        script.main(["--save", str(run)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.endswith(
        f": error: --save {str(run)!r} is a run folder, whose model is in "
        f"{str(run / 'model')!r} (as `lstmkit forecast --out` writes it); a model saved beside "
        f"it would be loaded from {str(run)!r} instead of that one. Choose another folder.\n"
    )
    assert sorted(p.name for p in run.iterdir()) == ["model", "run.json"]
    # a new folder passes the check, and is not made by it (the save makes it)
    monkeypatch.setattr(script, "_text", lambda args: None)
    monkeypatch.setattr(script, "_series", lambda args: None)
    script.main(["--save", str(tmp_path / "new")])
    assert not (tmp_path / "new").exists()


def test_charlm_vs_transformer_refuses_its_flags_before_training(
    bench_script, capsys, tmp_path, monkeypatch
):
    # `--minutes 0` ended in CharLMConfig's traceback; `--json runs` (a folder) failed in open()
    # after both models had trained for their minutes
    script = bench_script("charlm_vs_transformer")
    monkeypatch.setattr(script, "load_shakespeare", lambda: pytest.fail("ran before refusing"))
    said = {
        ("--minutes", "0"): "--minutes must be a positive finite number, got 0.",
        ("--seed", "-1"): "--seed must be an integer in [0, 9223372036854775807], got -1.",
        (
            "--json",
            str(tmp_path),
        ): f"--json must be a file's path, got the folder {str(tmp_path)!r}.",
        ("--json", str(tmp_path / "no" / "r.json")): (
            f"--json {str(tmp_path / 'no' / 'r.json')!r}: its folder {str(tmp_path / 'no')!r} "
            "does not exist."
        ),
    }
    for argv, message in said.items():
        with pytest.raises(SystemExit) as exit_:
            script.main(list(argv))
        assert exit_.value.code == 2
        assert capsys.readouterr().err.endswith(f": error: {message}\n")


def test_lrp_speed_says_a_missing_baseline_is_not_found(bench_script, tmp_path):
    # a --baseline run before README's `git worktree add` said "--baseline '/tmp/lstmkit-old/
    # src/lstmkit/explain/lrp.py' is not a Python file.", as a CSV is told
    script = bench_script("lrp_speed")
    missing = tmp_path / "lstmkit-old" / "lrp.py"

    def said(path: Path) -> str:
        # said by main through parser.error (cli19: "lrp_speed.py: error: ...")
        def error(message: str):
            raise SystemExit(message)

        with pytest.raises(SystemExit) as stop:
            script._load_baseline(str(path), error)
        return str(stop.value.code)

    assert said(missing) == (
        f"--baseline {str(missing)!r} not found (an earlier src/lstmkit/explain/lrp.py: "
        "`git worktree add /tmp/lstmkit-old COMMIT` makes one)."
    )
    (tmp_path / "forecast.csv").write_text("month,sales\n")
    assert (
        said(tmp_path / "forecast.csv")
        == f"--baseline {str(tmp_path / 'forecast.csv')!r} is not a Python file."
    )


def test_predict_and_explain_say_a_file_is_no_model_folder(capsys, tmp_path):
    # `lstmkit predict runs/airline/forecast.csv` said "is not a saved lstmkit model (no
    # config.json in it or in its model/ subfolder).", as for an empty folder, while the text
    # commands said what it is
    csv = tmp_path / "forecast.csv"
    csv.write_text("timestamp,forecast\n")
    for argv in (["predict", str(csv)], ["explain", str(csv), "--step", "0"]):
        assert main(argv) == 2
        assert capsys.readouterr() == (
            "",
            f"error: {str(csv)!r} is a file, not a saved model's folder.\n",
        )
    assert main(["text", "spell", str(csv), "42"]) == 2
    assert (
        capsys.readouterr().err == f"error: {str(csv)!r} is a file, not a saved model's folder.\n"
    )
