"""Review of tv17 (torch 2.4.1 and 2.14.1): what torch 2.4 lacks, simulated under the CI's torch."""

from __future__ import annotations

import copy

import pytest
import torch

from lstmkit import train
from lstmkit.nn import layers


def _run(opt, params, grads):
    for step in grads:
        for p, g in zip(params, step, strict=True):
            p.grad = g.clone()
        opt.step()
    return [p.detach().clone() for p in params]


def test_a_loaded_decoupled_weight_decay_steps_as_adamw_where_adam_lacks_it(monkeypatch):
    """A state dict saved with decoupled_weight_decay (torch >= 2.6's Adam, or AdamW's group
    marked so) loaded into adam under torch 2.4, whose functional Adam has no such argument:
    its step failed with "adam() got an unexpected keyword argument 'decoupled_weight_decay'"
    -> it steps by torch's functional AdamW, the same numbers as torch.optim.AdamW."""
    real = train.adam_update

    def adam_as_in_2_4(*args, **kwargs):
        if "decoupled_weight_decay" in kwargs:
            raise TypeError("adam() got an unexpected keyword argument 'decoupled_weight_decay'")
        return real(*args, **kwargs)

    monkeypatch.setattr(train, "adam_update", adam_as_in_2_4)
    monkeypatch.setattr(train, "_ADAM_DECOUPLES", False, raising=False)
    torch.manual_seed(0)
    start = [torch.randn(6, 4), torch.randn(4)]
    grads = [[torch.randn_like(p) for p in start] for _ in range(4)]
    source = [torch.nn.Parameter(p.clone()) for p in start]
    other = torch.optim.AdamW(source, lr=0.05, weight_decay=0.5, fused=True)
    _run(other, source, grads[:1])
    saved = copy.deepcopy(other.state_dict())
    saved["param_groups"][0]["decoupled_weight_decay"] = True

    params = [torch.nn.Parameter(p.detach().clone()) for p in source]
    ours = train.adam(params, lr=1.0)
    ours.load_state_dict(copy.deepcopy(saved))
    ref_params = [torch.nn.Parameter(p.detach().clone()) for p in source]
    ref = torch.optim.AdamW(ref_params, lr=1.0, fused=True)
    ref.load_state_dict(copy.deepcopy(saved))
    got, want = _run(ours, params, grads[1:]), _run(ref, ref_params, grads[1:])
    assert all(torch.equal(p, q) for p, q in zip(got, want, strict=True))
    # decoupled decay, not an L2 penalty: the same state without the mark steps otherwise
    saved["param_groups"][0]["decoupled_weight_decay"] = False
    plain = [torch.nn.Parameter(p.detach().clone()) for p in source]
    l2 = train.adam(plain, lr=1.0)
    l2.load_state_dict(saved)
    assert not torch.equal(_run(l2, plain, grads[1:])[0], got[0])


def test_adam_takes_named_parameters_where_torchs_optimizer_refuses_them(monkeypatch):
    """torch < 2.6's optimizers refuse (name, tensor) pairs ("optimizer can only optimize
    Tensors, but one of the params is tuple"); adam's group reading is its own, so it takes
    them there too and keeps the names in its state dict, which loads back."""

    def add_param_group_as_in_2_4(self, param_group):
        raise TypeError("optimizer can only optimize Tensors, but one of the params is tuple")

    monkeypatch.setattr(torch.optim.Optimizer, "add_param_group", add_param_group_as_in_2_4)
    model = torch.nn.Linear(3, 2)
    opt = train.adam(model.named_parameters(), lr=0.1)
    assert opt.param_groups[0]["param_names"] == ["weight", "bias"]
    assert opt.param_groups[0]["params"] == list(model.parameters())
    model(torch.ones(1, 3)).sum().backward()
    opt.step()
    saved = opt.state_dict()
    assert saved["param_groups"][0]["param_names"] == ["weight", "bias"]
    again = train.adam(model.named_parameters(), lr=0.1)
    again.load_state_dict(saved)
    assert again.state_dict()["state"][0]["step"].item() == 1.0


@pytest.mark.parametrize(
    ("version", "peeks"),
    [
        ("2.4.1+cu121", False),
        ("2.4.0", False),
        ("2.5.0a0+git1234", False),
        ("2.5.0rc1", False),
        ("2.5.0", False),
        ("2.5.1+cpu", False),
        ("2.13.0+cpu", True),
        ("2.14.1+cu130", True),
    ],
)
def test_the_dynamo_version_check_reads_local_and_pre_release_versions(version, peeks):
    """The Dynamo check reads '+cu121' local versions and orders pre-releases before the
    release (a string comparison would put '2.13' before '2.5'): torch 2.4.1+cu121 and every
    2.5 compile the plain operations, 2.13 the hand-written backward. (One flag since
    `_OLD_DYNAMO`, torch < 2.5, which every Dynamo without `_DYNAMO_PEEKS_FUNCTORCH` covered.)"""
    assert layers._dynamo_peeks_functorch(version) is peeks
    assert layers._DYNAMO_PEEKS_FUNCTORCH is layers._dynamo_peeks_functorch(torch.__version__)
    assert not hasattr(layers, "_OLD_DYNAMO")


def test_figures_pinned_for_another_torch_skip_naming_the_releases(pinned_for_torch):
    """The four training tests that pin torch 2.13's losses failed under torch 2.4.1 (other
    dropout draws): they carry each release's figures, and skip under a release with none."""
    with pytest.raises(pytest.skip.Exception) as skipped:
        pinned_for_torch({"1.0": 1.0, "1.1": 2.0})
    assert str(skipped.value) == (
        "its training figures are pinned under torch 1.0, 1.1 only, this is torch "
        f"{torch.__version__}"
    )
    release = ".".join(torch.__version__.split(".")[:2])
    assert pinned_for_torch({release: 3.0, "1.0": 1.0}) == 3.0
