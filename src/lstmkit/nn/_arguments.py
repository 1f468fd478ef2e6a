"""Constructor arguments the recurrent modules do not take, refused naming the public class.

Python's own refusal named the private base (``_RNNBase.__init__() got an unexpected keyword
argument 'units'``) and one argument at a time; Keras' names get what lstmkit does instead.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec

import torch
from torch import nn

from lstmkit._checks import and_list, as_int, plural_s

_P = ParamSpec("_P")

_ACTIVATIONS = (
    "`activation` and `recurrent_activation` are fixed at Keras' defaults here (tanh and "
    "sigmoid): drop them; another activation takes a cell of your own"
)
_INITIALIZERS = (
    "the initializers (and `unit_forget_bias`) have no argument here: the parameters start "
    "uniform in ±1/sqrt(hidden_size), as torch.nn's; set them after construction, "
    "torch.nn.init on a weight or `gates()['forget']` for the forget gate's biases"
)
# Keras' LSTM/GRU arguments (keras.layers.LSTM) -> what lstmkit does instead. ``{cls}`` is the
# class the user called, ``{state}`` what its call returns besides the output.
_KERAS = {
    "units": "`units` is `hidden_size` here, after `input_size` (the features per step, which "
    "Keras infers): {cls}(input_size, hidden_size)",
    "input_shape": "`input_shape` (steps, features) is `input_size=features` here; the number "
    "of steps is not fixed",
    "input_dim": "`input_dim` is `input_size` here",
    # the stateful tutorials' LSTM(n, batch_input_shape=(1, steps, features), stateful=True);
    # a cell's too (LSTMCell(4, batch_input_shape=(1, 2)) was "got unknown argument")
    "batch_input_shape": "`batch_input_shape` (batch, steps, features) is `input_size=features` "
    "here; neither the batch size nor the number of steps is fixed",
    "activation": _ACTIVATIONS,
    "recurrent_activation": _ACTIVATIONS,
    "use_bias": "`use_bias` is `bias` here (as torch.nn)",
    "recurrent_dropout": "there is no `recurrent_dropout` (as in torch.nn)",
    "kernel_initializer": _INITIALIZERS,
    "recurrent_initializer": _INITIALIZERS,
    "bias_initializer": _INITIALIZERS,
    "unit_forget_bias": _INITIALIZERS,
    "seed": "the parameters draw from torch's generator: call torch.manual_seed(seed) first",
    "reset_after": "`reset_after` is always True here (PyTorch's GRU, Keras' default): the "
    "reset gate multiplies the recurrent product with its bias",
}
# Keras' LSTM takes no `reset_after` either; told so for lstmkit's LSTM (layer or cell)
_NO_RESET_GATE = (
    "`reset_after` is an argument of Keras' GRU; an LSTM has no reset gate and no such option: "
    "drop it"
)
_KERAS_LAYER = {
    **_KERAS,
    "return_sequences": "the layer always returns every step's output and the final state, "
    "`output, {state} = layer(x)`; Keras' default output (the last step's) is `h_n[-1]` for one "
    "direction",
    "return_state": "the layer always returns the final state with the output: "
    "`output, {state} = layer(x)`",
    "go_backwards": "`go_backwards` is `bidirectional=True` here for both directions; for the "
    "reverse one alone, flip the input along time (`x.flip(1)` with batch_first=True)",
    "recurrent_dropout": "there is no `recurrent_dropout` (as in torch.nn); `dropout` drops the "
    "outputs between stacked layers (num_layers > 1)",
    "time_major": "`time_major=True` is `batch_first=False` here (the default, as in torch.nn)",
    "stateful": "`stateful` has no switch here: pass the final state back as `hx` on the next "
    "call, detached",
}
_KERAS_CELL = {
    **_KERAS,
    "implementation": "Keras' 1 or 2 (many small or a few large matrix products per step) "
    "has no meaning here, PyTorch chooses its kernel",
    "dropout": "a cell takes no `dropout` (as torch.nn's cells): apply torch.nn.Dropout to its "
    "input",
}


def _public_name(obj: object) -> str:
    """The lstmkit class ``obj`` is, for its messages: ``LSTM``, not its base ``_RNNBase`` nor a
    user's subclass (the constructor's refusals and :func:`lstmkit.nn.cells._refuse_script`)."""
    for cls in type(obj).__mro__:
        if cls.__module__.startswith("lstmkit.") and not cls.__name__.startswith("_"):
            return cls.__name__
    return type(obj).__name__


# The argument a Keras name stands in for: told once, in the Keras name's hint, not missing too.
_STANDS_FOR = {
    "units": "hidden_size",
    "input_shape": "input_size",
    "batch_input_shape": "input_size",
    "input_dim": "input_size",
}


def _translation(name: str, layer: bool, args: tuple, kwargs: dict) -> str | None:
    """A Keras-style call with its sizes as lstmkit's, ``LSTM(1, 4, batch_first=True)`` for
    ``LSTM(4, input_shape=(3, 1))`` (windows [samples, steps, features]) and for
    ``LSTM(4, batch_input_shape=(1, 3, 1))``; None for another."""
    if len(args) + ("units" in kwargs) != 1:
        return None
    units = as_int(kwargs["units"] if "units" in kwargs else args[0])
    shape = kwargs.get("input_shape", kwargs.get("batch_input_shape"))
    shape = shape.tolist() if hasattr(shape, "tolist") else shape  # numpy's and torch's arrays
    shaped = isinstance(shape, (tuple, list)) and len(shape) > 0  # torch.Size is a tuple
    features = as_int(shape[-1] if shaped else kwargs.get("input_dim"))
    if units is None or features is None:
        return None
    return f"{name}({features}, {units}" + (", batch_first=True)" if layer else ")")


def _refusals(named: list[str], hints: str, others: list[str], taken: list[str]) -> list[str]:
    """The clauses for Keras' arguments ``named`` (``hints``: lstmkit's way for each) and for
    the unknown ones ``others`` (as their ``repr``), naming what the function ``taken`` takes;
    the one wording of a constructor's refusals and a call's (:func:`refuse_call`)."""
    problems = []
    if named:
        problems.append(f"takes no Keras argument {and_list([f'`{k}`' for k in named])}: {hints}")
    if others:
        unknown = f"unknown argument{plural_s(len(others))}"
        problems.append(f"got {unknown} {and_list(others)}; it takes {and_list(taken)}")
    return problems


def _keras_hints(
    obj: Any, keras: dict[str, str], named: list[str], args: tuple, kwargs: dict
) -> tuple[str, bool]:
    """lstmkit's way for each of Keras' arguments ``named``, and the call as lstmkit's sizes
    where it reads as Keras' (``LSTM(4, input_shape=(3, 1))``); and whether it gave those sizes
    (then no size is missing besides)."""
    name = _public_name(obj)
    gru = "GRU" in name
    if not gru:  # Keras' LSTM has no `reset_after` either
        keras = {**keras, "reset_after": _NO_RESET_GATE}
    state = "h_n" if gru else "(h_n, c_n)"
    hints = dict.fromkeys(keras[k] for k in named)  # in order, once each
    text = "; ".join(hints).format(cls=name, state=state)
    translation = _translation(name, hasattr(type(obj), "mode"), args, kwargs)  # a layer
    if translation:
        text += f"; this call, as Keras reads it, is {translation} here"
    return text, translation is not None


def _missing(text: str, params: list[inspect.Parameter], args: tuple, known: dict) -> str:
    """``signature.bind``'s refusal ``text`` with every required argument missing named, as
    Python's own ``missing 2 required positional arguments: 'a' and 'b'`` (bind names one)."""
    if not text.startswith("missing"):
        return "got " + text if text.startswith("multiple") else text
    given = {p.name for p in params[: len(args)]} | set(known)
    missing = [repr(p.name) for p in params if p.default is p.empty and p.name not in given]
    if len(missing) < 2:
        return text
    return f"missing {len(missing)} required arguments: {and_list(missing)}"


def _problems(obj: Any, signature: inspect.Signature, args: tuple, kwargs: dict) -> list[str]:
    """What ``obj.__init__(*args, **kwargs)`` cannot bind, each as a clause."""
    params = list(signature.parameters.values())[1:]  # without self
    keras = _KERAS_LAYER if hasattr(type(obj), "mode") else _KERAS_CELL  # a layer, or a cell
    if as_int(kwargs.get("implementation")) not in (1, 2):  # a layer's 'fused': unknown here
        keras = {k: v for k, v in keras.items() if k != "implementation"}
    named = [k for k in kwargs if k in keras]
    hints, translated = _keras_hints(obj, keras, named, args, kwargs) if named else ("", False)
    others = [repr(k) for k in kwargs if k not in signature.parameters and k not in keras]
    problems = _refusals(named, hints, others, [p.name for p in params])
    positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
    if len(args) > len(positional):
        keyword_only = and_list([f"`{p.name}`" for p in params if p.kind is p.KEYWORD_ONLY])
        problems.append(
            f"takes at most {len(positional)} positional arguments ({', '.join(positional)}), "
            f"got {len(args)}: pass {keyword_only} by keyword, e.g. "
            f"{_public_name(obj)}(..., device='cpu', dtype=torch.float64)"
        )
        args = args[: len(positional)]
    known = {k: v for k, v in kwargs.items() if k in signature.parameters}
    for keras_name, ours in _STANDS_FOR.items():
        if keras_name in kwargs and positional.index(ours) >= len(args):
            known.setdefault(ours, None)
    try:
        signature.bind(obj, *args, **known)
    except TypeError as err:  # a missing or a repeated argument, in Python's words
        text = str(err)
        if not (translated and text.startswith("missing")):  # the translation gives them all
            problems.append(_missing(text, params, args, known))
    return problems


def checked_arguments(init: Callable[_P, None]) -> Callable[_P, None]:
    """``init`` (a module's ``__init__``), refusing arguments it does not take with all of its
    problems at once, in the public class's name; ``inspect.signature`` still shows ``init``'s."""
    signature = inspect.signature(init)

    @functools.wraps(init)
    def checked(*args: _P.args, **kwargs: _P.kwargs) -> None:
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            problems = _problems(args[0], signature, args[1:], kwargs)
            name = _public_name(args[0])
            raise TypeError(f"{name}() " + "; ".join(problems) + ".") from None
        init(*args, **kwargs)

    return checked


# Keras' call arguments (``layer(x, initial_state=..., mask=..., training=...)``, a cell's
# ``cell(x, states)``) -> what lstmkit does instead. ``{state}`` is the module's ``hx``.
_TRAINING = (
    "there is no `training` argument: dropout follows the module's mode, set by "
    "`module.train()` or `module.eval()` (as in torch.nn)"
)
_KERAS_LAYER_CALL = {
    "initial_state": "`initial_state` is `hx` here, `hx={state}`, each [L*D, B, H] (Keras' "
    "[B, H] states are `h.unsqueeze(0)` for one layer and direction)",
    "mask": "`mask` is `lengths` here, each sequence's true length [B]: `lengths=mask.sum(1)` "
    "for a [B, T] mask of sequences padded at the end",
    "training": _TRAINING,
}
_KERAS_CELL_CALL = {
    "states": "`states` is `hx` here, `hx={state}`, each [B, H]",
    "initial_state": "`initial_state` is `hx` here, `hx={state}`, each [B, H]",
    "mask": "a cell runs one step and takes no `mask`: a layer (LSTM, GRU) takes `lengths`, "
    "each sequence's true length",
    "training": _TRAINING,
}


# Where nn.Module calls ``forward``: ``_call_impl``, the ``inner`` it runs when the module or
# torch has hooks, or ``_slow_forward`` under torch.jit.trace; all in this one file.
_MODULE_FILE = nn.Module._call_impl.__code__.co_filename


def _forwarded(
    error: TypeError, forward: Callable, args: tuple, kwargs: dict
) -> tuple[tuple, dict] | None:
    """The arguments ``nn.Module`` gave ``forward`` when Python refused them with ``error``,
    as its forward pre-hooks left them (one ``with_kwargs=True`` may rename or drop a keyword:
    ``initial_state`` to ``hx``), else the call as written (``args``, ``kwargs``: a torch whose
    ``nn.Module`` names them otherwise); ``None`` for a hook's TypeError or one from inside
    ``forward``."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if not (
        tb is not None
        and tb.tb_frame.f_code.co_filename == _MODULE_FILE
        and str(error).startswith(f"{forward.__qualname__}() ")
    ):
        return None
    # _call_impl and its inner() call forward(*args, **kwargs), torch.jit.trace's _slow_forward
    # forward(*input, **kwargs): the pre-hooks' results, where inner() runs any
    seen = tb.tb_frame.f_locals
    given, named = seen.get("args", seen.get("input")), seen.get("kwargs")
    return (
        (given, named) if isinstance(given, tuple) and isinstance(named, dict) else (args, kwargs)
    )


def refuse_call(module: Any, args: tuple, kwargs: dict, error: TypeError) -> None:
    """Raises a ``TypeError`` naming lstmkit's way for a call of ``module`` whose arguments its
    ``forward`` does not take because they are Keras' (``initial_state``, ``mask``,
    ``training``) or unknown, read as its forward pre-hooks left them (one that renames
    ``initial_state`` to ``hx`` or drops ``mask``), not as the caller wrote them (``args``,
    ``kwargs``); returns for another call (its TypeError, ``error``, is re-raised as it came):
    one that binds, whose TypeError came from inside ``forward`` or a hook (a forward
    pre-hook's, on a call with a Keras name too), and one of a subclass whose own ``forward``
    takes other arguments.

    Called only once a call failed, so that a call that binds costs nothing more: Python's own
    refusal said ``LSTM.forward() got an unexpected keyword argument 'initial_state'``."""
    forward = type(module).forward
    if not forward.__module__.startswith("lstmkit."):  # a user's own forward: its own error
        return
    forwarded = _forwarded(error, forward, args, kwargs)
    if forwarded is None:  # a hook's error or one from inside forward
        return
    args, kwargs = forwarded  # the call as the pre-hooks left it, not as the caller wrote it
    signature = inspect.signature(forward)
    try:  # a call that binds failed inside forward or a hook: that error, as it came
        signature.bind(module, *args, **kwargs)
        return
    except TypeError:
        pass
    layer = hasattr(type(module), "mode")
    keras = _KERAS_LAYER_CALL if layer else _KERAS_CELL_CALL
    named = [k for k in kwargs if k in keras and k not in signature.parameters]
    others = [repr(k) for k in kwargs if k not in keras and k not in signature.parameters]
    if not named and not others:
        return
    state = "h_0" if "GRU" in _public_name(module) else "(h_0, c_0)"
    if layer and "mask" in named:  # the mask that came, read as `lengths` reads one
        from lstmkit.nn.layers import _mask_advice  # (layers imports this module)

        input = args[0] if args else kwargs.get("input")
        advice = _mask_advice(module, input, kwargs["mask"])
        if advice is not None:
            keras = {
                **keras,
                "mask": "`mask` is `lengths` here, each sequence's true length [B]: "
                + advice.replace("{", "{{").replace("}", "}}"),
            }
    hints = "; ".join(dict.fromkeys(keras[k] for k in named)).format(state=state)
    problems = _refusals(named, hints, others, list(signature.parameters)[1:])  # without self
    raise TypeError(f"{_public_name(module)}.forward() " + "; ".join(problems) + ".")


class _KerasHinted(nn.Module):
    """The base of lstmkit's layers and cells: a call that ``forward`` binds pays no check; one
    that failed with a TypeError is told Keras' names' counterparts (``initial_state`` is
    ``hx``) by :func:`refuse_call`, else its error is raised as it came."""

    if not TYPE_CHECKING:  # typed as each module's ``forward``

        def __call__(self, *args, **kwargs):
            try:
                return super().__call__(*args, **kwargs)
            except TypeError as err:
                # Dynamo cannot trace refuse_call's look into the traceback's frames: under
                # fullgraph=True a refusal (a wrong dtype too) came as "Unresolved
                # GetAttrVariable comparison"; left alone it comes as Dynamo's "Observed
                # exception" naming lstmkit's error (a call that graph-breaks runs here eagerly)
                if not torch.compiler.is_compiling():
                    _uncompiled(refuse_call)(self, args, kwargs, err)
                raise


def _uncompiled(function: Callable[_P, None]) -> Callable[_P, None]:
    """``function`` as Dynamo leaves it alone where Dynamo is loaded. A compiled call that
    Dynamo gave up on runs ``__call__`` eagerly, but Dynamo still compiles each frame it calls:
    torch 2.4's looped without end tracing ``_forwarded``'s walk down the traceback (a Keras
    argument to a compiled LSTM hung), 2.13's gives it up after seconds. Where Dynamo is not
    loaded nothing is compiling, and ``function`` runs as it is."""
    dynamo = sys.modules.get("torch._dynamo")
    return function if dynamo is None else dynamo.disable(function)
