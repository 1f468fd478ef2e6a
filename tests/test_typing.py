"""The annotations a type checker (mypy, pyright, an editor) reads as the package's truth.

lstmkit ships ``py.typed``, so a user's checker takes these annotations as they are; the suite runs
no checker, and these tests hold the annotations themselves: what is declared for the checker (in
``if TYPE_CHECKING:`` blocks, invisible at run time) is read from the source.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
import typing
from pathlib import Path

import numpy as np
import pytest
import torch
from torch.nn.utils.rnn import PackedSequence

import lstmkit
import lstmkit.explain
import lstmkit.text


def _type_checking_imports(module: object) -> dict[str, tuple[str, str]]:
    """``bound name -> (module, name)`` of the imports under the module's ``if TYPE_CHECKING:``;
    a re-export (``from m import x as x``) is bound, a plain ``from m import x`` is marked
    ``"(not re-exported)"`` for a package's submodule, which a checker then calls private."""
    tree = ast.parse(Path(inspect.getfile(module)).read_text("utf-8"))
    bound: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                for alias in imp.names:
                    bound[alias.asname or alias.name] = (imp.module or "", alias.name)
                    if alias.asname is None and imp.module == module.__name__:
                        bound[alias.name] = ("(not re-exported)", alias.name)
    return bound


def _literal_all(module: object) -> list[str]:
    tree = ast.parse(Path(inspect.getfile(module)).read_text("utf-8"))
    (node,) = [
        n
        for n in tree.body
        if isinstance(n, ast.Assign) and [ast.unparse(t) for t in n.targets] == ["__all__"]
    ]
    # a checker cannot evaluate ``[*_LAZY]``: it must be a list of strings as written
    assert isinstance(node.value, ast.List), ast.unparse(node.value)
    return [ast.literal_eval(e) for e in node.value.elts]


def _eager_imports(package: object) -> tuple[set[str], set[str]]:
    """The names a package's top-level ``from lstmkit... import`` statements bind at run time
    (``lstmkit.explain``'s ``lrp``, ``explain``, ...), and the submodules they load."""
    tree = ast.parse(Path(inspect.getfile(package)).read_text("utf-8"))
    names: set[str] = set()
    modules: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package.__name__):
            names |= {alias.asname or alias.name for alias in node.names}
            modules.add(node.module.removeprefix(f"{package.__name__}."))
    return names, modules


@pytest.mark.parametrize(
    "package", [lstmkit, lstmkit.explain, lstmkit.text], ids=lambda p: p.__name__
)
def test_lazy_packages_declare_every_name_for_type_checkers(package):
    # `from lstmkit import LSTM` typed as Any (the module's __getattr__ returns Any), and under
    # mypy --strict was refused: "Module "lstmkit" does not explicitly export attribute "LSTM""
    lazy, submodules = package._LAZY, package._SUBMODULES
    eager, loaded = _eager_imports(package)
    # lstmkit.explain's own methods are imported as it loads; only what loads later is lazy
    submodules = [s for s in submodules if s not in loaded]
    assert sorted(_literal_all(package)) == sorted(
        {*lazy, "__version__"} if package is lstmkit else {*lazy, *eager}
    )
    declared = _type_checking_imports(package)
    for name in lazy:
        module, attr = declared[name]
        assert getattr(importlib.import_module(module), attr) is getattr(package, name), name
    # ``lstmkit.nn.LSTM`` after ``import lstmkit``: each submodule re-exported by name
    re_exported = {s: declared.get(s) for s in submodules}
    assert re_exported == {s: (package.__name__, s) for s in submodules}


def test_text_configs_are_re_exported_from_their_old_modules():
    # `from lstmkit.text.sentiment import SentimentConfig` (benchmarks/sst.py) was refused under
    # mypy --strict and pyright: "not exported from module lstmkit.text.sentiment"
    for module, name in [
        ("sentiment", "SentimentConfig"),
        ("charlm", "CharLMConfig"),
        ("seq2seq", "Seq2SeqConfig"),
    ]:
        path = Path(inspect.getfile(importlib.import_module(f"lstmkit.text.{module}")))
        # seq2seq imports helpers of _configs too (training_shares, held_out_problem): the
        # config's own line is the one that names it
        (imp,) = [
            n
            for n in ast.parse(path.read_text("utf-8")).body
            if isinstance(n, ast.ImportFrom)
            and n.module == "lstmkit.text._configs"
            and any(a.name == name for a in n.names)
        ]
        assert [(a.name, a.asname) for a in imp.names] == [(name, name)], module


def _return(function: object) -> object:
    return typing.get_type_hints(function)["return"]


@pytest.mark.parametrize(
    ("layer", "state"),
    [(lstmkit.LSTM, tuple[torch.Tensor, torch.Tensor]), (lstmkit.GRU, torch.Tensor)],
    ids=["LSTM", "GRU"],
)
def test_layer_output_is_typed_as_its_input(layer, state):
    # `out, (h_n, c_n) = lstm(x)` typed `out` as Tensor | PackedSequence: `out.shape` was an error
    first, second = typing.get_overloads(layer.forward)
    assert typing.get_type_hints(first)["input"] is torch.Tensor
    assert _return(first) == tuple[torch.Tensor, state]
    assert typing.get_type_hints(second)["input"] is PackedSequence
    assert _return(second) == tuple[PackedSequence, state]


def _signatures(nodes: list[ast.stmt], name: str) -> list[tuple[list[str], str, str]]:
    """``(decorators, arguments, return)`` of each ``def name`` among ``nodes``, in order."""
    return [
        ([ast.unparse(d) for d in n.decorator_list], ast.unparse(n.args), ast.unparse(n.returns))
        for n in nodes
        if isinstance(n, ast.FunctionDef) and n.name == name and n.returns is not None
    ]


def _call_declarations(cls: type) -> tuple[list[tuple[list[str], str, str]], list[str]]:
    """The ``def __call__`` signatures under the class body's ``if TYPE_CHECKING:``, and any
    other statement there that binds ``__call__`` (``__call__ = forward``)."""
    (tree,) = ast.parse(textwrap.dedent(inspect.getsource(cls))).body
    assert isinstance(tree, ast.ClassDef)
    blocks = [
        node.body
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    body = [s for block in blocks for s in block]
    others = [
        ast.unparse(s)
        for s in body
        if not isinstance(s, ast.FunctionDef) and "__call__" in ast.unparse(s)
    ]
    return _signatures(body, "__call__"), others


def _forward_signatures(cls: type) -> list[tuple[list[str], str, str]]:
    (tree,) = ast.parse(textwrap.dedent(inspect.getsource(cls))).body
    assert isinstance(tree, ast.ClassDef)
    return _signatures(tree.body, "forward")


def _modules() -> list[type]:
    from lstmkit.forecast import ForecastNet
    from lstmkit.text import CharLM, ClassifierEnsemble, Seq2Seq, TextClassifier

    classes = [lstmkit.LSTM, lstmkit.GRU, lstmkit.LSTMCell, lstmkit.GRUCell]
    return [*classes, TextClassifier, ClassifierEnsemble, CharLM, Seq2Seq, ForecastNet]


@pytest.mark.parametrize("cls", _modules(), ids=lambda c: c.__name__)
def test_calling_a_module_types_as_its_forward(cls):
    # torch.nn.Module.__call__ is typed `(...) -> Any`: `lstm(x)`, `cell(x)`, `model(tokens)`
    # were Any to a type checker, and mypy --strict refused returning them as a Tensor. The
    # classes said `__call__ = forward`, which mypy took, but pyright (1.1.414) keeps torch's
    # declared `__call__: Callable[..., Any]` over an unannotated assignment: `lstm(x)` was Any
    # there. A `def __call__` of forward's signature, overloads and all, both take
    declared, others = _call_declarations(cls)
    assert others == []
    assert declared == _forward_signatures(cls)
    overloads = ["overload"] * 2 if cls in (lstmkit.LSTM, lstmkit.GRU) else []
    assert [d for decorators, _, _ in declared for d in decorators] == overloads


def test_the_declared_call_is_the_forward_that_runs():
    assert typing.get_args(torch.nn.Module.__annotations__["__call__"]) == (Ellipsis, typing.Any)
    assert _return(lstmkit.LSTMCell.forward) == tuple[torch.Tensor, torch.Tensor]
    assert _return(lstmkit.GRUCell.forward) is torch.Tensor
    # the `def __call__` is for the checker alone: no class holds one at run time, a call runs
    # nn.Module's (through the layers' and cells' Keras hints), hooks included
    from lstmkit.nn._arguments import _KerasHinted
    from lstmkit.text import TextClassifier

    assert [c.__name__ for c in _modules() if "__call__" in vars(c)] == []
    assert {c.__call__ for c in _modules()} == {_KerasHinted.__call__, torch.nn.Module.__call__}
    lstm = lstmkit.LSTM(3, 4)
    classifier = TextClassifier(vocab_size=5, embed_dim=2, hidden_size=3, num_classes=2)
    seen: list[tuple[str, tuple[int, ...]]] = []
    for module in (lstm, classifier):
        module.register_forward_hook(
            lambda m, args, out: seen.append((type(m).__name__, tuple(args[0].shape)))
        )
    lstm(torch.zeros(5, 2, 3))
    classifier(torch.zeros(2, 4, dtype=torch.long))
    # the classifier's own LSTM is another module: its hook is the classifier's alone
    assert seen == [("LSTM", (5, 2, 3)), ("TextClassifier", (2, 4))]


def test_the_readme_says_both_checkers_type_a_call_as_forward():
    # The README said pyright and Pylance type `lstm(x)` as Any (the `__call__ = forward` form)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    development = " ".join(readme[readme.index("\n## Development\n") :].split())
    said = (
        "and calling a layer or model types as its `forward`: `out, (h_n, c_n) = lstm(x)` gives "
        "tensors, `out` a `PackedSequence` for packed input (each class declares there a "
        "`def __call__` of its `forward`'s signature, overloads and all, which "
        "`tests/test_typing.py` holds; a call still runs `torch.nn.Module`'s, hooks included). "
        "After `pip install mypy pyright`, `mypy --strict tests/test_typing_calls.py` and "
        "`pyright tests/test_typing_calls.py` (strict mode) report 0 errors on those calls, "
        "each written with `assert_type` (mypy 2.4.1, pyright 1.1.414)."
    )
    assert said in development
    assert "Pyright and Pylance keep" not in development
    calls = Path(__file__).with_name("test_typing_calls.py").read_text("utf-8")
    assert "\n# pyright: strict\n" in calls


def test_layer_settings_are_declared_on_the_class():
    # mypy: 'Cannot determine type of "hidden_size"' for `lstm.hidden_size` in a user's script
    from lstmkit.nn.layers import _RNNBase

    assert {k: v for k, v in _RNNBase.__annotations__.items() if not k.startswith("_")} == {
        "mode": "str",
        "input_size": "int",
        "hidden_size": "int",
        "num_layers": "int",
        "bias": "bool",
        "batch_first": "bool",
        "dropout": "float",
        "bidirectional": "bool",
        "proj_size": "int",
        "peephole": "bool",
        "implementation": "Implementation",
    }
    lstm = lstmkit.LSTM(3, 4, dropout=0)
    assert (lstm.hidden_size, lstm.dropout, lstm.implementation) == (4, 0.0, "auto")


def test_forecaster_histories_are_typed():
    # `fc.history_[0].best_epoch` was Any (history_: list[Any])
    from lstmkit.train import History

    hints = typing.get_type_hints(lstmkit.Forecaster)
    assert hints["history_"] == hints["refit_history_"] == list[History]
    assert hints["config"] is lstmkit.ForecasterConfig
    assert hints["members_"] == torch.nn.ModuleList | None


@pytest.mark.parametrize("name", ["to_terminal", "to_html", "top_contributions", "plot_lags"])
def test_renderers_take_a_tensor_of_relevance(name):
    # README: to_terminal(tokens, ex.relevance[0]), a tensor, which the annotation refused
    from lstmkit.explain import render

    hints = typing.get_type_hints(getattr(render, name), localns={"Tensor": torch.Tensor})
    assert set(typing.get_args(hints["relevance"])) >= {np.ndarray, torch.Tensor}
    line = render.to_terminal(["a", "b"], torch.tensor([0.5, -0.25]), color=False)
    assert line == "a(+0.500) b(-0.250)"


def test_metrics_array_like_is_a_declared_alias():
    # undeclared, mypy read `ArrayLike` as no type at all where pandas has no stubs installed
    from lstmkit import metrics

    assert metrics.__annotations__ == {"ArrayLike": "TypeAlias"}


def test_no_bare_containers_in_public_signatures():
    # pyright --strict: 'Type of "compare" is partially unknown' (options: dict[str, dict])
    from lstmkit.explain import compare
    from lstmkit.nn import Summary

    any_kwargs = dict[str, dict[str, typing.Any]] | None
    assert typing.get_type_hints(compare)["options"] == any_kwargs
    assert typing.get_type_hints(Summary)["rows"] == list[dict[str, typing.Any]]


def test_text_models_declare_their_sizes():
    # pyright: `TextClassifier(...).vocab_size` was "Unknown | int" (assigned from the checked
    # sizes, typed int | None), and so was every result that holds a model
    from lstmkit.text import CharLM, Seq2Seq, TextClassifier

    sizes = {
        TextClassifier: ["vocab_size", "embed_dim", "hidden_size", "num_classes"],
        CharLM: ["vocab_size", "embed_dim", "hidden_size", "num_layers"],
        Seq2Seq: ["source_vocab", "target_vocab", "embed_dim", "hidden_size", "num_layers"],
    }
    for cls, names in sizes.items():
        declared = cls.__annotations__
        assert {n: declared.get(n) for n in names} == dict.fromkeys(names, "int"), cls.__name__
        assert declared["dropout"] == "float", cls.__name__
    assert TextClassifier.__annotations__["padding_idx"] == "int | None"
    model = TextClassifier(vocab_size=5, embed_dim=2, hidden_size=3, num_classes=2)
    assert (model.vocab_size, model.padding_idx, model.dropout) == (5, 0, 0.0)
