"""The README's set-up, development and explanations' command-line sections, walked: what they
say of the suite's time, of the occlusion output they quote and of the records `lstmkit explain`
writes holds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lstmkit.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _bullet(name: str) -> str:
    """The README's bullet that describes the record file `name`, up to the next bullet or
    paragraph."""
    text = _readme()
    start = text.index(f"* `{name}`: ")
    end = min(text.index(stop, start + 1) for stop in ("\n* ", "\n\n"))
    return text[start:end]


def test_development_gives_the_suites_time_as_set_up_does() -> None:
    # Development said "about two to three minutes on 2 cores" (the time of 3,291 tests), Set up
    # "about five minutes" (about 7,700 tests, 281-307 s in fresh-clone runs)
    text = _readme()
    set_up = re.search(r"The tests \(about [\d,]+, (about [^;]+ on 2 cores);", text)
    development = re.search(
        r"pytest -n 2 +# the whole suite [^(]*\((about [^;]+ on 2 cores);", text
    )
    assert set_up is not None and development is not None
    assert set_up.group(1) == "about five minutes on 2 cores"
    assert development.group(1) == set_up.group(1)


def test_the_occlusion_bound_covers_the_quoted_output() -> None:
    # the prose said "at most 0.03" above an output whose lag 2 reads -0.0322
    text = _readme()
    bound = float(re.search(r"Occluding any one month moves it by at most ([\d.]+):", text)[1])
    block = text[text.index("method occlusion, 36 lags\ntop 3 lags:") :]
    block = block[: block.index("```")]
    lags = [float(m[1]) for m in re.finditer(r"^  lag +\d+  \S+ +([+-][\d.]+) ", block, re.M)]
    assert lags == [-0.0322, -0.0180, 0.0127]
    assert bound == 0.033
    assert max(map(abs, lags)) <= bound


def test_every_key_of_a_forecasters_explanation_json_is_named(tmp_path: Path) -> None:
    # `model`, `csv` and `lags` were written but not named
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    config = ForecasterConfig(
        horizon=2, lookback=4, season_length=1, ensemble=1, epochs=1, hidden_size=2, progress=False
    )
    Forecaster(config).fit(load_dataset("airline")[:24]).save(tmp_path / "model")
    assert main(["explain", str(tmp_path / "model"), "--out", str(tmp_path / "why")]) == 0
    record = json.loads((tmp_path / "why" / "explanation.json").read_text(encoding="utf-8"))
    assert sorted(record) == [
        "command", "csv", "data_sha256", "files", "initial_state", "lags", "method", "model",
        "options", "origin", "score", "step", "threads", "time", "versions", "where",
    ]  # fmt: skip
    bullet = _bullet("explanation.json")
    assert [key for key in record if f"`{key}`" not in bullet] == []


def test_every_key_of_a_sentences_relevance_json_is_named(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `model` and `text` were written but not named; `tokens`, `predicted`, `explained` and
    # `unknown` were described but not by their keys
    assert (
        main(["explain", str(clf_dir), "--text", "film 1 was great", "--out", str(tmp_path)]) == 0
    )
    capsys.readouterr()
    record = json.loads((tmp_path / "relevance.json").read_text(encoding="utf-8"))
    assert sorted(record) == [
        "command", "explained", "initial_state", "method", "model", "options", "predicted",
        "probabilities", "probability", "relevance", "score", "target", "text", "threads",
        "tokens", "unknown", "versions",
    ]  # fmt: skip
    bullet = _bullet("relevance.json")
    assert [key for key in record if f"`{key}`" not in bullet] == []


def test_json_with_out_has_written_in_place_of_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the README said "the record of explanation.json" and "adds written", but the printed
    # record has no `files`: `written` (every path, explanation.json's too) stands in its place
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    config = ForecasterConfig(
        horizon=2, lookback=4, season_length=1, ensemble=1, epochs=1, hidden_size=2, progress=False
    )
    Forecaster(config).fit(load_dataset("airline")[:24]).save(tmp_path / "model")
    out = tmp_path / "why"
    capsys.readouterr()
    assert main(["explain", str(tmp_path / "model"), "--json", "--out", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    saved = json.loads((out / "explanation.json").read_text(encoding="utf-8"))
    assert saved["files"] == ["relevance.png", "relevance.csv"]
    assert printed["written"] == [str(out / n) for n in (*saved["files"], "explanation.json")]
    assert sorted(set(printed) - set(saved)) == ["relevance", "written"]
    assert sorted(set(saved) - set(printed)) == ["files"]
    assert (
        "With `--out` it adds `written`, the paths of the files written, the record's own among "
        "them (a\nforecaster's in place of `explanation.json`'s `files`, the others' names)."
    ) in _readme()
