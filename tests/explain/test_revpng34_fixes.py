"""Fixes from the review of png34: a user's relevance.png beside a sentence's explanation of
before relevance.png was written there is refused, not overwritten."""

from __future__ import annotations

from lstmkit.cli import main


def test_a_users_png_beside_an_earlier_sentence_is_refused(classifier_dir, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["explain", str(classifier_dir), "--out", str(out), "--no-color"]
    assert main([*args, "--text", "a good film"]) == 0
    capsys.readouterr()
    # the folder as an explanation of before 2026-12 left it, with the user's figure beside it
    (out / "relevance.png").write_bytes(b"mine")
    assert main([*args, "--text", "a bad film"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: --out {str(out)!r} holds relevance.png, which no record of lstmkit's there "
        "lists as its own; `lstmkit explain` would overwrite it. Choose another folder or "
        "delete it first, or pass --overwrite to replace it."
    )
    assert (out / "relevance.png").read_bytes() == b"mine"
    # a PNG of the user's, not lstmkit's, is theirs too
    (out / "relevance.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    assert main([*args, "--text", "a bad film"]) == 2
    capsys.readouterr()
    # --overwrite replaces it, as the message says
    assert main([*args, "--text", "a bad film", "--overwrite"]) == 0
    capsys.readouterr()
    # and the figure lstmkit wrote is its own on the next run, several sentences included
    assert main([*args, "--text", "a good film", "--text", "a bad film"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation-1.html",
        "explanation-2.html",
        "relevance-1.json",
        "relevance-2.json",
        "relevance.png",
    ]
