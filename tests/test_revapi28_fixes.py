"""revapi28: review of api28 (dir() shows the API; a Forecaster names Keras', scikit-learn's and
sktime's methods' counterparts)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import lstmkit
from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster

README = Path(__file__).resolve().parents[1] / "README.md"


def test_dir_of_nn_and_data_lists_their_api() -> None:
    # api28 left them out: dir(lstmkit.data) listed np, pd, re and every private helper,
    # dir(lstmkit.nn) its _arguments and _fused
    import lstmkit.data
    import lstmkit.nn

    assert [n for n in dir(lstmkit.nn) if not n.startswith("__")] == [
        "GRU",
        "GRUCell",
        "GateParams",
        "GateTrace",
        "LSTM",
        "LSTMCell",
        "MixedArgumentError",
        "Summary",
        "Trace",
        "cells",
        "layers",
        "summary",
        "trace",
    ]
    assert {"np", "pd", "public_dir", "logger"} & set(dir(lstmkit.data)) == set()
    assert "read_csv" in dir(lstmkit.data) and "__doc__" in dir(lstmkit.data)


def test_functions_the_readme_calls_by_bare_name_are_in_their_modules_all() -> None:
    # the README's "`saved_max_digits(folder)` reads it back" named a function that api28 left
    # out of lstmkit.text.seq2seq.__all__ (so out of dir(), and private to a type checker);
    # test_api28_fixes checks only the names written with their module
    import lstmkit.explain
    import lstmkit.text

    called = set(re.findall(r"`(?:[\w.]+\.)?([a-z]\w*)\(", README.read_text("utf-8")))
    left_out = []
    for package in (lstmkit, lstmkit.explain, lstmkit.text):
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("_") or info.name == "cli":
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if name in called and name not in module.__all__ and callable(value):
                    if getattr(value, "__module__", None) == module.__name__:  # not an import
                        left_out.append(f"{module.__name__}.{name}")
    assert left_out == []
    assert "saved_max_digits" in dir(lstmkit.text.seq2seq)


SUMMARY = (
    "'Forecaster' object has no attribute 'summary': Keras' summary is "
    "lstmkit.summary(fc.members_[0]) here (one ensemble member's network, its parameters per "
    "gate; input_size=fc.encoder_inputs().shape adds the output shapes, unless the network also "
    "reads future inputs: strategy='seq2seq' or future covariates), lstmkit.summary(fc.members_) "
    "for all members."
)


def test_summary_hint_says_where_input_size_runs_nothing() -> None:
    # "input_size=fc.encoder_inputs().shape adds the output shapes" failed for a seq2seq
    # network or one with future covariates: a zero window alone, without `future`, is refused
    y = load_dataset("airline")
    plan = pd.DataFrame(
        {"promo": (np.arange(len(y) + 3) % 12 == 0).astype(float)},
        index=pd.date_range(y.index[0], periods=len(y) + 3, freq="MS"),
    )
    for kwargs, fit_kwargs, refusal in [
        ({"strategy": "seq2seq"}, {}, "a seq2seq ForecastNet needs `future` decoder inputs"),
        ({}, {"future_covariates": plan}, "with `future_size` needs `future` covariates"),
    ]:
        fc = Forecaster(horizon=3, epochs=1, ensemble=1, seed=0, **kwargs).fit(y, **fit_kwargs)
        with pytest.raises(AttributeError) as info:
            fc.summary()
        assert str(info.value) == SUMMARY
        assert lstmkit.summary(fc.members_[0]).total > 0
        with pytest.raises(ValueError, match=refusal):
            lstmkit.summary(fc.members_[0], input_size=fc.encoder_inputs().shape)


def test_summary_hint_on_an_unfitted_forecaster_says_fit_first() -> None:
    # Keras' summary() comes before fit: the quoted lstmkit.summary(fc.members_[0]) was
    # "'NoneType' object is not subscriptable"; lstmkit.summary(fc) already said "once fitted"
    fc = Forecaster(horizon=3)
    with pytest.raises(AttributeError) as info:
        fc.summary()
    once = ", once it is fitted (its `members_` are None before `fit`)."
    assert str(info.value) == SUMMARY[:-1] + once
    with pytest.raises(TypeError) as info:
        lstmkit.summary(fc)
    assert str(info.value).endswith("`lstmkit.summary(fc.members_[0])` shows one" + once)
    # the class, fitted or not, and a hint that names no members_ say nothing of fitting
    with pytest.raises(AttributeError, match=r"for all members\.$"):
        Forecaster.summary  # noqa: B018
    with pytest.raises(AttributeError, match=r"\(fit returns the Forecaster\)\.$"):
        fc.fit_predict  # noqa: B018


def test_dir_of_a_subclass_lists_its_own_methods_of_those_names() -> None:
    # dir(fc) left out every name of the hints, also a subclass's own get_params and score
    # (scikit-learn's, which a user adds to put a Forecaster in a grid search)
    class Estimator(Forecaster):
        def get_params(self, deep: bool = True) -> dict:
            return {"config": self.config}

        def score(self, series: object) -> float:
            return 0.0

    fc = Estimator(horizon=3)
    names = dir(fc)
    assert {"get_params", "score"} <= set(names) and "set_params" not in names
    assert {"summary", "plot", "historical_forecasts"} & set(names) == set()
    assert names == sorted(names) and "predict" in names
    assert {"get_params", "score"} & set(dir(Forecaster(horizon=3))) == set()


@pytest.mark.parametrize(
    ("method", "kwargs", "message"),
    [
        (
            "fit",
            {"fh": [1, 2, 3]},
            "Forecaster.fit() takes no argument `fh`: sktime's fh is the config's `horizon` "
            "here (Forecaster(horizon=3) for fh=[1, 2, 3]).",
        ),
        (
            "predict",
            {"fh": [1, 2, 3], "coverage": 0.9},
            "Forecaster.predict() takes no argument `fh` and `coverage`: sktime's fh is "
            "`horizon` here, a number of steps (predict(3) for fh=[1, 2, 3]); sktime's coverage "
            "is `interval` here, one fraction per call (interval=0.9 for coverage=0.9).",
        ),
        (
            "predict",
            {"alpha": [0.05, 0.95]},
            "Forecaster.predict() takes no argument `alpha`: sktime's alpha is `interval` here, "
            "the central interval the quantiles bound (interval=0.9 for alpha=[0.05, 0.95]).",
        ),
    ],
)
def test_sktime_arguments_are_told_lstmkit_names(method, kwargs, message) -> None:
    # fc.predict_interval is told to use predict(horizon, interval=0.9); predict(fh=...,
    # coverage=0.9) then got Python's bare "got an unexpected keyword argument 'fh'"
    args = (load_dataset("airline"),) if method == "fit" else ()
    with pytest.raises(TypeError) as caught:
        getattr(Forecaster(horizon=3), method)(*args, **kwargs)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("flag", "meant"), [(["--fh", "3"], "--horizon"), (["--coverage", "0.9"], "--interval")]
)
def test_sktime_names_as_flags_are_told_lstmkit_flag(capsys, flag, meant) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["forecast", "airline", *flag])
    assert caught.value.code == 2
    assert capsys.readouterr().err == (
        f"error: unrecognized arguments: {' '.join(flag)}; did you mean {meant}? "
        "(`lstmkit forecast --help` lists the flags)\n"
    )


def test_make_rnn_stays_public_in_forecast():
    # forecast.py re-exports make_rnn "public here, as before": dir() must still show it
    import lstmkit.forecast as F
    from lstmkit._forecast_members import make_rnn

    assert "make_rnn" in F.__all__ and "make_rnn" in dir(F)
    assert F.make_rnn is make_rnn
