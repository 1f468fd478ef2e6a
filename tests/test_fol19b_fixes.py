"""Fixes of fol19b: small leftovers of the session's reviews."""

import io

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main

_INF = "date,sales,promo\n2020-01-01,1,0\n2020-02-01,2,1\n2020-03-01,3,inf\n2020-04-01,4,0\n"
_NAN = "date,sales,promo\n2020-01-01,1,0\n2020-02-01,,1\n2020-03-01,3,\n2020-04-01,4,0\n"
_FILL = " Fill them first: pass --fill ffill, bfill, interpolate or zero.\n"


def test_read_csv_s_inf_refusal_names_its_file(tmp_path) -> None:
    # "values must be finite, got inf in column 'promo' at 2020-03-01." named no file, where
    # the non-numeric refusal named it ("column 'promo' of 'bad.csv' has non-numeric ...")
    path = tmp_path / "bad.csv"
    path.write_text(_INF)
    with pytest.raises(ValueError) as error:
        D.read_csv(path, "date", ["sales", "promo"])
    assert str(error.value) == (
        f"values must be finite, got inf in column 'promo' of {str(path)!r} at 2020-03-01."
    )


def test_the_nan_refusal_names_the_file_once_on_its_first_column(tmp_path, capsys) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(_NAN)
    argv = ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "sales"]
    argv += ["--covariate-cols", "promo", "--out", str(tmp_path / "out")]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: values must not be missing (NaN), got NaN in column 'sales' of {str(path)!r} "
        "at 2020-02-01; column 'promo' at 2020-03-01." + _FILL
    )
    assert not (tmp_path / "out").exists()


def test_a_csv_piped_in_is_named_as_stdin_in_the_nan_refusal(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    raw = io.BytesIO(_NAN.encode())
    raw.name = "<stdin>"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))
    argv = ["forecast", "--csv", "-", "--date-col", "date", "--value-col", "sales"]
    assert main([*argv, "--covariate-cols", "promo", "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        "error: values must not be missing (NaN), got NaN in column 'sales' of '<stdin>' "
        "at 2020-02-01; column 'promo' at 2020-03-01." + _FILL
    )


def test_a_frame_in_memory_is_named_by_no_file() -> None:
    frame = pd.DataFrame(
        {"sales": [1.0, np.inf, 3.0]}, index=pd.date_range("2020-01-01", periods=3, freq="D")
    )
    with pytest.raises(ValueError) as error:
        D.to_frame(frame)
    assert str(error.value) == "values must be finite, got inf in column 'sales' at 2020-01-02."


@pytest.mark.parametrize("reader", ["forecast", "text"])
def test_a_separator_of_the_wrong_type_is_a_type_error(tmp_path, reader) -> None:
    # read_csv(sep=3) and read_labelled_csv(sep=3) raised ValueError for a wrong type
    from lstmkit.text import read_labelled_csv

    path = tmp_path / "s.csv"
    path.write_text("d,y\n2020-01-01,1\n")
    with pytest.raises(TypeError) as error:
        if reader == "forecast":
            D.read_csv(path, "d", "y", sep=3)
        else:
            read_labelled_csv(path, "d", "y", sep=3)
    assert str(error.value) == "`sep` must be a str, one character, got int 3."


def test_a_thousands_separator_of_the_wrong_type_is_a_type_error(tmp_path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("d,y\n2020-01-01,1\n")
    with pytest.raises(TypeError) as error:
        D.read_csv(path, "d", "y", thousands=b",")
    assert str(error.value) == "`thousands` must be a str, one character (or None), got bytes b','."


def test_a_data_dir_equal_to_lstmkit_data_is_named_by_its_flag(tmp_path, monkeypatch, capsys):
    # --data-dir X with LSTMKIT_DATA=X too was told "LSTMKIT_DATA ('X') holds no text data"
    folder = str(tmp_path / "nosuch")
    monkeypatch.setenv("LSTMKIT_DATA", folder)
    out = tmp_path / "out"
    assert main(["text", "train", "sst2", "--data-dir", folder, "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith(
        f"error: --data-dir ({folder!r}) holds no text data (no such folder): "
    )
    assert not out.exists()
    from lstmkit.text.sst import find_text_data

    with pytest.raises(FileNotFoundError) as error:  # and from Python, by its argument
        find_text_data(folder)
    assert str(error.value).startswith(f"`data_dir` ({folder!r}) holds no text data")
    with pytest.raises(FileNotFoundError) as error:  # the variable alone: named as it is
        find_text_data()
    assert str(error.value).startswith(f"LSTMKIT_DATA ({folder!r}) holds no text data")


def test_a_missing_step_beside_a_stamp_twice_no_step_reads_is_said_alone(promo_plan):
    # "timestamps must be unique, got duplicates in `future_covariates`: 2021-01-10. The
    # missing timestamp(s) lie in ...": the repeated stamp, in rows no step reads, is accepted
    fc, promo = promo_plan.fitted()
    plan = pd.concat([promo[:10], promo[9:41], promo[42:]])  # 2021-01-10 twice, no 2021-02-11
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=plan)
    assert str(error.value) == (
        "`future_covariates` has no row for 2021-02-11, in the 4 forecast steps, of which it "
        "must hold a row each, by its timestamp (2021-02-10 … 2021-02-13): add a row for "
        "2021-02-11 with their values, or a fill makes their values up."
    )
