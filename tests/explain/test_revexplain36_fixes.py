"""revexplain36: the review of explain36's commits (JSON without NaN, the pages written into
the stage, the README's signs), and what it left."""

from __future__ import annotations

import json
import math
import re
import signal
from pathlib import Path

import pytest

from lstmkit.cli import json_safe, main
from lstmkit.text import SentimentConfig
from lstmkit.text.sentiment import SentimentResult, save_classifier

README = Path(__file__).resolve().parents[2] / "README.md"


def _strict_json(text: str) -> object:
    """``text`` read as JSON is: ``NaN`` and ``Infinity`` refused (Python's json takes them)."""

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_text_predict_explain_json_writes_relevances_that_blew_up_as_null(
    tmp_path, amplifying_predictor, capsys
):
    # `lstmkit text predict --explain --json` printed NaN and Infinity, which JSON has not (jq
    # read them as null and 1.797e+308, JSON.parse refused the line), as explain did before
    predictor = amplifying_predictor()
    config = SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False)
    save_classifier(SentimentResult(predictor.model, predictor.vocab, config), tmp_path / "m")
    long = tmp_path / "long.txt"
    long.write_text("a good film\nthe " + " ".join(["word"] * 1200) + "\n", "utf-8")
    argv = ["text", "predict", str(tmp_path / "m"), "--file", str(long), "--explain", "--json"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "NaN" not in printed and "Infinity" not in printed
    short, blown = (_strict_json(line) for line in printed.splitlines())
    assert all(math.isfinite(r) for _, r in short["relevance"])  # the other line as it was
    assert math.isfinite(short["initial_state"])
    assert [r for _, r in blown["relevance"][:116]] == [None] * 116  # the warning's 116
    assert [tok for tok, _ in blown["relevance"][:2]] == ["the", "word"]
    assert all(math.isfinite(r) for _, r in blown["relevance"][116:])
    assert blown["initial_state"] is None
    assert blown["score"] == pytest.approx(0.642057762155738, abs=1e-9)
    assert blown["line"] == 2
    text = " ".join(README.read_text("utf-8").split())
    assert (
        "whose values sum to the tokens'; one that blew up, nan or ±inf, is `null`, as `lstmkit "
        "explain --json` writes it, never JSON's missing `NaN` or `Infinity`."
    ) in text


def test_json_safe_keeps_what_is_not_a_number_that_blew_up():
    import numpy as np

    value = {"b": [True, None, "nan", np.float32("inf"), np.int64(3), -0.0], "c": (1, 2.5)}
    assert json_safe(value) == {"b": [True, None, "nan", None, 3, -0.0], "c": [1, 2.5]}
    assert type(json_safe(np.bool_(True))) is bool  # json.dumps refused numpy's (revround36)


def test_a_sentence_explained_for_another_class_records_that_class_probability(
    classifier_dir, tmp_path, capsys
):
    # with --target on the class not predicted, --json and relevance.json held the predicted
    # class's probability alone: the explained class's was in no field
    from lstmkit.text import SentimentPredictor

    predictor = SentimentPredictor.load(classifier_dir)
    probs = predictor.predict_proba(["a good film"])[0]
    labels = list(predictor.labels)
    other = labels[int(probs.argmin())]
    out = tmp_path / "out"
    argv = ["explain", str(classifier_dir), "--text", "a good film", "--target", other]
    assert main([*argv, "--json", "--out", str(out)]) == 0
    printed = _strict_json(capsys.readouterr().out)
    saved = _strict_json((out / "relevance.json").read_text("utf-8"))
    for record in (printed, saved):
        assert record["explained"] == other and record["predicted"] != other
        assert record["probability"] == pytest.approx(float(probs.max()), abs=1e-6)
        assert list(record["probabilities"]) == labels
        assert record["probabilities"][other] == pytest.approx(float(probs.min()), abs=1e-6)
        assert sum(record["probabilities"].values()) == pytest.approx(1.0, abs=1e-6)


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")
@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_explaining_a_forecaster_stops_at_once_amid_a_native_call(
    monkeypatch, tmp_path, capsys, signum, stopped_in_process, native_sleep
):
    # occlusion runs batches of up to 512 windows in native calls of seconds (336 lags of 5
    # inputs: 4 s each on 2 cores), during which Python runs no signal handler: Ctrl-C waited
    # for the batch. Here a libc sleep, which holds no GIL, stands in for one
    from lstmkit.data import load_dataset
    from lstmkit.explain import forecast
    from lstmkit.forecast import Forecaster, ForecasterConfig

    cfg = ForecasterConfig(horizon=1, lookback=12, ensemble=1, epochs=1, hidden_size=4)
    Forecaster(cfg).fit(load_dataset("airline")[:-12]).save(tmp_path / "fc")
    monkeypatch.setattr(forecast, "explain_forecast", native_sleep(5))
    argv = ["explain", str(tmp_path / "fc"), "--method", "occlusion", "--out", str(tmp_path / "o")]
    code, took = stopped_in_process(argv, signum)
    assert (code, capsys.readouterr().err) == (
        (130, "interrupted\n") if signum == "SIGINT" else (143, "terminated\n")
    )
    assert took < 3.5  # 5 s and more without the fix: the handler ran once the sleep returned
    assert not (tmp_path / "o").exists()


def test_occlusions_bar_counts_the_windows_it_scores_not_the_members(monkeypatch, capsys):
    # the bar counted members: one member's occlusion (a minute for 336 lags of 3 inputs)
    # stood at 0/1 all through; it counts the windows scored, model call by model call
    from lstmkit._checks import progress_bar
    from lstmkit.data import load_dataset
    from lstmkit.explain import explain_forecast, forecast
    from lstmkit.forecast import Forecaster, ForecasterConfig

    cfg = ForecasterConfig(horizon=1, lookback=12, ensemble=2, epochs=1, hidden_size=4)
    fc = Forecaster(cfg).fit(load_dataset("airline")[:-12])
    # every update drawn (tqdm draws one each 0.1 s)
    drawn = lambda progress, **kw: progress_bar(progress, mininterval=0, miniters=1, **kw)  # noqa: E731
    monkeypatch.setattr(forecast, "progress_bar", drawn)
    capsys.readouterr()
    ex = explain_forecast(fc, method="occlusion", progress=True, batch_size=20)
    err = capsys.readouterr().err
    # a member's 12 lags whole (one call), then each of their 3 inputs (36: calls of 20, 16)
    counts = re.findall(r"explain: +\d+%\|[^|]*\| (\d+)/(\d+) \[[^\]]*window/s\]", err)
    assert [int(done) for done, _ in counts] == [0, 12, 32, 48, 60, 80, 96]  # 0/96 (revround36)
    assert {total for _, total in counts} == {"96"}
    assert "member" not in err
    from lstmkit.explain.baselines import occluded

    assert occluded.get() is None  # told only within explain_forecast
    assert ex.per_feature is not None and ex.per_feature.shape == (12, 3)
    explain_forecast(fc, method="gradxinput", progress=True)  # the others count members
    assert re.findall(r"(\d+/\d+) \[[^\]]*member/s\]", capsys.readouterr().err)[-1] == "2/2"
