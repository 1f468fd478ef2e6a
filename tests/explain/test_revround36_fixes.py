"""revround36: the review of revexplain36's commits (explain_forecast in a thread of its own,
occlusion's bar by windows, one json_safe)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from lstmkit.cli import json_safe


@pytest.fixture(scope="module")
def two_members():
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    cfg = ForecasterConfig(horizon=1, lookback=12, ensemble=2, epochs=1, hidden_size=4)
    return Forecaster(cfg).fit(load_dataset("airline")[:-12])


@pytest.mark.parametrize(("options", "total"), [({}, 96), ({"per_feature": False}, 24)])
def test_occlusions_bar_shows_its_total_from_the_start(
    two_members, monkeypatch, capsys, options, total
):
    # the bar of windows was made without a total, told by occlusion's first model call, so
    # it was first drawn as "explain: 0window [00:00, ?window/s]"; it starts at 0/96 (2
    # members of 12 lags, each lag then each of its 3 inputs) or 0/24 (lags alone)
    from lstmkit._checks import progress_bar
    from lstmkit.explain import explain_forecast, forecast

    drawn = lambda progress, **kw: progress_bar(progress, mininterval=0, miniters=1, **kw)  # noqa: E731
    monkeypatch.setattr(forecast, "progress_bar", drawn)
    capsys.readouterr()
    explain_forecast(two_members, method="occlusion", progress=True, **options)
    err = capsys.readouterr().err
    assert "0window [" not in err  # the count without a total (a rate reads "8.0window/s")
    counts = re.findall(r"explain: +\d+%\|[^|]*\| (\d+)/(\d+) \[", err)
    assert counts[0] == ("0", str(total))
    assert counts[-1] == (str(total), str(total))
    assert {t for _, t in counts} == {str(total)}


def test_json_safe_takes_numpy_bools_and_arrays_as_python_values():
    # numpy's bools and arrays came back as they were, which json.dumps refused ("Object of
    # type bool is not JSON serializable", "... ndarray ...")
    value = {
        "ok": np.bool_(True),
        "grid": np.array([[1.5, np.nan], [np.inf, 2.0]], dtype=np.float32),
        "count": np.array(3),
        "steps": np.arange(3),
    }
    safe = json_safe(value)
    assert safe == {"ok": True, "grid": [[1.5, None], [None, 2.0]], "count": 3, "steps": [0, 1, 2]}
    assert type(safe["ok"]) is bool and type(safe["count"]) is int
    assert json.dumps(safe, allow_nan=False) == (
        '{"ok": true, "grid": [[1.5, null], [null, 2.0]], "count": 3, "steps": [0, 1, 2]}'
    )


def test_sentence_records_are_walked_by_json_safe_only_where_json_refuses_them(monkeypatch):
    # print_sentence_blocks walked every record with json_safe: `text predict --explain --json`
    # of 3,000 lines of 40 tokens took 1.0 s to write them where 0.26 s did; it walks those
    # that json.dumps refuses as they are, writing the same lines
    import lstmkit.cli as cli

    walked = []
    safe = cli.json_safe
    monkeypatch.setattr(cli, "json_safe", lambda value: walked.append(value) or safe(value))
    clean = {"text": "a good film", "relevance": [("a", 0.5), ("good", np.float64(-1.25))]}
    blown = {"relevance": [["a", float("nan")]], "score": np.float32(0.5), "n": np.int64(2)}
    assert cli.json_line(clean) == (
        '{"text": "a good film", "relevance": [["a", 0.5], ["good", -1.25]]}'
    )
    assert walked == []
    assert cli.json_line(blown) == '{"relevance": [["a", null]], "score": 0.5, "n": 2}'
    assert walked[0] is blown  # (and its parts, walked in turn)
    for record in (clean, blown):
        assert cli.json_line(record) == json.dumps(safe(record), allow_nan=False)
