"""What the review of walk34c's figures and pages found (the README's "Explanations" →
"Command line"), each pinned by the test that found it."""

from __future__ import annotations

from lstmkit.cli import main


def test_the_top_contributions_name_a_word_read_as_unknown(classifier_dir, capsys) -> None:
    # "lifeless +0.0528" in the top list read as the word's own relevance, while the model
    # read <unk> there; only a line further down named the word
    assert main(["explain", str(classifier_dir), "--text", "a lifeless film <unk>"]) == 0
    lines = capsys.readouterr().out.splitlines()
    top = lines[lines.index("top 4 contributions:") + 1 : lines.index("top 4 contributions:") + 5]
    words = sorted(line.split()[1:-1] for line in top)
    assert words == [["<unk>"], ["a"], ["film"], ["lifeless", "(<unk>)"]]
    assert lines[-1] == "not in the vocabulary (read as <unk>): lifeless <unk>"
    # the column stays aligned: each value starts at the same column
    assert len({line.rindex(" ") for line in top}) == 1


def test_the_json_record_of_an_unknown_word_is_unchanged(classifier_dir, capsys) -> None:
    import json

    assert main(["explain", str(classifier_dir), "--text", "a lifeless film", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["tokens"] == ["a", "lifeless", "film"]
    assert record["unknown"] == ["lifeless"]
