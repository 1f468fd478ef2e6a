"""revref18: review of ref18. The probe of a float64 ``val_data`` read one sample, not the
batch validation reads; monthly stamps at mixed hours that pandas still reads as months
(business months, more than 12 hours off) were kept, hours and all; the refusal of hours
off month starts said "read as irregular steps" of stamps pandas read as monthly."""

from __future__ import annotations

import torch

from lstmkit.train import TrainConfig, fit


def test_the_val_dtype_probe_reads_the_batch_validation_reads():
    # it read one sample: a loss that converts the batch and reads two rows of it failed
    # there, before training, with an IndexError the validation pass never meets
    x = torch.linspace(0, 1, 40, dtype=torch.float64).reshape(10, 4)
    y = x[:, -1:]
    seen = []

    def loss(model, batch):
        xs, ys = batch[0].float(), batch[1].float()
        seen.append(len(xs))
        spread = (xs[1] - xs[0]).abs().sum()  # two rows at least
        return torch.nn.functional.mse_loss(model(xs), ys) + 0 * spread

    torch.manual_seed(0)
    history = fit(
        torch.nn.Linear(4, 1),
        loss,
        (x.float(), y.float()),
        (x, y),
        TrainConfig(epochs=2, batch_size=5, shuffle=False, progress=False),
    )
    assert len(history.val_loss) == 2
    # the probe (the whole columns, as validation reads them), then 2 x (2 batches + 1 val)
    assert seen == [10, 5, 5, 10, 5, 5, 10]
