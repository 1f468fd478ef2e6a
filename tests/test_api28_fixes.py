"""api28: what ``dir()`` and attribute typos show a user of the Python API.

``dir(lstmkit.explain.gates)`` listed ``np``, ``pd``, ``torch`` and ``as_int`` beside its six
functions (it had no ``__all__``), and ``dir(lstmkit.text)`` ``TYPE_CHECKING``, ``annotations``
and ``lazy_attributes``; ``fc.summary`` (Keras' ``model.summary()``) was a bare AttributeError
where ``fc.evaluate`` and ``fc.plot`` named their lstmkit counterparts.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"

# Every public module whose dir() is its API; a package lists its public submodules beside its
# __all__.
MODULES = [
    "lstmkit",
    "lstmkit.backtest",
    "lstmkit.baselines",
    "lstmkit.data",
    "lstmkit.explain",
    "lstmkit.explain.baselines",
    "lstmkit.explain.evaluate",
    "lstmkit.explain.explanation",
    "lstmkit.explain.forecast",
    "lstmkit.explain.gates",
    "lstmkit.explain.lrp",
    "lstmkit.explain.render",
    "lstmkit.explain.rules",
    "lstmkit.forecast",
    "lstmkit.io",
    "lstmkit.metrics",
    "lstmkit.nn",
    "lstmkit.nn.cells",
    "lstmkit.nn.layers",
    "lstmkit.nn.summary",
    "lstmkit.nn.trace",
    "lstmkit.text",
    "lstmkit.text.charlm",
    "lstmkit.text.classifier",
    "lstmkit.text.evaluation",
    "lstmkit.text.labelled",
    "lstmkit.text.sentiment",
    "lstmkit.text.seq2seq",
    "lstmkit.text.sst",
    "lstmkit.text.vocab",
    "lstmkit.train",
]


def _module(name: str) -> types.ModuleType:
    # sys.modules, not the attribute: lstmkit.explain.lrp is the function, its module's name
    importlib.import_module(name)
    return sys.modules[name]


def _dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def test_every_public_module_and_package_is_checked() -> None:
    # a public module added later comes into MODULES (the command line's lstmkit.cli aside,
    # which is no Python API)
    found = ["lstmkit"]
    for package in ("lstmkit", "lstmkit.explain", "lstmkit.nn", "lstmkit.text"):
        found += [
            f"{package}.{m.name}"
            for m in pkgutil.iter_modules(_module(package).__path__)
            if not m.name.startswith("_") and m.name != "cli"
        ]
    assert sorted(found) == MODULES


@pytest.mark.parametrize("name", MODULES)
def test_dir_lists_the_api_only(name: str) -> None:
    module = _module(name)
    listed = {n for n in dir(module) if not _dunder(n)}
    api = {n for n in module.__all__ if not _dunder(n)}
    assert listed == api | set(getattr(module, "_SUBMODULES", ()))
    assert [n for n in module.__all__ if not hasattr(module, n)] == []
    assert "__name__" in dir(module) and "__doc__" in dir(module)


def test_dir_of_gates_text_and_explain_before_and_after() -> None:
    import lstmkit.explain
    import lstmkit.explain.gates
    import lstmkit.text

    assert [n for n in dir(lstmkit.explain.gates) if not _dunder(n)] == [
        "export_hdf5",
        "export_npz",
        "plot_cell_states",
        "plot_gates",
        "plot_saturation",
        "saturation",
    ]
    for package in (lstmkit.text, lstmkit.explain, lstmkit):
        assert {"TYPE_CHECKING", "annotations", "lazy_attributes"} & set(dir(package)) == set()
    # the submodules a user reaches as attributes: lstmkit.explain.gates, as the README uses it
    assert {"gates", "render", "forecast"} <= set(dir(lstmkit.explain))
    assert {"charlm", "sentiment", "seq2seq"} <= set(dir(lstmkit.text))
    assert {"nn", "text", "explain", "forecast"} <= set(dir(lstmkit))


@pytest.mark.parametrize("name", MODULES)
def test_star_import_gives_the_all_names(name: str) -> None:
    namespace: dict = {}
    exec(f"from {name} import *", namespace)
    assert sorted(n for n in namespace if n != "__builtins__") == sorted(_module(name).__all__)


def test_dir_keeps_lazy_names_lazy() -> None:
    # dir() of the lazy packages lists their names without importing them: torch, pandas and
    # matplotlib stay out of `import lstmkit; dir(lstmkit); dir(lstmkit.text)`
    code = (
        "import sys, lstmkit, lstmkit.text\n"
        "names = dir(lstmkit) + dir(lstmkit.text)\n"
        "assert 'Forecaster' in names and 'CharLM' in names\n"
        "print(sorted(m for m in ('torch', 'pandas', 'matplotlib') if m in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert run.stdout == "[]\n"


def _readme_references() -> list[tuple[str, str]]:
    """(module, name) for every name the README takes from a module: ``from M import a, b``
    in its Python blocks and prose, and ``lstmkit.M.name`` (each step of a dotted name)."""
    text = README.read_text("utf-8")
    found: list[tuple[str, str]] = []
    for line in re.findall(r"from (lstmkit[\w.]*) import ([\w, ]+)", text):
        module, names = line
        found += [(module, n.split(" as ")[0].strip()) for n in names.split(",") if n.strip()]
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lstmkit"):
                found += [(node.module, alias.name) for alias in node.names]
    for dotted in re.findall(r"\blstmkit(?:\.[A-Za-z_]\w*)+", text):
        parts = dotted.split(".")
        for k in range(1, len(parts)):
            module = ".".join(parts[:k])
            found.append((module, parts[k]))
            if not isinstance(getattr(_module(module), parts[k], None), types.ModuleType):
                break  # Forecaster.predict: an attribute of a class, not of a module
    return sorted(set(found))


def test_the_names_the_readme_uses_are_in_their_modules_all() -> None:
    # `from lstmkit.explain.gates import saturation, export_npz, plot_gates` (README) took its
    # names from a module without __all__; lstmkit.text.charlm.read_corpus, .sentiment's
    # training_examples and class_figures, .seq2seq's max_output_len likewise
    references = _readme_references()
    assert ("lstmkit.explain.gates", "plot_gates") in references
    assert ("lstmkit.text.charlm", "read_corpus") in references
    assert ("lstmkit.text.seq2seq", "max_output_len") in references
    assert ("lstmkit.explain", "gates") in references
    outside = []
    for module, name in references:
        mod = _module(module)
        if name not in [*mod.__all__, *getattr(mod, "_SUBMODULES", ())]:
            outside.append(f"{module}.{name}")
    assert outside == []


@pytest.fixture(scope="module")
def fitted():
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster

    return Forecaster(horizon=3, epochs=2, ensemble=2, seed=0).fit(load_dataset("airline"))


def test_summary_hint_and_the_line_it_quotes_works(fitted) -> None:
    import lstmkit

    with pytest.raises(AttributeError) as info:
        fitted.summary()
    assert str(info.value) == (
        "'Forecaster' object has no attribute 'summary': Keras' summary is "
        "lstmkit.summary(fc.members_[0]) here (one ensemble member's network, its parameters "
        "per gate; input_size=fc.encoder_inputs().shape adds the output shapes, unless the "
        "network also reads future inputs: strategy='seq2seq' or future covariates), "
        "lstmkit.summary(fc.members_) for all members."
    )
    assert info.value.name == "summary" and info.value.obj is fitted
    fc = fitted
    one = lstmkit.summary(fc.members_[0], input_size=fc.encoder_inputs().shape)
    assert (one.total, lstmkit.summary(fc.members_).total) == (4835, 9670)
    assert one.output_shapes["head"] == (1, 3)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (
            "fit_predict",
            "sktime's fit_predict is fit(series).predict(horizon) here (fit returns the "
            "Forecaster)",
        ),
        (
            "score",
            "scikit-learn's and sktime's score is `backtest` here (scores per origin beside the "
            "naive baselines), or lstmkit.metrics.evaluate(y_true, y_pred, y_train, m) on a "
            "forecast",
        ),
        (
            "predict_interval",
            "sktime's predict_interval is `predict` here, whose `lower` and `upper` columns are "
            "the interval: predict(horizon, interval=0.9) for coverage=0.9",
        ),
        (
            "predict_quantiles",
            "sktime's predict_quantiles is `predict` here, whose `lower` and `upper` columns "
            "are a central interval's quantiles: predict(horizon, interval=0.9) for "
            "alpha=[0.05, 0.95]",
        ),
        (
            "get_params",
            "scikit-learn's get_params is `config` here, a frozen ForecasterConfig "
            "(dataclasses.asdict(fc.config) for a dict)",
        ),
        (
            "set_params",
            "scikit-learn's set_params is fc.config = dataclasses.replace(fc.config, "
            "epochs=500) here, for the next fit",
        ),
    ],
)
def test_sklearn_and_sktime_names_are_told_their_counterparts(name: str, said: str) -> None:
    from lstmkit.forecast import Forecaster

    fc = Forecaster(horizon=3)
    with pytest.raises(AttributeError) as info:
        getattr(fc, name)
    assert str(info.value) == f"'Forecaster' object has no attribute {name!r}: {said}."
    with pytest.raises(AttributeError) as info:
        getattr(Forecaster, name)
    assert str(info.value) == f"type object 'Forecaster' has no attribute {name!r}: {said}."
    assert not hasattr(fc, name) and name not in dir(fc)


def test_the_counterparts_named_work(fitted) -> None:
    import dataclasses

    fc = fitted
    # predict(horizon, interval=0.9): sktime's predict_interval(coverage=0.9), its two columns
    out = fc.predict(3, interval=0.9)
    assert list(out.columns) == ["forecast", "lower", "upper"] and out.attrs["interval"] == 0.9
    assert (out["lower"] < out["forecast"]).all() and (out["forecast"] < out["upper"]).all()
    assert dataclasses.asdict(fc.config)["horizon"] == 3
    changed = dataclasses.replace(fc.config, epochs=500)
    assert changed.epochs == 500 and fc.config.epochs == 2
