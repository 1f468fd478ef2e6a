"""Fixes of nn22: leftovers in the recurrent core (lstmkit.nn) and the explanations."""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch

import lstmkit.nn
from lstmkit._checks import ConfigTypeError, TextForNumberError
from lstmkit.explain import aopc, explain
from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell, summary

# ---- 1. a choice given a non-str is a TypeError; a slip is told the word it meant -------------

_CHOICES = "('auto', 'fused', 'explicit')"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(5, "int 5"), (None, "None"), (2.5, "float 2.5"), (["fused"], "list ['fused']")],
    ids=["int", "None", "float", "list"],
)
@pytest.mark.parametrize("layer", [LSTM, GRU])
def test_an_implementation_that_is_no_str_is_a_type_error(layer, value, shown) -> None:
    # it was a ValueError: "`implementation` must be one of (...), got 5."
    with pytest.raises(TypeError) as err:
        layer(1, 4, implementation=value)
    assert type(err.value) is TypeError
    assert str(err.value) == f"`implementation` must be a str, one of {_CHOICES}, got {shown}."


def test_an_implementation_set_later_is_refused_alike() -> None:
    lstm = LSTM(1, 4)
    with pytest.raises(TypeError) as err:
        lstm.implementation = 5  # type: ignore[assignment]
    assert str(err.value) == f"`implementation` must be a str, one of {_CHOICES}, got int 5."
    assert lstm.implementation == "auto"


@pytest.mark.parametrize(
    ("value", "meant"),
    [("fussed", "fused"), ("Auto", "auto"), ("explict", "explicit"), (" fused", "fused")],
)
def test_a_misspelt_implementation_is_told_the_word_it_meant(value, meant) -> None:
    # it was "`implementation` must be one of (...), got 'fussed'." without the word meant
    with pytest.raises(ValueError) as err:
        LSTM(1, 4, implementation=value)
    assert type(err.value) is ValueError
    assert str(err.value) == (
        f"`implementation` must be one of {_CHOICES}, got {value!r} (did you mean {meant!r}?)."
    )


def test_a_misspelt_direction_is_told_the_word_it_meant() -> None:
    with pytest.raises(ValueError) as err:
        LSTM(1, 4).gates(direction="forwrd")  # type: ignore[arg-type]
    assert (
        str(err.value)
        == "`direction` must be 'forward' or 0, got 'forwrd' (did you mean 'forward'?)."
    )
    with pytest.raises(ValueError) as err:
        LSTM(1, 4, bidirectional=True).gates(direction="Reverse")  # type: ignore[arg-type]
    assert str(err.value) == (
        "`direction` must be 'forward', 'reverse', 0 or 1, got 'Reverse' (did you mean 'reverse'?)."
    )
    # a word that is no slip keeps the plain refusal, an index too
    with pytest.raises(ValueError) as err:
        LSTM(1, 4).gates(direction="reverse")
    assert str(err.value) == (  # told why since nn25
        "`direction` must be 'forward' or 0, the only direction of a layer that is not "
        "bidirectional (bidirectional=False), got 'reverse'."
    )
    with pytest.raises(ValueError) as err:
        LSTM(1, 4).gates(direction=2)
    assert str(err.value) == "`direction` must be 'forward' or 0, got 2."


# ---- 2. text for a count is told the number it reads as, every count at once -----------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: LSTM(1, "4"),
            "`hidden_size` must be a positive integer, got '4' (a number, not text: 4).",
        ),
        (
            lambda: GRUCell(b"3", 4),
            "`input_size` must be a positive integer, got b'3' (a number, not bytes: 3).",
        ),
        (
            lambda: LSTMCell(1, "4.5"),
            "`hidden_size` must be a positive integer, got '4.5' (a number, not text: 4.5; but "
            "4.5 would be refused too).",
        ),
        (
            lambda: GRU(1, "x"),
            "`hidden_size` must be a positive integer, got 'x' (a number, not text).",
        ),
        # every count at once: LSTM("1", "4", "2") named `input_size` alone
        (
            lambda: LSTM("1", "4", "2"),
            "`input_size` must be a positive integer, got '1' (a number, not text: 1). "
            "`hidden_size` must be a positive integer, got '4' (a number, not text: 4). "
            "`num_layers` must be a positive integer, got '2' (a number, not text: 2).",
        ),
        (
            lambda: LSTM("1", 0),
            "`input_size` must be a positive integer, got '1' (a number, not text: 1). "
            "`hidden_size` must be a positive integer, got 0.",
        ),
        (
            lambda: LSTM(1, 4, proj_size="4"),
            "`proj_size` must be an integer, got '4' (a number, not text: 4; but 4 would be "
            "refused too).",
        ),
        (
            lambda: LSTM(1, 4, proj_size="2"),
            "`proj_size` must be an integer, got '2' (a number, not text: 2).",
        ),
        (
            lambda: GRU(1, 4, proj_size="1"),  # a GRU takes no projection
            "`proj_size` must be an integer, got '1' (a number, not text: 1; but 1 would be "
            "refused too).",
        ),
        (
            lambda: LSTM(1, 4, num_layers=2).gates(layer="2"),
            "`layer` must be an integer layer index in [0, 1], got '2' (a number, not text: 2; "
            "but 2 would be refused too).",
        ),
        (
            lambda: summary(LSTM(3, 4), input_size="-1"),
            "`input_size` must be an integer or a sequence of integers (the shape of one sample), "
            "got '-1' (a number, not text: -1; but -1 would be refused too).",
        ),
    ],
    ids=[
        "layer",
        "bytes",
        "float-text",
        "word",
        "all-at-once",
        "text-and-zero",
        "proj-refused",
        "proj",
        "gru-proj",
        "gates-layer",
        "summary",
    ],
)
def test_text_for_a_count_is_told_the_number_it_reads_as(make, message) -> None:
    # it was "`hidden_size` must be an integer, got str '4'.", where the configs and the text
    # models say "(a number, not text: 4)"
    with pytest.raises(TextForNumberError) as err:
        make()
    assert str(err.value) == message


def test_the_other_counts_problems_keep_their_kind_and_come_at_once() -> None:
    with pytest.raises(ValueError) as err:
        LSTM(0, -1)
    assert type(err.value) is ValueError
    assert str(err.value) == (
        "`input_size` must be a positive integer, got 0. "
        "`hidden_size` must be a positive integer, got -1."
    )
    with pytest.raises(TypeError) as err:  # nn23: 2.0 is a value, as in the configs: both
        LSTMCell(None, 2.0)
    assert type(err.value) is ConfigTypeError
    assert str(err.value) == (
        "`input_size` must be a positive integer, got None. `hidden_size` must be a "
        "positive integer, got 2.0 (a whole number as a float: pass int(x))."
    )
    with pytest.raises(ConfigTypeError) as err:  # a TypeError and a ValueError: both
        GRU(None, 0)
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)
    assert str(err.value) == (
        "`input_size` must be a positive integer, got None. "
        "`hidden_size` must be a positive integer, got 0."
    )
    assert LSTM(np.int64(2), np.int32(3)).hidden_size == 3


# ---- 3. nn's isinstance checks take a tuple of types, which torch.compile and jit can trace ----


def _union_isinstance_calls(folder: Path) -> list[str]:
    """Every ``isinstance(x, A | B)`` (or ``issubclass``) under ``folder``, as ``file:line``."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("isinstance", "issubclass")
                and len(node.args) == 2
                and isinstance(node.args[1], ast.BinOp)
            ):
                found.append(f"{path.name}:{node.lineno}")
    return found


def test_nn_checks_types_with_a_tuple_not_a_union() -> None:
    # `_initial_states` and the rest of lstmkit.nn wrote `isinstance(hx, tuple | list)`,
    # a types.UnionType that code torch.compile or torch.jit may trace cannot always read
    folder = Path(lstmkit.nn.__file__).parent
    assert _union_isinstance_calls(folder) == []
    assert len(list(folder.glob("*.py"))) >= 7  # the scan read nn's modules


# ---- 4. torch.export and torch.compile first; torch.jit.trace's deprecation said -----------------

_TRACE_DEPRECATED = (
    "`torch.jit.trace` is deprecated. Please switch to `torch.compile` or `torch.export`."
)


def test_jit_scripts_refusal_names_export_and_compile_first() -> None:
    # it said "Use torch.jit.trace, torch.export or torch.compile", the deprecated one first
    with pytest.raises(RuntimeError) as err:
        LSTM(3, 4, peephole=True).__prepare_scriptable__()
    assert str(err.value) == (
        "torch.jit.script cannot compile lstmkit.nn.LSTM: its forward checks its arguments and "
        "chooses its path in Python that TorchScript does not parse. Use torch.export or "
        "torch.compile (torch.jit.trace works too, but torch 2.13 deprecates it, as it does "
        "torch.jit.script)."
    )


def test_the_readme_names_export_and_compile_first_and_says_what_torch_warns() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    core = readme[readme.index("## The recurrent core") : readme.index("## Explanations")]
    routes = core.index("`torch.export` and `torch.compile` work (")
    assert "`torch.jit.trace`, `torch.export` and `torch.compile` work" not in core
    assert routes < core.index("`torch.jit.trace`\nworks too, but torch 2.13 deprecates it")
    assert f'"{_TRACE_DEPRECATED}"' in " ".join(core.split())


@pytest.mark.skipif(
    tuple(int(n) for n in torch.__version__.split(".")[:2]) < (2, 13),
    reason="torch.jit.trace warns from torch 2.13",
)
def test_torch_warns_what_the_readme_quotes() -> None:
    lstm = LSTM(2, 3, implementation="fused").eval()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.jit.trace(lstm, torch.randn(4, 1, 2))
    # a DeprecationWarning under torch 2.13, a FutureWarning (which users see) from 2.14
    category = DeprecationWarning if torch.__version__.startswith("2.13.") else FutureWarning
    said = [str(w.message) for w in caught if w.category is category]
    assert said[0] == _TRACE_DEPRECATED


# ---- 5. aopc(None) is told where a curve comes from, not to convert it -------------------------

_CURVE = "`curve` must be a 2-D tensor [B, K + 1] (a row per sequence; one curve: curve[None])"


@pytest.mark.parametrize(
    ("curve", "shown"), [(None, "None"), (0.5, "float 0.5"), ("abc", "str 'abc'")]
)
def test_aopc_of_what_holds_no_scores_says_where_a_curve_comes_from(curve, shown) -> None:
    # it was "..., got NoneType; pass torch.as_tensor(curve) for scores held in a list or
    # array.", which turns None into no curve
    with pytest.raises(TypeError) as err:
        aopc(curve)
    assert str(err.value) == (
        f"{_CURVE}, got {shown}; pass the curve deletion_curve(model, inputs, explanation) returns."
    )


def test_aopc_of_scores_in_a_tuple_keeps_the_as_tensor_advice() -> None:
    with pytest.raises(TypeError) as err:
        aopc(((1.0, 0.5),))  # type: ignore[arg-type]
    assert str(err.value) == (
        f"{_CURVE}, got tuple; pass torch.as_tensor(curve) for scores held in a list or array."
    )
    assert aopc(torch.as_tensor(((1.0, 0.5),))).tolist() == [0.25]


# ---- 6. a time-major rnn handed a copy of the inputs (B == T) is refused too ------------------


class _CopiesFirst(torch.nn.Module):
    """A classifier with a time-major `rnn` whose forward() first makes `prep` of its input."""

    def __init__(self, prep, embedded: bool) -> None:
        super().__init__()
        self.embedding = torch.nn.Embedding(10, 4) if embedded else None
        self.rnn = torch.nn.LSTM(4, 5)
        self.head = torch.nn.Linear(5, 2)
        self.prep = prep

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e = x if self.embedding is None else self.embedding(x)
        out, _ = self.rnn(self.prep(e))
        return self.head(out[-1])


_COPIES = {
    "clone": lambda e: e.clone(),
    "contiguous": lambda e: e.contiguous(),
    "slice": lambda e: e[:, :],
    "to-float64-and-back": lambda e: e.double().float(),
}


@pytest.mark.parametrize("copy", list(_COPIES))
@pytest.mark.parametrize("embedded", [True, False], ids=["ids", "vectors"])
@pytest.mark.parametrize("method", ["gradxinput", "sensitivity", "ig", "occlusion"])
def test_a_time_major_rnn_handed_a_copy_is_refused(method, embedded, copy) -> None:
    # `args[0] is e` missed a copy: gradxinput explained such a model silently wrong
    torch.manual_seed(0)
    x = torch.randint(0, 10, (3, 3)) if embedded else torch.randn(3, 3, 4)
    with pytest.raises(RuntimeError) as err:
        explain(_CopiesFirst(_COPIES[copy], embedded), x, method=method)
    assert str(err.value) == (
        "_CopiesFirst's `rnn` has batch_first=False and forward() hands it the inputs as they "
        f"are: it reads [B, T, ...] = {tuple(x.shape)} as [T, B, ...], each score mixing the "
        "sequences, which no explanation can attribute; build it with batch_first=True (or "
        "transpose in forward())."
    )


def test_a_transposed_copy_is_explained_and_a_scaled_input_is_the_documented_limit() -> None:
    torch.manual_seed(0)
    x = torch.randn(3, 3, 4)
    transposed = _CopiesFirst(lambda e: e.transpose(0, 1).contiguous(), embedded=False)
    ex = explain(transposed, x, method="gradxinput")
    lrp_ex = explain(transposed, x, method="lrp")
    assert torch.equal(ex.target, lrp_ex.target)
    # a forward() that changes the values first is not seen by the gradient methods, as the
    # README says ("cannot see it through a forward() that changes the values first"); lrp's
    # output check refuses it
    scaled = _CopiesFirst(lambda e: 2 * e, embedded=False)
    assert explain(scaled, x, method="gradxinput").relevance.shape == (3, 3)
    with pytest.raises(RuntimeError, match="lrp's float64 recomputation of _CopiesFirst differs"):
        explain(scaled, x, method="lrp")


# ---- 7. benchmarks/faithfulness.py, written plainly, computes what it did ----------------------


class _Tokens(torch.nn.Module):
    """A tiny classifier of token ids with an `embedding`, called as model(tokens, lengths)."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = torch.nn.Embedding(12, 3)
        self.rnn = LSTM(3, 4, batch_first=True)
        self.head = torch.nn.Linear(4, 2)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        _, (h_n, _) = self.rnn(self.embedding(tokens), lengths=lengths)
        return self.head(h_n[-1])


def test_faithfulness_still_correct_matches_its_former_vectorised_form(bench_script) -> None:
    script = bench_script("faithfulness")
    torch.manual_seed(9)  # a seed whose deletions change predictions
    model = _Tokens().eval()
    tokens = torch.randint(1, 12, (8, 6))
    lengths = torch.tensor([6, 4, 1, 5, 3, 6, 2, 5])
    with torch.no_grad():
        pred = model(tokens, lengths).argmax(1)
    ex = explain(model, tokens, pred, method="gradxinput", lengths=lengths)
    got = script._still_correct(model, tokens, lengths, ex, pred, 4)
    # the former code, with its broadcasting, scatter_ and default-argument lambda
    emb = model.embedding(tokens).detach()
    valid = torch.arange(tokens.shape[1])[None] < lengths[:, None]
    rank = ex.relevance.masked_fill(~valid, float("-inf")).argsort(
        dim=1, descending=True, stable=True
    )
    expected = []
    with torch.no_grad():
        for k in range(5):
            deleted = torch.zeros_like(valid)
            deleted.scatter_(1, rank[:, :k], True)
            x = emb.masked_fill((deleted & valid)[:, :, None], 0.0)
            handle = model.embedding.register_forward_hook(lambda _m, _a, _o, x=x: x)
            try:
                expected.append(model(tokens, lengths).argmax(1) == pred)
            finally:
                handle.remove()
    assert torch.equal(got, torch.stack(expected, 1))
    assert got[:, 0].all()  # no deletion: every prediction stands
    assert int((~got).sum()) == 17  # and deletions change some (golden, this seed)


def test_faithfulness_orders_its_rows_as_before(bench_script) -> None:
    # the rows were tuples (figure, method, ...) sorted in reverse: a tie put the later name first
    figures = {"lrp": 0.5, "ig": 0.5, "random": 0.1, "occlusion": 0.9}
    assert bench_script("faithfulness")._best_first(figures) == ["occlusion", "lrp", "ig", "random"]
