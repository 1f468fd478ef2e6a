"""revtour18: review of tour18 (files named by their signature where text is read, model folders
of another kind named with the command that runs them): a PDF given as --csv, `lstmkit
predict`'s and Forecaster.load's wording of a text model's folder, and `text train`'s minutes of
silence where stderr is no terminal."""

from __future__ import annotations

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
