"""``batches``: the bucketed shuffle's order of batches drawn on the generator's device too,
not on ``torch.set_default_device``'s."""

from __future__ import annotations

import torch

from lstmkit.text.vocab import batches


def test_bucketed_batches_shuffle_on_the_cpu_under_another_default_device():
    # the order of the batches drew on the default device, where the CPU generator failed
    # ("Expected a 'cuda' device type for generator" under CUDA, "Cannot copy out of meta
    # tensor" here): the training of a text classifier (bucket=True) still failed there
    sequences, labels = [[1, 2], [3], [4, 5, 6], [7]], [0, 1, 1, 0]

    def drawn() -> list[tuple[list, list, list]]:
        generator = torch.Generator().manual_seed(3)
        out = batches(sequences, labels, 1, shuffle=True, generator=generator, bucket=True)
        return [(t.tolist(), n.tolist(), y.tolist()) for t, n, y in out]

    torch.set_default_device("meta")
    try:
        under_meta = drawn()
    finally:
        torch.set_default_device(None)
    # the seed 3's orders: sequences 2, 3, 1, 0 sorted by length (3, 1, 0, 2), then batches
    assert (
        under_meta
        == drawn()
        == [
            ([[4, 5, 6]], [3], [1]),
            ([[1, 2]], [2], [0]),
            ([[3]], [1], [1]),
            ([[7]], [1], [0]),
        ]
    )
