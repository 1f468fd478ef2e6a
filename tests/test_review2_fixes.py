"""Fixes from the second review of the Python API's argument checks (branch pyuser)."""

import json
import re

import numpy as np
import pytest
import torch
from torch import nn


def test_fit_takes_a_re_iterable_iterator_of_ones_own_for_several_epochs():
    # a class whose __iter__ starts over and returns self is an Iterator, yet re-iterable: it
    # was refused as "gives its batches once"
    from lstmkit.train import TrainConfig, fit

    torch.manual_seed(0)
    x, y = torch.randn(4, 2), torch.randn(4, 1)

    class Batches:
        def __iter__(self):
            self.left = 2
            return self

        def __next__(self):
            if not self.left:
                raise StopIteration
            self.left -= 1
            return x, y

    history = fit(
        nn.Linear(2, 1),
        lambda model, b: ((model(b[0]) - b[1]) ** 2).mean(),
        Batches(),
        config=TrainConfig(epochs=3, progress=False),
    )
    assert len(history.train_loss) == 3


def test_fit_still_refuses_a_built_in_iterator_for_several_epochs():
    from lstmkit.train import TrainConfig, fit

    batches = iter([(torch.zeros(2, 2), torch.zeros(2, 1))])
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`train_data` must be re-iterable, as every epoch reads it again, got a "
            "list_iterator, which gives its batches once (epoch 2 would have none); pass a "
            "list of the batches, a DataLoader or a tuple of tensors."
        ),
    ):
        fit(nn.Linear(2, 1), lambda m, b: m(b[0]).mean(), batches, config=TrainConfig(epochs=2))


@pytest.mark.parametrize("name", ["shuffle", "restore_best", "progress"])
def test_a_numpy_integer_in_a_bool_field_gets_no_number_hint(name):
    # "(give a Python number: float(x))" was added, and float(1) is refused too
    from lstmkit.train import TrainConfig

    expected = {"progress": "True, False or None"}.get(name, "True or False")
    with pytest.raises(ValueError) as err:
        TrainConfig(**{name: np.int64(1)})
    assert str(err.value) == f"`{name}` must be {expected}, got np.int64(1)."


def test_a_numpy_integer_calendar_gets_no_number_hint():
    from lstmkit.forecast import ForecasterConfig

    with pytest.raises(ValueError) as err:
        ForecasterConfig(calendar=np.int64(1))
    assert str(err.value) == "`calendar` must be True, False or 'season', got np.int64(1)."


def test_a_numpy_complex_lr_is_refused_by_name():
    # the hint compared it with 0: "'>' not supported between instances of 'complex' and 'int'"
    from lstmkit.train import TrainConfig

    with pytest.raises(ValueError) as err:
        TrainConfig(lr=np.complex128(0.01))
    assert str(err.value) == "`lr` must be a positive finite number, got np.complex128(0.01+0j)."


@pytest.mark.skipif(
    np.finfo(np.longdouble).eps == np.finfo(float).eps, reason="np.longdouble is float64 here"
)
def test_numpy_floats_still_get_their_hint():
    # a numpy float is taken since revleft33a; one that no Python float holds is still told
    from lstmkit.train import TrainConfig

    with pytest.raises(ValueError) as err:
        TrainConfig(lr=np.longdouble("0.5") + np.finfo(np.longdouble).eps)
    assert str(err.value).endswith(" (give a Python number: float(x)).")


@pytest.fixture(scope="module")
def fitted():
    from lstmkit.forecast import Forecaster

    y = np.linspace(1.0, 2.0, 30)
    return Forecaster(
        horizon=2, lookback=4, season_length=1, ensemble=1, epochs=1, hidden_size=2, progress=False
    ).fit(y)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "must hold a JSON object, got list"),
        ('{"x": 1}', "it names no kind"),
    ],
)
def test_forecaster_save_refuses_a_damaged_or_kindless_config(fitted, tmp_path, text, why):
    # it overwrote them (while the text savers refused): a config.json that is no saved
    # model's may be another program's (save2: one rule, lstmkit.io.check_save_dir)
    (tmp_path / "config.json").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"holds a config\.json that is no saved model's") as err:
        fitted.save(tmp_path)
    assert why in str(err.value)
    assert (tmp_path / "config.json").read_text(encoding="utf-8") == text


def test_forecaster_save_still_refuses_another_kind(fitted, tmp_path):
    (tmp_path / "config.json").write_text('{"kind": "classifier"}', encoding="utf-8")
    with pytest.raises(ValueError) as err:
        fitted.save(tmp_path)
    assert str(err.value) == (
        f"`path` {str(tmp_path)!r} already holds a saved model of kind 'classifier'; saving a "
        "'lstmkit.Forecaster' model there would overwrite that model's config.json. Choose "
        "another folder or delete that one first"
        ", or pass overwrite=True to replace it."
    )
    assert json.loads((tmp_path / "config.json").read_text()) == {"kind": "classifier"}


def test_fit_refuses_no_train_data_by_name():
    # "'NoneType' object is not iterable" at the first epoch
    from lstmkit.train import fit

    with pytest.raises(
        TypeError,
        match=re.escape(
            "`train_data` must be a tuple of tensors (its columns) or an iterable of batches, "
            "got NoneType."
        ),
    ):
        fit(nn.Linear(2, 1), lambda m, b: m(b[0]).mean(), None)


def test_predict_and_backtest_name_a_numpy_number_passed_where_the_data_goes(fitted):
    # a Python number was named with a hint; numpy's had only "got int64."
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`series` must be a pandas Series/DataFrame or a numpy array, got "
            "np.float32(0.9); pass the interval by name: predict(h, interval=np.float32(0.9))."
        ),
    ):
        fitted.predict(2, np.float32(0.9))
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`covariates` must be a pandas Series/DataFrame or a numpy array, got "
            "np.int64(-6); pass start, stride and horizon by name: "
            "backtest(series, start=np.int64(-6))."
        ),
    ):
        fitted.backtest(np.linspace(1.0, 2.0, 30), np.int64(-6))


def test_renderers_show_one_str_with_one_value_per_character_as_before():
    # a character model's text was refused as "got one str; split it first"
    from lstmkit.explain.render import to_html, to_terminal, top_contributions

    assert to_terminal("ab", torch.tensor([0.5, -0.25]), color=False) == "a(+0.500) b(-0.250)"
    assert top_contributions("ab", [0.5, -0.75], k=1) == [(1, "b", -0.75)]
    assert ">a</span>" in to_html("ab", [0.5, -0.25])


def test_fit_takes_a_numpy_validation_loss_as_before():
    # float() took np.float32; the new check allowed Python numbers only ("got float32")
    from lstmkit.train import TrainConfig, fit

    x, y = torch.zeros(4, 2), torch.zeros(4, 1)

    def loss_fn(model, batch):
        loss = ((model(batch[0]) - batch[1]) ** 2).mean()
        return loss if model.training else np.float32(0.25)

    history = fit(nn.Linear(2, 1), loss_fn, (x, y), (x, y), TrainConfig(epochs=1, progress=False))
    assert history.val_loss == [0.25]


@pytest.mark.parametrize("name", ["train_data", "val_data"])
def test_fit_names_an_iterator_that_gave_nothing_at_epoch_two(name):
    # a DataLoader's iterator is not refused up front (an iterator class of one's own may start
    # over in __iter__), so it is named when epoch 2 finds it used up
    from torch.utils.data import DataLoader, TensorDataset

    from lstmkit.train import TrainConfig, fit

    data = (torch.zeros(4, 2), torch.zeros(4, 1))
    loader = iter(DataLoader(TensorDataset(*data), batch_size=2))
    train, val = (loader, data) if name == "train_data" else (data, loader)
    with pytest.raises(
        TypeError,
        match=re.escape(
            f"`{name}` must be re-iterable, as every epoch reads it again, got a "
            "_SingleProcessDataLoaderIter, which gives its batches once (epoch 2 would have "
            "none); pass a list of the batches, a DataLoader or a tuple of tensors."
        ),
    ):
        fit(
            nn.Linear(2, 1),
            lambda m, b: ((m(b[0]) - b[1]) ** 2).mean(),
            train,
            val,
            TrainConfig(epochs=2, progress=False),
        )


def test_a_numpy_bool_in_a_number_field_gets_no_bool_hint():
    # "(give a Python bool: bool(x))" was added, and lr=True is refused too
    from lstmkit.train import TrainConfig

    with pytest.raises(ValueError) as err:
        TrainConfig(lr=np.True_)
    assert str(err.value) == "`lr` must be a positive finite number, got np.True_."
    assert TrainConfig(shuffle=np.True_).shuffle is True  # taken since cfg17
