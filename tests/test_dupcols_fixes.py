"""Frames whose columns share a name read by place (make_windows crashed "'DataFrame' object
has no attribute 'dtype'"), and time_split's article for the type it names."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import StandardScaler, make_windows, time_split


def test_a_frame_with_two_columns_of_one_name_is_windowed_by_place() -> None:
    values = np.arange(60.0).reshape(20, 3)
    frame = pd.DataFrame(values, columns=["a", "b", "b"])
    X, y = make_windows(frame, 3, 1)
    expected_X, expected_y = make_windows(values, 3, 1)
    assert np.array_equal(X, expected_X) and np.array_equal(y, expected_y)
    assert StandardScaler().fit(frame).transform(frame).shape == (20, 3)
    # 1 and '1' are one name once written as text
    assert make_windows(pd.DataFrame(values[:, :2], columns=[1, "1"]), 3, 1)[0].shape == (
        17,
        3,
        2,
    )


def test_text_in_one_of_two_columns_of_one_name_is_told_its_place() -> None:
    frame = pd.DataFrame({"a": np.ones(5), "b": ["x"] * 5, "c": np.ones(5)})
    with pytest.raises(ValueError) as caught:
        make_windows(frame.set_axis(["a", "b", "b"], axis=1), 2, 1)
    assert str(caught.value) == (
        "`values` must hold numbers, got text in column 'b (column 2)' (first 'x'); select the "
        "columns of numbers."
    )


@pytest.mark.parametrize(
    ("values", "said"),
    [
        (pd.Series(np.ones(3)), "3 values (a Series)"),
        (pd.Index([1, 2]), "2 values (an Index)"),
        ((1.0,), "1 value (a tuple)"),
    ],
)
def test_time_split_names_the_type_with_its_article(values: object, said: str) -> None:
    with pytest.raises(TypeError) as caught:
        time_split(values)  # type: ignore[arg-type]
    assert str(caught.value).startswith(
        f"`n` must be an integer (the number of points), got {said};"
    )
