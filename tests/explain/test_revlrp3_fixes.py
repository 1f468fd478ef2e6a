"""Review of the LRP changes for a researcher's own models: weights lrp reads as the model
computes with them in eval mode (a weight dropout in train mode, the old weight_norm and
spectral_norm after an optimizer step), and `lengths` checked through a torch.compile
wrapper by every method."""

from __future__ import annotations

import re
import warnings

import pytest
import torch
from torch import nn
from torch.nn.utils import parametrize

from lstmkit.explain import explain, lrp

_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 1]])


class _WeightDropout(nn.Module):
    """An AWD-LSTM weight dropout (DropConnect), as a parametrization."""

    def forward(self, w: torch.Tensor) -> torch.Tensor:
        return nn.functional.dropout(w, 0.5, self.training)


@pytest.mark.parametrize("check", [True, False])
def test_a_weight_dropout_in_train_mode_is_explained_as_in_eval_mode(check, tagger) -> None:
    """lrp read the weights before putting the model in eval mode: with check=True a model left
    in train mode was refused as computing "something beyond" its walk (difference 0.0386);
    with check=False each run explained another random mask (0.21 off the eval explanation)."""
    torch.manual_seed(0)
    model = tagger().double()
    parametrize.register_parametrization(model.rnn, "weight_hh_l0", _WeightDropout())
    parametrize.register_parametrization(model.head, "weight", _WeightDropout())
    expected = lrp(model.eval(), _TOKENS, 1, bias_factor=1.0)
    model.train()
    for _ in range(2):
        ex = lrp(model, _TOKENS, 1, bias_factor=1.0, check=check)
        assert torch.equal(ex.relevance, expected.relevance)
        assert torch.equal(ex.score, expected.score)
    assert model.training and model.rnn.parametrizations.weight_hh_l0[0].training


def _stale(model: nn.Module) -> nn.Module:
    """One optimizer step after the last forward: the old hooks' weight attributes lag behind."""
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    model(_TOKENS).sum().backward()
    opt.step()
    return model


def _plain_copy(model: nn.Module, tagger) -> nn.Module:
    """A _Tagger with the weights ``model`` computes with on its next call (eval mode)."""
    with torch.no_grad():
        model.eval()(_TOKENS)  # the hooks recompute the weights
    plain = tagger().double()
    with torch.no_grad():
        for name, p in plain.named_parameters():
            module, attr = name.rsplit(".", 1)
            p.copy_(getattr(model.get_submodule(module), attr))
    return plain


@pytest.mark.parametrize("check", [True, False])
def test_old_weight_norm_and_spectral_norm_are_read_as_the_next_call_computes_them(
    check, tagger
) -> None:
    """torch.nn.utils.weight_norm and spectral_norm set the weight attribute in a forward
    pre-hook; lrp read the attribute before calling the model, so after an optimizer step it
    explained the weights of the step before (float64: refused with a difference of 0.0135;
    check=False: explained silently)."""
    torch.manual_seed(0)
    model = tagger().double()
    with warnings.catch_warnings():  # deprecated in favour of torch.nn.utils.parametrizations
        warnings.simplefilter("ignore", FutureWarning)
        nn.utils.weight_norm(model.rnn, "weight_hh_l0")
        nn.utils.spectral_norm(model.head)
    _stale(model)
    ex = lrp(model, _TOKENS, 1, bias_factor=1.0, check=check)
    expected = lrp(_plain_copy(model, tagger), _TOKENS, 1, bias_factor=1.0)
    torch.testing.assert_close(ex.relevance, expected.relevance, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(ex.score, expected.score, rtol=1e-12, atol=1e-14)
    assert float(ex.residual.abs().max()) < 1e-14


@pytest.mark.parametrize(
    ("method", "options"),
    [("lrp", {"check": False}), ("gradxinput", {}), ("occlusion", {})],
    ids=["lrp", "gradxinput", "occlusion"],
)
def test_a_compiled_model_without_lengths_is_refused_lengths_by_every_method(
    method, options, tagger
) -> None:
    """The wrapper's forward(*args, **kwargs) took any keyword: with lrp, `lengths` passed the
    check that the model takes them, and lrp(..., check=False) explained the sequences cut at
    their lengths while the model reads the padding too (lrpuser2); lrp then read the compiled
    module's signature, while the gradient methods read the wrapper's, let `lengths` through
    and failed with Python's bare "N.forward() got an unexpected keyword argument
    'lengths'"."""
    compiled = torch.compile(tagger().double(), backend="eager")
    message = (
        "`lengths` needs a model whose forward takes a `lengths` argument (it is called as "
        "`model(inputs, lengths=lengths)`), got _Tagger with forward(tokens: 'torch.Tensor') "
        "-> 'torch.Tensor'. _Tagger reads every step, padding included: pass lengths=None to "
        "explain that, or give its forward a `lengths` argument."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        explain(compiled, _TOKENS, 0, method=method, lengths=[5, 3], **options)
