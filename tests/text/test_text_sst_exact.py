"""``lstmkit.text.sst``: where the data is looked for, what a bad line says, PTB tokens exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.text.sst import find_text_data, load_sst, normalize, ptb_tokenize

# the repository's ../shared/data/text, found from the package (tests/text/this file: parents[2])
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "text"


def _sst(root: Path, name: str, text: str) -> Path:
    (root / "sst").mkdir(parents=True, exist_ok=True)
    file = root / "sst" / name
    file.write_text(text)
    return file


@pytest.mark.skipif(not (SHARED / "sst").is_dir(), reason="shared data not available")
def test_the_shared_folder_is_found_beside_the_repository_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("LSTMKIT_DATA", raising=False)
    monkeypatch.chdir(tmp_path)  # not found through the current directory
    assert find_text_data() == SHARED


def test_a_data_dir_is_tried_as_it_is_and_with_text_added(tmp_path):
    (tmp_path / "text" / "tinyshakespeare").mkdir(parents=True)
    assert find_text_data(tmp_path) == tmp_path / "text"
    with pytest.raises(FileNotFoundError) as err:
        find_text_data(tmp_path / "nowhere", "--data-dir")
    assert str(err.value) == (
        f"--data-dir ({str(tmp_path / 'nowhere')!r}) holds no text data (no such folder): "
        "expected `sst/` or `tinyshakespeare/` in "
        f"{str(tmp_path / 'nowhere')!r} or {str(tmp_path / 'nowhere' / 'text')!r}."
    )


def test_a_label_out_of_range_is_named_with_its_line(tmp_path):
    dev = _sst(tmp_path, "stsa.binary.dev", "1 fine\n\n2 too high\n")
    with pytest.raises(ValueError) as err:
        load_sst("sst2", "dev", tmp_path)
    assert str(err.value) == f"{dev}:3: expected a label in 0..1, got '2'."
    fine = _sst(tmp_path, "stsa.fine.dev", "4 top\n0 bottom\n5 beyond\n")
    with pytest.raises(ValueError) as err:
        load_sst("sst5", "dev", tmp_path)
    assert str(err.value) == f"{fine}:3: expected a label in 0..4, got '5'."
    _sst(tmp_path, "stsa.fine.dev", "4 top\n\u00b2 squared\n")  # a digit int() does not read
    with pytest.raises(ValueError) as err:
        load_sst("sst5", "dev", tmp_path)
    assert str(err.value) == f"{fine}:2: expected a label in 0..4, got '\u00b2'."
    _sst(tmp_path, "stsa.fine.dev", "4 top\n0 bottom\n")
    split = load_sst("sst5", "dev", tmp_path)
    assert (split.texts, split.labels, split.num_classes) == (["top", "bottom"], [4, 0], 5)


def test_a_phrase_line_is_numbered_after_the_header(tmp_path):
    tsv = _sst(tmp_path, "glue_sst2_train_phrases.tsv", "sentence\tlabel\ngood\t1\nbad\t-1\n")
    with pytest.raises(ValueError) as err:
        load_sst("sst2", "phrases", tmp_path)
    assert str(err.value) == f"{tsv}:3: expected a label in 0..1, got '-1'."


def test_normalize_undoes_every_ptb_bracket():
    assert normalize("-lrb- -rrb- -lsb- -rsb- -lcb- -rcb-  a\\/b ") == "( ) [ ] { } a/b"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("cannot", ["can", "not"]),
        ("``great''", ["``", "great", "''"]),
        ("{sic}", ["{", "sic", "}"]),
        ("-'s", ["-'s"]),
        ("no. .", ["no.", "."]),
        ("i. am", ["i", ".", "am"]),
    ],
)
def test_ptb_tokenize_edge_cases(text, tokens):
    assert ptb_tokenize(text) == tokens
