"""Fixes of the explain4 review: forecast explanations name the user's columns, LRP's refusal
has its own class, one tie rule for text explanations, ``_step_of``'s tolerance."""

import json
import math

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit.nn as lnn
from lstmkit.cli import main
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster

_QUICK = {"horizon": 2, "lookback": 4, "epochs": 1, "ensemble": 1, "interval": None}


def _frame() -> pd.DataFrame:
    """40 days of a target, a past covariate (temp) and a future one (promo), the last two days
    the plan alone."""
    t = np.arange(40)
    data = pd.DataFrame(
        {"y": 50 + 10 * np.sin(t / 4), "temp": np.cos(t / 3), "promo": (t % 7 == 0) * 1.0},
        pd.date_range("2020-01-06", periods=40, freq="D"),
    )
    data.iloc[38:, :2] = np.nan
    return data


def _fitted(strategy: str, past: pd.DataFrame | None = None) -> Forecaster:
    data = _frame()
    past = data[["temp"]][:38] if past is None else past
    return Forecaster(strategy=strategy, **_QUICK).fit(
        data["y"][:38], covariates=past, future_covariates=data["promo"]
    )


# -- 1. an explanation names the covariates as the user did (promo, not fut:promo) -----------


def test_explain_forecast_names_the_users_columns() -> None:
    """features read ['y', 'cov:temp', 'fut:promo', ...] and future_features ended 'fut:promo'."""
    promo = _frame()["promo"]
    ex = explain_forecast(_fitted("seq2seq"), step=1, future_covariates=promo)
    assert ex.features == ["y", "temp", "promo", "season sin", "season cos"]
    assert ex.future_features == ["constant", "season sin", "season cos", "promo"]
    assert "5 features ['y', 'temp', 'promo', 'season sin', 'season cos']" in repr(ex)
    direct = explain_forecast(_fitted("direct"), method="gradxinput", future_covariates=promo)
    assert direct.features == ["y", "temp", "promo", "season sin", "season cos"]


def test_a_past_and_a_future_covariate_of_one_name_keep_the_models_names() -> None:
    """fit takes a past and a future covariate both called promo (other values): shown as
    'promo' twice, the --json features (a dict) would have kept one of them; the other
    covariates are named as the user did."""
    data = _frame()
    past = data[["temp"]][:38].assign(promo=np.sin(np.arange(38.0)))
    ex = explain_forecast(_fitted("seq2seq", past), step=1, future_covariates=data["promo"])
    assert ex.features == ["y", "temp", "cov:promo", "fut:promo", "season sin", "season cos"]
    assert ex.future_features == ["constant", "season sin", "season cos", "fut:promo"]


def test_lstmkit_explain_names_the_users_columns_in_json_csv_and_plot(tmp_path, capsys) -> None:
    """--json's features, relevance.csv's and decoder_relevance.csv's columns and the plot's
    rows read cov:temp and fut:promo."""
    from matplotlib.figure import Figure

    data = _frame()
    data.to_csv(tmp_path / "d.csv", index_label="day")
    _fitted("seq2seq").save(tmp_path / "model")
    flags = ["--csv", str(tmp_path / "d.csv"), "--date-col", "day", "--value-col", "y"]
    out = tmp_path / "out"
    drawn: list[Figure] = []
    savefig = Figure.savefig

    def keep(figure: Figure, *args: object, **kwargs: object) -> None:
        drawn.append(figure)
        savefig(figure, *args, **kwargs)

    command = ["explain", str(tmp_path / "model"), *flags, "--step", "1"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Figure, "savefig", keep)
        assert main([*command, "--json", "--out", str(out)]) == 0
    record = json.loads(capsys.readouterr().out)
    names = ["y", "temp", "promo", "season sin", "season cos"]
    assert [list(row["features"]) for row in record["relevance"]] == [names] * 4
    decoder = ["constant", "season sin", "season cos", "promo"]
    assert [list(row["features"]) for row in record["decoder_relevance"]] == [decoder] * 2
    assert list(pd.read_csv(out / "relevance.csv").columns) == [
        "time",
        "lag",
        "relevance",
        *(f"relevance:{name}" for name in names),
        *("forecast_step", "forecast_time", "method", "units"),
    ]
    assert list(pd.read_csv(out / "decoder_relevance.csv").columns)[3:] == [
        *(f"relevance:{name}" for name in decoder),
        *("forecast_step", "forecast_time", "method", "units"),
    ]
    (figure,) = drawn
    rows = [[t.get_text() for t in ax.get_yticklabels()] for ax in figure.axes]
    assert [*names, "constant"] in rows  # the decoder's constant below the window's (qa10)


def test_a_model_saved_with_the_older_names_still_explains(tmp_path, edit_saved) -> None:
    """A model saved when an array's covariates were named cov:value / fut:value (value the
    target's name too) explains as before, by those names; today's x0 of both kept apart."""
    y = 100.0 + np.arange(40) + np.arange(40) % 12
    past, future = np.arange(40.0) % 3, np.arange(42.0) % 2
    fc = Forecaster(strategy="seq2seq", **_QUICK).fit(
        y, covariates=past, future_covariates=future[:40]
    )
    features = explain_forecast(fc, future_covariates=future).features
    assert features[:3] == ["value", "cov:x0", "fut:x0"]
    fc.save(tmp_path / "model")
    with edit_saved(tmp_path / "model") as saved:
        saved["state"]["columns"] = ["value", "cov:value", "fut:value"]
        saved["state"]["future"] = ["value"]
    old = Forecaster.load(tmp_path / "model")
    ex = explain_forecast(old, step=1, future_covariates=future)
    assert ex.features[:3] == ["value", "cov:value", "fut:value"]
    assert ex.future_features is not None and ex.future_features[-1] == "fut:value"
    only_future = Forecaster(strategy="seq2seq", **_QUICK).fit(y, future_covariates=future[:40])
    assert explain_forecast(only_future, future_covariates=future).features[:2] == ["value", "x0"]


# -- 2. LRP's refusal of a direct Forecaster with future covariates is told apart by the CLI --

_REFUSED = (
    "{lrp} does not explain a direct Forecaster with future covariates ({names}): their "
    "effect is added beside its head, outside the network LRP walks. Use another {m} (they "
    "are then held fixed), or {s}, whose LRP gives their relevance per forecast step."
)


def test_lrps_refusal_is_a_value_error_that_names_its_columns() -> None:
    """The CLI told it apart from other ValueErrors by comparing the message's text; then by
    a class of its own, which showed the user the private name _LRPRefused (end29): now a
    plain ValueError that carries its columns."""
    import pickle

    with pytest.raises(ValueError) as info:
        explain_forecast(_fitted("direct"), future_covariates=_frame()["promo"])
    assert type(info.value) is ValueError and info.value._lrp_names == ["promo"]
    message = _REFUSED.format(
        lrp="`method='lrp'`", names="promo", m="`method`", s="strategy='seq2seq'"
    )
    assert str(info.value) == message
    again = pickle.loads(pickle.dumps(info.value))  # as a process pool's worker sends it
    assert (type(again), str(again), again._lrp_names) == (ValueError, message, ["promo"])


def test_lstmkit_explain_says_the_refusal_by_its_class(tmp_path, capsys, monkeypatch) -> None:
    """Caught by the columns it carries, named by them: matched by text, a refusal that
    named other columns than the loaded model's escaped as a ValueError."""
    import lstmkit.explain.forecast as F

    data = _frame()
    data.to_csv(tmp_path / "d.csv", index_label="day")
    _fitted("direct").save(tmp_path / "model")

    def refuse(*args: object, **kwargs: object) -> None:
        raise F._lrp_refusal(["plan", "price"])

    monkeypatch.setattr(F, "explain_forecast", refuse)
    flags = ["--csv", str(tmp_path / "d.csv"), "--date-col", "day", "--value-col", "y"]
    assert main(["explain", str(tmp_path / "model"), *flags, "--method", "lrp"]) == 2
    message = _REFUSED.format(
        lrp="--method='lrp'",
        names="plan, price",
        m="--method",
        s="a model forecast with --strategy seq2seq",
    )
    assert capsys.readouterr().err.splitlines() == [f"error: {message}"]


# -- 3. one tie rule: lstmkit explain's gradient methods over several sentences ---------------


def _tied_classifier(path, tied_classifier) -> None:
    """Saves the conftest's tied classifier (logits 0 and about 2e-8 on "a good film")."""
    from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier

    save_classifier(SentimentResult(*tied_classifier, SentimentConfig(task="sst2")), path)


@pytest.mark.parametrize("method", ["gradxinput", "ig", "occlusion", "sensitivity"])
def test_several_sentences_explain_the_class_printed_on_a_tie(
    method, tmp_path, capsys, tied_classifier
) -> None:
    """A method of one model without an output of its own (the gradient ones, occlusion; a
    batch's targets re-explained as one tensor) over a batch of several sentences, one of them
    on a tie: each explains the class printed as predicted, with the relevance that class gets
    in the same batch, and the probabilities are predict_proba's, bit for bit."""
    from lstmkit.text.sentiment import SentimentPredictor

    _tied_classifier(tmp_path / "model", tied_classifier)
    texts = ["a good film", "a bad film", "a good film"]
    argv = ["explain", str(tmp_path / "model"), "--method", method, "--json"]
    argv += [f"--text={t}" for t in texts]
    assert main(argv) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    probs = SentimentPredictor.load(tmp_path / "model").predict_proba(texts)
    assert [r["probability"] for r in records] == probs.max(-1).values.tolist()
    assert [(r["predicted"], r["explained"], r["target"]) for r in records] == [
        ("negative", "negative", 0)
    ] * 3
    assert main([*argv, "--target", "negative"]) == 0
    targeted = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["relevance"] for r in records] == [r["relevance"] for r in targeted]
    assert [r["score"] for r in records] == [r["score"] for r in targeted]


# -- 4. _step_of's tolerance: an infinite logit at one step no longer names that step --------


class _AtStep2(torch.nn.Module):
    """embedding → lstmkit LSTM → a two-Linear head on the output at step 2 (``out[:, 2]``),
    in float64; the head's weights overflow to infinity at step 0 but not at step 2."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.embedding = torch.nn.Embedding(11, 3)
        self.rnn = lnn.LSTM(3, 4, batch_first=True)
        self.head = torch.nn.Sequential(
            torch.nn.Linear(4, 1, bias=False), torch.nn.Linear(1, 2, bias=False)
        )
        self.double()
        with torch.no_grad():
            out, _ = self.rnn(self.embedding(_TOKENS))
            at0, at2 = out[:, 0].abs().amax(0), out[:, 2].abs().amax(0)
            j = int((at0 / at2).argmax())  # a unit larger at step 0 than at step 2
            between = float((at0[j] * at2[j]).sqrt())
            self.head[0].weight.zero_()
            self.head[0].weight[0, j] = 1e300
            self.head[1].weight.zero_()
            self.head[1].weight[0, 0] = torch.finfo(torch.float64).max / (1e300 * between)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(self.embedding(tokens))
        return self.head(out[:, 2])


_TOKENS = torch.tensor([[1, 5, 3, 9, 2], [7, 4, 10, 6, 8]])


def test_a_step_with_an_infinite_logit_is_not_named_as_the_output() -> None:
    """The hint said "the head on the output at step 0": step 0's infinite logit made its
    tolerance infinite, so any output agreed with it."""
    from lstmkit.explain import lrp

    model = _AtStep2()
    with torch.no_grad():
        out, _ = model.rnn(model.embedding(_TOKENS))
        assert bool(model.head(out[:, 0])[:, 0].isinf().all())
        assert bool(model(_TOKENS).isfinite().all())
    with pytest.raises(RuntimeError) as info:
        lrp(model, _TOKENS, 1)
    assert str(info.value).endswith(
        "Its output is the head on the output at step 2 (`out[:, 2]`), which depends on steps "
        "0..2 alone: `lrp(model, inputs[:, :3], ...)` explains it, as the final state there."
    )


def test_a_step_whose_logits_equal_the_output_with_its_infinity_is_found() -> None:
    """An infinity in both made the difference inf - inf = NaN, which exceeds no tolerance and
    passes none: the step that gave the output was not found."""
    from lstmkit.explain.lrp import _step_of

    out = torch.tensor([[math.inf, 0.5]])
    per_step = torch.tensor([[[1.0, 0.5]], [[math.inf, 0.5]], [[math.inf, 0.5]]])
    assert _step_of(torch.nn.Linear(1, 1), out, per_step.double()) == ("step", 1)
    finite = torch.tensor([[2.0, 0.5]])
    assert _step_of(torch.nn.Linear(1, 1), finite, per_step.double()) is None
