"""A review of text12: `lstmkit predict TEXT_MODEL`'s line to paste keeps only the words
`lstmkit text predict` takes, and finds the folder after a flag too."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from lstmkit.cli import main

RUNS = (
    "a sentiment classifier, which `lstmkit text predict` runs "
    "(lstmkit.text.SentimentPredictor.load in Python)"
)


def test_the_line_to_paste_runs_and_names_the_flags_text_predict_lacks(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `predict clf --horizon 3 --file x.txt` was told to paste `lstmkit text predict clf
    # --horizon 3 --file x.txt`, which text predict refused again: "unrecognized arguments:
    # --horizon 3" (so with --top-k 2, --interval 0.8, --csv a.csv)
    x = tmp_path / "x.txt"
    x.write_text("a fine film\n", "utf-8")
    argv = ["predict", str(clf_dir), "--horizon", "3", "--json", "--file", str(x)]
    with pytest.raises(SystemExit) as stop:
        main([*argv, "--top-k", "2", "--covariate-cols", "a", "b", "--interval=0.8"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    paste = f"lstmkit text predict {clf_dir} --json --file {x}"
    assert err == (
        f"error: unrecognized arguments: --file {x} --top-k 2; {str(clf_dir)!r} holds {RUNS}, "
        f"not `lstmkit predict`: {paste} (it takes no --horizon, --top-k, --covariate-cols or "
        "--interval)\n"
    )
    assert main(shlex.split(paste)[1:]) == 0  # the line runs as given
    assert capsys.readouterr().out.startswith('{"text": "a fine film", "label": ')
    # the folder after a flag (`--file x.txt clf`: x.txt was read as the model, the folder as
    # the dataset) got argparse's "did you mean --fill for --file?" alone
    with pytest.raises(SystemExit) as stop:
        main(["predict", "--file", str(x), str(clf_dir)])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        f"error: unrecognized arguments: --file {x}; {str(clf_dir)!r} holds {RUNS}, not "
        f"`lstmkit predict`: lstmkit text predict --file {x} {clf_dir}\n"
    )
