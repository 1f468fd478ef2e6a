"""Second mutation pass on lstmkit.train: the bounds of the config checks, the absolute
plateau threshold, and a one-sample epoch."""

import pytest
import torch

from lstmkit.train import (
    DivergedError,
    TrainConfig,
    check_loss,
    check_weights,
    fit,
    iterate_batches,
)


def _scripted_validation(values):
    """Training MSE towards 0; validation losses taken from ``values`` in order, one per epoch."""
    script = iter(values)

    def loss(model, batch):
        if model.training:
            return model(batch[0]).pow(2).mean()
        return torch.tensor(next(script), dtype=torch.float64)

    return loss


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("patience", 0, "`patience` must be a positive integer or None, got 0."),
        ("grad_clip", 0, "`grad_clip` must be a finite number > 0 or None, got 0."),
        ("grad_clip", 0.0, "`grad_clip` must be a finite number > 0 or None, got 0.0."),
    ],
)
def test_config_refuses_the_zero_bound_of_patience_and_grad_clip(field, value, message):
    with pytest.raises(ValueError) as e:
        TrainConfig(**{field: value})
    assert str(e.value) == message


def test_config_takes_the_smallest_patience_and_a_min_lr_ratio_of_one():
    assert TrainConfig(patience=1).patience == 1
    # a floor equal to lr: the cosine schedule stays at lr every epoch
    x = torch.randn(4, 1)
    config = TrainConfig(epochs=3, lr=0.1, min_lr_ratio=1.0, patience=None, progress=False)
    hist = fit(torch.nn.Linear(1, 1), _scripted_validation([]), (x,), None, config)
    assert hist.lr == pytest.approx([0.1, 0.1, 0.1], rel=1e-12, abs=0)


def test_plateau_threshold_is_absolute_not_relative():
    # min_delta 0.25, patience 4 (one bad epoch halves). From best 0.5, 0.3 is no improvement
    # with an absolute threshold (0.3 >= 0.5 - 0.25) but would be with a relative one
    # (0.3 < 0.5 * 0.75); so the third epoch's rate is halved for the fourth.
    x = torch.randn(8, 1)
    losses = [1.0, 0.5, 0.3, 0.2]
    config = TrainConfig(epochs=4, schedule="plateau", patience=4, min_delta=0.25, progress=False)
    hist = fit(torch.nn.Linear(1, 1), _scripted_validation(losses), (x,), (x,), config)
    assert hist.lr == pytest.approx([1e-2, 1e-2, 1e-2, 5e-3], rel=1e-12, abs=0)
    assert (hist.best_epoch, hist.best_val_loss) == (3, 0.2)


def test_iterate_batches_with_a_limit_of_one_yields_one_drawn_sample():
    data = torch.arange(5.0)
    got = list(iterate_batches((data,), None, generator=torch.Generator().manual_seed(3), limit=1))
    drawn = torch.randperm(5, generator=torch.Generator().manual_seed(3))[:1]
    assert len(got) == 1 and got[0][0].tolist() == data[drawn].tolist()
    assert got[0][0].shape == (1,)


# lr = 0.1 + 0.2 prints as 0.30000000000000004 with repr, 0.3 with :g (as the messages show it)
LR = 0.1 + 0.2


def test_the_divergence_messages_show_the_learning_rate_in_short_form():
    with pytest.raises(DivergedError) as e:
        check_loss(torch.tensor(float("inf")), "epoch 2, batch 5", LR)
    assert str(e.value) == (
        "training diverged: the training loss became inf at epoch 2, batch 5. Try a lower "
        "learning rate than `lr`=0.3."
    )
    model = torch.nn.Linear(1, 1)
    with torch.no_grad():
        model.bias.fill_(float("nan"))
    with pytest.raises(DivergedError) as e:
        check_weights(model, LR)
    assert str(e.value) == (
        "training diverged: 1 parameter tensor holds NaN or infinite values after training "
        "(first: bias). Try a lower learning rate than `lr`=0.3."
    )


def test_a_nan_validation_loss_is_named_with_the_epochs_training_loss_and_the_rate():
    x = torch.ones(4, 1)
    train_losses = iter([2.0, 1.234567])  # one full batch per epoch
    val_losses = iter([1.0, float("nan")])

    def loss(model, batch):  # scripted losses, with a gradient to step on
        value = next(train_losses) if model.training else next(val_losses)
        return model(batch[0]).sum() * 0 + value

    config = TrainConfig(epochs=3, lr=LR, batch_size=None, progress=False)
    with pytest.raises(DivergedError) as e:
        fit(torch.nn.Linear(1, 1), loss, (x,), (x,), config)
    assert str(e.value) == (
        "the validation loss became nan at epoch 2 (the training loss was 1.235). Try a lower "
        "learning rate than `lr`=0.3, or check the validation data."
    )
