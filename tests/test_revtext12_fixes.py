"""A review of text12: `lstmkit predict TEXT_MODEL`'s line to paste keeps only the words
`lstmkit text predict` takes, and finds the folder after a flag too; long texts in three sets
are listed as a sentence lists them."""

from __future__ import annotations

import shlex
import warnings
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, train_classifier

RUNS = (
    "a sentiment classifier (kind 'classifier'), which `lstmkit text predict` runs "
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
    # but not where the folder is the stray flag's value (`predict x.txt --file clf`)
    with pytest.raises(SystemExit) as stop:
        main(["predict", str(x), "--file", str(clf_dir)])
    assert capsys.readouterr().err == (
        f"error: unrecognized arguments: --file {clf_dir}; did you mean --fill? "
        "(`lstmkit predict --help` lists the flags)\n"
    )


def test_long_texts_of_three_sets_are_listed_with_commas() -> None:
    # "1 of the 11 train texts and 1 of the 2 dev texts and 1 of the 2 test texts hold ..."
    texts = [f"a fine film {k}" for k in range(5)] + [f"a dull film {k}" for k in range(5)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train_classifier(
            [*texts, " ".join(["fine"] * 1001)],
            ["pos"] * 5 + ["neg"] * 6,
            SentimentConfig(embed_dim=2, hidden_size=2, epochs=1, progress=False),
            dev=(["a film", " ".join(["dull"] * 1002)], ["pos", "neg"]),
            test=(["a film", " ".join(["ok"] * 1003)], ["pos", "pos"]),
        )
    assert [str(w.message) for w in caught] == [
        "1 of the 11 train texts, 1 of the 2 dev texts and 1 of the 2 test texts hold more "
        "than 1,000 tokens (the longest, 1,003, begins 'ok ok ok ok ok ok'): a batch runs the "
        "LSTM over as many steps as its longest text, for every text in it, so each step with "
        "such a text is slow. Cut long texts to their first few hundred words (pandas: "
        "df[col].str.split().str[:300].str.join(' ')) or leave them out."
    ]
