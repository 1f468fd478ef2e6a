"""ForecasterConfig's bounds, each at its edge, and the TrainConfig it makes, field by field."""

import pytest

from lstmkit.forecast import MIN_IMPROVEMENT, ForecasterConfig
from lstmkit.train import TrainConfig

TOP = 2**63 - 1  # torch's seeds stay below 2**63


def _refused(**fields) -> str:
    with pytest.raises(ValueError) as err:
        ForecasterConfig(**fields)
    return str(err.value)


def test_the_largest_seed_leaves_room_for_every_members_seed_plus_k():
    assert ForecasterConfig(seed=TOP, ensemble=1).seed == TOP
    assert ForecasterConfig(seed=TOP - 1, ensemble=2).seed == TOP - 1
    assert _refused(seed=TOP, ensemble=2) == (
        f"`seed` must be an integer in [0, {TOP - 1}] with ensemble=2 (member k uses seed + k), "
        f"got {TOP}."
    )
    assert _refused(seed=-1, ensemble=1) == f"`seed` must be an integer in [0, {TOP}], got -1."


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"dropout": 1.0, "num_layers": 2}, "`dropout` must be a number in [0, 1), got 1.0."),
        ({"lr": 0}, "`lr` must be a positive finite number, got 0."),
        ({"jobs": 0}, "`jobs` must be a positive integer, got 0."),
        ({"horizon": 0}, "`horizon` must be a positive integer or None, got 0."),
        (
            {"windows_per_epoch": 0},
            "`windows_per_epoch` must be a positive integer, 'auto' or None, got 0.",
        ),
        ({"difference": -1}, "`difference` must be an integer >= 0, got -1."),
        (
            {"bidirectional": True, "strategy": "seq2seq"},
            "`bidirectional` is not supported with strategy='seq2seq'.",
        ),
    ],
)
def test_values_just_past_a_bound_are_refused_by_name(fields, message):
    assert _refused(**fields) == message


def test_values_on_a_bound_are_accepted():
    cfg = ForecasterConfig(
        hidden_size=1, jobs=1, weight_decay=0.0, dropout=0.5, num_layers=2, difference=0
    )
    assert (cfg.hidden_size, cfg.weight_decay, cfg.dropout) == (1, 0.0, 0.5)


def test_auto_windows_per_epoch_caps_only_above_256():
    cfg = ForecasterConfig()
    assert [cfg.epoch_windows(n) for n in (255, 256, 257)] == [None, None, 256]
    assert ForecasterConfig(windows_per_epoch=10).epoch_windows(5) == 10


def test_the_train_config_of_a_member_with_and_without_early_stopping():
    cfg = ForecasterConfig(epochs=7, lr=0.5, batch_size=4, patience=3, weight_decay=0.25)
    assert cfg.train_config(9, 300) == TrainConfig(
        epochs=7,
        lr=0.5,
        batch_size=4,
        patience=3,
        min_delta=MIN_IMPROVEMENT,
        weight_decay=0.25,
        samples_per_epoch=256,
        seed=9,
        restore_best=True,
        progress=False,
    )
    plain = ForecasterConfig(early_stopping=False, epochs=7).train_config(1, 10)
    assert (plain.patience, plain.restore_best, plain.samples_per_epoch) == (None, False, None)
