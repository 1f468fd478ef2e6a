"""text35: ``lstmkit text evaluate`` and SentimentPredictor.evaluate; the warning of texts
given different labels said once by read_labelled_csv then train_classifier."""

from __future__ import annotations

import io
import warnings

from lstmkit.text.labelled import read_labelled_csv
from lstmkit.text.sentiment import SentimentConfig, train_classifier

WORDS, NOUNS = ("good", "fine", "great", "bad", "dull"), ("film", "show", "play")
ROWS = [
    (f"a {w} {n}{k}", "pos" if w in ("good", "fine", "great") else "neg")
    for n in NOUNS
    for k in ("", "!")
    for w in WORDS
][:25]
TINY = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, batch_size=4, progress=False)


def _odds(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "given different labels" in str(w.message)]


def test_labels_at_odds_said_once_by_read_labelled_csv_then_train_classifier() -> None:
    # a good film is row 1 ('pos') and row 26 ('neg'): before, train_classifier warned again,
    # naming `texts[0]` and `texts[25]`
    csv = "text,label\n" + "".join(f"{t},{y}\n" for t, y in [*ROWS, ("a good film", "neg")])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        texts, labels = read_labelled_csv(io.StringIO(csv), "text", "label", training=True)
        train_classifier(texts, labels, TINY)
    odds = _odds(caught)
    assert len(odds) == 1
    assert odds[0].startswith(
        "1 text is given different labels, token for token the same: 'a good film' as row 1 "
        "('pos') and row 26 ('neg') in '<StringIO>'"
    )


def test_labels_at_odds_said_by_train_classifier_of_changed_or_own_lists() -> None:
    csv = "text,label\n" + "".join(f"{t},{y}\n" for t, y in [*ROWS, ("a good film", "neg")])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        texts, labels = read_labelled_csv(io.StringIO(csv), "text", "label", training=True)
    assert len(_odds(caught)) == 1
    labels[0] = "neg"  # the copies agree now, and one other text goes wrong: no warning of odds
    labels[24] = "pos"
    texts[24] = "a good film"  # ... until this copy of row 1 says 'pos'
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train_classifier(texts, labels, TINY)
    odds = _odds(caught)
    assert len(odds) == 1
    assert "`texts[0]` ('neg'), `texts[24]` ('pos') and `texts[25]` ('neg')" in odds[0]
    # a plain list pair of the same rows warns once too, by position
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train_classifier(
            [t for t, _ in ROWS] + ["a good film"], [y for _, y in ROWS] + ["neg"], TINY
        )
    assert [o[:110] for o in _odds(caught)] == [
        "1 text is given different labels, token for token the same: 'a good film' as "
        "`texts[0]` ('pos') and `texts[25]` ('neg')"[:110]
    ]
