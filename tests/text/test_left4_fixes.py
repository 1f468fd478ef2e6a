"""Class labels that are numbers beyond a float's precision sort by their value."""

from __future__ import annotations

from lstmkit.text.labelled import class_names


def test_numeric_classes_beyond_a_floats_precision_sort_by_value() -> None:
    """As floats, 99999999999999999999 and 100000000000000000000 are equal (and 9e400 and
    1e401 both inf), so they sorted as text: the larger first."""
    big = ["100000000000000000001", "99999999999999999999", "100000000000000000000"]
    assert class_names(big) == (
        "99999999999999999999",
        "100000000000000000000",
        "100000000000000000001",
    )
    assert class_names(["1e401", "9e400", "5"]) == ("5", "9e400", "1e401")
    # equal values still in text order, as before
    assert class_names(["2.0", "2", "10"]) == ("2", "2.0", "10")
