"""revapi28: review of api28 (dir() shows the API; a Forecaster names Keras', scikit-learn's and
sktime's methods' counterparts)."""

from __future__ import annotations


def test_dir_of_nn_and_data_lists_their_api() -> None:
    # api28 left them out: dir(lstmkit.data) listed np, pd, re and every private helper,
    # dir(lstmkit.nn) its _arguments and _fused
    import lstmkit.data
    import lstmkit.nn

    assert [n for n in dir(lstmkit.nn) if not n.startswith("__")] == [
        "GRU",
        "GRUCell",
        "GateParams",
        "GateTrace",
        "LSTM",
        "LSTMCell",
        "Summary",
        "Trace",
        "cells",
        "layers",
        "summary",
        "trace",
    ]
    assert {"np", "pd", "public_dir", "logger"} & set(dir(lstmkit.data)) == set()
    assert "read_csv" in dir(lstmkit.data) and "__doc__" in dir(lstmkit.data)
