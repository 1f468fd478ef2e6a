"""Review of the leftover fixes: packed CSV files and the metrics' inputs."""

from __future__ import annotations

import io
import tarfile

import pytest

from lstmkit import data as D

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
