"""Fixes of revleft39 in the text workflow: a .tsv of commas told that its name read it
with a tab, as forecast, predict and explain tell one."""

from pathlib import Path

import pytest

from lstmkit.cli import main

NAMED = "read with a tab, as a file named .tsv is without --sep, "


@pytest.mark.parametrize("flags", [[], ["--text-col", "text", "--label-col", "label"]])
def test_text_train_says_a_tsv_of_commas_was_read_with_a_tab_for_its_name(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
) -> None:
    # told "pass --sep ','" with no word of why a tab read a file of commas: its name
    monkeypatch.chdir(tmp_path)
    Path("r.tsv").write_text("text,label\ngood film,pos\nbad film,neg\n")
    assert main(["text", "train", "--csv", "r.tsv", "--out", "o", *flags]) == 2
    told = capsys.readouterr().err
    if flags:
        assert told == (
            "error: --text-col 'text' and --label-col 'label' are not columns of 'r.tsv'; "
            "available columns: ['text,label'] (one column whose name holds ',': "
            f"{NAMED}the file looks ','-separated; pass --sep ',').\n"
        )
    else:
        assert told == (
            "error: --csv needs --text-col and --label-col ('r.tsv' has one column, "
            f"'text,label': {NAMED}the file looks ','-separated; pass --sep ',' too).\n"
        )
    # a tab given is not the name's; and the run before leaves nothing behind
    assert main(["text", "train", "--csv", "r.tsv", "--out", "o", "--sep", "tab", *flags]) == 2
    assert capsys.readouterr().err == told.replace(NAMED, "")


def test_text_evaluate_says_a_tsv_of_commas_was_read_with_a_tab_for_its_name(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    classifier_dir: Path,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.tsv").write_text("text,label\ngood film,pos\nbad film,neg\n")
    assert main(["text", "evaluate", str(classifier_dir), "--csv", "r.tsv"]) == 2
    assert capsys.readouterr().err == (
        "error: --csv needs --text-col and --label-col ('r.tsv' has one column, "
        f"'text,label': {NAMED}the file looks ','-separated; pass --sep ',' too).\n"
    )
