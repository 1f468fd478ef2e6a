"""``lstmkit explain`` on forecasters: flag validation before anything is loaded or written,
``--csv`` columns and ``--fill``, run folders, and the printed relevance format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.cli.explain import _num
from lstmkit.data import load_dataset
from lstmkit.explain.forecast import ForecastExplanation, explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.io import versions

_SMALL = {"lookback": 12, "ensemble": 1, "epochs": 2, "hidden_size": 6, "refit": False}


def _fit(strategy: str, *frames: pd.DataFrame) -> Forecaster:
    cfg = ForecasterConfig(horizon=3, strategy=strategy, interval=None, **_SMALL)
    return Forecaster(cfg).fit(*frames)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """A folder like ``lstmkit forecast --out`` writes: the forecaster in ``model/``."""
    run = tmp_path_factory.mktemp("run")
    _fit("direct", load_dataset("airline").to_frame()[:-12]).save(run / "model")
    return run


@pytest.fixture(scope="module")
def recursive_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rec")
    _fit("recursive", load_dataset("airline").to_frame()[:-12]).save(out)
    return out


@pytest.fixture(scope="module")
def sales(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """A forecaster trained on ``sales`` with covariate ``price``, and its training data."""
    index = pd.date_range("2010-01-01", periods=72, freq="MS")
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "sales": 100 + 10 * np.sin(np.arange(72) * np.pi / 6) + rng.normal(0, 1, 72),
            "price": rng.normal(1, 0.2, 72),
        },
        index=index,
    )
    out = tmp_path_factory.mktemp("sales")
    _fit("direct", frame[["sales"]], frame[["price"]]).save(out)
    return out, frame


def _err(capsys) -> str:
    return capsys.readouterr().err


def test_out_through_a_file_is_refused_first(run_dir, tmp_path, capsys) -> None:
    blocker = tmp_path / "existing_file"
    blocker.write_text("keep")
    out = blocker / "sub"
    assert main(["explain", str(run_dir / "model"), "--out", str(out)]) == 2
    err = _err(capsys)
    assert err.startswith("error: --out ") and "is a file" in err
    # checked before the model: a missing model still gets the --out error
    assert main(["explain", str(tmp_path / "no-model"), "--out", str(out)]) == 2
    assert _err(capsys).startswith("error: --out ")
    assert blocker.read_text() == "keep"


def test_step_out_of_range_names_the_flag(run_dir, tmp_path, capsys) -> None:
    out = tmp_path / "never"
    for step in ("3", "-1"):
        assert main(["explain", str(run_dir), "--step", step, "--out", str(out)]) == 2
        err = _err(capsys)
        assert err == (
            f"error: --step must be in [0, 3) for this model (horizon 3; 0 is the next step), "
            f"got {step}.\n"
        )
    assert not out.exists()


def test_recursive_step_says_why(recursive_dir, tmp_path, capsys) -> None:
    out = tmp_path / "never"
    assert main(["explain", str(recursive_dir), "--step", "2", "--out", str(out)]) == 2
    err = _err(capsys)
    assert err.startswith("error: --step must be 0 for this model, got 2: ")
    assert "'recursive'" in err and "one step ahead only" in err
    assert not out.exists()
    # the one step it has is explained, as the library does
    assert main(["explain", str(recursive_dir), "--top", "1"]) == 0
    printed = capsys.readouterr().out
    assert "forecast step 1 after" in printed and "\ntop 1 lag:\n" in printed


def test_target_is_refused_for_a_forecaster(run_dir, tmp_path, capsys) -> None:
    out = tmp_path / "never"
    assert main(["explain", str(run_dir), "--target", "3", "--out", str(out)]) == 2
    err = _err(capsys)
    assert err.startswith("error: --target applies to a classifier") and "'3'" in err
    assert "--step" in err
    assert not out.exists()


def test_out_holding_a_model_or_a_run_is_refused_before_anything_is_written(
    run_dir, recursive_dir, classifier_dir, capsys
) -> None:
    # `--out` the model's own folder put explanation.html and relevance.* among its files
    for model, out, holds in [
        # no run.json here: it was named all the same (io5)
        (run_dir, run_dir, "a saved model in its model/ (as `lstmkit forecast` writes one)"),
        # of its kind, as the text commands' refusal of another kind's folder names it
        (recursive_dir, recursive_dir, "a saved model of kind 'lstmkit.Forecaster' (config.json)"),
        (classifier_dir, classifier_dir, "a saved model of kind 'classifier' (config.json)"),
    ]:
        before = sorted(p.name for p in out.iterdir())
        text = ["--text", "a good film"] if model == classifier_dir else []
        assert main(["explain", str(model), *text, "--out", str(out)]) == 2
        assert _err(capsys) == (
            f"error: --out {str(out)!r} holds {holds}; `lstmkit explain` would mix its files "
            "with it. Choose another folder.\n"
        )
        assert sorted(p.name for p in out.iterdir()) == before


def test_csv_flags_need_csv(run_dir, capsys) -> None:
    own = "only with --csv FILE; without it, the saved model's own history is read.\n"
    assert main(["explain", str(run_dir), "--fill", "zero"]) == 2
    assert _err(capsys) == f"error: --fill applies {own}"
    assert main(["explain", str(run_dir), "--date-col", "d", "--value-col", "v"]) == 2
    assert _err(capsys) == f"error: --date-col, --value-col apply {own}"


def test_run_folder_is_accepted(run_dir, capsys) -> None:
    assert main(["explain", str(run_dir), "--top", "2"]) == 0
    assert "top 2 lags" in capsys.readouterr().out


def test_folder_without_model_says_where_it_looked(tmp_path, capsys) -> None:
    (tmp_path / "model").mkdir()
    assert main(["explain", str(tmp_path)]) == 2
    assert "no config.json in it or in its model/ subfolder" in _err(capsys)


def test_a_model_folder_that_does_not_exist_is_named_so(tmp_path, capsys) -> None:
    # it read "is not a saved lstmkit model (no config.json in it ...)", as for an empty folder
    missing = tmp_path / "typo"
    for argv in (["explain", str(missing), "--text", "hi"], ["predict", str(missing)]):
        assert main(argv) == 2
        assert _err(capsys) == f"error: model folder {str(missing)!r} does not exist.\n"
    assert not missing.exists()


def _write(frame: pd.DataFrame, path: Path, columns: list[str]) -> Path:
    table = frame.copy()
    table["month"] = table.index.strftime("%Y-%m")
    table[columns].to_csv(path, index=False)
    return path


def test_csv_with_nans_and_fill(sales, tmp_path, capsys, undrawn_figures) -> None:
    model, frame = sales
    holes = frame.copy()
    holes.iloc[[-5, -3], 1] = np.nan
    csv = _write(holes, tmp_path / "holes.csv", ["month", "sales", "price"])
    out = tmp_path / "never"
    assert main(["explain", str(model), "--csv", str(csv), "--out", str(out)]) == 2
    err = _err(capsys)
    assert "got NaN in column 'price'" in err and "--fill" in err
    assert not out.exists()
    out = tmp_path / "filled"
    args = ["explain", str(model), "--csv", str(csv), "--fill", "interpolate", "--out", str(out)]
    assert main(args) == 0
    filled = holes.interpolate()
    fc = Forecaster.load(model)
    ex = explain_forecast(fc, series=filled[["sales"]], covariates=filled[["price"]])
    table = pd.read_csv(out / "relevance.csv")
    np.testing.assert_allclose(table["relevance"], ex.per_lag, rtol=1e-6)


def test_csv_columns_by_name_and_flags(sales, tmp_path, capsys, undrawn_figures) -> None:
    model, frame = sales
    fc = Forecaster.load(model)
    expected = explain_forecast(fc, series=frame[["sales"]], covariates=frame[["price"]]).per_lag

    def relevance(*flags: str) -> np.ndarray:
        out = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
        assert main(["explain", str(model), *flags, "--out", str(out)]) == 0, _err(capsys)
        return pd.read_csv(out / "relevance.csv")["relevance"].to_numpy()

    # the training CSV, columns in another order: found by the model's names
    swapped = _write(frame, tmp_path / "swapped.csv", ["month", "price", "sales"])
    np.testing.assert_allclose(relevance("--csv", str(swapped)), expected, rtol=1e-6)
    # the date column elsewhere, named with --date-col
    late = _write(frame, tmp_path / "late.csv", ["sales", "price", "month"])
    np.testing.assert_allclose(
        relevance("--csv", str(late), "--date-col", "month"), expected, rtol=1e-6
    )
    # a renamed covariate: refused by default, read with --covariate-cols
    renamed = _write(
        frame.rename(columns={"price": "cost"}), tmp_path / "r.csv", ["month", "cost", "sales"]
    )
    assert main(["explain", str(model), "--csv", str(renamed)]) == 2
    err = _err(capsys)
    assert "has the model's column sales but not price" in err and "--covariate-cols" in err
    np.testing.assert_allclose(
        relevance("--csv", str(renamed), "--covariate-cols", "cost"), expected, rtol=1e-6
    )
    # a semicolon-separated file with decimal commas, found by name with --sep and --decimal
    table = frame.copy()
    table["month"] = table.index.strftime("%Y-%m")
    semi = tmp_path / "semi.csv"
    table[["month", "price", "sales"]].to_csv(semi, index=False, sep=";", decimal=",")
    assert "," in semi.read_text()  # the values are not all whole numbers
    np.testing.assert_allclose(
        relevance("--csv", str(semi), "--sep", ";", "--decimal", ","), expected, rtol=1e-6
    )
    # a column too few
    short = _write(frame, tmp_path / "short.csv", ["month", "sales"])
    assert main(["explain", str(model), "--csv", str(short), "--value-col", "sales"]) == 2
    assert _err(capsys) == (
        f"error: --csv {str(short)!r} lacks the model's covariate price (its columns: month, "
        "sales); pass --covariate-cols with the file's column for price.\n"
    )


def _fake_explanation(*args, **kwargs) -> ForecastExplanation:
    per_lag = np.array([1.5e-5, -2.25e-6, 0.5, -123.4])
    return ForecastExplanation(
        per_lag=per_lag,
        per_feature=np.stack([per_lag, np.zeros(4)], axis=1),
        features=["airline", "season sin"],
        window=np.arange(4.0),
        index=["1959-09-01", "1959-10-01", "1959-11-01", "1959-12-01"],
        score=0.25,
        step=0,
        method="lrp",
    )


def test_relevance_printed_with_significant_digits(run_dir, monkeypatch, capsys) -> None:
    monkeypatch.setattr("lstmkit.explain.forecast.explain_forecast", _fake_explanation)
    assert main(["explain", str(run_dir), "--top", "4"]) == 0
    *lines, total = capsys.readouterr().out.splitlines()[2:]
    # lrpcli28: the lags' sum in the same digits
    assert total == (
        "relevance in all: lags -122.9000 + initial state +0.0000 = -122.9000, network output "
        "0.2500; the biases hold the rest (pass --bias-factor 1 to conserve it)"
    )
    # lag, time padded to 20, the relevance right-aligned in 9 characters, then per feature
    expected = [
        ("1", "1959-12-01", "-123.4000", "airline -123.4000"),
        ("2", "1959-11-01", "+0.5000", "airline +0.5000"),
        ("4", "1959-09-01", "+1.50e-05", "airline +1.50e-05"),
        ("3", "1959-10-01", "-2.25e-06", "airline -2.25e-06"),
    ]
    assert lines == [
        f"  lag   {lag}  {time:<20} {value:>9}  ({detail}, season sin +0.0000)"
        for lag, time, value, detail in expected
    ]
    assert len({line.index("  (") for line in lines}) == 1  # the column stays aligned
    # only the exact zeros print as 0.0000
    assert not any(re.search(r"[+-]0\.0000\b", line.split("season")[0]) for line in lines)


def test_classifier_contributions_and_forecaster_flags(classifier_dir, tmp_path, capsys) -> None:
    out = tmp_path / "never"
    args = ["explain", str(classifier_dir), "--text", "good", "--step", "1", "--out", str(out)]
    assert main(args) == 2
    assert _err(capsys).startswith("error: --step applies to a forecaster; ")
    assert not out.exists()
    # --future-cols too (it was read by no one: the sentence was explained as if it were not given)
    args = ["explain", str(classifier_dir), "--text", "good", "--future-cols", "x", "promo"]
    assert main(args) == 2
    assert _err(capsys) == (
        f"error: --future-cols applies to a forecaster; {str(classifier_dir)!r} holds a "
        "classifier, which explains sentences given with --text or --file.\n"
    )
    out = tmp_path / "x"
    args = [
        "explain",
        str(classifier_dir),
        "--text",
        "a good film",
        "--no-color",
        "--out",
        str(out),
    ]
    assert main(args) == 0
    record = json.loads((out / "relevance.json").read_text())
    lines = capsys.readouterr().out.splitlines()
    rows = lines[lines.index("top 3 contributions:") + 1 :][:3]
    order = np.argsort(-np.abs(record["relevance"]), kind="stable")
    assert rows == [
        f"  {i:3d}  {record['tokens'][i]:<20} {_num(record['relevance'][i])}" for i in order
    ]


def test_classifier_text_is_ptb_tokenised_and_unknown_tokens_named(
    classifier_dir, tmp_path, capsys
) -> None:
    out = tmp_path / "out"
    args = ["explain", str(classifier_dir), "--text", "A good film, xqzzy!", "--out", str(out)]
    assert main([*args, "--no-color"]) == 0
    text = capsys.readouterr().out
    assert "not in the vocabulary (read as <unk>): , xqzzy !" in text
    record = json.loads((out / "relevance.json").read_text())
    assert record["tokens"] == ["a", "good", "film", ",", "xqzzy", "!"]
    assert record["unknown"] == [",", "xqzzy", "!"]
    assert main(["explain", str(classifier_dir), "--text", "a good film"]) == 0
    assert "not in the vocabulary" not in capsys.readouterr().out


def test_out_folder_problems_are_refused_before_anything_is_written(
    run_dir, tmp_path, capsys
) -> None:
    out = tmp_path / "x"
    (out / "relevance.csv").mkdir(parents=True)
    assert main(["explain", str(run_dir), "--out", str(out)]) == 2
    err = _err(capsys)
    assert err.startswith("error: --out ") and "holds a folder named 'relevance.csv'" in err
    assert sorted(p.name for p in out.iterdir()) == ["relevance.csv"]  # no PNG written first
    link = tmp_path / "dangling"
    link.symlink_to(tmp_path / "nowhere")
    assert main(["explain", str(run_dir), "--out", str(link / "sub")]) == 2
    assert "is a broken symbolic link" in _err(capsys)
    with pytest.raises(SystemExit) as exit_:
        main(["explain", str(run_dir), "--out", ""])
    assert exit_.value.code == 2
    assert _err(capsys) == "error: --out must name a folder, got ''.\n"


def test_a_forecaster_refuses_sentences(run_dir, tmp_path, capsys) -> None:
    file = tmp_path / "s.txt"
    file.write_text("a film\n", encoding="utf-8")
    end = (
        f" for the forecaster {str(run_dir / 'model')!r}; it explains a series window: give a "
        "history with --csv FILE, or nothing for the one it was fitted on.\n"
    )
    assert main(["explain", str(run_dir), "--file", str(file)]) == 2
    assert capsys.readouterr().err == (
        f"error: --file applies to a classifier (the sentences to explain), got {str(file)!r}" + end
    )
    assert main(["explain", str(run_dir), "--text", "a", "--text", "b"]) == 2
    assert capsys.readouterr().err == (
        "error: --text applies to a classifier (the sentence to explain), got ['a', 'b']" + end
    )


def test_a_forecaster_run_removes_the_files_of_several_sentences(run_dir, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # records of lstmkit's (out25: "earlier" in relevance-12.json is a file of the user's), each
    # with the explanation-N.html it vouches for (out26: a lone one is no earlier run's)
    for name in ("explanation-1.html", "relevance-x.json", "notes.txt"):
        (out / name).write_text("earlier", encoding="utf-8")
    for name in ("relevance-1.json", "relevance-12.json"):
        (out / name).write_text(json.dumps({"versions": versions()}), encoding="utf-8")
    assert main(["explain", str(run_dir), "--out", str(out)]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation.json",
        "notes.txt",
        "relevance-x.json",
        "relevance.csv",
        "relevance.png",
    ]  # only the numbered files explain writes go; what else the folder holds stays


def test_text_flag_and_csv_column_errors_name_the_flag(run_dir, tmp_path, capsys) -> None:
    assert main(["explain", str(run_dir), "--text", "hi"]) == 2
    assert _err(capsys).startswith("error: --text applies to a classifier (the sentence to ")
    csv = tmp_path / "a.csv"
    csv.write_text("month,value\n1949-01,112\n")
    assert main(["explain", str(run_dir), "--csv", str(csv), "--date-col", "nope"]) == 2
    assert _err(capsys) == (
        f"error: --date-col 'nope' is not a column of {str(csv)!r}; available columns: ['month', "
        "'value'].\n"
    )
    assert main(["explain", str(run_dir), "--csv", str(tmp_path)]) == 2
    assert _err(capsys) == (
        f"error: --csv must be a CSV file, got the folder {str(tmp_path)!r}; it holds a.csv: "
        f"pass '{csv}'.\n"
    )


def test_date_format_reads_a_day_first_csv(run_dir, tmp_path, capsys) -> None:
    y = load_dataset("airline")[:-12]
    day_first = tmp_path / "eu.csv"
    pd.DataFrame({"month": y.index.strftime("%d/%m/%Y"), "value": y.to_numpy()}).to_csv(
        day_first, index=False
    )
    iso = tmp_path / "iso.csv"
    pd.DataFrame({"month": y.index.strftime("%Y-%m-%d"), "value": y.to_numpy()}).to_csv(
        iso, index=False
    )
    assert main(["explain", str(run_dir), "--csv", str(day_first)]) == 2
    assert "--date-format '%d/%m/%Y'" in _err(capsys)
    args = ["explain", str(run_dir), "--csv", str(day_first), "--date-format", "%d/%m/%Y"]
    assert main(args) == 0
    got = capsys.readouterr().out
    assert main(["explain", str(run_dir), "--csv", str(iso)]) == 0
    assert got == capsys.readouterr().out  # the same dates, the same explanation


def test_a_rerun_leaves_one_explanation_with_its_settings(
    tmp_path, capsys, undrawn_figures
) -> None:
    run = tmp_path / "s2s"
    _fit("seq2seq", load_dataset("airline").to_frame()[:-12]).save(run)
    out = tmp_path / "why"
    args = ["explain", str(run), "--step", "2", "--bias-factor", "1", "--out", str(out)]
    assert main(args) == 0
    capsys.readouterr()
    record = json.loads((out / "explanation.json").read_text())
    assert record["step"] == 2 and record["method"] == "lrp"
    assert record["options"] == {"eps": 0.001, "bias_factor": 1.0, "convention": "equation"}
    assert record["files"] == ["relevance.png", "relevance.csv", "decoder_relevance.csv"]
    lags = pd.read_csv(out / "relevance.csv")["relevance"].sum()
    future = pd.read_csv(out / "decoder_relevance.csv")["relevance"].sum()
    # with bias_factor 1 the files and the initial state add up to the explained output
    assert lags + future + record["initial_state"] == pytest.approx(record["score"], abs=1e-9)
    assert (
        main(["explain", str(run), "--step", "1", "--method", "gradxinput", "--out", str(out)]) == 0
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation.json",
        "relevance.csv",
        "relevance.png",
    ]
    record = json.loads((out / "explanation.json").read_text())
    assert (record["step"], record["method"], record["options"]) == (1, "gradxinput", {})
