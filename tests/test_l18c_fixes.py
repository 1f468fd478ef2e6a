"""l18c: config leftovers: a count given as a whole float told as TrainConfig tells it,
Lightning's `accelerator`/`devices` told as `device`, a negative `padding_idx` beside a refused
`vocab_size`, and `--series-col` runs' flag problems said once before any series is read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster, ForecasterConfig
from lstmkit.cli import main
from lstmkit.text.classifier import TextClassifier
from lstmkit.train import TrainConfig

WHOLE = " (a whole number as a float: pass int(x))"


def test_a_whole_float_count_of_the_forecaster_config_is_told_as_train_configs():
    # the older note ("int(value) for a whole number", for a table of configs) came with
    # 12.0 alone; TrainConfig and the other counts say the one hint
    for make in (ForecasterConfig, TrainConfig):
        with pytest.raises(ValueError) as err:
            make(epochs=12.0)
        assert str(err.value) == f"`epochs` must be a positive integer, got 12.0{WHOLE}."
    with pytest.raises(ValueError) as err:
        ForecasterConfig(lookback=24.0, ensemble=3.0)
    assert str(err.value) == (
        f"`ensemble` must be a positive integer, got 3.0{WHOLE}. `lookback` must be a positive "
        f"integer or None, got 24.0{WHOLE}."
    )
    # NaN, a table's None, keeps the note of what pandas did, which names the whole numbers too
    with pytest.raises(ValueError) as err:
        ForecasterConfig(epochs=3.0, lookback=float("nan"))
    assert str(err.value) == (
        f"`epochs` must be a positive integer, got 3.0{WHOLE}. `lookback` must be a positive "
        "integer or None, got nan. (`lookback`: a pandas column turns None into NaN, and "
        "integers beside it into floats, so a config read back from a table of configs needs "
        "None for NaN and int(x) for its whole numbers; or keep the ForecasterConfig itself in "
        "a column.)"
    )


def test_lightnings_accelerator_and_devices_are_told_as_device():
    # Forecaster(accelerator="gpu") got no hint, ForecasterConfig(...) Python's bare refusal
    hint = "Lightning's {} is 'device' here, e.g. device='cuda'"
    for word in ("accelerator", "devices"):
        with pytest.raises(TypeError) as err:
            Forecaster(**{word: "gpu"})
        assert str(err.value) == (
            f"Forecaster() got unknown keyword argument {word!r} ({hint.format(word)}); "
            "they set fields of ForecasterConfig."
        )
        with pytest.raises(TypeError) as err:
            ForecasterConfig(**{word: "gpu"}, epochs=3)
        assert str(err.value) == (
            f"ForecasterConfig() got unknown keyword argument {word!r} ({hint.format(word)})."
        )
        # TrainConfig, which takes no device at all, names the word and where fit trains
        with pytest.raises(TypeError, match=rf"^TrainConfig\(\) takes no `{word}`, got 'gpu': "):
            TrainConfig(**{word: "gpu"})
    with pytest.raises(TypeError) as err:
        ForecasterConfig(accelerator="gpu", devices=1)
    assert str(err.value) == (
        "ForecasterConfig() got unknown keyword arguments 'accelerator', 'devices' ("
        "Lightning's accelerator and devices are 'device' here, e.g. device='cuda')."
    )
    # the dataclass still builds and replaces as before
    assert ForecasterConfig(epochs=3, device="cpu").epochs == 3


def test_a_negative_padding_idx_is_refused_beside_a_refused_vocab_size():
    # -1 passed unsaid beside vocab_size 0, while 0 and 12 were refused for their own
    with pytest.raises(ValueError) as err:
        TextClassifier(0, 4, 8, 2, padding_idx=-1)
    assert str(err.value) == (
        "`vocab_size` must be a positive integer, got 0. `padding_idx` must be an integer in "
        "[0, vocab_size) or None, got -1."
    )
    with pytest.raises(ValueError) as err:  # an index >= 0: nothing to say of it yet
        TextClassifier(0, 4, 8, 2, padding_idx=5)
    assert str(err.value) == "`vocab_size` must be a positive integer, got 0."
    # a whole float vocab_size: the range it gives once int(x)
    with pytest.raises(ValueError) as err:
        TextClassifier(np.float64(10.0), 4, 8, 2, padding_idx=12)
    assert str(err.value) == (
        f"`vocab_size` must be a positive integer, got np.float64(10.0){WHOLE}. `padding_idx` must "
        "be an integer in [0, 10) or None, got 12."
    )
    with pytest.raises(ValueError) as err:
        TextClassifier(10.0, 4, 8, 2, padding_idx=9)
    assert str(err.value) == f"`vocab_size` must be a positive integer, got 10.0{WHOLE}."


@pytest.fixture
def two_series(tmp_path: Path) -> Path:
    days = pd.date_range("2020-01-01", periods=40, freq="D")
    rows = [(d.date(), s, i % 7 + k) for k, s in enumerate("AB") for i, d in enumerate(days)]
    path = tmp_path / "long.csv"
    pd.DataFrame(rows, columns=["date", "store", "sales"]).to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--lr", "-1"], "--lr must be a positive finite number, got -1."),
        (["--epochs", "0"], "--epochs must be a positive integer, got 0."),
    ],
)
def test_series_col_flag_problems_are_said_once_before_any_series_is_read(
    two_series, tmp_path, capsys, monkeypatch, flags, said
):
    # told as the first series' ("series store=A: --lr ..."), after reading the file
    import lstmkit.data as D

    def unread(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(D, "_csv_table", unread)
    out = tmp_path / "out"
    argv = ["forecast", "--csv", str(two_series), "--date-col", "date", "--value-col", "sales"]
    assert main([*argv, "--series-col", "store", *flags, "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"error: {said}\n")
    assert not out.exists()
