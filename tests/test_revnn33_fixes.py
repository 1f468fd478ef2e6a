"""Review of nn33 (revnn33): a refusal under ``torch.compile(fullgraph=True)`` names lstmkit's
error; :class:`lstmkit.nn.cells.MixedArgumentError` caught, pickled and shown as its kinds."""

import pickle

import pytest
import torch

from lstmkit.nn import LSTM, LSTMCell
from lstmkit.nn.cells import MixedArgumentError

DT = torch.float64
_LAYER_DTYPE = (
    "`input` has dtype torch.float64 but the layer's parameters have dtype torch.float32: "
    "convert the layer (`layer.double()`) or the input (`input.float()`)."
)
_CELL_DTYPE = _LAYER_DTYPE.replace("layer", "cell")


@pytest.mark.skipif(
    torch.torch_version.TorchVersion(torch.__version__) < (2, 9),
    reason="an older Dynamo's wording of an exception it observed is not checked (torch "
    "2.8.0's names only the class: 'raised exception ExceptionVariable(<class 'TypeError'>)')",
)
@pytest.mark.parametrize(
    ("module", "x", "told"),
    [
        (LSTM(input_size=3, hidden_size=4), torch.zeros(5, 2, 3, dtype=DT), _LAYER_DTYPE),
        (LSTMCell(input_size=3, hidden_size=4), torch.zeros(2, 3, dtype=DT), _CELL_DTYPE),
    ],
    ids=["LSTM", "LSTMCell"],
)
def test_a_refusal_under_fullgraph_names_lstmkits_error(module, x, told):
    """Under fullgraph=True a refused call (a TypeError) failed with Dynamo's "Unresolved
    GetAttrVariable comparison" in refuse_call, which Dynamo cannot trace; it now fails with
    Dynamo's "Observed exception" naming lstmkit's TypeError, as a ValueError already did."""
    torch._dynamo.reset()
    try:
        with pytest.raises(Exception) as err:
            torch.compile(module, fullgraph=True, backend="eager")(x)
    finally:
        torch._dynamo.reset()
    message = str(err.value)
    assert "GetAttrVariable" not in message
    assert f"raised exception TypeError({told!r})" in message


def test_a_keras_argument_under_compile_without_fullgraph_is_still_told_lstmkits_way():
    """Without fullgraph a call Dynamo cannot bind runs eagerly, where refuse_call runs."""
    torch._dynamo.reset()
    try:
        with pytest.raises(TypeError) as err:
            torch.compile(LSTM(input_size=3, hidden_size=4), backend="eager")(
                torch.zeros(5, 2, 3), initial_state=None
            )
    finally:
        torch._dynamo.reset()
    assert str(err.value).startswith("LSTM.forward() takes no Keras argument `initial_state`: ")


def test_a_mixed_argument_error_is_each_kind_pickles_and_shows_its_class():
    with pytest.raises(MixedArgumentError) as err:
        LSTM(input_size=3, hidden_size=4)(torch.zeros(5, 2, 7, dtype=DT))
    told = "`input` has 7 features in its last dimension, expected input_size=3. " + _LAYER_DTYPE
    assert str(err.value) == told
    assert repr(err.value) == f"MixedArgumentError({told!r})"
    assert all(isinstance(err.value, kind) for kind in (TypeError, ValueError, RuntimeError))
    again = pickle.loads(pickle.dumps(err.value))
    assert type(again) is MixedArgumentError
    assert again.args == (told,)
