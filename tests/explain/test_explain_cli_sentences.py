"""``lstmkit explain`` on several sentences (``--text`` repeated, ``--file``): explained in padded
batches, each as it is alone; one block, JSON line and numbered pair of files per sentence."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.cli.explain import _METHODS, _explain_sentences
from lstmkit.text import TextClassifier, Vocabulary
from lstmkit.text.sentiment import (
    SentimentConfig,
    SentimentPredictor,
    SentimentResult,
    save_classifier,
)

# lengths 3, 6, 1, 5 and 9: every batch of them is padded
TEXTS = [
    "a good film",
    "not good at all , really",
    "bad",
    "a bad film , xqzzy",
    "good good good film not bad at all a",
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A bidirectional classifier that predicts both labels on TEXTS (so the per-sentence
    targets are checked), saved as `lstmkit text train` saves one."""
    torch.manual_seed(2)
    vocab = Vocabulary.build(["a good film", "a bad film", "not good at all"])
    model = TextClassifier(len(vocab), 6, 5, 2, bidirectional=True).eval()
    out = tmp_path_factory.mktemp("bi")
    save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), out)
    return out


def _json_lines(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _alone(model_dir: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> list[dict]:
    """Each of TEXTS explained by a command of its own."""
    records = []
    for text in TEXTS:
        assert main(["explain", str(model_dir), "--text", text, "--json", *flags]) == 0
        (record,) = _json_lines(capsys)
        records.append(record)
    return records


def _assert_same(batched: dict, alone: dict, atol: float) -> None:
    """The same sentence, prediction and target; relevance, score and initial state to ``atol``
    (float64 rounding for LRP, float32 rounding for the methods that run the float32 model)."""
    numbers = ("relevance", "score", "initial_state", "probability", "probabilities")
    # integrated gradients' score at zero inputs, as the score (exspeed38)
    numbers += ("baseline_score",) if "baseline_score" in alone else ()
    # and the command that ran each, which differ
    assert {k: v for k, v in batched.items() if k not in (*numbers, "command")} == {
        k: v for k, v in alone.items() if k not in (*numbers, "command")
    }
    np.testing.assert_allclose(batched["relevance"], alone["relevance"], rtol=0, atol=atol)
    for key in ("score", "initial_state", "baseline_score")[: 2 + ("baseline_score" in alone)]:
        assert batched[key] == pytest.approx(alone[key], rel=0, abs=atol)
    assert batched["probability"] == pytest.approx(alone["probability"], abs=1e-6)
    assert list(batched["probabilities"]) == list(alone["probabilities"])
    assert batched["probabilities"] == pytest.approx(alone["probabilities"], abs=1e-6)


@pytest.mark.parametrize("method", _METHODS)
def test_several_texts_are_explained_as_each_is_alone(model_dir, capsys, method) -> None:
    alone = _alone(model_dir, capsys, "--method", method)
    assert {r["predicted"] for r in alone} == {"negative", "positive"}  # both: the order bites
    assert [len(r["relevance"]) for r in alone] == [3, 6, 1, 5, 9]
    args = ["explain", str(model_dir), "--json", "--method", method]
    assert main([*args, *(f"--text={t}" for t in TEXTS)]) == 0
    batched = _json_lines(capsys)
    assert [r["text"] for r in batched] == TEXTS
    assert [r["explained"] for r in batched] == [r["predicted"] for r in alone]
    atol = 1e-15 if method == "lrp" else 1e-6
    for b, a in zip(batched, alone, strict=True):
        _assert_same(b, a, atol)
    # a class named by --target is explained for every sentence
    assert main([*args, "--target", "negative", *(f"--text={t}" for t in TEXTS)]) == 0
    assert {(r["explained"], r["target"]) for r in _json_lines(capsys)} == {("negative", 0)}


def test_batches_of_any_size_give_each_text_its_own_explanation() -> None:
    """The helper behind it: grouped by length, batch_size at a time, put back in order; for
    every readout, LRP equals one text at a time to float64 rounding."""
    gen = torch.Generator().manual_seed(1)
    words = [f"w{k}" for k in range(30)]
    texts = [
        " ".join(words[i] for i in torch.randint(0, 30, (int(n),), generator=gen).tolist())
        for n in torch.randint(1, 20, (25,), generator=gen).tolist()
    ]
    vocab = Vocabulary.build(texts)
    for readout in ("last", "max", "mean"):
        torch.manual_seed(0)
        model = TextClassifier(len(vocab), 6, 5, 3, readout=readout, bidirectional=True).eval()
        predictor = SentimentPredictor(model, vocab, ("neg", "mid", "pos"))
        alone = [_explain_sentences(predictor, [t], None, "lrp", {})[0] for t in texts]
        assert len({e.target for e in alone}) > 1
        for batch_size in (1, 4, 64):
            batched = _explain_sentences(predictor, texts, None, "lrp", {}, batch_size)
            assert [len(e.relevance) for e in batched] == [len(t.split()) for t in texts]
            for b, a in zip(batched, alone, strict=True):
                assert b.target == a.target
                np.testing.assert_allclose(b.relevance, a.relevance, rtol=0, atol=1e-15)
                assert b.score == pytest.approx(a.score, rel=0, abs=1e-15)
                assert b.initial_state == pytest.approx(a.initial_state, rel=0, abs=1e-15)


def test_a_file_or_stdin_gives_the_same_lines_with_their_numbers(
    model_dir, tmp_path, capsys, monkeypatch
) -> None:
    assert main(["explain", str(model_dir), "--json", *(f"--text={t}" for t in TEXTS)]) == 0
    from_flags = _json_lines(capsys)
    assert all("line" not in r for r in from_flags)
    file = tmp_path / "sentences.txt"
    file.write_text("\n".join([TEXTS[0], "", *TEXTS[1:3], "  \t", *TEXTS[3:]]), encoding="utf-8")
    assert main(["explain", str(model_dir), "--file", str(file), "--json"]) == 0
    from_file = _json_lines(capsys)
    assert [r.pop("line") for r in from_file] == [1, 3, 4, 6, 7]
    command = f"lstmkit explain {model_dir} --file {file} --json"
    assert [r.pop("command") for r in from_file] == [command] * 5
    assert from_file == [{k: v for k, v in r.items() if k != "command"} for r in from_flags]
    monkeypatch.setattr("sys.stdin", io.StringIO(file.read_text(encoding="utf-8")))
    assert main(["explain", str(model_dir), "--file", "-", "--json"]) == 0
    assert [r["line"] for r in _json_lines(capsys)] == [1, 3, 4, 6, 7]
    # one line in a file: the one-sentence output, with its line number in the JSON
    one = tmp_path / "one.txt"
    one.write_text(f"\n\n{TEXTS[0]}\n", encoding="utf-8")
    assert main(["explain", str(model_dir), "--file", str(one), "--json"]) == 0
    (record,) = _json_lines(capsys)
    assert record.pop("line") == 3
    _assert_same(record, from_flags[0], atol=1e-15)  # alone, not in a batch: to rounding


def test_each_sentence_gets_a_block_headed_by_itself(model_dir, capsys) -> None:
    args = ["explain", str(model_dir), "--no-color", "--top", "2"]
    assert main([*args, "--text", TEXTS[2], "--json"]) == 0
    bad = _json_lines(capsys)[0]
    assert main([*args, "--text", TEXTS[2]]) == 0
    single = capsys.readouterr().out
    assert single.splitlines()[0] == f"predicted: {bad['predicted']} (p = {bad['probability']:.3f})"
    assert main([*args, "--text", TEXTS[0], "--text", TEXTS[2], "--text", TEXTS[3]]) == 0
    blocks = capsys.readouterr().out.rstrip("\n").split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [f"> {t}" for t in (TEXTS[0], *TEXTS[2:4])]
    # a block is the one-sentence output under its header
    assert blocks[1] == f"> {TEXTS[2]}\n{single.rstrip()}"
    # header, 4 lines, the top tokens, their sum (lrpcli28), the unknown words
    assert [len(b.splitlines()) for b in blocks] == [
        1 + 4 + 2 + 1,
        1 + 4 + 1 + 1,
        1 + 4 + 2 + 1 + 1,
    ]
    assert blocks[2].splitlines()[-1] == "not in the vocabulary (read as <unk>): , xqzzy"


def test_out_holds_one_numbered_pair_per_sentence(model_dir, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    args = ["explain", str(model_dir), "--out", str(out)]
    assert main([*args, "--text", TEXTS[0], "--json"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation.html",
        "relevance.json",
        "relevance.png",
    ]
    first = _json_lines(capsys)[0]
    assert first["written"] == [str(out / n) for n in ("explanation.html", "relevance.json")] + [
        str(out / "relevance.png")
    ]
    assert main([*args, "--json", *(f"--text={t}" for t in TEXTS[:3])]) == 0
    records = _json_lines(capsys)
    names = [f"explanation-{k}.html" for k in (1, 2, 3)]
    names += [f"relevance-{k}.json" for k in (1, 2, 3)] + ["relevance.png"]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)  # the single pair is gone
    for k, record in enumerate(records, 1):
        pair = [out / f"explanation-{k}.html", out / f"relevance-{k}.json"]
        assert record.pop("written") == [str(p) for p in [*pair, out / "relevance.png"]]
        assert json.loads(pair[1].read_text(encoding="utf-8")) == record
        assert f"predicted: <b>{record['predicted']}</b>" in pair[0].read_text(encoding="utf-8")
    assert records[0]["relevance"] == pytest.approx(first["relevance"], rel=0, abs=1e-15)
    assert json.loads((out / "relevance-3.json").read_text())["tokens"] == ["bad"]
    # the text output names each sentence's files in its block
    assert main([*args, "--no-color", "--text", TEXTS[4], "--text", TEXTS[2]]) == 0
    blocks = capsys.readouterr().out.rstrip("\n").split("\n\n")
    assert blocks[1].splitlines()[-1] == (
        f"wrote {out / 'explanation-2.html'}, {out / 'relevance-2.json'} and "
        f"{out / 'relevance.png'}"
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            *(f"explanation-{k}.html" for k in (1, 2)),
            "relevance-1.json",
            "relevance-2.json",
            "relevance.png",
        ]
    )  # a rerun with fewer sentences leaves none of the earlier ones behind
    assert json.loads((out / "relevance-2.json").read_text())["text"] == TEXTS[2]
    assert main([*args, "--text", TEXTS[1]]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation.html",
        "relevance.json",
        "relevance.png",
    ]
    capsys.readouterr()
    # a folder where a numbered file goes is refused before anything is computed or written
    (out / "relevance-2.json").mkdir()
    assert main([*args, "--text", TEXTS[0], "--text", TEXTS[1]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --out ") and "holds a folder named 'relevance-2.json'" in err
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation.html",
        "relevance-2.json",
        "relevance.json",
        "relevance.png",
    ]


def test_unclear_or_empty_sentences_are_refused_by_number(model_dir, tmp_path, capsys) -> None:
    blank, latin1 = tmp_path / "blank.txt", tmp_path / "latin1.txt"
    blank.write_text("\n  \n\t\n", encoding="utf-8")
    latin1.write_bytes("a caf\xe9 film\n".encode("latin-1"))
    empty_line = tmp_path / "empty.txt"
    empty_line.write_text("a good film\n!!\n", encoding="utf-8")
    cases = {
        (): "a classifier needs --text 'a sentence' (repeated for several) or --file FILE with "
        "one sentence per line.",
        ("--file", str(tmp_path / "nowhere.txt")): "--file "
        f"{str(tmp_path / 'nowhere.txt')!r} not found.",
        ("--file", str(blank)): (
            f"--file {str(blank)!r} holds no sentence (every line is blank); expected one "
            "sentence per line."
        ),
        ("--file", str(latin1)): f"--file {str(latin1)!r} must be UTF-8 text, got byte 0xe9 on "
        "line 1 (byte 6 of the line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save "
        f"the file as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 '{latin1}' > "
        f"'{latin1.with_name('latin1-utf8.txt')}'`, then pass --file "
        f"'{latin1.with_name('latin1-utf8.txt')}'.",  # the command (sent39)
        ("--text", "a film", "--text", "", "--text", " "): "sentence 2 (--text) must contain at "
        "least one token, got ''. sentence 3 (--text) must contain at least one token, got ' '.",
        ("--text", ""): "the sentence (--text) must contain at least one token, got ''.",
    }
    for argv, message in cases.items():
        assert main(["explain", str(model_dir), *argv]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"
    # "!!" is a token (unknown to the model): explained, not refused
    assert main(["explain", str(model_dir), "--file", str(empty_line), "--json"]) == 0
    assert _json_lines(capsys)[1]["unknown"] == ["!!"]
    with pytest.raises(SystemExit) as exit_:
        main(["explain", str(model_dir), "--text", "a film", "--file", str(blank)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "error: give --text or --file, not both (`lstmkit explain --help` lists the flags)\n"
    )
