"""``lstmkit explain`` against exact lines, records and files: the LRP flags, the step checks,
the classifier's printed block and record, and a forecaster's output from a fixed explanation
(``explain_forecast`` replaced, so every printed number is known)."""

from __future__ import annotations

import argparse
import json
import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import CLIError, main
from lstmkit.cli.explain import (
    _check_step,
    _earlier_step,
    _fmt,
    _num,
    _options,
    _text_files,
)
from lstmkit.data import load_dataset
from lstmkit.explain.forecast import ForecastExplanation
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.io import versions


def _lrp_args(method: str = "lrp", **given: object) -> argparse.Namespace:
    flags = {"eps": None, "bias_factor": None, "lrp_convention": None, **given}
    return argparse.Namespace(method=method, **flags)


def test_options_defaults_flags_and_refusals() -> None:
    assert _options(_lrp_args()) == {"eps": 0.001, "bias_factor": 0.0, "convention": "equation"}
    assert _options(_lrp_args(eps=0.5, bias_factor=1.0, lrp_convention="lrp_for_lstm")) == {
        "eps": 0.5,
        "bias_factor": 1.0,
        "convention": "lrp_for_lstm",
    }
    assert _options(_lrp_args("ig")) == {"steps": 32}  # recorded: was {}, the steps in no record
    assert _options(_lrp_args("gradxinput")) == {}
    refused = [
        (
            _lrp_args("ig", lrp_convention="equation"),
            "--lrp-convention applies to --method lrp only, got --method ig.",
        ),
        (
            _lrp_args("occlusion", eps=1.0, lrp_convention="equation"),
            "--eps and --lrp-convention apply to --method lrp only, got --method occlusion.",
        ),
        (_lrp_args(eps=0.0), "--eps must be a positive finite number, got 0."),
        (_lrp_args(eps=float("inf")), "--eps must be a positive finite number, got inf."),
        (
            _lrp_args(bias_factor=1.5),
            "--bias-factor must be a number in [0, 1] (0: biases keep their share, 1: exact "
            "conservation), got 1.5.",
        ),
    ]
    for args, message in refused:
        with pytest.raises(CLIError) as err:
            _options(args)
        assert str(err.value) == message


def test_step_checks_and_the_earlier_step_lever() -> None:
    assert _check_step(argparse.Namespace(step=None), "direct", 3) == 0
    assert _check_step(argparse.Namespace(step=2), "direct", 3) == 2
    assert _check_step(argparse.Namespace(step=0), "recursive", 3) == 0
    for step in (3, -1):
        with pytest.raises(CLIError) as err:
            _check_step(argparse.Namespace(step=step), "seq2seq", 3)
        assert str(err.value) == (
            f"--step must be in [0, 3) for this model (horizon 3; 0 is the next step), got {step}."
        )
    with pytest.raises(CLIError) as err:
        _check_step(argparse.Namespace(step=-1), "recursive", 3)
    assert str(err.value).startswith("--step must be 0 for this model, got -1: its strategy is ")
    assert _earlier_step(0) is None
    assert _earlier_step(1) == "explain an earlier step (--step 0)"
    assert _earlier_step(3) == "explain an earlier step (--step 2 or less)"


def test_file_names_and_number_formats() -> None:
    assert _text_files(1) == [("explanation.html", "relevance.json")]
    assert _text_files(2) == [
        ("explanation-1.html", "relevance-1.json"),
        ("explanation-2.html", "relevance-2.json"),
    ]
    cases = {
        0.0: "+0.0000",
        1e-3: "+0.0010",
        -9.99e-4: "-9.99e-04",
        99999.0: "+99999.0000",
        1e5: "+1.00e+05",
        -2.5e-7: "-2.50e-07",
        3.14159: "+3.1416",
    }
    assert {v: _num(v) for v in cases} == cases
    assert _fmt(0.5) == "  +0.5000" and _fmt(-123.4) == "-123.4000"


# --- the classifier ------------------------------------------------------------------------


def _lrp_of(model_dir: Path, text: str) -> tuple[list[float], float, float, int, list[float]]:
    """The library's LRP of ``text`` (relevance, score, initial state, target) and its
    probabilities."""
    from lstmkit.explain import lrp
    from lstmkit.text.sentiment import SentimentPredictor

    pred = SentimentPredictor.load(model_dir)
    ids, lengths = pred.encode(text)
    ex = lrp(pred.model, ids, lengths=lengths)
    probs = pred.predict_proba([text])[0]
    return (
        ex.relevance[0].tolist(),
        float(ex.score[0]),
        float(ex.initial_state[0]),
        int(ex.target[0]),
        [float(p) for p in probs],
    )


def test_one_sentence_block_and_record(classifier_dir, tmp_path, capsys) -> None:
    from lstmkit.explain.render import to_terminal, top_contributions

    labels = json.loads((classifier_dir / "config.json").read_text())["labels"]
    relevance, score, initial, target, probs = _lrp_of(classifier_dir, "a good zz film qq")
    tokens = ["a", "good", "zz", "film", "qq"]
    top = top_contributions(tokens, np.array(relevance), 9)
    out = tmp_path / "out"
    argv = ["explain", str(classifier_dir), "--text", "a good zz film qq", "--top", "9"]
    assert main([*argv, "--out", str(out)]) == 0
    predicted = labels[int(np.argmax(probs))]
    assert capsys.readouterr().out.splitlines() == [
        f"predicted: {predicted} (p = {max(probs):.3f})",
        f"explained: {labels[target]}, score {score:.4f}, method lrp",
        to_terminal(tokens, np.array(relevance), color=False),
        "top 5 contributions:",
        # revwalk34c: a word read as <unk> says so in the list too
        *(
            f"  {pos:3d}  {tok + ' (<unk>)' * (tok in ('zz', 'qq')):<20} {_num(value)}"
            for pos, tok, value in top
        ),
        # lrpcli28: what the relevance sums to against the score
        f"relevance in all: tokens {_num(sum(relevance))} + initial state {_num(initial)} = "
        f"{_num(sum(relevance) + initial)}, score {score:.4f}; the biases hold the rest (pass "
        "--bias-factor 1 to conserve it)",
        "not in the vocabulary (read as <unk>): zz qq",
        f"wrote {out / 'explanation.html'}, {out / 'relevance.json'} and {out / 'relevance.png'}",
    ]
    record = json.loads((out / "relevance.json").read_text("utf-8"))
    assert list(record) == [
        "model",
        "text",
        "tokens",
        "relevance",
        "initial_state",
        "predicted",
        "probability",
        "probabilities",
        "explained",
        "target",
        "score",
        "method",
        "options",
        "unknown",
        "threads",
        "versions",
        "command",
    ]
    np.testing.assert_allclose(record.pop("relevance"), relevance, rtol=1e-12)
    for key, value in (("initial_state", initial), ("score", score)):
        assert record.pop(key) == pytest.approx(value, rel=1e-12)
    assert record.pop("probability") == pytest.approx(max(probs), rel=1e-6)
    kept = record.pop("probabilities")
    assert list(kept) == labels and list(kept.values()) == pytest.approx(probs, rel=1e-6)
    assert record == {
        "model": str(classifier_dir),
        "text": "a good zz film qq",
        "tokens": tokens,
        "predicted": predicted,
        "explained": labels[target],
        "target": target,
        "method": "lrp",
        "options": {"eps": 0.001, "bias_factor": 0.0, "convention": "equation"},
        "unknown": ["zz", "qq"],
        # what it was computed with, as forecast's run.json records them
        "threads": 1,
        "versions": versions(),
        "command": shlex.join(["lstmkit", *argv, "--out", str(out)]),
    }
    assert (out / "relevance.json").read_text("utf-8").endswith("}\n")


def test_a_file_of_sentences_keeps_line_numbers_and_the_numbered_files(
    classifier_dir, tmp_path, capsys
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # what an earlier run left: the one-sentence pair and numbered pairs past this run's, but
    # not a file of the user's that merely starts like one (out26: an explanation-10.html goes
    # only with the relevance-10.json of lstmkit's that vouches for it)
    stale = [
        "relevance.json",
        "explanation.html",
        "explanation-10.html",
        "relevance-10.json",
        "relevance-3.json",
    ]
    for name in [*stale, "explanation-1.html.bak"]:
        # a record of lstmkit's (out25: "old" in relevance.json is a file of the user's)
        (out / name).write_text(json.dumps({"versions": versions()}) if ".json" in name else "old")
    sentences = tmp_path / "s.txt"
    sentences.write_text("\na good film\n\nbad film\n", "utf-8")
    argv = ["explain", str(classifier_dir), "--file", str(sentences), "--out", str(out)]
    assert main([*argv, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["line"], r["text"], r["unknown"]) for r in records] == [
        (2, "a good film", []),
        (4, "bad film", []),
    ]
    assert [r["written"] for r in records] == [
        [str(out / n) for n in (f"explanation-{k}.html", f"relevance-{k}.json", "relevance.png")]
        for k in (1, 2)
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation-1.html",
        "explanation-1.html.bak",
        "explanation-2.html",
        "relevance-1.json",
        "relevance-2.json",
        "relevance.png",
    ]
    # without --file no line number; the blocks are headed by their sentences
    assert main(["explain", str(classifier_dir), "--text", "bad film", "--text", "good"]) == 0
    blocks = capsys.readouterr().out.rstrip("\n").split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == ["> bad film", "> good"]
    assert [b.splitlines()[4] for b in blocks] == ["top 2 contributions:", "top 1 contribution:"]
    assert main(["explain", str(classifier_dir), "--text", "bad film", "--json"]) == 0
    assert "line" not in json.loads(capsys.readouterr().out)
    sentences.write_text("a good film\n\n!!! ??\n", "utf-8")
    monkey_tokens = ["explain", str(classifier_dir), "--file", str(sentences)]
    assert main([*monkey_tokens, "--json"]) == 0  # "!!!" is a token: nothing refused
    capsys.readouterr()


def test_an_empty_sentence_from_a_file_is_named_by_its_line(
    classifier_dir, tmp_path, capsys, monkeypatch
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    monkeypatch.setattr(SentimentPredictor, "tokens", lambda self, text: text.split("|")[1:])
    sentences = tmp_path / "s.txt"
    sentences.write_text("x|a\n\nnothing\n", "utf-8")
    assert main(["explain", str(classifier_dir), "--file", str(sentences)]) == 2
    assert capsys.readouterr().err == (
        f"error: line 3 of --file {str(sentences)!r} must contain at least one token, got "
        "'nothing'.\n"
    )


def test_target_by_index_and_classifier_only_flags(classifier_dir, capsys) -> None:
    labels = json.loads((classifier_dir / "config.json").read_text())["labels"]
    argv = ["explain", str(classifier_dir), "--text", "good", "--json"]
    assert main([*argv, "--target", str(len(labels) - 1)]) == 0
    assert json.loads(capsys.readouterr().out)["target"] == len(labels) - 1
    assert main([*argv, "--target", str(len(labels))]) == 2
    assert capsys.readouterr().err == (
        f"error: --target must be one of {labels} or an index in [0, {len(labels)}), "
        f"got '{len(labels)}'.\n"
    )
    # a digit that is not a decimal one was read by int() and failed with its bare message
    # (-1 with the note of Python's lrp: a negative index does not count from the end)
    for odd, note in (("\u00b2", ""), ("-1", " (a negative index does not count from the end)")):
        assert main([*argv, "--target", odd]) == 2
        assert capsys.readouterr().err == (
            f"error: --target must be one of {labels} or an index in [0, {len(labels)}){note}, "
            f"got {odd!r}.\n"
        )
    for flags, told in [
        (["--step", "0"], "--step applies"),
        (["--step", "1", "--fill", "zero"], "--step, --fill apply"),
    ]:
        assert main([*argv, *flags]) == 2
        assert capsys.readouterr().err == (
            f"error: {told} to a forecaster; {str(classifier_dir)!r} holds a classifier, which "
            "explains sentences given with --text or --file.\n"
        )


# --- a forecaster, with a fixed explanation ---------------------------------------------------

_SMALL = {"lookback": 12, "ensemble": 1, "epochs": 2, "hidden_size": 6, "refit": False}


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    cfg = ForecasterConfig(horizon=3, interval=None, **_SMALL)
    out = tmp_path_factory.mktemp("fc")
    Forecaster(cfg).fit(load_dataset("airline")[:-12]).save(out)
    return out


def _fixed(per_feature: bool = True, seq2seq: bool = False):
    """``explain_forecast`` returning known numbers for the step it is asked."""

    def explain_forecast(forecaster, step=0, method="lrp", **kwargs) -> ForecastExplanation:
        per_lag = np.array([0.25, -3.0, 1e-6, 2.0])
        return ForecastExplanation(
            per_lag=per_lag,
            # one feature: its relevance is the lag's, not printed beside it
            per_feature=np.stack([per_lag - 0.5, np.full(4, 0.5)], axis=1)
            if per_feature
            else per_lag[:, None],
            features=["airline", "season sin"] if per_feature else ["airline"],
            window=np.arange(4.0),
            index=["1959-09-01", "1959-10-01", "1959-11-01", "1959-12-01"],
            score=0.75,
            step=step,
            method=method,
            future=np.array([[0.5, 0.25], [1.0, -4.0]])[: step + 1] if seq2seq else None,
            future_features=["constant", "season sin"] if seq2seq else None,
            future_index=["1960-01-01", "1960-02-01"][: step + 1] if seq2seq else None,
            initial_state=-0.125,
            time=["1960-01-01", "1960-02-01", "1960-03-01"][step],
        )

    return explain_forecast


def test_forecaster_lines_and_files(model_dir, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("lstmkit.explain.forecast.explain_forecast", _fixed(seq2seq=True))
    out = tmp_path / "out"
    out.mkdir()
    # a classifier's, from an earlier run: lstmkit's record (out25: "old" is the user's)
    (out / "relevance.json").write_text(json.dumps({"versions": versions()}))
    argv = ["explain", str(model_dir), "--step", "1", "--top", "3", "--method", "ig"]
    assert main([*argv, "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "explained: forecast step 2 after 1959-12-01 (1960-02-01), network output 0.7500 "
        "(scaled), method ig, 4 lags",
        "top 3 lags:",
        "  lag   3  1959-10-01             -3.0000  (airline -3.5000, season sin +0.5000)",
        "  lag   1  1959-12-01             +2.0000  (airline +1.5000, season sin +0.5000)",
        "  lag   4  1959-09-01             +0.2500  (airline -0.2500, season sin +0.5000)",
        "decoder inputs of forecast steps 1-2: -2.2500 in all",
        "  step  1  1960-01-01             +0.7500  (constant +0.5000, season sin +0.2500)",
        "  step  2  1960-02-01             -3.0000  (constant +1.0000, season sin -4.0000)",
        "relevance in all: lags -0.7500 + decoder inputs -2.2500, network output 0.7500; "
        "integrated gradients sum to the output less the baseline's (at zero inputs)",
        f"wrote {out / 'relevance.png'}, {out / 'relevance.csv'}, "
        f"{out / 'decoder_relevance.csv'} and {out / 'explanation.json'}",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "decoder_relevance.csv",
        "explanation.json",
        "relevance.csv",
        "relevance.png",
    ]
    assert (out / "relevance.csv").read_text().splitlines() == [
        "time,lag,relevance,relevance:airline,relevance:season sin,forecast_step,forecast_time,"
        "method,units",
        "1959-09-01,4,0.25,-0.25,0.5,2,1960-02-01,ig,network output (scaled)",
        "1959-10-01,3,-3.0,-3.5,0.5,2,1960-02-01,ig,network output (scaled)",
        "1959-11-01,2,1e-06,-0.499999,0.5,2,1960-02-01,ig,network output (scaled)",
        "1959-12-01,1,2.0,1.5,0.5,2,1960-02-01,ig,network output (scaled)",
    ]
    assert (out / "decoder_relevance.csv").read_text().splitlines() == [
        "time,step,relevance,relevance:constant,relevance:season sin,forecast_step,"
        "forecast_time,method,units",
        "1960-01-01,1,0.75,0.5,0.25,2,1960-02-01,ig,network output (scaled)",
        "1960-02-01,2,-3.0,1.0,-4.0,2,1960-02-01,ig,network output (scaled)",
    ]
    text = (out / "explanation.json").read_text("utf-8")
    assert text.endswith("}\n")
    assert json.loads(text) == {
        "model": str(model_dir),
        "csv": None,
        "data_sha256": None,
        "where": None,
        "origin": "1959-12-01",
        "step": 1,
        "time": "1960-02-01",
        "method": "ig",
        "options": {"steps": 32},  # exspeed38: integrated gradients' steps recorded
        "score": 0.75,
        "initial_state": -0.125,
        "lags": 4,
        "threads": 1,
        "versions": versions(),
        "command": shlex.join(["lstmkit", *argv, "--out", str(out)]),
        "files": ["relevance.png", "relevance.csv", "decoder_relevance.csv"],
    }
    # a rerun without decoder inputs leaves no decoder_relevance.csv behind
    monkeypatch.setattr("lstmkit.explain.forecast.explain_forecast", _fixed(per_feature=False))
    assert main(["explain", str(model_dir), "--top", "9", "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        "explained: forecast step 1 after 1959-12-01 (1960-01-01), network output 0.7500 "
        "(scaled), method lrp, 4 lags",
        "top 4 lags:",
        "  lag   3  1959-10-01             -3.0000",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation.json",
        "relevance.csv",
        "relevance.png",
    ]
    assert (out / "relevance.csv").read_text().splitlines()[:2] == [
        "time,lag,relevance,relevance:airline,forecast_step,forecast_time,method,units",
        "1959-09-01,4,0.25,0.25,1,1960-01-01,lrp,network output (scaled)",
    ]
    # a history from --csv is recorded
    csv = Path(__file__).resolve().parents[2] / "src/lstmkit/datasets/airline_passengers.csv"
    assert main(["explain", str(model_dir), "--csv", str(csv), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["csv"], record["lags"], record["options"]["eps"]) == (str(csv), 4, 0.001)


def test_forecaster_json(model_dir, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("lstmkit.explain.forecast.explain_forecast", _fixed(seq2seq=True))
    out = tmp_path / "out"
    argv = ["explain", str(model_dir), "--step", "1", "--json", "--bias-factor", "1"]
    assert main([*argv, "--out", str(out)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record.pop("relevance") == [
        {
            "time": t,
            "lag": lag,
            "relevance": r,
            "features": {"airline": r - 0.5, "season sin": 0.5},
        }
        for t, lag, r in [
            ("1959-09-01", 4, 0.25),
            ("1959-10-01", 3, -3.0),
            ("1959-11-01", 2, 1e-6),
            ("1959-12-01", 1, 2.0),
        ]
    ]
    assert record.pop("decoder_relevance") == [
        {
            "time": "1960-01-01",
            "step": 1,
            "relevance": 0.75,
            "features": {"constant": 0.5, "season sin": 0.25},
        },
        {
            "time": "1960-02-01",
            "step": 2,
            "relevance": -3.0,
            "features": {"constant": 1.0, "season sin": -4.0},
        },
    ]
    assert record == {
        "model": str(model_dir),
        "csv": None,
        "data_sha256": None,
        "where": None,
        "origin": "1959-12-01",
        "step": 1,
        "time": "1960-02-01",
        "method": "lrp",
        "options": {"eps": 0.001, "bias_factor": 1.0, "convention": "equation"},
        "score": 0.75,
        "initial_state": -0.125,
        "lags": 4,
        "threads": 1,
        "versions": versions(),
        "command": shlex.join(["lstmkit", *argv, "--out", str(out)]),
        "written": [
            str(out / name)
            for name in (
                "relevance.png",
                "relevance.csv",
                "decoder_relevance.csv",
                "explanation.json",
            )
        ],
    }


def test_forecaster_refusals_name_what_was_given(model_dir, tmp_path, capsys) -> None:
    model = str(model_dir)
    own = "only with --csv FILE; without it, the saved model's own history is read."
    cases = {
        ("--text", "a b"): f"--text applies to a classifier (the sentence to explain), got "
        f"'a b' for the forecaster {model!r}",
        ("--text", "a", "--text", "b"): f"--text applies to a classifier (the sentence to "
        f"explain), got ['a', 'b'] for the forecaster {model!r}",
        ("--fill", "zero"): f"--fill applies {own}",
        ("--fill", "zero", "--sep", ";"): f"--fill, --sep apply {own}",
        ("--where", "a=b"): f"--where applies {own}",
        ("--top", "0"): "--top must be a positive integer, got 0.",
        ("--csv", str(tmp_path), "--future-cols", "a", "b"): f"--future-cols a b: the model in "
        f"{model!r} was fitted without future covariates.",
    }
    for argv, message in cases.items():
        assert main(["explain", model, *argv]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: {message}"), err


@pytest.fixture(scope="module")
def promo(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    """A direct forecaster of ``sales`` with the future covariate ``promo``, and its table:
    40 days of history, then 3 rows of the plan alone (``sales`` empty)."""
    rng = np.random.default_rng(0)
    flag = (rng.random(43) < 0.3).astype(float)
    days = pd.date_range("2021-01-01", periods=43, freq="D").strftime("%Y-%m-%d")
    sales = np.where(np.arange(43) < 40, 20.0 + 8 * flag, np.nan)
    table = pd.DataFrame({"day": days, "sales": sales, "promo": flag})
    series = table.set_index(pd.DatetimeIndex(table["day"], freq="D"))
    cfg = ForecasterConfig(horizon=3, season_length=1, interval=None, **{**_SMALL, "lookback": 4})
    out = tmp_path_factory.mktemp("promo")
    Forecaster(cfg).fit(series["sales"][:40], future_covariates=series["promo"]).save(out)
    return out, table


def test_future_covariates_from_csv(promo, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("lstmkit.explain.forecast.explain_forecast", _fixed())
    model, table = promo
    csv = tmp_path / "t.csv"
    # the future column first: the dates are the first of the other columns
    table[["promo", "day", "sales"]].to_csv(csv, index=False)
    assert main(["explain", str(model), "--csv", str(csv), "--method", "ig", "--top", "1"]) == 0
    assert capsys.readouterr().out.startswith("explained: forecast step 1 after 1959-12-01")
    # the plan's empty cells past the explained step are not read
    table.iloc[:42].assign(promo=[*table["promo"][:41], np.nan]).to_csv(csv, index=False)
    assert main(["explain", str(model), "--csv", str(csv), "--method", "ig", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["step"] == 0
    # as many rows after the target as the explained step's number: one short
    table.iloc[:41].to_csv(csv, index=False)
    assert main(["explain", str(model), "--csv", str(csv), "--step", "1"]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r}: forecast step 2 after 2021-02-09 reads the future covariates "
        "promo at 2021-02-10 … 2021-02-11, and the file holds 1 row after the target's last "
        "value; the first missing is 2021-02-11. Add a row for the missing step (its date and "
        "promo, the sales cell left empty), or explain an earlier step (--step 0).\n"
    )
    assert main(["explain", str(model), "--csv", str(csv), "--future-cols", "promo", "day"]) == 2
    assert capsys.readouterr().err == (
        "error: --future-cols must name the model's future covariate (promo), got promo day.\n"
    )


def test_csv_column_defaults(model_dir, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("lstmkit.explain.forecast.explain_forecast", _fixed())
    y = load_dataset("airline")[-24:]
    months = y.index.strftime("%Y-%m-%d")
    csv = tmp_path / "t.csv"
    # --where's column is not the date column, though it comes first
    long = pd.concat(
        [
            pd.DataFrame({"store": s, "month": months, "value": y.to_numpy() * k})
            for s, k in (("A", 1), ("B", 2))
        ]
    )
    long.to_csv(csv, index=False)
    argv = ["explain", str(model_dir), "--csv", str(csv), "--json"]
    assert main([*argv, "--where", "store=A"]) == 0
    assert json.loads(capsys.readouterr().out)["csv"] == str(csv)
    # a date column named as the model's target is the dates, not the target
    pd.DataFrame({"airline": months, "value": y.to_numpy()}).to_csv(csv, index=False)
    assert main(argv) == 0
    capsys.readouterr()
    pd.DataFrame({"month": months}).to_csv(csv, index=False)
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: the model was trained on 1 column (airline); --csv {str(csv)!r} gives none "
        "besides the date column 'month'. Name it with --value-col.\n"
    )
