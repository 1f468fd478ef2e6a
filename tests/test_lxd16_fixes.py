"""Wording leftovers (lxd16): text for a config's number told the number it reads as; "nan"
told it is no number; a scaler range's length tested as such; heatmap row names of many
formulas cut; one rule for what is no bool."""

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lstmkit._checks import ConfigTypeError, TextForNumberError, as_bool, fraction_hint


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: __import__("lstmkit.train").train.TrainConfig(lr="0.01"),
            "`lr` must be a positive finite number, got '0.01' (a number, not text: 0.01).",
        ),
        (
            lambda: __import__("lstmkit.train").train.TrainConfig(
                epochs="5", weight_decay="0,1", grad_clip="nan", patience=" 7 "
            ),
            "`epochs` must be a positive integer, got '5' (a number, not text: 5). "
            "`weight_decay` must be a finite number >= 0, got '0,1' (a number with a decimal "
            "point, not text: 0.1). `patience` must be a positive integer or None, got ' 7 ' "
            "(a number, not text: 7). `grad_clip` must be a finite number > 0 or None, got "
            "'nan' (not a number).",
        ),
        (
            # a fraction keeps its own hint, told once
            lambda: __import__("lstmkit.train").train.TrainConfig(lr="1e-3", min_lr_ratio="1%"),
            "`lr` must be a positive finite number, got '1e-3' (a number, not text: 0.001). "
            "`min_lr_ratio` must be a number in [0, 1], got '1%' (a number, not text: 0.01 "
            "for 1 %).",
        ),
        (
            lambda: __import__("lstmkit.forecast").forecast.ForecasterConfig(
                hidden_size="8", lr="-0"
            ),
            "`hidden_size` must be a positive integer, got '8' (a number, not text: 8). "
            # cfg17: and that 0 is refused too
            "`lr` must be a positive finite number, got '-0' (a number, not text: 0; but 0 "
            "would be refused too).",
        ),
        (
            lambda: __import__("lstmkit.text._configs").text._configs.CharLMConfig(hidden_size="8"),
            "`hidden_size` must be a positive integer, got '8' (a number, not text: 8).",
        ),
        (
            lambda: __import__("lstmkit.text._configs").text._configs.Seq2SeqConfig(lr="0.01"),
            "`lr` must be a positive finite number, got '0.01' (a number, not text: 0.01).",
        ),
        (
            lambda: __import__("lstmkit.text._configs").text._configs.SentimentConfig(epochs="3"),
            "`epochs` must be a positive integer, got '3' (a number, not text: 3).",
        ),
    ],
)
def test_text_for_a_config_number_is_told_the_number_it_reads_as(make, message) -> None:
    """TrainConfig(lr="0.01") and the other number fields that are no fraction had the
    TextForNumberError but no hint; a fraction's ("1%") had one."""
    with pytest.raises(TextForNumberError) as caught:
        make()
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("nan", " (not a number)"),
        ("NaN%", " (not a number)"),
        ("inf", " (a number, not text)"),
        ("-0", " (a number, not text: 0)"),
        ("1e-3", " (a number, not text: 0.001)"),
        (" 0.2 ", " (a number, not text: 0.2)"),
    ],
)
def test_fraction_hint_tells_nan_it_is_no_number(text: str, hint: str) -> None:
    """fraction_hint("nan") said "(a number, not text)"; "-0" was told as -0."""
    assert fraction_hint(text) == hint


def test_a_nan_dropout_is_told_it_is_no_number() -> None:
    from lstmkit.forecast import ForecasterConfig

    with pytest.raises(TextForNumberError) as caught:
        ForecasterConfig(dropout="nan")
    assert str(caught.value) == "`dropout` must be a number in [0, 1), got 'nan' (not a number)."


def test_min_max_scaler_refuses_a_range_of_the_wrong_length_as_before() -> None:
    """The length is tested as such (NaNs were filled in to fail the finiteness test): the same
    ValueError for (), (1,), (0, 1, 2), and for a NaN or reversed pair."""
    from lstmkit.data import MinMaxScaler

    head = "`feature_range` must be two finite numbers (min, max) with min < max, got "
    for bad in ((), (1.0,), (0, 1, 2), (float("nan"), 1.0), (1, 0), (0, float("inf"))):
        with pytest.raises(ValueError) as caught:
            MinMaxScaler(bad)  # type: ignore[arg-type]
        assert type(caught.value) is ValueError
        assert str(caught.value) == f"{head}{bad!r}."
    assert MinMaxScaler((-2, 3)).feature_range == (-2.0, 3.0)


def _drawn(names: list[str]) -> list[str]:
    from lstmkit.explain.render import plot_lags

    rel = np.linspace(-1, 1, 6 * len(names)).reshape(6, len(names))
    fig = plot_lags(np.arange(6.0), rel, features=names)
    FigureCanvasAgg(fig).draw()  # a name matplotlib cannot parse fails here
    return [t.get_text() for t in fig.axes[1].get_yticklabels()]


def test_a_name_of_many_formulas_cut_is_mathtext_only_with_its_pairs_kept() -> None:
    """A cut name of many `$a$` whose `$` pairs would regroup (an odd count kept at each end:
    `$a$ $a… $a$`) is drawn as written; one whose ends keep whole formulas stays mathtext."""
    from matplotlib.cbook import is_math_text

    spaced = "$a$ " * 30  # 15 `$` kept before "…", 14 after: drawn as written
    glued = "$a$b" * 25  # 15 and 14: drawn as written
    split = "$ab$" * 20  # 15 and 15: an even count that would pair `$b…$` across the cut
    whole = "$a$" * 30  # 20 and 19: as written
    pairs = "q" + "$a$" * 30  # 20 and 20, with its "q"
    drawn = _drawn([spaced, glued, split, whole, pairs])
    assert drawn == [
        "$a$ " * 7 + "$a… " + "$a$ " * 7,
        "$a$b" * 7 + "$a…b" + "$a$b" * 7,
        "\\$ab\\$" * 7 + "\\$a…\\$" + "\\$ab\\$" * 7,
        "$a$" * 10 + "…a$" + "$a$" * 9,
        "q" + "\\$a\\$" * 9 + "\\$a…a\\$" + "\\$a\\$" * 9,
    ]
    assert [is_math_text(d) for d in drawn] == [False] * 5
    assert matplotlib.get_backend()  # the figure above drew on it


@pytest.mark.parametrize("value", ["yes", 1, None, "True"])
def test_anything_but_a_bool_for_a_bool_is_a_type_error(value) -> None:
    """refit="yes" was a ValueError while text for a number is a TypeError, and as_bool's
    refusal of "yes" a TypeError: anything but True or False for a bool is now a TypeError
    everywhere; a config's is also a ValueError, as before, so `except ValueError` holds."""
    from lstmkit.forecast import ForecasterConfig
    from lstmkit.train import TrainConfig

    with pytest.raises(TypeError) as caught:
        ForecasterConfig(refit=value)
    assert type(caught.value) is ConfigTypeError
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == f"`refit` must be True or False, got {value!r}."
    with pytest.raises(ValueError, match=r"^`shuffle` must be True or False, got"):
        TrainConfig(shuffle=value)
    with pytest.raises(TypeError) as caught:
        as_bool(value, "bias")
    assert not isinstance(caught.value, ValueError)
    # text for a number and a wrong bool at once: the text's class, which is the bool's too
    with pytest.raises(TextForNumberError):
        ForecasterConfig(refit=value, lr="0.01")
    assert issubclass(TextForNumberError, ConfigTypeError)
