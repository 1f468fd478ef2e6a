"""What a packager and a first-time installer of lstmkit ran into: the sdist, the metadata,
the messages for a missing optional extra and for the text data of an installed copy."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]


def _sdist_files(root: Path) -> set[str]:
    """The files ``MANIFEST.in`` puts in the sdist, as setuptools reads its template (the
    package itself comes from ``packages.find`` on top of these); run in ``root``."""
    egg_info = pytest.importorskip("setuptools.command.egg_info")
    files = egg_info.FileList()
    for line in (root / "MANIFEST.in").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            files.process_template_line(line)
    return set(files.files)


def test_the_sdist_carries_the_pins_and_the_whole_test_suite(monkeypatch) -> None:
    """setuptools' default put tests/test_*.py in the sdist but not conftest.py, the
    tests' subfolders, the benchmarks the README's tests read or constraints.txt, which the
    README's set-up passes to pip: an unpacked sdist neither installed nor tested."""
    monkeypatch.chdir(ROOT)  # setuptools reads the template's paths from here
    shipped = _sdist_files(ROOT)
    wanted = {
        "README.md",
        "LICENSE",
        "constraints.txt",
        ".ci/run",
        ".gitignore",
        "tests/conftest.py",
    }
    for folder in ("tests", "benchmarks"):
        wanted |= {
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / folder).rglob("*.py")
            if "__pycache__" not in p.parts
        }
    assert sorted(wanted - shipped) == []
    assert [f for f in shipped if re.search(r"\.py[cod]$|__pycache__", f)] == []


def test_the_metadata_declares_an_spdx_license_and_the_typing_it_ships() -> None:
    """The license was a TOML table, which setuptools deprecates (a warning on every build,
    an error after 2027-02-18); no classifier said the package is typed, though it ships
    py.typed, nor which Python it supports."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    meta = project["project"]
    assert (meta["license"], meta["license-files"]) == ("MIT", ["LICENSE"])
    assert project["build-system"]["requires"] == ["setuptools>=77"]  # reads the SPDX form
    assert "py.typed" in project["tool"]["setuptools"]["package-data"]["lstmkit"]
    assert (ROOT / "src" / "lstmkit" / "py.typed").is_file()
    assert {
        "Typing :: Typed",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3 :: Only",
    } <= set(meta["classifiers"])
    assert not [c for c in meta["classifiers"] if c.startswith("License ::")]  # SPDX instead


def test_export_hdf5_without_h5py_names_the_extra(monkeypatch, tmp_path) -> None:
    """It said "`pip install h5py`", not lstmkit's `hdf5` extra that pins its version."""
    from lstmkit.explain.gates import export_hdf5

    monkeypatch.setitem(sys.modules, "h5py", None)  # import h5py raises ImportError
    trace = {"rnn/l0": {"f": torch.zeros(1, 2, 3)}}
    message = (
        "export_hdf5 needs h5py, lstmkit's `hdf5` extra: `pip install 'lstmkit[hdf5]'` "
        "(or `pip install h5py`; or use export_npz)."
    )
    with pytest.raises(ImportError, match=re.escape(message)):
        export_hdf5(trace, tmp_path / "t.h5")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def installed_copy(monkeypatch, tmp_path) -> Path:
    """lstmkit.text.sst as an installed copy sees itself (in site-packages, not src/), run from
    a folder with no ``../shared`` beside it; returns that folder."""
    import lstmkit.text.sst as sst

    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    monkeypatch.setattr(sst, "__file__", str(site / "lstmkit" / "text" / "sst.py"))
    monkeypatch.delenv("LSTMKIT_DATA", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def test_an_installed_copy_looks_for_text_data_beside_the_current_folder_only(
    installed_copy: Path,
) -> None:
    """An installed copy looked "beside the repository" too, which for site-packages named a
    folder of the Python installation (…/venv/lib/shared/data/text) in the message."""
    from lstmkit.text.sst import find_text_data

    shared = installed_copy.parent / "shared" / "data" / "text"
    with pytest.raises(FileNotFoundError) as err:
        find_text_data()
    assert str(err.value) == (
        "text data folder not found (expected a folder holding `sst/` or `tinyshakespeare/`); "
        f"looked in: {str(shared)!r}, {str(shared / 'text')!r}. Pass `data_dir` (CLI: "
        "--data-dir) or set LSTMKIT_DATA."
    )
    (shared / "sst").mkdir(parents=True)
    assert find_text_data() == shared


def test_the_text_commands_name_their_flag_when_no_data_is_found(
    installed_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From the command line the message said "Pass `data_dir` (CLI: --data-dir)", the
    Python argument first; it names the flag, as its other data messages do."""
    from lstmkit.cli import main

    shared = installed_copy.parent / "shared" / "data" / "text"
    assert main(["text", "train", "sst2", "--out", str(installed_copy / "m")]) == 2
    assert capsys.readouterr().err == (
        "error: text data folder not found (expected a folder holding `sst/` or "
        f"`tinyshakespeare/`); looked in: {str(shared)!r}, {str(shared / 'text')!r}. Pass "
        "--data-dir or set LSTMKIT_DATA.\n"
    )
    assert list(installed_copy.iterdir()) == []


def test_the_version_has_one_source() -> None:
    """pyproject.toml and lstmkit/__init__.py each wrote "0.1.0": a release that bumped one
    would install a package whose metadata and `lstmkit --version` disagree."""
    from importlib.metadata import version

    import lstmkit

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in meta["project"] and meta["project"]["dynamic"] == ["version"]
    assert meta["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "lstmkit.__version__"}
    assert version("lstmkit") == lstmkit.__version__
