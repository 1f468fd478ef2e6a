"""Fixes of txt33: the sentiment commands' leftovers (`lstmkit text train`, `text predict`)."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lstmkit import _memory
from lstmkit.cli import main
from lstmkit.text import SentimentConfig, train_classifier

MiB = 2**20


def _one_long_review(long: int) -> tuple[list[str], list[str]]:
    """40 short reviews of two classes and one of ``long`` words."""
    texts = [f"good film {k}" for k in range(20)] + [f"bad film {k}" for k in range(20)]
    return [*texts, " ".join(["word"] * long)], ["pos"] * 20 + ["neg"] * 20 + ["pos"]


# ---- (e) the training memory check counts the members that train at once ----------------------


def test_the_memory_check_counts_every_member_that_trains_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one member's gates (1.5 MiB) were counted with --jobs 2, where two members train at
    # once, each in its own process: 3.0 MiB passed a limit of 2 MiB
    monkeypatch.setattr(
        _memory, "refusal_limit", lambda: (2 * MiB, "this machine's memory (2 MiB)")
    )
    texts, labels = _one_long_review(300)
    held_out = (["good film", "bad film"], ["pos", "neg"])
    config = SentimentConfig(
        embed_dim=4, hidden_size=4, epochs=1, progress=False, ensemble=2, jobs=2
    )
    with pytest.raises(ValueError) as err:
        train_classifier(texts, labels, config, dev=held_out, test=held_out)
    # 41 texts x 300 steps x 2 directions x 4 gates x 4 units x 4 bytes = 1,574,400 bytes each,
    # 3,148,800 (3 MiB) for two
    assert str(err.value) == (
        "`texts` holds a training text of 300 tokens (it begins 'word word word word word "
        "word'), whose batch of 41 texts needs 1.5 MiB for the LSTM's gates while it trains "
        "(`batch_size` 64, `hidden_size` 4, 2 directions), 3 MiB for the 2 members that "
        "train at once (`jobs` 2, `ensemble` 2), more than this machine's memory (2 MiB); "
        "train fewer members at once (`jobs` 1: one after the other), or cut long texts to "
        "their first few hundred words (pandas: df[col].str.split().str[:300].str.join(' ')) "
        "or leave them out."
    )
    # the same members one after the other hold one member's gates at a time: they train
    one_by_one = SentimentConfig(
        embed_dim=4, hidden_size=4, epochs=1, progress=False, ensemble=2, jobs=1
    )
    result = train_classifier(texts, labels, one_by_one, dev=held_out, test=held_out)
    assert len(result.metrics["members"]) == 2


def test_the_command_line_names_jobs_and_ensemble_in_the_memory_refusal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        _memory, "refusal_limit", lambda: (3 * MiB, "this machine's memory (3 MiB)")
    )
    texts, labels = _one_long_review(300)
    rows = "".join(f'"{t}",{label}\n' for t, label in zip(texts, labels, strict=True))
    (tmp_path / "reviews.csv").write_text("review,rating\n" + rows)
    out = tmp_path / "runs" / "reviews"
    args = ["text", "train", "--csv", str(tmp_path / "reviews.csv"), "--text-col", "review"]
    args += ["--label-col", "rating", "--embed-dim", "4", "--hidden-size", "4", "--no-progress"]
    assert main([*args, "--ensemble", "3", "--jobs", "3", "--out", str(out)]) == 2
    name = repr(str(tmp_path / "reviews.csv"))
    # 33 of the 41 texts train (10 % of each class held out twice): 33 x 300 x 2 x 4 x 4 x 4
    # bytes = 1,267,200 a member, 3,801,600 for three
    assert capsys.readouterr().err == (
        f"error: column 'review' of {name} holds a training text of 300 tokens (it begins 'word "
        "word word word word word'), whose batch of 33 texts needs 1.21 MiB for the LSTM's gates "
        "while it trains (--batch-size 64, --hidden-size 4, 2 directions), 3.63 MiB for the 3 "
        "members that train at once (--jobs 3, --ensemble 3), more than this machine's memory "
        "(3 MiB); train fewer members at once (--jobs 1: one after the other), or cut long texts "
        "to their first few hundred words (pandas: df[col].str.split().str[:300].str.join(' ')) "
        "or leave them out.\n"
    )
    assert not out.parent.exists()


# ---- (c) a text that opens a quote and closes it amid its value, on its own line --------------


def test_text_train_refuses_a_quote_closed_amid_a_text_naming_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # '"Wow" he said,pos' trained as 'Wow he said', the quotes dropped without a word
    rows = [f"a fine good film {k},pos" for k in range(20)]
    rows += [f"a dull bad film {k},neg" for k in range(19)]
    rows.insert(5, '"Wow" he said,pos')
    for name, sep, flag in (("q.csv", ",", ","), ("q.tsv", "\t", "tab")):
        path = tmp_path / name
        path.write_text(
            "review,label\n".replace(",", sep) + "".join(r.replace(",", sep) + "\n" for r in rows)
        )
        out = tmp_path / "runs" / name
        argv = ["text", "train", "--csv", str(path), "--sep", flag, "--text-col", "review"]
        assert main([*argv, "--label-col", "label", "--out", str(out), "--no-progress"]) == 2
        line = '"Wow" he said' + sep + "pos"
        assert capsys.readouterr().err == (
            f"error: --csv {str(path)!r} has a value that opens a quote on line 7 and closes it "
            f"amid that value, which reads it without its quotes (the line: {line!r}): a text "
            "that begins with '\"' is read as quoted. Enclose such a text in quotes and double "
            'the quotes in it (\'"""Dull"" film"\'), as spreadsheets and pandas write it.\n'
        )
        assert not out.parent.exists()


def test_text_predict_file_reads_a_quoted_sentence_as_written(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    path = tmp_path / "said.txt"
    path.write_text('film 1 was great\n"Wow" he said\n')
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["line"], r["text"]) for r in records] == [
        (1, "film 1 was great"),
        (2, '"Wow" he said'),
    ]
    assert records[1]["tokens"] == ["``", "wow", "''", "he", "said"]


def test_the_quoted_form_the_refusal_asks_for_reads_the_text_as_written(tmp_path: Path) -> None:
    from lstmkit.text.labelled import read_labelled_csv

    path = tmp_path / "said.csv"
    path.write_text('text,label\n"""Wow"" he said",pos\na dull film,neg\n')  # as the README writes
    assert read_labelled_csv(path, "text", "label") == (
        ['"Wow" he said', "a dull film"],
        ["pos", "neg"],
    )


# ---- (b) text predict --file names a sentence by its line --------------------------------------


_BLOWN = (
    "LRP relevances blew up through the long sequence: {which} has a relevance of magnitude "
    "1.53e+08 for a score of 0.6421 (more than 1e+06 times it), amplified step by step at "
    "eps=0.001, so they say little about its tokens; pass --eps 0.1, which keeps "
    "long texts' relevances near the score."
)


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_text_predict_file_names_a_blown_up_sentence_by_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], amplifying_predictor: Any
) -> None:
    # the file's third sentence, on line 5 (blank lines skipped), was "text 3"
    from lstmkit.text.sentiment import SentimentResult, save_classifier

    predictor = amplifying_predictor()
    config = SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False)
    save_classifier(SentimentResult(predictor.model, predictor.vocab, config), tmp_path / "m")
    long = "the " + " ".join(["word"] * 30)
    path = tmp_path / "reviews.txt"
    path.write_text(f"word\n\nword word\n\n{long}\n")
    argv = ["text", "predict", str(tmp_path / "m"), "--explain", "--file", str(path)]
    assert main(argv) == 0
    blown = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
    where = f"line 5 of --file {str(path)!r}, of 31 tokens,"
    assert blown == ["warning: 1 of the 3 non-blank lines' " + _BLOWN.format(which=where)]
    # one line alone: "the", as for one argument
    path.write_text(f"\n{long}\n")
    assert main(argv) == 0
    blown = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
    where = f"line 2 of --file {str(path)!r}, of 31 tokens,"
    assert blown == ["warning: the " + _BLOWN.format(which=where)]
    # arguments keep their numbers, which are the user's, named as their refusals name them
    assert main(["text", "predict", str(tmp_path / "m"), "--explain", "word", long]) == 0
    blown = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
    which = "sentence 2 (argument text), of 31 tokens,"
    assert blown == ["warning: 1 of the 2 sentences' " + _BLOWN.format(which=which)]


# ---- (a) text train into an --out that holds a trained classifier ------------------------------


def test_text_train_says_which_classifier_a_rerun_replaced(
    imbalanced_reviews: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    undrawn_figures,
) -> None:
    import json

    out = tmp_path / "runs" / "imb"
    assert main([*imbalanced_reviews, "--out", str(out), "--json"]) == 0
    first_out, first_err = capsys.readouterr()
    first = json.loads(first_out)
    assert "note: replaced" not in first_err  # a new folder: nothing replaced
    # the rerun, another seed, replaces it as `lstmkit forecast` rewrites its run folder: it
    # did so without a word
    assert main([*imbalanced_reviews, "--out", str(out), "--seed", "1"]) == 0
    out_text, err = capsys.readouterr()
    assert out_text.splitlines()[-1] == f"saved to {out}"
    assert err.splitlines()[-1] == (
        f"note: replaced the classifier that was saved in {str(out)!r} (imb.csv: dev accuracy "
        f"{first['dev']['accuracy']:.4f}, test accuracy {first['test']['accuracy']:.4f}, seed "
        "0); give another --out to keep both."
    )
    assert json.loads((out / "metrics.json").read_text())["seed"] == 1


def test_text_train_names_a_classifier_saved_without_metrics_as_replaced(
    classifier_dir: Path, imbalanced_reviews: list[str], tmp_path: Path, capsys
) -> None:
    import shutil

    out = tmp_path / "saved"
    shutil.copytree(classifier_dir, out)  # save_classifier's folder: metrics.json holds {}
    assert main([*imbalanced_reviews, "--out", str(out)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"note: replaced the classifier that was saved in {str(out)!r}; give another --out to "
        "keep both."
    )


# ---- (d) text predict stops at once on Ctrl-C or SIGTERM during a long native call ------------


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")
@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_text_predict_stops_at_once_while_the_model_runs_in_one_native_call(
    clf_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    signum: str,
    stopped_in_process: Callable[[list[str], str], tuple[int, float]],
    native_sleep: Callable[[int], Callable[..., Any]],
) -> None:
    # torch's fused LSTM over a text of 200,000 tokens is one native call of minutes, during
    # which Python runs no signal handler: SIGTERM waited 9 minutes for it. Here a libc sleep
    # stands in for it, and the signal goes to another thread, as the kernel may send it
    from lstmkit.text.sentiment import SentimentPredictor

    monkeypatch.setattr(SentimentPredictor, "_predicted", native_sleep(5))
    argv = ["text", "predict", str(clf_dir), "film 1 was great", "--no-progress"]
    code, took = stopped_in_process(argv, signum)
    assert (code, capsys.readouterr().err) == (
        (130, "interrupted\n") if signum == "SIGINT" else (143, "terminated\n")
    )
    assert took < 2.5  # 5 s and more without the fix: the handler ran once the sleep returned


def test_the_prediction_s_thread_gives_its_result_and_its_exception() -> None:
    from lstmkit._interrupts import _interruptible

    assert _interruptible(lambda: 6 * 7) == 42
    with pytest.raises(ZeroDivisionError):
        _interruptible(lambda: 1 / 0)


def test_the_command_exits_143_at_once_while_torch_still_runs_the_stopped_call(
    clf_dir: Path, stopped_command: Callable[..., tuple[Any, float]]
) -> None:
    # the process, not only main(): SIGTERM during torch's LSTM over a million steps (about 9
    # s on one thread) ends it at once with 143, the call left running in its thread (where
    # Python's shutdown freed torch under it once: a segmentation fault, exit code 139)
    argv = ["text", "predict", str(clf_dir), "a film", "--no-progress"]
    done, took = stopped_command("_predicted", argv)
    assert (done.returncode, done.stderr, done.stdout) == (143, "terminated\n", "")
    assert took < 3.0  # the whole LSTM call without the fix
