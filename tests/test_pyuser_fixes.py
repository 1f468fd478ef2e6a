"""What a new user of the Python API tripped over, pinned (the helper pyuser's review)."""

import re

import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from lstmkit.train import TrainConfig, fit


def _mse(model, batch):
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


def _data(n=8):
    x = torch.linspace(-1, 1, n).unsqueeze(1)
    return x, 2 * x


def test_fit_refuses_a_dataset_which_gives_samples_not_batches():
    # a TensorDataset trained one unshuffled sample per step, whatever batch_size said
    x, y = _data()
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`train_data` must give batches, got a TensorDataset, which gives one sample at a "
            "time (each step would train on one sample, unshuffled); pass "
            "DataLoader(train_data, batch_size=..., shuffle=True), or its tensors as a tuple."
        ),
    ):
        fit(torch.nn.Linear(1, 1), _mse, TensorDataset(x, y), None, TrainConfig(epochs=1))
    with pytest.raises(TypeError, match=r"^`val_data` must give batches, got a TensorDataset"):
        fit(torch.nn.Linear(1, 1), _mse, (x, y), TensorDataset(x, y), TrainConfig(epochs=1))
    # its DataLoader is what it asks for
    history = fit(
        torch.nn.Linear(1, 1),
        _mse,
        DataLoader(TensorDataset(x, y), batch_size=4),
        None,
        TrainConfig(epochs=2, progress=False),
    )
    assert history.epochs_run == 2


def test_fit_refuses_a_bare_tensor_which_gives_rows():
    x, _ = _data()
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`train_data` must be a tuple of tensors (its columns) or batches, got a Tensor, "
            "which gives one sample (row) at a time (each step would train on one, "
            "unshuffled); pass (train_data,) to slice it into batches of `batch_size`."
        ),
    ):
        fit(torch.nn.Linear(1, 1), lambda m, b: m(b).pow(2).mean(), x, None, TrainConfig())


def test_fit_refuses_an_iterator_for_more_than_one_epoch():
    # a generator trained its first epoch, then failed with "training data yielded no batches."
    x, y = _data()

    def batches():
        yield x[:4], y[:4]
        yield x[4:], y[4:]

    message = (
        "`{}` must be re-iterable, as every epoch reads it again, got a generator, which gives "
        "its batches once (epoch 2 would have none); pass a list of the batches, a DataLoader "
        "or a tuple of tensors."
    )
    model = torch.nn.Linear(1, 1)
    before = [p.detach().clone() for p in model.parameters()]
    with pytest.raises(TypeError, match=re.escape(message.format("train_data"))):
        fit(model, _mse, batches(), None, TrainConfig(epochs=2))
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))
    with pytest.raises(TypeError, match=re.escape(message.format("val_data"))):
        fit(model, _mse, (x, y), batches(), TrainConfig(epochs=2))
    with pytest.raises(TypeError, match=r"^`train_data` must be re-iterable, .* got a zip,"):
        fit(model, _mse, zip(x.split(4), y.split(4), strict=True), None, TrainConfig(epochs=3))
    # one epoch reads it once: still fine
    history = fit(model, _mse, batches(), batches(), TrainConfig(epochs=1, progress=False))
    assert history.epochs_run == 1 and len(history.val_loss) == 1


def test_fit_refuses_a_loss_that_is_no_scalar_tensor():
    # before: "only one element tensors can be converted to Python scalars" from torch, and
    # "'float' object has no attribute 'backward'"
    x, y = _data()
    config = TrainConfig(epochs=1, progress=False)
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`loss_fn` must return a scalar tensor (the mean loss over the batch), got a tensor "
            "of shape (8, 1); reduce it, e.g. with .mean()."
        ),
    ):
        fit(torch.nn.Linear(1, 1), lambda m, b: (m(b[0]) - b[1]) ** 2, (x, y), None, config)
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`loss_fn` must return a scalar tensor (the mean loss over the batch), got float."
        ),
    ):
        fit(torch.nn.Linear(1, 1), lambda m, b: 1.0, (x, y), None, config)

    def per_sample_in_validation(model, batch):
        loss = (model(batch[0]) - batch[1]) ** 2
        return loss.mean() if model.training else loss

    with pytest.raises(ValueError, match=r"^`loss_fn` must return a scalar tensor .* \(8, 1\);"):
        fit(torch.nn.Linear(1, 1), per_sample_in_validation, (x, y), (x, y), config)
    # a one-element tensor of shape [1] is a scalar to backward(); a float validates too
    history = fit(
        torch.nn.Linear(1, 1),
        lambda m, b: _mse(m, b).reshape(1) if m.training else 0.5,
        (x, y),
        (x, y),
        config,
    )
    assert history.val_loss == [0.5]


def test_to_html_takes_a_class_index_as_predicted_and_target():
    # an int, as ex.target[0].item() gives, failed with "'int' object has no attribute 'replace'"
    from lstmkit.explain.render import to_html

    page = to_html(["a", "b"], [0.5, -0.25], predicted=1, target=0, score=0.5)
    assert (
        "<p>predicted: <b>1</b> &middot; explained: <b>0</b> &middot; score: <b>0.5000</b></p>"
        in page
    )


@pytest.mark.parametrize(
    ("k", "error", "got"),
    [
        (-1, ValueError, "-1."),
        (1.5, ValueError, "1.5."),
        # no number, no count: a TypeError, as the other counts of lstmkit.explain (gate20)
        ("2", TypeError, "str '2' (a number, not text: 2)."),
        (
            True,
            TypeError,
            "bool True: `k` is how many steps of largest |relevance| are listed, not a switch.",
        ),
    ],
)
def test_top_contributions_refuses_a_k_that_is_no_count(k, error, got):
    # k=-1 gave every step but the least relevant (numpy's [:-1])
    from lstmkit.explain.render import top_contributions

    with pytest.raises(error) as e:
        top_contributions(["a", "b", "c"], [0.1, -0.3, 0.2], k=k)
    assert str(e.value) == f"`k` must be an integer >= 0, got {got}"
    assert top_contributions(["a", "b", "c"], [0.1, -0.3, 0.2], k=0) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"batch_size": 0}, "`batch_size` must be a positive integer or None, got 0."),
        ({"batch_size": -1}, "`batch_size` must be a positive integer or None, got -1."),
        (
            {"batch_size": 2.0},
            "`batch_size` must be a positive integer or None, got 2.0 (a whole number as a "
            "float: pass int(x)).",
        ),
        ({"batch_size": 2, "limit": 0}, "`limit` must be a positive integer or None, got 0."),
    ],
)
def test_iterate_batches_refuses_a_batch_size_or_limit_that_is_no_count(kwargs, message):
    # batch_size=0 failed with "range() arg 3 must not be zero"; -1 yielded no batch at all
    from lstmkit.train import iterate_batches

    with pytest.raises(ValueError, match=re.escape(message)):
        list(iterate_batches((torch.zeros(4),), **kwargs))


def test_iterate_batches_refuses_no_tensors_and_one_bare_tensor():
    from lstmkit.train import iterate_batches

    with pytest.raises(
        ValueError, match=re.escape("`tensors` must hold at least one tensor, got none.")
    ):
        list(iterate_batches((), 2))  # was an IndexError
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`tensors` must be a sequence of tensors (the columns, sharing their first "
            "dimension), got a Tensor; pass (tensor,)."
        ),
    ):
        list(iterate_batches(torch.zeros(4, 2), 2))  # its 4 rows were read as 4 columns
    assert [b[0].tolist() for b in iterate_batches((torch.arange(5),), 2)] == [[0, 1], [2, 3], [4]]


def test_fit_refuses_a_loss_that_does_not_require_grad():
    # before: torch's "element 0 of tensors does not require grad and does not have a grad_fn"
    x, y = _data()
    message = (
        "`loss_fn` must return a tensor computed from the model's parameters, got one that does "
        "not require grad (made with torch.tensor(...), detached, or computed under "
        "torch.no_grad())."
    )
    model = torch.nn.Linear(1, 1)
    with pytest.raises(ValueError, match=re.escape(message)):
        fit(model, lambda m, b: torch.tensor(_mse(m, b).item()), (x, y), None, TrainConfig())
    with pytest.raises(ValueError, match=re.escape(message)), torch.no_grad():
        fit(model, _mse, (x, y), None, TrainConfig())
    # validation runs under no_grad by design: a detached loss is fine there
    history = fit(
        model,
        lambda m, b: _mse(m, b) if m.training else _mse(m, b).detach(),
        (x, y),
        (x, y),
        TrainConfig(epochs=1, progress=False),
    )
    assert len(history.val_loss) == 1


def test_fit_names_a_config_passed_where_val_data_goes_and_data_that_is_no_iterable():
    # fit(model, loss_fn, train, TrainConfig(...)) failed with "'TrainConfig' object is not
    # iterable" after a whole epoch of training
    x, y = _data()
    model = torch.nn.Linear(1, 1)
    before = [p.detach().clone() for p in model.parameters()]
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`val_data` must be data, got a TrainConfig; pass it by name: fit(model, loss_fn, "
            "train_data, config=config)."
        ),
    ):
        fit(model, _mse, (x, y), TrainConfig(epochs=2))
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`train_data` must be a tuple of tensors (its columns) or an iterable of batches, "
            "got int."
        ),
    ):
        fit(model, _mse, 8, None, TrainConfig())


def test_savers_and_loaders_name_a_path_that_is_no_path(tmp_path):
    # before: "expected str, bytes or os.PathLike object, not NoneType" from pathlib
    from lstmkit.forecast import Forecaster
    from lstmkit.io import load_model, save_model
    from lstmkit.nn import LSTM
    from lstmkit.text import load_charlm

    with pytest.raises(TypeError, match=re.escape("`path` must be a str or Path, got NoneType.")):
        save_model(LSTM(2, 3), None, {})
    with pytest.raises(TypeError, match=re.escape("`path` must be a str or Path, got int.")):
        load_model(LSTM(2, 3), 5)
    with pytest.raises(TypeError, match=re.escape("`path` must be a str or Path, got LSTM.")):
        Forecaster.load(LSTM(2, 3))
    with pytest.raises(
        TypeError, match=re.escape("`model_dir` must be a str or Path, got NoneType.")
    ):
        load_charlm(None)
    save_model(LSTM(2, 3), tmp_path / "m", {"a": 1})  # a Path, as before
    assert load_model(LSTM(2, 3), str(tmp_path / "m"))["a"] == 1


def test_predict_and_backtest_name_a_number_passed_where_the_data_goes():
    # predict(3, 0.9) and backtest(y, -6) read the number as the newer history / covariates
    import numpy as np
    import pandas as pd

    from lstmkit.forecast import Forecaster

    y = pd.Series(np.linspace(1.0, 2.0, 30), pd.RangeIndex(30), name="y")
    fc = Forecaster(
        horizon=2, lookback=4, season_length=1, ensemble=1, epochs=1, hidden_size=2, progress=False
    ).fit(y)
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`series` must be a pandas Series/DataFrame or a numpy array, got float 0.9; pass "
            "the interval by name: predict(h, interval=0.9)."
        ),
    ):
        fc.predict(2, 0.9)
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`covariates` must be a pandas Series/DataFrame or a numpy array, got int -6; pass "
            "start, stride and horizon by name: backtest(series, start=-6)."
        ),
    ):
        fc.backtest(y, -6)
    assert fc.predict(2, interval=0.5).shape == (2, 3)


@pytest.mark.parametrize("calendar", [1, 0.0])
def test_forecaster_config_refuses_a_calendar_that_only_equals_a_bool(calendar):
    # numpy's True was kept, fitted, and failed in save with "Object of type bool is not JSON
    # serializable" (now stored as True: tests/test_cfg17_fixes.py); 1 and 0.0 were kept as
    # they were (refit, bidirectional, ... refuse them)
    from lstmkit.forecast import ForecasterConfig

    with pytest.raises(
        ValueError,
        match=re.escape(f"`calendar` must be True, False or 'season', got {calendar!r}."),
    ):
        ForecasterConfig(calendar=calendar)
    assert ForecasterConfig(calendar="season").calendar == "season"
    assert ForecasterConfig(calendar=False).calendar is False


def test_forecaster_config_assignment_takes_a_forecaster_config_only():
    # a dict was kept and failed later, in predict or fit: "'dict' object has no attribute ..."
    from dataclasses import replace

    from lstmkit.forecast import Forecaster, ForecasterConfig

    fc = Forecaster(epochs=2)
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`config` must be a ForecasterConfig, got dict; e.g. fc.config = "
            "dataclasses.replace(fc.config, epochs=500)."
        ),
    ):
        fc.config = {"epochs": 3}
    assert fc.config == ForecasterConfig(epochs=2)
    fc.config = replace(fc.config, epochs=3)  # the documented way
    assert fc.config.epochs == 3


@pytest.mark.parametrize("seed", [1.5, "1", True, None, -1, 2**63])
def test_seed_everything_takes_the_seeds_train_config_takes(seed):
    # torch.manual_seed read 1.5, "1" and True as the seed 1; None failed in int()
    from lstmkit.train import seed_everything

    with pytest.raises(
        ValueError,
        match=re.escape(
            f"`seed` must be an integer in [0, 9223372036854775807], got {seed!r}"
            + (" (a number, not text: 1)." if seed == "1" else ".")  # fol20: the text's number
        ),
    ):
        seed_everything(seed)


def test_seed_everything_seeds_torch():
    import numpy as np

    from lstmkit.train import seed_everything

    seed_everything(np.int64(7))
    assert torch.initial_seed() == 7


def test_read_csv_names_a_path_or_value_cols_of_another_type(tmp_path):
    # None failed in pathlib ("expected str, bytes or os.PathLike object"), 1 in list()
    from lstmkit.data import read_csv

    file = tmp_path / "s.csv"
    file.write_text("month,value\n2020-01,1\n2020-02,2\n2020-03,3\n2020-04,4\n")
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`path` must be a str, a Path or a file object (open(...), io.StringIO, io.BytesIO), "
            "got NoneType."
        ),
    ):
        read_csv(None, "month", "value")
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`value_cols` must be a column name or a list of them, as the file's header row "
            "writes them, not a position, got int 1."
        ),
    ):
        read_csv(file, "month", 1)
    assert read_csv(str(file), "month", ("value",))["value"].tolist() == [1.0, 2.0, 3.0, 4.0]


def test_fit_refuses_a_dict_of_tensors_whose_batches_would_be_its_keys():
    x, y = _data()
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`train_data` must be a tuple of tensors (its columns) or an iterable of batches, "
            "got a dict, which iterates its keys; pass a list of batches ([{...}, ...]) or the "
            "tensors as a tuple."
        ),
    ):
        fit(torch.nn.Linear(1, 1), lambda m, b: _mse(m, (b["x"], b["y"])), {"x": x, "y": y})
    history = fit(  # a list of dict batches, as the message says
        torch.nn.Linear(1, 1),
        lambda m, b: _mse(m, (b["x"], b["y"])),
        [{"x": x, "y": y}],
        None,
        TrainConfig(epochs=2, progress=False),
    )
    assert history.epochs_run == 2


def test_fit_checks_tensor_columns_before_training():
    # the validation columns were read after a whole epoch had changed the weights
    x, y = _data()
    model = torch.nn.Linear(1, 1)
    before = [p.detach().clone() for p in model.parameters()]
    with pytest.raises(
        ValueError,
        match=re.escape(
            "all tensors of a batch tuple must share their first dimension, got 8 and 5 "
            "(validation data)."
        ),
    ):
        fit(model, _mse, (x, y), (x, y[:5]), TrainConfig(epochs=2))
    with pytest.raises(ValueError, match=r"^`val_data` must hold at least one sample, got "):
        fit(model, _mse, (x, y), (x[:0], y[:0]), TrainConfig(epochs=2))
    with pytest.raises(ValueError, match=re.escape("got 8 and 3 (training data).")):
        fit(model, _mse, (x, y[:3]), None, TrainConfig(epochs=2))
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))


def test_explain_forecast_names_what_is_no_forecaster():
    # a network (fc.members_[0]) or anything else failed as "... has no attribute 'history'"
    from lstmkit.explain.forecast import explain_forecast

    with pytest.raises(
        TypeError,
        match=re.escape(
            "`forecaster` must be a fitted lstmkit.forecast.Forecaster, got Linear; explain a "
            "network of your own with lstmkit.explain.lrp or explain."
        ),
    ):
        explain_forecast(torch.nn.Linear(2, 1))


def test_explanations_name_a_model_that_is_no_module():
    # a forward function, as Captum takes: "'function' object has no attribute 'parameters'"
    from lstmkit.explain import compare, explain, lrp

    message = (
        "`model` must be a torch.nn.Module, got function: the explanations read its layers (its "
        "embedding; LRP all of them), not only its outputs."
    )
    x = torch.randn(2, 3, 4)
    for call in (
        lambda: lrp(lambda t: t.sum(-1), x),
        lambda: explain(lambda t: t.sum(-1), x, method="gradxinput"),
        lambda: compare(lambda t: t.sum(-1), x),
    ):
        with pytest.raises(TypeError, match=re.escape(message)):
            call()


def test_a_gate_trace_names_its_keys_for_one_it_lacks():
    # tr["l0"]["forget"] (the name gates() uses) was a bare KeyError: 'forget'
    import lstmkit

    lstm, gru = lstmkit.LSTM(3, 4), lstmkit.GRU(3, 4)
    with lstmkit.trace(lstm) as tr, lstmkit.trace(gru) as tr_gru:
        lstm(torch.zeros(2, 1, 3))
        gru(torch.zeros(2, 1, 3))
    with pytest.raises(
        KeyError,
        match=re.escape(
            "no gate 'forget' in this trace; it holds 'i' (input gate), 'f' (forget gate), "
            "'g' (candidate), 'o' (output gate), 'c' (cell state), 'h' (hidden state)"
        ),
    ):
        tr["l0"]["forget"]
    with pytest.raises(
        KeyError,
        match=re.escape(
            "no gate 'c' in this trace; it holds 'r' (reset gate), 'z' (update gate), "
            "'n' (new gate), 'h' (hidden state)"
        ),
    ):
        tr_gru["l0"]["c"]
    assert "f" in tr["l0"] and "forget" not in tr["l0"] and tr["l0"].get("x") is None


def test_train_config_takes_numpy_integers_as_the_other_configs_do():
    # "`epochs` must be a positive integer, got np.int64(3)"
    import numpy as np

    config = TrainConfig(
        epochs=np.int64(3),
        batch_size=np.int32(8),
        patience=np.int64(5),
        samples_per_epoch=np.int64(4),
        seed=np.uint8(7),
    )
    fields = (config.epochs, config.batch_size, config.patience, config.samples_per_epoch)
    assert (*fields, config.seed) == (3, 8, 5, 4, 7)
    assert all(type(v) is int for v in (*fields, config.seed))
    with pytest.raises(ValueError, match=re.escape("`epochs` must be a positive integer, got 0.")):
        TrainConfig(epochs=np.int64(0))
    with pytest.raises(
        ValueError, match=re.escape("`epochs` must be a positive integer, got True.")
    ):
        TrainConfig(epochs=True)


def test_layers_and_cells_take_numpy_integers_for_their_sizes():
    # "`input_size` must be an int, got int64", where TextClassifier and the configs take them
    import numpy as np

    import lstmkit

    lstm = lstmkit.LSTM(np.int64(3), np.int64(4), num_layers=np.int32(2), proj_size=np.int64(2))
    assert repr(lstm) == "LSTM(3, 4, proj_size=2, num_layers=2)"
    assert [type(v) for v in (lstm.input_size, lstm.hidden_size, lstm.num_layers)] == [int] * 3
    assert type(lstm.proj_size) is int
    assert lstm.double()(torch.zeros(5, 2, 3, dtype=torch.float64))[0].shape == (5, 2, 2)
    cell = lstmkit.GRUCell(np.int64(3), np.int64(4))
    assert (cell.input_size, cell.hidden_size) == (3, 4) and type(cell.hidden_size) is int
    with pytest.raises(
        TypeError, match=re.escape("`hidden_size` must be a positive integer, got bool True.")
    ):
        lstmkit.LSTM(3, True)
    with pytest.raises(
        ValueError, match=re.escape("`num_layers` must be a positive integer, got 0.")
    ):
        lstmkit.GRU(3, 4, num_layers=np.int64(0))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        # a numpy float in range is taken since revleft33a (tests/test_revleft33a_fixes.py)
        (
            lambda np: TrainConfig(lr=np.float32(-1)),
            "`lr` must be a positive finite number, got -1.0.",
        ),
    ],
)
def test_configs_say_to_give_a_python_number_or_bool_for_a_numpy_one(make, message):
    # "`lr` must be a positive finite number, got np.float32(0.01)" read as a contradiction; the
    # hint is the interval's, and is left out where the value would be refused as a Python one
    # too
    # (numpy's bools are taken since cfg17: tests/test_cfg17_fixes.py)
    import numpy as np

    with pytest.raises(ValueError, match=re.escape(message)):
        make(np)


def test_decoder_inputs_names_a_number_passed_where_the_history_goes():
    # decoder_inputs(5) read 5 as the newer history: "`series` must be ... got int"
    import numpy as np
    import pandas as pd

    from lstmkit.forecast import Forecaster

    y = pd.Series(np.linspace(1.0, 2.0, 30), name="y")
    fc = Forecaster(
        strategy="seq2seq",
        horizon=2,
        lookback=4,
        season_length=1,
        ensemble=1,
        epochs=1,
        hidden_size=2,
        progress=False,
    ).fit(y)
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`series` must be a pandas Series/DataFrame or a numpy array, got int 5; pass the "
            "horizon by name: decoder_inputs(horizon=5)."
        ),
    ):
        fc.decoder_inputs(5)
    assert fc.decoder_inputs(horizon=5).shape[0] == 5


def test_forecaster_save_refuses_a_folder_of_another_kind_of_model(tmp_path):
    # it overwrote a classifier's config and weights and left its vocab.json beside them; the
    # text savers refuse a Forecaster's folder alike
    import json

    import numpy as np
    import pandas as pd

    from lstmkit.forecast import Forecaster

    y = pd.Series(np.linspace(1.0, 2.0, 30), name="y")
    fc = Forecaster(
        horizon=2, lookback=4, season_length=1, ensemble=1, epochs=1, hidden_size=2, progress=False
    ).fit(y)
    other = tmp_path / "classifier"
    other.mkdir()
    (other / "config.json").write_text(json.dumps({"kind": "classifier"}))
    (other / "vocab.json").write_text("[]")
    with pytest.raises(
        ValueError,
        match=re.escape(
            f"`path` {str(other)!r} already holds a saved model of kind 'classifier'; saving a "
            "'lstmkit.Forecaster' model there would overwrite that model's config.json and leave "
            "vocab.json behind. Choose another folder or delete that one first"
            ", or pass overwrite=True to replace it."
        ),
    ):
        fc.save(other)
    assert sorted(p.name for p in other.iterdir()) == ["config.json", "vocab.json"]
    fc.save(tmp_path / "fc")
    fc.save(tmp_path / "fc")  # its own kind: overwritten
    assert Forecaster.load(tmp_path / "fc").predict(2).shape == (2, 3)


def test_gates_names_the_gates_for_one_it_lacks():
    # lstm.gates(0)["f"], as a trace names the forget gate, was a bare KeyError: 'f'
    import lstmkit

    with pytest.raises(
        KeyError,
        match=re.escape("no gate 'f'; the gates are 'input', 'forget', 'candidate', 'output'"),
    ):
        lstmkit.LSTM(3, 4).gates(0)["f"]
    with pytest.raises(
        KeyError, match=re.escape("no gate 'z'; the gates are 'reset', 'update', 'new'")
    ):
        lstmkit.GRUCell(3, 4).gates()["z"]
    gates = lstmkit.LSTM(3, 4).gates(0)
    assert isinstance(gates, dict) and gates.get("f") is None and "forget" in gates


def test_renderers_refuse_one_str_as_the_tokens():
    # "the film" was read letter by letter: "`relevance` must be 1-D with at least one value
    # per token (8)", a message about the relevance
    from lstmkit.explain.render import to_html, to_terminal, top_contributions

    message = (
        "`tokens` must be a sequence of tokens, one per relevance value, got one str; split it "
        "first, e.g. text.split()."
    )
    for render in (to_terminal, to_html, top_contributions):
        with pytest.raises(TypeError, match=re.escape(message)):
            render("the film", [0.1, -0.2])
    assert to_terminal(["the", "film"], [0.1, -0.2], color=False) == "the(+0.100) film(-0.200)"
