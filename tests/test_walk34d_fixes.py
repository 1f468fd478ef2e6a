"""Fixes from a walk through the README's "Text" and "Sentiment" sections (walk34d)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lstmkit.cli import main

# ---- the text commands name a sentence one way ---------------------------------------------

_BLOWN = (
    "LRP relevances blew up through the long sequence: {which}, of 31 tokens, has a relevance "
    "of magnitude 1.53e+08 for a score of 0.6421 (more than 1e+06 times it), amplified step "
    "by step at eps=0.001, so they say little about its tokens; pass --eps 0.1, which keeps "
    "long texts' relevances near the score."
)


@pytest.fixture
def amplifier_dir(tmp_path: Path, amplifying_predictor: Any) -> Path:
    from lstmkit.text import SentimentConfig
    from lstmkit.text.sentiment import SentimentResult, save_classifier

    predictor = amplifying_predictor()
    config = SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False)
    save_classifier(SentimentResult(predictor.model, predictor.vocab, config), tmp_path / "m")
    return tmp_path / "m"


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_a_blown_up_sentence_is_named_as_its_refusal_names_it(
    amplifier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the warning said "text 2 of 31 tokens" where an empty one was refused as
    # "sentence 2 (argument text)" (text predict) or "sentence 2 (--text)" (explain)
    long = "the " + " ".join(["word"] * 30)
    model = str(amplifier_dir)
    cases = {
        ("text", "predict", model, "--explain", "word", long): (
            "1 of the 2 sentences' ",
            "sentence 2 (argument text)",
        ),
        ("text", "predict", model, "--explain", long): ("the ", "the sentence (argument text)"),
        ("explain", model, "--text", "word", "--text", long): (
            "1 of the 2 sentences' ",
            "sentence 2 (--text)",
        ),
        ("explain", model, "--text", long): ("the ", "the sentence (--text)"),
    }
    for argv, (some, which) in cases.items():
        assert main(list(argv)) == 0
        blown = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
        assert blown == [f"warning: {some}" + _BLOWN.format(which=which)], argv


def test_explain_refuses_one_empty_sentence_as_text_predict_does(
    amplifier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # explain said "--text must contain ...", text predict "the sentence (argument text) ..."
    assert main(["explain", str(amplifier_dir), "--text", " "]) == 2
    assert capsys.readouterr().err == (
        "error: the sentence (--text) must contain at least one token, got ' '.\n"
    )
    assert main(["text", "predict", str(amplifier_dir), " "]) == 2
    assert capsys.readouterr().err == (
        "error: the sentence (argument text) must contain at least one token, got ' '.\n"
    )


# ---- a DataFrame's blank rows, NaN in both columns ------------------------------------------


def test_nan_texts_and_labels_are_refused_together_with_the_fix() -> None:
    # only the texts' NaN were told, with no word of what they are; the labels' NaN came after
    import pandas as pd

    from lstmkit.text import train_classifier

    df = pd.DataFrame(
        {
            "review": ["a fine film", None, "a dull film", None],
            "sentiment": ["pos", None, "neg", "neg"],
        }
    ).fillna(float("nan"))
    with pytest.raises(TypeError) as err:
        train_classifier(df["review"], df["sentiment"])
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[1]` float nan, `texts[3]` float nan. `labels` "
        "must hold str only, got `labels[1]` float nan (nan is how pandas reads an empty cell: "
        "drop those rows first, `df = df.dropna(subset=['review', 'sentiment'])`, or read the "
        "file with `read_labelled_csv`, which skips blank rows "
        "and names the row of a text or label left empty)."
    )
    # a filtered column by position (.iloc); a list has no column name to give
    kept = df[df.index > 0]
    with pytest.raises(TypeError) as err:
        train_classifier(list(kept["review"]), ["pos", "neg", "neg"])
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[0]` float nan, `texts[2]` float nan (nan is how "
        "pandas reads an empty cell: drop those rows first, with pandas' `dropna`, or read the "
        "file with `read_labelled_csv`, which skips blank rows "
        "and names the row of a text or label left empty)."
    )
    with pytest.raises(TypeError) as err:
        train_classifier(kept["review"], kept["sentiment"])
    assert str(err.value) == (
        "`texts` must hold str only, got `texts.iloc[0]` float nan, `texts.iloc[2]` float nan. "
        "`labels` must hold str only, got `labels.iloc[0]` float nan (nan is how pandas reads "
        "an empty cell: drop those rows first, `df = df.dropna(subset=['review', "
        "'sentiment'])`, or read the file with `read_labelled_csv`, which skips blank rows "
        "and names the row of a text or label left empty)."
    )


def test_the_pandas_line_a_csv_file_is_told_works_on_a_column_with_blank_rows(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    # the note's "'\n'.join(df[col])" failed on a spreadsheet's blank rows ("sequence item 1:
    # expected str instance, float found"), and the README's print(*df[col]) wrote "nan" lines
    import json
    import re

    import pandas as pd

    path = tmp_path / "reviews.csv"
    path.write_text('review,rating\n"a fine film, really",up\n,\n"a dull film",down\n', "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    note = capsys.readouterr().err
    code = re.search(r"\(pandas, with col the texts' column: (.*)\), and give that file", note)
    # fc35: the file read, where a frame `df` the CLI's user never made was named
    assert code is not None and code[1] == (
        f"Path('texts.txt').write_text('\\n'.join(pd.read_csv({str(path)!r})[col].dropna()))"
    )
    monkeypatch.chdir(tmp_path)
    assert pd.read_csv(path)["review"].isna().sum() == 1  # the blank row
    exec(code[1], {"Path": Path, "pd": pd, "col": "review"})
    assert main(["text", "predict", str(clf_dir), "--file", "texts.txt", "--json"]) == 0
    out = capsys.readouterr().out
    assert [json.loads(line)["text"] for line in out.splitlines()] == [
        "a fine film, really",
        "a dull film",
    ]


def test_explain_many_names_a_blown_up_text_as_its_refusal_names_it(
    amplifying_predictor: Any,
) -> None:
    # explain_many warned of "text 2" (1-based) where it refuses `texts[1]` (0-based)
    import pandas as pd

    predictor = amplifying_predictor()
    long = "the " + " ".join(["word"] * 30)
    python = _BLOWN.replace("--eps 0.1", "eps=0.1")
    with pytest.raises(ValueError) as err:
        predictor.explain_many(["word", " "])
    assert str(err.value) == "every text must contain a token, got none in `texts[1]` ' '."
    with pytest.warns(UserWarning) as seen:
        predictor.explain_many(["word", long, "word"])
    assert [str(w.message) for w in seen] == [
        "1 of the 3 texts' " + python.format(which="`texts[1]`")
    ]
    # a Series with an index of its own by position, as its refusals say it
    with pytest.raises(ValueError) as err:
        predictor.explain_many(pd.Series(["word", " "], index=[5, 3]))
    assert str(err.value) == "every text must contain a token, got none in `texts.iloc[1]` ' '."
    with pytest.warns(UserWarning) as seen:
        predictor.explain_many(pd.Series(["word", long], index=[5, 3]))
    assert [str(w.message) for w in seen] == [
        "1 of the 2 texts' " + python.format(which="`texts.iloc[1]`")
    ]
    # one text is "the text", as explain says it
    with pytest.warns(UserWarning) as seen:
        predictor.explain_many([long])
    assert [str(w.message) for w in seen] == [
        "the " + python.format(which="the text").replace("text, of 31 tokens,", "text of 31 tokens")
    ]
