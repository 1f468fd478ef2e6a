"""A researcher's own PyTorch models explained: models wrapped for training (DataParallel,
torch.compile), an LSTM or GRU cell stepped in a loop, and LRP through a time-major, packed
torch.nn.GRU with padding, written out by hand."""

from __future__ import annotations

import re

import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import explain, lrp, lrp_seq2seq


class _Tagger(nn.Module):
    """nn.Embedding → nn.LSTM (batch first) → nn.Linear on h_n[-1]."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 1]])


@pytest.mark.parametrize("method", ["lrp", "gradxinput", "occlusion"])
def test_a_data_parallel_model_is_told_to_pass_its_module(method) -> None:
    """lrp listed the wrapper's one child (`['module']`) as a model without `rnn` and `head`;
    the gradient methods, finding no `embedding`, refused the token ids as not float
    features of a model without an embedding."""
    torch.manual_seed(0)
    model = nn.DataParallel(_Tagger().double())
    message = (
        "`model` must be the module to explain, got a DataParallel around _Tagger: the "
        "explanations read its layers (its embedding; LRP all of them), which the wrapper holds "
        "as `module`; pass `model.module`."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        explain(model, _TOKENS, 0, method=method)
    # as told: the module itself is explained
    ex = explain(model.module, _TOKENS, 0, method=method)
    assert ex.relevance.shape == (2, 5)


def test_a_compiled_model_is_explained_as_the_module_it_compiled() -> None:
    """torch.compile's wrapper holds the model as `_orig_mod`: lrp refused it as a model with
    the one submodule `_orig_mod`, while the gradient methods explained it."""
    torch.manual_seed(0)
    model = _Tagger().double()
    compiled = torch.compile(model, backend="eager")
    ex = lrp(compiled, _TOKENS, 1, bias_factor=1.0)
    plain = lrp(model, _TOKENS, 1, bias_factor=1.0)
    assert torch.equal(ex.relevance, plain.relevance)
    assert torch.equal(ex.output, plain.output)
    assert float(ex.residual.abs().max()) < 1e-14


def test_a_compiled_model_without_lengths_is_refused_lengths_by_its_class() -> None:
    """The wrapper's forward(*args, **kwargs) took any keyword, so `lengths` passed the check
    that the model takes them, and lrp(..., check=False) explained the sequences cut at their
    lengths while the model reads the padding too."""
    compiled = torch.compile(_Tagger().double(), backend="eager")
    message = (
        "`lengths` needs a model whose forward takes a `lengths` argument (it is called as "
        "`model(inputs, lengths=lengths)`), got _Tagger with forward(tokens: 'torch.Tensor') "
        "-> 'torch.Tensor'. _Tagger reads every step, padding included: pass lengths=None to "
        "explain that, or give its forward a `lengths` argument."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(compiled, _TOKENS, 0, lengths=[5, 3], check=False)


class _CellLoop(nn.Module):
    """A cell stepped over the sequence in forward, as tutorials write it."""

    def __init__(self, cell: nn.Module) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = cell
        self.head = nn.Linear(3, 2)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.embedding(tokens)
        h = c = x.new_zeros(x.shape[0], 3)
        for t in range(x.shape[1]):
            if isinstance(self.rnn, (nn.LSTMCell, lnn.LSTMCell)):
                h, c = self.rnn(x[:, t], (h, c))
            else:
                h = self.rnn(x[:, t], h)
        return self.head(h)


class _Layer(nn.Module):
    def __init__(self, loop: _CellLoop, rnn: nn.Module) -> None:
        super().__init__()
        self.embedding, self.rnn, self.head = loop.embedding, rnn, loop.head

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        h_n = self.rnn(self.embedding(tokens))[1]
        return self.head((h_n[0] if isinstance(h_n, tuple) else h_n)[-1])


@pytest.mark.parametrize(
    ("cell", "layer"),
    [
        (
            nn.LSTMCell(4, 3),
            "An LSTMCell stepped over time in forward computes what a one-layer "
            "LSTM computes in one call: hold `nn.LSTM(4, 3, batch_first=True)`",
        ),
        (
            nn.GRUCell(4, 3, bias=False),
            "A GRUCell stepped over time in forward computes what a "
            "one-layer GRU computes in one call: hold `nn.GRU(4, 3, bias=False, batch_first=True)`",
        ),
        (
            lnn.LSTMCell(4, 3, peephole=True),
            "An LSTMCell stepped over time in forward computes "
            "what a one-layer LSTM computes in one call: hold `lstmkit.nn.LSTM(4, 3, "
            "peephole=True, batch_first=True)`",
        ),
    ],
    ids=["torch-lstm", "torch-gru-nobias", "lstmkit-peephole"],
)
def test_a_cell_stepped_in_a_loop_is_told_the_layer_that_computes_it(cell, layer) -> None:
    torch.manual_seed(0)
    loop = _CellLoop(cell).double()
    message = (
        f"lrp does not support the module `rnn` ({type(cell).__name__}); supported: "
        "lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU. "
        + layer
        + " as `rnn`, with the cell's weights (`rnn.load_state_dict({k + '_l0': v for k, v in "
        "cell.state_dict().items()})`), and let forward read its final state `h_n[-1]`."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(loop, _TOKENS, 1)
    # the advice, followed, gives the loop's own output, which lrp explains
    code = re.search(r"hold `(.+?)` as", message).group(1)
    rnn = eval(code, {"nn": nn, "lstmkit": __import__("lstmkit")}).double()
    rnn.load_state_dict({k + "_l0": v for k, v in loop.rnn.state_dict().items()})
    model = _Layer(loop, rnn)
    with torch.no_grad():
        torch.testing.assert_close(model(_TOKENS), loop(_TOKENS), rtol=1e-12, atol=1e-14)
    ex = lrp(model, _TOKENS, 1, bias_factor=1.0)
    assert float(ex.residual.abs().max()) < 1e-12


class _Projected(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = nn.LSTM(4, 6, proj_size=2, batch_first=True)
        self.head = nn.Linear(2, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


def test_a_projected_lstm_is_refused_naming_the_module_and_the_methods_that_explain_it() -> None:
    """The refusal named neither the module nor its proj_size, nor what explains the model."""
    torch.manual_seed(0)
    model = _Projected().double()
    message = (
        "lrp does not support the module `rnn` (LSTM) with `proj_size`=2: the LSTM rules of "
        "Arras et al. have no projection of the hidden states (supported: proj_size=0, the "
        "default). The gradient methods explain it: `explain(model, inputs, target, "
        "method='gradxinput')` (or 'ig', 'occlusion')."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)
    for method in ("gradxinput", "ig", "occlusion"):  # as the message says
        ex = explain(model, _TOKENS, 0, method=method)
        assert ex.relevance.shape == (2, 5)
        assert bool(ex.relevance.isfinite().all()) and float(ex.relevance.abs().sum()) > 0


def test_a_projected_seq2seq_decoder_is_named_before_its_heads_width() -> None:
    """The head on the projected outputs (2 wide) was refused first, as a head that does not
    take the decoder's hidden_size (6), which hid the projection."""

    class Seq2Seq(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = nn.LSTM(3, 6, proj_size=2, batch_first=True)
            self.decoder = nn.LSTM(1, 6, proj_size=2, batch_first=True)
            self.head = nn.Linear(2, 1)

        def forward(self, x: torch.Tensor, future: torch.Tensor) -> torch.Tensor:
            return self.head(self.decoder(future, self.encoder(x)[1])[0]).squeeze(-1)

    message = (
        "lrp_seq2seq does not support the module `encoder` (LSTM) with `proj_size`=2: the LSTM "
        "rules of Arras et al. have no projection of the hidden states (supported: proj_size=0, "
        "the default)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp_seq2seq(
            Seq2Seq().double(), torch.randn(1, 4, 3).double(), torch.randn(1, 2, 1).double()
        )
