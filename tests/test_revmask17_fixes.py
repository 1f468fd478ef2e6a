"""revmask17: the review of mask17 (explanations under a default meta device). Trainings
under a default meta device around CPU data (`with torch.device("meta")`,
`torch.set_default_device("meta")`) give the numbers of no context; gate traces of a model on
meta are refused by their device wherever they are read (drawn, written), not only counted;
and `lstmkit forecast --dropout` refuses text and numbers in one shape, as `--interval`."""

import contextlib
import warnings
from collections.abc import Callable, Iterator

import matplotlib
import pytest
import torch

import lstmkit

matplotlib.use("Agg")


CONTEXTS = ("with", "set_default_device")  # the keys of the meta_defaults fixture

TEXTS = ["good fine film", "bad dull film", "a fine movie", "a dull movie", "great film"] * 4
LABELS = ["pos", "neg", "pos", "neg", "pos"] * 4


def _sentiment() -> dict[str, torch.Tensor]:
    from lstmkit.text._configs import SentimentConfig
    from lstmkit.text.sentiment import train_classifier

    config = SentimentConfig(
        embed_dim=4, hidden_size=3, epochs=1, batch_size=8, dropout=0.0, progress=False
    )
    with warnings.catch_warnings():  # the dev and test texts repeat training texts
        warnings.simplefilter("ignore", UserWarning)
        return train_classifier(TEXTS, LABELS, config).model.state_dict()


def _charlm() -> dict[str, torch.Tensor]:
    from lstmkit.text._configs import CharLMConfig
    from lstmkit.text.charlm import train_charlm

    config = CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=1, dropout=0.0, batch_size=4, bptt=10,
        max_steps=3, eval_every=2, progress=False,
    )  # fmt: skip
    return train_charlm("to be or not to be, that is the question " * 10, config).model.state_dict()


def _forecaster() -> dict[str, torch.Tensor]:
    import numpy as np

    from lstmkit.forecast import Forecaster, ForecasterConfig

    series = 10 + np.sin(np.arange(60) / 3)
    config = ForecasterConfig(horizon=3, lookback=6, epochs=2, hidden_size=4, progress=False)
    forecaster = Forecaster(config).fit(series)
    return {"forecast": torch.from_numpy(forecaster.predict().to_numpy(dtype=float).copy())}


def _numbers() -> dict[str, torch.Tensor]:
    from lstmkit.text._configs import Seq2SeqConfig
    from lstmkit.text.seq2seq import train_numbers

    config = Seq2SeqConfig(
        max_digits=2, train_size=16, test_size=4, embed_dim=4, hidden_size=4, num_layers=1,
        batch_size=8, epochs=1, beam_size=1, progress=False,
    )  # fmt: skip
    return train_numbers(config).model.state_dict()


TRAININGS: dict[str, Callable[[], dict[str, torch.Tensor]]] = {
    # its model was built on the default device, with no weights to move to config.device
    # ("Cannot copy out of meta tensor"), and _label_mask's class masks were made there
    "train_classifier": _sentiment,
    # text train-lm: its model too
    "train_charlm": _charlm,
    "train_numbers": _numbers,
    "Forecaster.fit": _forecaster,
}


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("training", TRAININGS)
def test_a_training_under_a_default_meta_device_gives_the_cpu_numbers(
    context: str, training: str, meta_defaults
) -> None:
    expected = TRAININGS[training]()
    with meta_defaults[context]():
        got = TRAININGS[training]()
    assert list(got) == list(expected)
    for name, value in got.items():
        assert value.device.type == "cpu", name
        assert torch.equal(value, expected[name]), name


NO_VALUES = (
    " on the meta device, which holds none (a trace of a model on meta); give the model its "
    "weights first (`model.to_empty(device='cpu')`, then `model.load_state_dict(...)`) and "
    "trace it again."
)


def test_a_trace_of_a_model_on_meta_is_refused_by_its_device_where_it_is_read(tmp_path) -> None:
    """saturation alone named the device; plot_gates, plot_cell_states, export_npz and
    export_hdf5 failed with torch's "Cannot copy out of meta tensor; no data!"."""
    from lstmkit.explain.gates import (
        export_hdf5,
        export_npz,
        plot_cell_states,
        plot_gates,
        saturation,
    )

    with torch.device("meta"):
        layer = lstmkit.LSTM(3, 4, batch_first=True)
    with lstmkit.trace(layer) as tr:
        layer(torch.zeros(2, 3, 3, device="meta"), lengths=torch.tensor([3, 2]))
    drawn = "`gate_trace` must hold gate values to draw, got ['i', 'f', 'g', 'o', 'c', 'h']"
    for call, said in [
        (lambda: plot_gates(tr["l0"]), drawn),
        (lambda: plot_cell_states(tr["l0"], path=tmp_path / "c.png"), drawn),
        (
            lambda: export_npz(tr, tmp_path / "t.npz"),
            "`trace` must hold gate values to write, got ['l0']",
        ),
        (
            lambda: export_hdf5(tr, tmp_path / "t.h5"),
            "`trace` must hold gate values to write, got ['l0']",
        ),
        (lambda: saturation(tr), "`trace` must hold gate values to count, got ['l0']"),
    ]:
        with pytest.raises(RuntimeError) as caught:
            call()
        assert str(caught.value) == said + NO_VALUES
    assert list(tmp_path.iterdir()) == []  # refused before any file is written


def test_lstmkit_forecast_refuses_dropout_in_one_shape(interval_refusal) -> None:
    """--dropout 20% was argparse's "argument --dropout: expected a number in [0, 1), e.g.
    0.2, got '20%' ... (`lstmkit forecast --help` lists the flags)", --dropout 1.5 the
    config's "--dropout must be a number in [0, 1), got 1.5."; 1 and 95 were shown as 1.0 and
    95.0, and with --series-col a number was told as the first series' ("series store=A:
    --dropout ..."). Now one refusal, as --interval's, before any series."""
    for given, said in [
        ("20%", "'20%' (a fraction: 0.2 for 20 %)"),
        ("0,2", "'0,2' (a decimal point: 0.2)"),
        ("abc", "'abc'"),
        ("1.5", "1.5"),
        ("1", "1"),
        ("95", "95 (a fraction: 0.95 for 95 %)"),
        ("-0.1", "-0.1"),
    ]:
        err = interval_refusal(["forecast", "airline", "--dropout", given, "--num-layers", "2"])
        assert err == f"error: --dropout must be a number in [0, 1), got {said}.\n", given
    rows = "".join(f"2020-{m:02d}-01,{s},{m}\n" for s in "AB" for m in range(1, 13))
    for given, said in [("1.5", "1.5"), ("20%", "'20%' (a fraction: 0.2 for 20 %)")]:
        argv = ["forecast", "--csv", "-", "--series-col", "s", "--date-col", "d"]
        argv += ["--value-col", "v", "--dropout", given]
        with _stdin("d,s,v\n" + rows):
            err = interval_refusal(argv)
        assert err == f"error: --dropout must be a number in [0, 1), got {said}.\n", given
    # Python keeps its words: the value as it came, a float as Python writes it
    from lstmkit.forecast import ForecasterConfig

    with pytest.raises(ValueError) as caught:
        ForecasterConfig(dropout=1.0)
    assert str(caught.value) == "`dropout` must be a number in [0, 1), got 1.0."


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    import io
    import sys

    kept = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode()))
    try:
        yield
    finally:
        sys.stdin = kept


def test_class_figures_of_a_model_on_meta_are_refused_by_its_device() -> None:
    """mask17 refused predict, predict_proba and explain of a model on meta by its device;
    SentimentPredictor.class_figures, and sentiment.evaluate and confusion_matrix, still
    failed with torch's "Cannot copy out of meta tensor; no data!"."""
    from lstmkit.text import TextClassifier, sentiment
    from lstmkit.text.sentiment import SentimentPredictor
    from lstmkit.text.vocab import Vocabulary

    vocab = Vocabulary.build(["a good film", "a bad film"])
    with torch.device("meta"):
        model = TextClassifier(len(vocab), 4, 3, 2).eval()
    predictor = SentimentPredictor(model, vocab, ("neg", "pos"))
    said = (
        "scores compute with the values of the model, which the meta device does not hold; got "
        "the outputs of TextClassifier on meta. Give the model its weights first "
        "(`model.to_empty(device='cpu')`, then `model.load_state_dict(...)`), or load a saved "
        "one with `SentimentPredictor.load(model_dir)`."
    )
    for call in [
        lambda: predictor.class_figures(["a good film", "bad"], ["pos", "neg"]),
        lambda: sentiment.evaluate(model, [[2, 3], [4]], [1, 0]),
        lambda: sentiment.confusion_matrix(model, [[2, 3], [4]], [1, 0], 2),
    ]:
        with pytest.raises(RuntimeError) as caught:
            call()
        assert str(caught.value) == said


def test_a_saved_model_loads_under_a_default_meta_device(tmp_path, meta_defaults) -> None:
    """Forecaster.load (so `lstmkit predict DIR` from Python), SentimentPredictor.load,
    load_charlm and load_seq2seq built the model on the default device and failed with
    torch's "Cannot copy out of meta tensor" moving it to `device`."""
    import numpy as np

    from lstmkit.forecast import Forecaster, ForecasterConfig
    from lstmkit.text._configs import CharLMConfig
    from lstmkit.text.charlm import load_charlm, save_charlm, train_charlm
    from lstmkit.text.sentiment import (
        SentimentConfig,
        SentimentPredictor,
        save_classifier,
        train_classifier,
    )

    config = ForecasterConfig(horizon=3, lookback=6, epochs=1, hidden_size=4, progress=False)
    Forecaster(config).fit(10 + np.sin(np.arange(40) / 3)).save(tmp_path / "fc")
    expected = Forecaster.load(tmp_path / "fc").predict().to_numpy(dtype=float)
    lm = CharLMConfig(embed_dim=4, hidden_size=8, num_layers=1, dropout=0.0, batch_size=4,
                      bptt=10, max_steps=1, eval_every=1, progress=False)  # fmt: skip
    save_charlm(train_charlm("to be or not to be " * 20, lm), tmp_path / "lm")
    weights = load_charlm(tmp_path / "lm")[0].state_dict()

    with warnings.catch_warnings():  # the dev and test texts repeat training texts
        warnings.simplefilter("ignore", UserWarning)
        sst = SentimentConfig(embed_dim=4, hidden_size=3, epochs=1, dropout=0.0, progress=False)
        save_classifier(train_classifier(TEXTS, LABELS, sst), tmp_path / "clf")
    probs = SentimentPredictor.load(tmp_path / "clf").predict_proba(["a fine film"])
    for context in meta_defaults.values():
        with context():
            got = Forecaster.load(tmp_path / "fc").predict().to_numpy(dtype=float)
            loaded = load_charlm(tmp_path / "lm")[0].state_dict()
            predicted = SentimentPredictor.load(tmp_path / "clf").predict_proba(["a fine film"])
        assert torch.equal(predicted, probs)
        np.testing.assert_array_equal(got, expected)
        assert all(torch.equal(loaded[k], v) for k, v in weights.items())
