"""``sample_next`` with a generator on another device than the logits'."""

from __future__ import annotations

import pytest
import torch

from lstmkit.text.charlm import sample_next

CUDA_SAYS = "Expected a 'cuda' device type for generator but found 'cpu'"


def _as_cuda_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """``torch.multinomial`` refusing a generator on another device than its input's, as CUDA
    does (on a machine without CUDA, where the CPU's draws take any)."""
    real = torch.multinomial

    def draw(probs, *args, generator=None, **kwargs):
        if generator is not None and probs.device != generator.device:
            raise RuntimeError(CUDA_SAYS)
        return real(probs, *args, generator=generator, **kwargs)

    monkeypatch.setattr(torch, "multinomial", draw)


def _drawn_by_hand(logits: torch.Tensor, top_k: int | None, seed: int) -> int:
    """softmax(logits / 1.3) over the ``top_k`` largest, drawn by torch.multinomial: written out,
    since which id a seed draws depends on the torch release (2.4 and 2.13 differ)."""
    scaled = (logits - logits.max()) / 1.3
    if top_k is not None:
        scaled = scaled.masked_fill(scaled < torch.topk(scaled, top_k).values[-1], float("-inf"))
    probs = torch.softmax(scaled, -1)
    return int(torch.multinomial(probs, 1, generator=torch.Generator().manual_seed(seed)))


@pytest.mark.parametrize("top_k", [None, 3])
def test_sample_next_draws_cuda_logits_with_a_cpu_generator_on_the_cpu(
    monkeypatch, on_accelerator, top_k
):
    # torch.multinomial failed with CUDA's "Expected a 'cuda' device type for generator"
    logits = torch.tensor([0.5, -1.0, 2.0, 0.0, 1.5])
    expected = [_drawn_by_hand(logits, top_k, seed) for seed in range(8)]
    assert len(set(expected)) > 1  # the seeds draw different ids (torch 2.13: 2, 0, 1, 0, ...)
    _as_cuda_draws(monkeypatch)
    on_cpu = [
        sample_next(logits, 1.3, top_k, torch.Generator().manual_seed(seed)) for seed in range(8)
    ]
    on_cuda = [
        sample_next(
            on_accelerator(logits, device="cuda"), 1.3, top_k, torch.Generator().manual_seed(seed)
        )
        for seed in range(8)
    ]
    assert on_cpu == expected  # the seeds 0 to 7's ids on the CPU
    assert on_cuda == expected
