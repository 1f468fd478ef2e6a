"""tour18: a fresh user's pass over the tour, the Speed sections, the character-level LM,
seq2seq and "Baselines and faithfulness": what the obvious wrong inputs there were told."""

from __future__ import annotations

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
