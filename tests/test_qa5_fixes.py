"""A fresh user's pass through the README after the day's merges: defects found by running its
commands as written, each pinned by the test that found it."""

from __future__ import annotations

import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

# the smallest fit of a direct model with a future covariate
_FIT = ["--horizon", "2", "--lookback", "6", "--epochs", "1", "--ensemble", "1", "--holdout", "0"]
_FIT += ["--season-length", "1", "--no-calendar", "--hidden-size", "2", "--no-stat-baselines"]


def _promo_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """A direct model fitted on sales with the future covariate promo, and its CSV."""
    t = np.arange(40)
    data = pd.DataFrame(
        {"sales": 50 + 10 * np.sin(t / 4), "promo": (t % 5 == 0) * 1.0},
        pd.date_range("2020-01-06", periods=40, freq="D"),
    )
    data.iloc[38:, 0] = np.nan  # the forecast steps: the plan alone
    data.to_csv(tmp_path / "promo.csv", index_label="day")
    csv = str(tmp_path / "promo.csv")
    flags = ["--csv", csv, "--date-col", "day", "--value-col", "sales", "--future-cols", "promo"]
    out = str(tmp_path / "run")
    assert main(["forecast", *flags, *_FIT, "--out", out]) == 0
    capsys.readouterr()
    return out, csv


def test_explain_refusing_the_default_lrp_names_no_flag_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit explain DIR --csv FILE` of a model forecast with --future-cols (direct, the
    # default strategy) was refused as "--method='lrp' does not explain ...": a flag the user
    # never typed, and no word of which methods do explain it
    out, csv = _promo_run(tmp_path, capsys)
    assert main(["explain", out, "--csv", csv]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: LRP, the default --method, does not explain a direct Forecaster with future "
        "covariates (promo): their effect is added beside its head, outside the network LRP "
        "walks. Use another --method (gradxinput, ig, occlusion or sensitivity; they are then "
        "held fixed), or a model forecast with --strategy seq2seq, whose LRP gives their "
        "relevance per forecast step."
    ]
    # typed, it is named as typed
    assert main(["explain", out, "--csv", csv, "--method", "lrp"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: --method='lrp' does not explain a direct Forecaster with future covariates "
        "(promo): their effect is added beside its head, outside the network LRP walks. Use "
        "another --method (they are then held fixed), or a model forecast with --strategy "
        "seq2seq, whose LRP gives their relevance per forecast step."
    ]


def test_a_tab_separated_file_of_texts_is_told_its_sep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a TSV of reviews (as the UCI sentiment sentences come) read without --sep: texts with
    # commas were refused for their fields' count or for a quote, never for the separator (a
    # file named .tsv is read tab-separated now: these are named .txt, as the UCI files are)
    rows = ["text\tlabel", "Great food, great staff.\t1", "Cold, bland and slow.\t0"]
    rows += ['As for the "mains," also uninspired.\t0', "Loved it, truly.\t1"] * 3
    (tmp_path / "yelp.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = str(tmp_path / "run")
    flags = ["--text-col", "text", "--label-col", "label", "--epochs", "1", "--out", out]
    assert main(["text", "train", "--csv", str(tmp_path / "yelp.txt"), *flags]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: --csv {str(tmp_path / 'yelp.txt')!r} has one column by its header "
        "'text\\tlabel', which holds '\\t': the file looks '\\t'-separated; pass --sep tab."
    ]
    # from Python, the argument with its flag
    from lstmkit.text.labelled import read_labelled_csv

    with pytest.raises(ValueError) as err:
        read_labelled_csv(tmp_path / "yelp.txt", "text", "label")
    assert str(err.value).endswith(
        "has one column by its header 'text\\tlabel', which holds '\\t': the file looks "
        "'\\t'-separated; pass sep='\\t' (CLI: --sep tab)."
    )
    # no quote: refused for the fields of a row, that too said as the separator
    (tmp_path / "bland.txt").write_text(
        "text\tlabel\nFine.\t1\nCold, bland, slow.\t0\n", encoding="utf-8"
    )
    assert main(["text", "train", "--csv", str(tmp_path / "bland.txt"), *flags]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: --csv {str(tmp_path / 'bland.txt')!r} has one column by its header "
        "'text\\tlabel', which holds '\\t': the file looks '\\t'-separated; pass --sep tab."
    ]
    # rows of as many fields as the header's: refused as before, by the missing columns
    (tmp_path / "plain.txt").write_text("text\tlabel\ngood film\tpos\n", encoding="utf-8")
    assert main(["text", "train", "--csv", str(tmp_path / "plain.txt"), *flags]) == 2
    assert "pass --sep tab" in capsys.readouterr().err


def test_predict_reads_a_file_of_renamed_columns_in_order_future_covariates_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # README: `predict DIR --csv FILE` reads "the target and covariates (past and
    # --future-cols) by the model's names, or the remaining columns in order when none of the
    # names match"; a file whose columns were all renamed (Tag, Umsatz, Aktion) was refused
    # for lacking the future covariate promo
    import json

    out, csv = _promo_run(tmp_path, capsys)
    renamed = tmp_path / "umbenannt.csv"
    table = pd.read_csv(csv).rename(columns={"day": "Tag", "sales": "Umsatz", "promo": "Aktion"})
    table.to_csv(renamed, index=False)
    forecasts = []
    for path in (csv, str(renamed)):
        assert main(["predict", out, "--csv", path, "--json"]) == 0
        forecasts.append(json.loads(capsys.readouterr().out)["forecast"])
    assert forecasts[1] == forecasts[0]
    assert forecasts[1]["timestamp"] == ["2020-02-13", "2020-02-14"]
    # and explain, which reads them the same way
    assert main(["explain", out, "--csv", str(renamed), "--method", "ig", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["csv"] == str(renamed)
    # some of the model's names but not this one: refused as before, naming the flag
    table.rename(columns={"Umsatz": "sales"}).to_csv(renamed, index=False)
    assert main(["predict", out, "--csv", str(renamed)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: --csv {str(renamed)!r} lacks the model's future covariate promo (its "
        "columns: Tag, sales, Aktion); pass --future-cols with the file's column for promo."
    ]


def test_predict_and_explain_tell_a_semicolon_file_its_sep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a model fitted on a ';'-separated file, given it again without --sep: "the model was
    # trained on 1 column(s) (Umsatz); --csv 'umsatz.csv' gives 0 (none) besides the date
    # column 'Monat;Umsatz'. Name it with --value-col."
    t = np.arange(30)
    lines = ["Monat;Umsatz"]
    dates = pd.date_range("2020-01-01", periods=30, freq="MS")
    lines += [f"{d:%Y-%m-%d};{50 + 10 * np.sin(i / 2):.2f}" for i, d in zip(t, dates, strict=True)]
    path = tmp_path / "umsatz.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    flags = ["--csv", str(path), "--date-col", "Monat", "--value-col", "Umsatz", "--sep", ";"]
    out = str(tmp_path / "run")
    assert main(["forecast", *flags, *_FIT, "--out", out]) == 0
    # the run's run.json tells predict and explain its --sep (tests/test_runfmt_fixes.py); a
    # model saved without it (Forecaster.save) does not
    (tmp_path / "run" / "run.json").unlink()
    capsys.readouterr()
    for command in (["predict", out], ["explain", f"{out}/model"]):
        assert main([*command, "--csv", str(path)]) == 2
        line = shlex.join(["lstmkit", *command, "--csv", str(path), "--sep", ";"])
        assert capsys.readouterr().err.splitlines() == [
            f"error: --csv {str(path)!r} has one column, 'Monat;Umsatz', whose name holds ';': "
            f"the file looks ';'-separated; pass --sep ';'; this reads it: {line}"
        ]
        assert main(shlex.split(line)[1:]) == 0  # the line to paste (sep36)


def test_columns_given_by_number_are_told_columns_have_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the UCI sentiment sentences have no header row: `--text-col 0 --label-col 1` was told
    # "column(s) ['0'] not found ...; available columns: ['Wow... Loved this place.', '1']"
    path = tmp_path / "yelp_labelled.txt"
    path.write_text("Wow... Loved this place.\t1\nCrust is not good.\t0\n", encoding="utf-8")
    flags = ["--sep", "tab", "--text-col", "0", "--label-col", "1", "--out", str(tmp_path / "r")]
    assert main(["text", "train", "--csv", str(path), *flags]) == 2
    hint = (
        "(columns are named by the file's header row, not numbered; a file without one needs a "
        "header row added above its first row)"
    )
    qp = repr(str(path))  # as given, quoted
    assert capsys.readouterr().err.splitlines() == [
        f"error: --text-col '0' is not a column of {qp}; available columns: "
        f"['Wow... Loved this place.', '1'] {hint}."
    ]
    from lstmkit.data import read_csv

    (tmp_path / "sales.csv").write_text("2020-01-01,5\n2020-02-01,6\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        read_csv(tmp_path / "sales.csv", "0", "1")
    assert str(err.value) == (
        f"columns ['0', '1'] not found in {str(tmp_path / 'sales.csv')!r}; available columns: "
        f"['2020-01-01', '5'] {hint}."
    )
