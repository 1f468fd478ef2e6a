"""Review of cfg17: the whole-float hint given by every count check (not TrainConfig's and the
text configs' alone) and only where int(x) would be taken, dev and test files of one name told
apart by their paths, numpy_hint's dead numpy-bool branch gone, and the command line's whole
numbers read exactly (--seed 12345678901234567.0) and on --windows-per-epoch too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.forecast import ForecasterConfig
from lstmkit.train import TrainConfig

INT_X = " (a whole number as a float: pass int(x))"


def _charlm() -> object:
    from lstmkit.text import CharLM

    return CharLM(10, 4, 2.0, 1)


def _classifier() -> object:
    from lstmkit.text import TextClassifier

    return TextClassifier(10.0, 4, 4, 2)


def _naive() -> object:
    from lstmkit import baselines

    return baselines.naive(np.arange(10.0), 2.0)


def _make_windows() -> object:
    from lstmkit.data import make_windows

    return make_windows(np.arange(30.0), np.float64(12.0), 1)


def _lstm() -> object:
    from lstmkit import nn

    return nn.LSTM(4, 8.0)


def _batches() -> object:
    from lstmkit.train import iterate_batches

    return list(iterate_batches((torch.zeros(4),), batch_size=2.0))


def _generate() -> object:
    from lstmkit.text.charlm import CharLM, CharVocab, generate

    vocab = CharVocab(list("abc\n"))
    return generate(CharLM(len(vocab), 2, 2, 1), vocab, "a", 3.0, top_k=2.0)


def _integrated_gradients() -> object:
    from lstmkit import nn
    from lstmkit.explain.baselines import integrated_gradients

    return integrated_gradients(nn.LSTM(1, 2, batch_first=True), torch.zeros(1, 3, 1), steps=4.0)


def _top_contributions() -> object:
    from lstmkit.explain.render import top_contributions

    return top_contributions(["a", "b"], [0.1, -0.3], k=1.0)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (_charlm, ValueError, f"`hidden_size` must be a positive integer, got 2.0{INT_X}."),
        (_classifier, ValueError, f"`vocab_size` must be a positive integer, got 10.0{INT_X}."),
        (_naive, ValueError, f"`horizon` must be a positive integer, got 2.0{INT_X}."),
        (
            _make_windows,
            ValueError,
            f"`lookback` must be a positive integer, got np.float64(12.0){INT_X}.",
        ),
        (_lstm, ValueError, f"`hidden_size` must be a positive integer, got 8.0{INT_X}."),
        (
            _batches,
            ValueError,
            f"`batch_size` must be a positive integer or None, got 2.0{INT_X}.",
        ),
        (
            _generate,
            TypeError,
            f"`length` must be an integer, got 3.0{INT_X}. `top_k` must be an integer or None, got "
            f"2.0{INT_X}.",
        ),
        (_integrated_gradients, ValueError, f"`steps` must be a positive integer, got 4.0{INT_X}."),
        (_top_contributions, ValueError, f"`k` must be an integer >= 0, got 1.0{INT_X}."),
        (
            lambda: ForecasterConfig(difference=1.0),
            ValueError,
            f"`difference` must be an integer >= 0, got 1.0{INT_X}.",
        ),
        (
            lambda: TrainConfig(seed=np.float64(1.0)),
            ValueError,
            f"`seed` must be an integer in [0, 9223372036854775807], got np.float64(1.0){INT_X}.",
        ),
    ],
    ids=[
        "CharLM",
        "TextClassifier",
        "naive",
        "make_windows",
        "nn.LSTM",
        "iterate_batches",
        "generate",
        "integrated_gradients",
        "top_contributions",
        "ForecasterConfig.difference",
        "seed",
    ],
)
def test_every_count_check_tells_a_whole_float_int_x(
    make: Callable[[], object], error: type[Exception], message: str
) -> None:
    # cfg17 told TrainConfig(epochs=12.0) and the text configs "(a whole number as a float:
    # pass int(x))"; CharLM(..., 2.0, ...), naive(y, 2.0), make_windows(y, 12.0, 1),
    # nn.LSTM(4, 8.0), ForecasterConfig(difference=1.0), seeds ... said "got 2.0." alone
    with pytest.raises(error) as info:
        make()
    assert str(info.value) == message


def test_a_whole_float_that_int_would_not_mend_is_not_told_int_x() -> None:
    # TrainConfig(epochs=-2.0) was told "(a whole number as a float: pass int(x))", and
    # epochs=-2 was then refused in turn: the hint only where int(x) is taken
    from lstmkit._checks import whole_float_hint

    with pytest.raises(ValueError) as info:
        TrainConfig(epochs=-2.0, batch_size=0.0, patience=3.0)
    assert str(info.value) == (
        "`epochs` must be a positive integer, got -2.0. `batch_size` must be a positive integer "
        f"or None, got 0.0. `patience` must be a positive integer or None, got 3.0{INT_X}."
    )
    with pytest.raises(ValueError) as info:
        ForecasterConfig(difference=-1.0, seed=-1.0)
    assert str(info.value) == (
        "`seed` must be an integer in [0, 9223372036854775803] with ensemble=5 (member k uses "
        "seed + k), got -1.0. `difference` must be an integer >= 0, got -1.0."
    )
    assert whole_float_hint(0.0, 0) == INT_X  # where 0 is allowed, 0.0 is told int(x)
    assert [whole_float_hint(v) for v in (2.0, 0.0, -1.0, 2.5, float("inf"), 2)] == [INT_X] + [
        ""
    ] * 5
    assert whole_float_hint(2.0**63, 0, 2**63 - 1) == ""  # a seed above the top


def test_same_named_dev_and_test_files_are_named_by_their_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # --dev-csv dev.csv --test-csv d2/dev.csv: "--dev-csv 'dev.csv': column 'rating' of dev.csv
    # holds ... --test-csv 'd2/dev.csv': column 'rating' of dev.csv holds ...", one name for two
    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "d2").mkdir()
    rows = [f'"a good film {k}",5\n"a bad film {k}",1\n' for k in range(10)]
    Path("train.csv").write_text("review,rating\n" + "".join(rows), "utf-8")
    Path("dev.csv").write_text("review,rating\na fine film,7\n", "utf-8")
    Path("d2", "dev.csv").write_text("review,rating\n,5\na dull film,9\n", "utf-8")
    argv = ["text", "train", "--csv", "train.csv", "--text-col", "review", "--label-col"]
    argv += ["rating", "--dev-csv", "dev.csv", "--test-csv", str(Path("d2", "dev.csv"))]
    assert main([*argv, "--out", "out", "--no-progress"]) == 2
    other = repr(str(Path("d2", "dev.csv")))  # each by its path as given, quoted (txt20)
    assert capsys.readouterr() == (
        "",
        "error: column 'rating' of 'dev.csv' holds labels no training text has: '7' in row 1 "
        "(the classes: '1', '5'; rows counted from 1 below the header). Remove those rows "
        "from 'dev.csv', or move them into 'train.csv' to learn those classes too. Column "
        f"'review' of {other} must hold a text with a token in every row, got none in row 1 "
        f"(rows counted from 1 below the header); fill it in or remove it. Column 'rating' of "
        f"{other} holds labels no training text has: '9' in row 2 (the classes: '1', '5'). "
        f"Remove those rows from {other}, or move them into 'train.csv' to learn those "
        "classes too.\n",  # revtext36: what to do
    )
    assert not Path("out").exists()


def test_numpy_hint_gives_numpy_bools_no_hint_as_every_bool_field_takes_them(
    tmp_path: Path,
) -> None:
    # numpy_hint's np.bool_ branch (" (give a Python bool: bool(x))") is reached by no field
    # since cfg17 takes numpy's bools in each: removed; a 0-d array still gets the hint
    from lstmkit._checks import numpy_hint
    from lstmkit.text import CharLMConfig, SentimentConfig, Seq2SeqConfig

    assert numpy_hint(np.True_) == ""
    assert numpy_hint(np.array(True)) == " (give a Python bool: bool(x))"
    config = ForecasterConfig(
        calendar=np.True_,
        bidirectional=np.True_,
        early_stopping=np.False_,
        refit=np.False_,
        progress=np.False_,
    )
    assert [config.calendar, config.bidirectional, config.early_stopping, config.refit] == [
        True,
        True,
        False,
        False,
    ]
    train = TrainConfig(shuffle=np.True_, restore_best=np.False_, progress=np.True_)
    assert [type(v) for v in (train.shuffle, train.restore_best, train.progress)] == [bool] * 3
    text = SentimentConfig(
        task="sst5", polar_phrases=np.True_, neutral_words=np.False_, progress=np.False_
    )
    assert (text.polar_phrases, text.neutral_words, text.progress) == (True, False, False)
    assert type(text.neutral_words) is bool
    assert CharLMConfig(progress=np.True_).progress is True
    assert Seq2SeqConfig(progress=np.False_).progress is False
    with pytest.raises(ValueError) as info:
        TrainConfig(lr=np.True_)
    assert str(info.value) == "`lr` must be a positive finite number, got np.True_."


def test_windows_per_epoch_reads_a_whole_number_with_a_decimal_point() -> None:
    # cfg17 read 12.0 for every flag that counts but this one: "expected a positive integer,
    # 'auto' or 'all', got '12.0'"
    from lstmkit.cli import build_parser

    argv = ["forecast", "airline", "--windows-per-epoch", "12.0"]
    assert build_parser(argv).parse_args(argv).windows_per_epoch == 12


def test_windows_per_epoch_still_refuses_what_counts_no_windows(flags_refusal) -> None:
    for text, hint in (("0.0", ""), ("12.5", " (not whole)"), ("-3", "")):
        assert (
            "error: --windows-per-epoch must be a positive integer, 'auto' or 'all', got "
            f"{text!r}{hint}."
        ) in flags_refusal(["forecast", "airline", "--windows-per-epoch", text])


def test_a_whole_number_is_read_exactly_and_nan_is_told_no_number(flags_refusal) -> None:
    # whole_number read "12345678901234567.0" through a float, as 12345678901234568, a
    # different seed without a word; "nan" and "inf" were told "(not whole)"
    from lstmkit.cli import build_parser

    argv = ["forecast", "airline", "--seed", "12345678901234567.0", "--epochs", "1e2"]
    args = build_parser(argv).parse_args(argv)
    assert (args.seed, args.epochs) == (12345678901234567, 100)
    said = {
        flag: flags_refusal(["forecast", "airline", flag, text]).splitlines()[-1]
        for flag, text in (("--epochs", "nan"), ("--holdout", "nan"), ("--horizon", "inf"))
    }
    assert said == {
        "--epochs": "error: --epochs must be an integer, got 'nan' (not a number).",
        "--holdout": "error: --holdout must be an integer, got 'nan' (not a number).",
        "--horizon": "error: --horizon must be an integer, got 'inf' (not finite).",
    }


def test_text_classifier_padding_idx_text_beyond_the_vocabulary_is_told_refused_too() -> None:
    # TextClassifier(10, ..., padding_idx="12") was told "(a number, not text: 12)", and
    # padding_idx=12 was then refused as outside [0, 10): a copy of the checks (_refuses) left
    # the vocabulary out; the constructor's own check decides now
    from lstmkit.text import TextClassifier

    with pytest.raises(TypeError) as info:
        TextClassifier(10, 4, 4, 2, padding_idx="12")  # type: ignore[arg-type]
    assert str(info.value) == (
        "`padding_idx` must be an integer in [0, 10) or None, got '12' (a number, not text: 12; "
        "but 12 would be refused too)."
    )
    with pytest.raises(TypeError) as info:  # all read at once, as a config's own check does
        TextClassifier("10", 4, 4, 2, padding_idx="12")  # type: ignore[arg-type]
    assert str(info.value) == (
        "`vocab_size` must be a positive integer, got '10' (a number, not text: 10). `padding_idx` "
        "must be an integer in [0, vocab_size) or None, got '12' (a number, not text: 12; but 12 "
        "would be refused too)."
    )
    with pytest.raises(TypeError) as info:
        TextClassifier(10, 4, 4, 2, padding_idx="9")  # type: ignore[arg-type]
    assert str(info.value) == (
        "`padding_idx` must be an integer in [0, 10) or None, got '9' (a number, not text: 9)."
    )


def test_indices_and_digit_counts_given_a_whole_float_are_told_int_x_too() -> None:
    # Seq2SeqConfig(max_digits=6.0), normalize_number(..., max_digits=3.0),
    # TextClassifier(padding_idx=3.0) and plot_gates(sample=1.0) said "got 6.0." alone; the
    # hint only where that int lies in range (12.0 digits, padding_idx=12.0 of 10: none)
    from lstmkit.explain.gates import plot_gates
    from lstmkit.text import Seq2SeqConfig, TextClassifier
    from lstmkit.text.seq2seq import normalize_number

    said = []
    for make in (
        lambda: Seq2SeqConfig(max_digits=6.0),
        lambda: Seq2SeqConfig(max_digits=12.0),
        lambda: normalize_number("5", max_digits=3.0),
        lambda: TextClassifier(10, 4, 4, 2, padding_idx=3.0),
        lambda: TextClassifier(10, 4, 4, 2, padding_idx=12.0),
        lambda: TextClassifier(0, 4, 4, 2, padding_idx=3.0),
    ):
        with pytest.raises(ValueError) as info:
            make()
        said.append(str(info.value))

    class Gates(dict):
        lengths = None

    with pytest.raises(TypeError) as info:  # an index given a float, as `step` (revwalk21b)
        plot_gates(Gates(c=torch.rand(2, 3, 2)), sample=1.0)
    said.append(str(info.value))
    assert said == [
        f"`max_digits` must be an integer in 1..9, got 6.0{INT_X}.",
        "`max_digits` must be an integer in 1..9, got 12.0.",
        f"`max_digits` must be an integer in 1..9, got 3.0{INT_X}.",
        f"`padding_idx` must be an integer in [0, 10) or None, got 3.0{INT_X}.",
        "`padding_idx` must be an integer in [0, 10) or None, got 12.0.",
        "`vocab_size` must be a positive integer, got 0. `padding_idx` must be an integer in [0, "
        f"vocab_size) or None, got 3.0{INT_X}.",
        f"`sample` must be an integer in [0, 2) (the traced batch), got 1.0{INT_X}.",
    ]


def test_explain_forecast_step_given_a_whole_float_is_told_int_x() -> None:
    # explain_forecast(f, step=1.0) said "`step` must be an integer in [0, 3), got 1.0." alone
    from lstmkit.data import load_dataset
    from lstmkit.explain import explain_forecast
    from lstmkit.forecast import Forecaster

    config = ForecasterConfig(horizon=3, lookback=12, epochs=1, hidden_size=2, ensemble=1)
    fitted = Forecaster(config).fit(load_dataset("airline")[:48])
    said = []
    for step in (1.0, 3.0):
        with pytest.raises(TypeError) as info:
            explain_forecast(fitted, step=step)
        said.append(str(info.value))
    assert said == [
        f"`step` must be an integer in [0, 3), got 1.0{INT_X}.",
        "`step` must be an integer in [0, 3), got 3.0.",
    ]
