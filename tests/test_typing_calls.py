"""Calls of the modules as a user's script writes them, each with the type a checker must give.

``assert_type`` does nothing at run time (the calls run as usual); mypy ``--strict`` and pyright
in strict mode (the comment below) check this file with 0 errors, and report any call that types
otherwise (``Any``, as ``lstm(x)`` was to pyright while the classes said ``__call__ = forward``)::

    mypy --strict tests/test_typing_calls.py
    pyright tests/test_typing_calls.py
"""

# pyright: strict

from __future__ import annotations

from typing import assert_type

import torch
from torch import Tensor
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence

from lstmkit import GRU, LSTM, GRUCell, LSTMCell
from lstmkit.forecast import ForecastNet
from lstmkit.text import CharLM, ClassifierEnsemble, Seq2Seq, TextClassifier


def test_layers_type_as_their_forward() -> None:
    x = torch.randn(5, 2, 3)
    packed = pack_padded_sequence(x, [5, 3])
    out, (h_n, c_n) = assert_type(LSTM(3, 4)(x), tuple[Tensor, tuple[Tensor, Tensor]])
    assert (out.shape, h_n.shape, c_n.shape) == ((5, 2, 4), (1, 2, 4), (1, 2, 4))
    packed_out, _ = assert_type(LSTM(3, 4)(packed), tuple[PackedSequence, tuple[Tensor, Tensor]])
    assert packed_out.data.shape == (8, 4)
    out, h_n = assert_type(GRU(3, 4)(x, lengths=[5, 3]), tuple[Tensor, Tensor])
    assert (out.shape, h_n.shape) == ((5, 2, 4), (1, 2, 4))
    packed_out, _ = assert_type(GRU(3, 4)(packed), tuple[PackedSequence, Tensor])
    assert packed_out.data.shape == (8, 4)


def test_cells_type_as_their_forward() -> None:
    x = torch.randn(2, 3)
    h, c = assert_type(LSTMCell(3, 4)(x), tuple[Tensor, Tensor])
    assert (h.shape, c.shape) == ((2, 4), (2, 4))
    assert assert_type(GRUCell(3, 4)(x), Tensor).shape == (2, 4)


def test_models_type_as_their_forward() -> None:
    tokens = torch.zeros(2, 5, dtype=torch.long)
    classifier = TextClassifier(vocab_size=5, embed_dim=2, hidden_size=3, num_classes=2)
    assert assert_type(classifier(tokens, [5, 3]), Tensor).shape == (2, 2)
    assert assert_type(ClassifierEnsemble([classifier])(tokens), Tensor).shape == (2, 2)
    lm = CharLM(vocab_size=5, embed_dim=2, hidden_size=3, num_layers=1)
    logits, (h, _) = assert_type(lm(tokens), tuple[Tensor, tuple[Tensor, Tensor]])
    assert (logits.shape, h.shape) == ((2, 5, 5), (1, 2, 3))
    s2s = Seq2Seq(source_vocab=5, target_vocab=6, embed_dim=2, hidden_size=3, num_layers=1)
    log_probs = assert_type(s2s(tokens, torch.tensor([5, 3]), tokens), Tensor)
    assert log_probs.shape == (2, 5, 6)
    net = ForecastNet("lstm", input_size=3, hidden_size=4, out_size=2)
    assert assert_type(net(torch.randn(2, 7, 3)), Tensor).shape == (2, 2)
