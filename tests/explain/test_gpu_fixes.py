"""Found running the suite on a GPU (an H200, torch 2.11): gradxinput of a CUDA model whose RNN
is cuDNN's failed (the traceback was cut by the run's time limit), as torch's "cudnn RNN backward
can only be called in training mode" does: the explanations run the model in eval mode. No GPU
here: the switch itself is tested, and that every pass the gradient methods differentiate runs
inside it."""

from __future__ import annotations

import contextlib

import pytest
import torch
from torch import nn

from lstmkit.explain import baselines, explain


class _Tagger(nn.Module):
    """nn.Embedding → nn.LSTM (cuDNN's on a GPU) → nn.Linear; records, per call that builds a
    graph, whether it ran inside the switch."""

    def __init__(self, inside: list[bool], calls: list[bool]) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)
        self._inside, self._calls = inside, calls

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        if torch.is_grad_enabled():
            self._calls.append(self._inside[0])
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 1]])


def test_without_cudnn_switches_cudnn_off_on_cuda_alone_and_back_after() -> None:
    was = torch.backends.cudnn.enabled
    try:
        torch.backends.cudnn.enabled = True
        with baselines.without_cudnn(torch.device("cuda", 0)):
            assert torch.backends.cudnn.enabled is False
        assert torch.backends.cudnn.enabled is True
        with pytest.raises(KeyError), baselines.without_cudnn(torch.device("cuda")):
            raise KeyError("an error inside")
        assert torch.backends.cudnn.enabled is True
        for device in ("cpu", "meta"):
            with baselines.without_cudnn(torch.device(device)):
                assert torch.backends.cudnn.enabled is True
    finally:
        torch.backends.cudnn.enabled = was


@pytest.mark.parametrize("method", ["gradxinput", "sensitivity", "ig"])
def test_every_pass_a_gradient_method_differentiates_runs_without_cudnn(
    monkeypatch, method
) -> None:
    inside, calls, devices = [False], [], []

    @contextlib.contextmanager
    def recorded(device: torch.device):
        devices.append(device.type)
        inside[0] = True
        try:
            yield
        finally:
            inside[0] = False

    monkeypatch.setattr(baselines, "without_cudnn", recorded)
    torch.manual_seed(0)
    model = _Tagger(inside, calls).double()
    options = {"steps": 4} if method == "ig" else {}
    ex = explain(model, _TOKENS, 0, method=method, **options)
    assert ex.relevance.shape == (2, 5)
    assert calls and all(calls), calls  # every call that builds a graph, inside the switch
    assert set(devices) == {"cpu"}
