"""Review of the leftover fixes: packed CSV files and the metrics' inputs."""

from __future__ import annotations

import io
import tarfile

import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.metrics import rmse

CSV = b"month,sales\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n"


def _tar(members: list[tuple[str, bytes | str | None]]) -> bytes:
    """A tar of ``(name, body)``: bytes a file's, a str a symbolic link's target, None a
    folder."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, body in members:
            info = tarfile.TarInfo(name)
            if body is None:
                info.type = tarfile.DIRTYPE
            elif isinstance(body, str):
                info.type, info.linkname = tarfile.SYMTYPE, body
            else:
                info.size = len(body)
            archive.addfile(info, io.BytesIO(body) if isinstance(body, bytes) else None)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("members", "refused"),
    [
        (
            [("sales.csv", CSV), ("latest.csv", "sales.csv")],
            "is an archive of one file, 'sales.csv', and the link 'latest.csv', where an "
            "archive of the CSV alone is read; unpack it and pass it.",
        ),
        (
            [("d", None), ("d/sales.csv", CSV), ("latest.csv", "d/sales.csv")],
            "is an archive of one file, 'd/sales.csv', and the folder 'd', the link "
            "'latest.csv', where an archive of the CSV alone is read; unpack it and pass it.",
        ),
        (
            [("a", "x.csv"), ("b", "y.csv")],
            "is an archive of the links 'a', 'b' and no file; expected one file in it, the CSV.",
        ),
    ],
)
def test_a_link_in_a_tar_is_no_folder(tmp_path, members, refused):
    # "is an archive of one file, 'sales.csv', and the folder 'latest.csv'": every member
    # other than a file was called a folder
    path = tmp_path / "sales.tar"
    path.write_bytes(_tar(members))
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "month", "sales")
    assert str(err.value) == f"CSV file 'sales.tar' {refused}"


@pytest.mark.parametrize(
    ("months", "shown"),
    [
        (pd.Series(["1949-01", "1949-02", "1949-03"], name="Month"), "'1949-01' … '1949-03'"),
        (
            pd.Series(list(pd.date_range("1949-01-01", periods=3, freq="MS")), dtype=object),
            "'1949-01-01' … '1949-03-01'",
        ),
    ],
    ids=["text", "objects"],
)
def test_a_series_of_dates_is_not_told_to_set_index(months, shown):
    # a CSV's column of dates read without index_col (as text, or as objects) was told
    # "y_true = y_true.set_index('Month'), then ...": a Series has no set_index
    refused = (
        "`{}` must hold values only, got dates (" + shown + "); keep the dates apart, as a "
        "pandas index, and pass the values."
    )
    with pytest.raises(ValueError) as err:
        rmse(months, [1.0, 2.0, 3.0])
    assert str(err.value) == refused.format("y_true")
    with pytest.raises(ValueError) as err:  # the scalers read values alike
        D.MinMaxScaler().fit(months)
    assert str(err.value) == refused.format("x")
    with pytest.raises(ValueError) as err:  # and a Forecaster its series
        D.to_frame(months)
    assert str(err.value) == refused.format("series")
    frame = months.to_frame("Month").assign(sales=1.0)  # a DataFrame's column is told so still
    with pytest.raises(
        ValueError, match=r"make it the index: y_true = y_true\.set_index\('Month'\)"
    ):
        rmse(frame, [1.0, 2.0, 3.0])
