"""Review of out26's `explain --out` (revout26): a read-only file of the user's that a run
neither writes nor deletes is no reason to refuse it, and a forecaster's refusal of a file of
the user's it would overwrite comes before the computation, as a sentence's does.

As root every file is writable to ``os.access``; it is asked here as a user would be.
"""

from __future__ import annotations

import json

from lstmkit.cli import main


def test_explain_out_writes_beside_a_read_only_file_it_leaves(
    read_only, clf_dir, tmp_path, capsys, held_files, explain_argv, read_only_said
):
    # the read-only check covered every name explain may write: a user's relevance.csv beside a
    # sentence's explanation, which the sentence's run neither writes nor deletes, refused it
    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    (out / "relevance.csv").write_text("mine\n")
    read_only(out / "relevance.csv")
    assert main(explain_argv(clf_dir, out, "film 2 was awful")) == 0
    capsys.readouterr()
    held = held_files(out)
    assert sorted(held) == ["explanation.html", "relevance.csv", "relevance.json", "relevance.png"]
    assert json.loads(held["relevance.json"])["text"] == "film 2 was awful"
    # --overwrite deletes it: then it is refused
    assert main([*explain_argv(clf_dir, out, "film 2 was awful"), "--overwrite"]) == 2
    assert (
        capsys.readouterr().err
        == f"error: --out {str(out)!r} holds relevance.csv, {read_only_said}\n"
    )


def test_explain_out_refuses_a_read_only_file_of_an_earlier_explanation(
    read_only, clf_dir, tmp_path, capsys, explain_argv, read_only_said
):
    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    read_only(out / "explanation.html")
    capsys.readouterr()
    assert main(explain_argv(clf_dir, out, "film 2 was awful")) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds explanation.html, {read_only_said}\n"
    )


def test_explain_out_refuses_the_users_file_before_a_forecaster_computes(
    clf_dir, fc_dir, tmp_path, monkeypatch, capsys, held_files, explain_argv
):
    # the forecaster's refusal came after the explanation was computed (nothing written)
    import lstmkit.explain.forecast as F

    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0  # lstmkit's relevance.json
    (out / "relevance.csv").write_text("mine\n")
    before = held_files(out)
    capsys.readouterr()

    def computed(*args, **kwargs):
        raise AssertionError("computed before the refusal")

    monkeypatch.setattr(F, "explain_forecast", computed)
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds relevance.csv, which no record of lstmkit's there "
        "lists as its own; `lstmkit explain` would overwrite it. Choose another folder or "
        "delete it first, or pass --overwrite to replace it.\n"
    )
    assert held_files(out) == before


def test_explain_out_says_what_overwrite_deletes_besides(
    clf_dir, tmp_path, capsys, held_files, explain_argv
):
    # "pass --overwrite to replace it" hid that --overwrite deletes the user's relevance.csv too
    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    (out / "relevance-2.json").write_text('{"mine": 2}')
    (out / "relevance.csv").write_text("mine\n")
    capsys.readouterr()
    argv = explain_argv(clf_dir, out, "film 1 was great", "film 2 was awful")
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds relevance-2.json, which no record of lstmkit's there "
        "lists as its own; `lstmkit explain` would overwrite it. Choose another folder or "
        "delete it first, or pass --overwrite to replace it, and delete relevance.csv.\n"
    )
    assert main([*argv, "--overwrite"]) == 0
    capsys.readouterr()
    assert "relevance.csv" not in held_files(out)


def test_series_out_says_a_blank_first_line_is_blank(stores, tmp_path, capsys, series_refusal):
    # a summary.csv whose first line is blank was said to be empty
    out = tmp_path / "runs"
    out.mkdir()
    (out / "summary.csv").write_text("\nstore,n,holdout\n")
    assert main([*stores, "--out", str(out)]) == 2
    assert capsys.readouterr().err == series_refusal(out, "its first line is blank")
