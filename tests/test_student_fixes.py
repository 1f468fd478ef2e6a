"""What a student following the README's by-hand walk-through tripped over, pinned."""

import re

import numpy as np
import pytest
import torch

from lstmkit.data import (
    LogTransform,
    MinMaxScaler,
    SeasonalDifferencer,
    StandardScaler,
    make_windows,
    split_windows,
)
from lstmkit.train import TrainConfig, fit


def _mse(model, batch):
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


def _split():
    return split_windows(np.arange(20.0), lookback=3, horizon=1, test=4)


def test_fit_refuses_a_part_of_split_windows_as_it_is():
    # a Windows (X, Y, t) of numpy arrays was iterated as batches: the model met X as its
    # first batch and failed with "`input` must be a Tensor or PackedSequence, got ndarray"
    split = _split()
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`train_data` must be a tuple of tensors (its columns) or batches, got a Windows of "
            "ndarray, ndarray, ndarray; convert the numpy arrays, e.g. (torch.as_tensor(w.X, "
            "dtype=torch.float32), torch.as_tensor(w.Y, dtype=torch.float32)) for a part w of "
            "split_windows."
        ),
    ):
        fit(torch.nn.Linear(1, 1), _mse, split.train, None, TrainConfig(epochs=1))


def test_fit_refuses_numpy_columns_beside_tensors():
    # (tensor, ndarray) read as two batches: the first was X alone, whose rows a model of the
    # right shapes trained on without a word
    split = _split()
    x = torch.as_tensor(split.val.X[:, :, 0], dtype=torch.float32)
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`val_data` must be a tuple of tensors (its columns) or batches, got a list of "
            "Tensor, ndarray; convert the numpy arrays, e.g. (torch.as_tensor(w.X, "
            "dtype=torch.float32), torch.as_tensor(w.Y, dtype=torch.float32)) for a part w of "
            "split_windows."
        ),
    ):
        fit(torch.nn.Linear(3, 1), _mse, (x, x[:, :1]), [x, split.val.Y], TrainConfig())


def test_fit_refuses_a_bare_numpy_array_which_gives_rows():
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`train_data` must be a tuple of tensors (its columns) or batches, got a numpy "
            "ndarray, which gives one sample (row) at a time; pass (torch.as_tensor("
            "train_data, dtype=torch.float32),) to slice it into batches of `batch_size`."
        ),
    ):
        fit(torch.nn.Linear(1, 1), _mse, np.zeros((4, 1)), None, TrainConfig(epochs=1))


def test_fit_still_takes_tensor_columns_of_a_split():
    split = _split()
    data = tuple(torch.as_tensor(a, dtype=torch.float32) for a in (split.train.X, split.train.Y))
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3, 1))
    history = fit(model, _mse, data, None, TrainConfig(epochs=2, progress=False))
    assert history.epochs_run == 2


_GRAD_MESSAGE = (
    "`{0}` must be an array of numbers, got a tensor that requires grad (a network's output "
    "outside torch.no_grad()), which numpy cannot read; pass {0}.detach(), or compute it under "
    "torch.no_grad()."
)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda v: StandardScaler().fit(np.array([1.0, 3.0])).inverse_transform(v), "x"),
        (lambda v: MinMaxScaler().fit(np.array([1.0, 3.0])).transform(v), "x"),
        (lambda v: StandardScaler().fit(v), "x"),
        (lambda v: LogTransform().inverse_transform(v), "x"),
        (lambda v: SeasonalDifferencer(1).inverse_transform(v, np.ones(2)), "z"),
        (lambda v: make_windows(v, lookback=1, horizon=1), "values"),
    ],
)
def test_a_tensor_that_requires_grad_is_refused_by_name(call, name):
    # a network's output outside torch.no_grad() gave torch's bare RuntimeError
    out = torch.ones(3, requires_grad=True) * 2.0
    with pytest.raises(ValueError, match=re.escape(_GRAD_MESSAGE.format(name))):
        call(out)


def test_a_tensor_on_another_device_is_refused_by_name():
    # the meta device stands in for a GPU: torch's bare TypeError came from np.iscomplexobj
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`x` must be an array of numbers, got Tensor that numpy cannot read as floats "
            "(can't convert meta device type tensor to numpy. Use Tensor.cpu() to copy the "
            "tensor to host memory first.)."
        ),
    ):
        StandardScaler().fit(np.array([1.0, 3.0])).transform(torch.ones(2, device="meta"))


def test_a_detached_tensor_still_round_trips():
    scaler = StandardScaler().fit(np.array([1.0, 3.0, 5.0]))
    out = torch.tensor([-1.0, 0.5], requires_grad=True)
    back = scaler.inverse_transform(out.detach())
    np.testing.assert_allclose(back, [3.0 - 1.6329931618554521, 3.0 + 0.8164965809277261])


@pytest.mark.parametrize(
    "call",
    [
        lambda v: make_windows(v, lookback=12, horizon=1),
        lambda v: split_windows(v, lookback=12, horizon=1, val=12, test=12),
    ],
)
def test_a_series_laid_along_a_row_is_refused_for_its_shape(call):
    # y.reshape(1, -1) was "the series length (1)" (or "must leave at least one training
    # point of 1") with no word on the shape
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`values` must run down the rows, [T] or [T, F], got shape (1, 144): one time step "
            "of 144 features, too short for one window; for one series of 144 points pass "
            "values.reshape(-1)."
        ),
    ):
        call(np.arange(144.0).reshape(1, -1))


def test_one_point_of_one_feature_keeps_its_message():
    with pytest.raises(
        ValueError,
        match=re.escape("`lookback` + `horizon` (1 + 1) must not exceed the series length (1)."),
    ):
        make_windows(np.array([[5.0]]), lookback=1, horizon=1)


@pytest.mark.parametrize("x", [[0.3, 0.1 + 0.2, 0.3], [112.0, 112.00000000000001]])
def test_min_max_scaler_takes_values_equal_but_for_rounding_as_constant(x):
    # the span of 0.1 + 0.2 beside 0.3 is 5.6e-17: scale_ was 1.8e16, and 0.31 became 1.8e14
    # (the README: "differing by rounding alone, gets scale 1", as StandardScaler did)
    scaler = MinMaxScaler().fit(np.array(x))
    assert float(scaler.scale_) == 1.0
    assert float(scaler.min_) == -x[0]
    assert scaler.transform(np.array([x[0] + 0.01])).tolist() == pytest.approx([0.01], abs=1e-12)


def test_min_max_scaler_keeps_a_small_spread_that_is_no_rounding():
    spread = 1e6 + np.array([0.0, 1e-7, 2e-7])
    scaler = MinMaxScaler().fit(spread)
    assert float(scaler.scale_) == 1.0 / (spread[2] - spread[0])
    assert scaler.transform(spread).tolist() == pytest.approx([0.0, 0.5, 1.0], abs=1e-3)


@pytest.mark.parametrize("name", ["h_0", "c_0"])
def test_a_batch_first_state_is_told_that_states_are_not_batch_first(name):
    # h_0 laid out [B, L*D, H] like the batch-first input was refused by its shape alone
    from lstmkit.nn import LSTM

    lstm = LSTM(3, 4, num_layers=2, batch_first=True)
    states = {"h_0": torch.zeros(2, 5, 4), "c_0": torch.zeros(2, 5, 4)}
    states[name] = torch.zeros(5, 2, 4)
    with pytest.raises(
        ValueError,
        match=re.escape(
            f"`{name}` must have shape (2, 5, 4) (num_layers * num_directions, batch, "
            f"hidden_size), got (5, 2, 4); states are not batch-first, even with "
            f"batch_first=True (as in torch.nn): pass {name}.transpose(0, 1)."
        ),
    ):
        lstm(torch.zeros(5, 7, 3), (states["h_0"], states["c_0"]))
    states[name] = states[name].transpose(0, 1)  # as the message says
    out, _ = lstm(torch.zeros(5, 7, 3), (states["h_0"], states["c_0"]))
    assert out.shape == (5, 7, 4)


def test_a_wrong_state_shape_without_batch_first_keeps_its_message():
    from lstmkit.nn import GRU

    with pytest.raises(
        ValueError,
        match=re.escape(
            "`h_0` must have shape (1, 5, 4) (num_layers * num_directions, batch, hidden_size), "
            "got (5, 1, 4)."
        ),
    ):
        GRU(3, 4)(torch.zeros(7, 5, 3), torch.zeros(5, 1, 4))


def test_fit_still_takes_a_list_of_numpy_batches_its_loss_converts():
    # a list of numpy arrays alone is a list of batches, as before the numpy-columns check:
    # a loss_fn that converts each batch trained on them (the check had refused it)
    rng = np.random.default_rng(0)
    batches = [rng.random((8, 4)) for _ in range(3)]

    def loss(model, batch):
        b = torch.as_tensor(batch, dtype=torch.float32)
        return ((model(b[:, :3]) - b[:, 3:]) ** 2).mean()

    torch.manual_seed(0)
    history = fit(torch.nn.Linear(3, 1), loss, batches, None, TrainConfig(epochs=2, progress=False))
    assert history.epochs_run == 2
    assert len(history.train_loss) == 2
