"""What a reader who follows the README checks: its links, the flags it names, the flags it
leaves to ``--help``, and one refusal whose words said the opposite of the flags given."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _text() -> str:
    return README.read_text("utf-8")


def _github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings: lower case, punctuation dropped, spaces to ``-``,
    a repeated one numbered ``-1``, ``-2``, ... (``#`` lines inside code blocks are no headings)."""
    prose = re.sub(r"```.*?```", "", markdown, flags=re.S)
    anchors: set[str] = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", prose, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        anchor, n = slug, 0
        while anchor in anchors:
            n += 1
            anchor = f"{slug}-{n}"
        anchors.add(anchor)
    return anchors


def test_github_anchors_number_a_repeated_heading() -> None:
    assert _github_anchors("# A: `b.c`\n## Speed\n```bash\n# not one\n```\n### Speed\n") == {
        "a-bc",
        "speed",
        "speed-1",
    }


def test_every_internal_link_of_the_readme_resolves() -> None:
    """`[Text](#text)`, `[the LRP speed benchmark](#speed-1)`: each names a heading."""
    text = _text()
    links = re.findall(r"\]\(#([^)\s]+)\)", text)
    assert len(links) >= 10
    assert sorted(set(links) - _github_anchors(text)) == []


def _lstmkit_options() -> set[str]:
    """Every option string of every `lstmkit` command and sub-command."""
    from lstmkit.cli import COMMANDS, build_parser

    def walk(parser: argparse.ArgumentParser):
        yield parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    yield from walk(child)

    return {
        option
        for command in COMMANDS
        for parser in walk(build_parser([command]))
        for action in parser._actions
        for option in action.option_strings
    }


def _readme_flags() -> set[str]:
    """The `--flag`s the README names anywhere, `--[no-]x` as both `--x` and `--no-x`."""
    flags = set()
    for flag in re.findall(r"(?<![\w-])(--(?:\[no-\])?[a-z][\w-]*)", _text()):
        if "[no-]" in flag:
            flags |= {flag.replace("[no-]", ""), flag.replace("[no-]", "no-")}
        else:
            flags.add(flag)
    return flags


def test_every_flag_the_readme_names_exists() -> None:
    """A flag in the prose (not only in the shell blocks, which test_readme parses) is one of the
    command line's, or of a benchmark script's, or of the three tools the README quotes."""
    benchmarks = {
        flag
        for script in (ROOT / "benchmarks").glob("*.py")
        for flag in re.findall(r"\"(--[a-z][\w-]*)\"", script.read_text("utf-8"))
    }
    # ruff format --check, mypy --strict, pip install --index-url (PyTorch's CPU wheels)
    tools = {"--check", "--strict", "--index-url"}
    flags = _readme_flags()
    assert len(flags) > 100
    assert sorted(flags - _lstmkit_options() - benchmarks - tools) == []


# Flags the README leaves to `--help` (the training configs' fields, the demo's sizes); a new
# flag is named in the README or added here.
LEFT_TO_HELP = {
    "--batch-size",  # text train, train-lm, train-seq2seq
    "--beam-size",  # the long spelling of text spell's --beam
    "--evals-per-epoch",  # text train
    "--val-fraction",  # text train-lm
    "--train-size",  # text train-seq2seq
    "--test-size",  # text train-seq2seq
    "--steps",  # demo
    "--hidden",  # demo
}


def test_every_flag_of_the_commands_is_in_the_readme_or_left_to_help() -> None:
    options = {o for o in _lstmkit_options() if o.startswith("--")} - {"--help"}
    assert sorted(options - _readme_flags() - LEFT_TO_HELP) == []
    assert sorted(LEFT_TO_HELP - options) == []  # the list names only flags that exist


def test_calendar_none_with_no_calendar_is_one_choice_not_a_contradiction(
    capsys, monkeypatch
) -> None:
    """`--no-calendar` is `--calendar none`: both at once repeat a choice and run without a
    calendar (the error said they contradicted); a real contradiction keeps its words."""
    from lstmkit.cli import _forecast_run, main

    runs = []
    monkeypatch.setattr(_forecast_run, "_execute", runs.append)
    argv = ["forecast", "airline", "--no-calendar"]
    assert main([*argv, "--calendar", "none"]) == 0
    assert [run.config.calendar for run in runs] == [False]
    assert main([*argv, "--calendar", "all"]) == 2
    assert capsys.readouterr().err == (
        "error: --calendar all and --no-calendar contradict each other.\n"
    )
    assert len(runs) == 1
