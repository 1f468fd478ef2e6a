"""``lstmkit explain``: which inputs drove a saved model's output.

For a saved sentiment classifier (``lstmkit text train``) and a sentence, it prints the prediction,
the sentence coloured by relevance and the top contributions, and writes ``explanation.html``,
``relevance.json`` and ``relevance.png`` to ``--out``; several sentences (``--text`` repeated, or
``--file``) are explained in padded batches, one block, JSON line and numbered pair of files each,
and the first 10 drawn in one ``relevance.png``. For a saved
forecaster (``Forecaster.save``, or the ``--out`` folder of ``lstmkit forecast``, whose ``model/``
holds it) it explains one forecast step from the end of the stored history, or of ``--csv``,
prints the top lags and writes ``relevance.png`` and ``relevance.csv``. Everything is validated
before anything is written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lstmkit._checks import and_list, flag_number_problem, plural_s, show_progress, value_repr
from lstmkit._device import doing
from lstmkit._records import EXPLAIN
from lstmkit.cli import (
    COMMANDS,
    EXPLAIN_FILES,
    EXPLAIN_NUMBERED,
    PLOT_FLAGS,
    RUNS_FILL,
    CLIError,
    DefaultsHelpFormatter,
    _piped,
    add_plan_rows,
    as_flags,
    as_source,
    check_csv,
    check_out_dir,
    colours_wanted,
    csv_format,
    csv_format_arguments,
    csv_format_flags,
    far_outside_of_source,
    json_safe,
    number_or_text,
    one_file,
    out_folder,
    overwrite_flag,
    padded_column,
    print_sentence_blocks,
    progress_flag,
    read_sentences,
    refuse_absent_columns,
    refuse_all,
    refuse_csv_flags,
    refuse_empty_sentences,
    refuse_other_output,
    refuse_overwrite_without_out,
    refuse_read_only,
    refuse_together,
    refuse_true_false_target,
    refuse_unmarked,
    resolve_model_dir,
    said_together,
    says_refused_flags,
    threads_flag,
    typed_path,
    unknown_words_line,
    user_path,
    user_text,
    whole_number,
    written_together,
)

if TYPE_CHECKING:  # numpy and pandas load where a command reads or writes a series
    from collections.abc import Iterator

    import numpy as np
    import pandas as pd
    import torch

    from lstmkit.explain.forecast import ForecastExplanation
    from lstmkit.text.sentiment import SentimentPredictor

_METHODS = ("lrp", "gradxinput", "ig", "occlusion", "sensitivity")
# the methods whose relevance is summed against the output (:func:`relevance_in_all`):
# sensitivity's squared gradients and occlusion's drops, each taken with the other inputs in
# place, are no share of it
SUMMED = ("lrp", "gradxinput", "ig")
_EPS, _BIAS_FACTOR = 1e-3, 0.0  # the LRP defaults of --eps and --bias-factor
_IG_STEPS = 32  # integrated_gradients' default `steps`, recorded in --json's options
_EPS_FLOOR = f"{sys.float_info.min:.2g}"  # --eps's least in its help (lrp_flags checks it exactly)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``explain`` sub-command."""
    p = subparsers.add_parser(
        "explain",
        help=COMMANDS["explain"][1],
        description="Explain one output of a saved model: relevance per token (classifier) or "
        "per lag and covariate (forecaster), by LRP or a gradient/occlusion baseline.",
        formatter_class=DefaultsHelpFormatter,
    )
    p.add_argument(
        "model",
        type=user_path,
        help="folder of a saved classifier or forecaster (or the --out folder of "
        "`lstmkit forecast`, whose model/ holds it)",
    )
    src = p.add_mutually_exclusive_group()
    src.add_argument(
        "--text",
        action="append",
        metavar="TEXT",
        help="sentence to explain (classifier); repeat it for several: --text 'a' --text 'b'",
    )
    src.add_argument(
        "--file",
        type=user_text,
        # gathered so that a second --file is refused (run_explain): argparse kept the last,
        # and `--file a.txt --file b.txt` explained b.txt alone, a.txt dropped unsaid
        action="append",
        metavar="FILE",
        help="read the sentences to explain from FILE instead (classifier), one per line "
        "(UTF-8; blank lines skipped; - reads stdin)",
    )
    src.add_argument(
        "--csv",
        type=user_path,
        help="CSV history to forecast from (forecaster), with the training data's columns and "
        "frequency: by default the date column is the model's (else the first one) and the "
        "target and covariates are the model's columns by name, or else the remaining columns "
        "in training order; on a run's folder, read with the run's --sep, --decimal, "
        "--thousands, --date-format and --where where not given",
    )
    csv = p.add_argument_group("--csv columns (forecaster)")
    csv.add_argument(
        "--date-col",
        help="name of the date column (default: the model's, where the file has it, else the "
        "first column)",
    )
    csv.add_argument(
        "--value-col", help="name of the target column (default: the model's target column)"
    )
    csv.add_argument(
        "--covariate-cols",
        nargs="+",
        metavar="COL",
        help="the model's covariate columns, in its order (default: the model's names)",
    )
    csv.add_argument(
        "--future-cols",
        nargs="+",
        metavar="COL",
        help="the model's future covariate columns, in its order (default: the model's names): "
        "read over the history and, from the rows after the target's last value, at the "
        "forecast steps",
    )
    csv.add_argument(
        "--fill",
        choices=["ffill", "bfill", "interpolate", "zero", "none"],
        help=f"fill missing values instead of failing (default: {RUNS_FILL})",
    )
    csv.add_argument(
        "--date-format",
        metavar="FMT",
        help="strftime format of the dates, e.g. %%d/%%m/%%Y (default: inferred, one format for "
        "the whole column)",
    )
    csv_format_arguments(csv)
    # None until run_explain: a refusal of the default says so, naming no flag not given
    p.add_argument("--method", choices=_METHODS, help="explanation method (default: lrp)")
    p.add_argument(
        "--target",
        help=(
            "class to explain (classifier), by name or, when no class has that name, by index; "
            "default: the predicted one"
        ),
    )
    p.add_argument(
        "--step",
        type=whole_number,
        help="forecast step to explain (forecaster), 0 (the default) being the next one",
    )
    # Defaults are filled in by _options, so that giving them with another method is refused.
    p.add_argument(
        "--eps",
        type=number_or_text,
        help=f"LRP stabilizer, at least {_EPS_FLOOR} (float64's smallest normal number; "
        f"default: {_EPS})",
    )
    p.add_argument(
        "--bias-factor",
        type=number_or_text,
        help=f"LRP bias factor in [0, 1] (1: exact conservation; default: {_BIAS_FACTOR})",
    )
    p.add_argument(
        "--lrp-convention",
        choices=("equation", "lrp_for_lstm"),
        help="LRP's epsilon rule as in the equation of Arras et al. 2017 (default) or as in "
        "their later LRP_for_LSTM code (the stabilizer's share scaled by --bias-factor too, "
        "and each c_t, a GRU's h_t, split over all 2H terms of its layer, not its unit's two)",
    )
    p.add_argument(
        "--ig-steps",
        type=whole_number,
        help=f"integrated gradients' points on the path from all-zero inputs (Captum's n_steps; "
        f"default: {_IG_STEPS}): more bring the convergence delta, which the summary line "
        "gives, towards 0 (--json gives its parts: the relevance's sum less score - "
        "baseline_score)",
    )
    p.add_argument(
        "--top", type=whole_number, default=5, help="number of top contributions to print"
    )
    p.add_argument(
        "--out",
        type=out_folder,
        help="folder to write the heatmap and relevance into (several sentences: numbered, "
        "explanation-1.html, relevance-1.json, ...; a classifier's first 10 sentences drawn in "
        "relevance.png)",
    )
    p.add_argument(
        "--device",
        default="cpu",
        help="torch device to explain on: cpu, cuda, cuda:1 (not mps: explanations compute in "
        "float64, which MPS does not support)",
    )
    threads_flag(p, "the explanation", "relevances")
    overwrite_flag(
        p,
        "the explanation's files",
        models=False,
        # a sentence's explanation writes no relevance.csv: a user's one was deleted, unsaid
        deletes=", deleting those of them this explanation does not write (a relevance.csv "
        "beside a sentence's explanation.html),",
    )
    progress_flag(
        p,
        " over a classifier's sentences or a forecaster's ensemble members (--method ig: the "
        "points of their paths; a forecaster's --method occlusion: the occluded windows)",
    )
    p.add_argument(
        "--no-color",
        action="store_true",
        help="plain text instead of ANSI colours, as NO_COLOR set (non-empty) gives too",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object on stdout (every relevance, what was explained and how) "
        "instead of the text; several sentences: one per line (JSON Lines), with --file its line "
        "number",
    )
    p.set_defaults(func=run_explain)
    # `explain --plot` was "unrecognized arguments" alone, as forecast's was
    p.their_notes = dict.fromkeys(  # type: ignore[attr-defined]
        PLOT_FLAGS,
        "no flag draws a plot on screen: --out DIR writes it, DIR/relevance.png (a "
        "forecaster's relevance per lag and covariate, a classifier's first 10 sentences)",
    )


def _options(args: argparse.Namespace) -> dict[str, object]:
    """The method's keyword arguments; LRP's flags and ``--ig-steps`` are checked, and refused
    for other methods. Integrated gradients' ``steps`` is recorded with its default too (the
    options of ``--json`` were ``{}``, the points of the path in no record), and occlusion's
    ``value``, what an occluded input is set to."""
    given = [
        f
        for f, v in (
            ("--eps", args.eps),
            ("--bias-factor", args.bias_factor),
            ("--lrp-convention", args.lrp_convention),
        )
        if v is not None
    ]
    ig_steps = getattr(args, "ig_steps", None)
    problems = []
    if args.method != "lrp" and given:
        problems.append(
            f"{' and '.join(given)} {'applies' if len(given) == 1 else 'apply'} to "
            f"--method lrp only, got --method {args.method}."
        )
    if ig_steps is not None and args.method != "ig":
        # without --method, "got --method lrp" named a flag not typed; the one missing is told
        # (with LRP's flags too, adding --method ig would refuse those)
        default = not getattr(args, "method_given", True)
        lrps = " and ".join(given)
        problems.append(
            "--ig-steps applies to --method ig only, "
            + (
                f"got --method {args.method}."
                if not default
                else "and --method was not given (lrp, the default): add --method ig."
                if not given
                else f"and --method was not given (lrp, the default, which {lrps} "
                f"{'sets' if len(given) == 1 else 'set'}): drop --ig-steps for LRP, or "
                f"{lrps} for --method ig."
            )
        )
    elif ig_steps is not None and ig_steps < 1:
        problems.append(f"--ig-steps must be a positive integer, got {ig_steps}.")
    if problems:
        raise CLIError(" ".join(problems))
    if args.method == "ig":
        return {"steps": _IG_STEPS if ig_steps is None else ig_steps}
    if args.method == "occlusion":
        # what an occluded input is set to (Captum's `baselines`), in the record beside the drops
        return {"value": 0.0}
    if args.method != "lrp":
        return {}
    convention = args.lrp_convention or "equation"
    return {**lrp_flags(args.eps, args.bias_factor), "convention": convention}


def lrp_flags(eps: float | None, bias_factor: float | None) -> dict[str, float]:
    """``--eps`` and ``--bias-factor`` (None: not given) checked, with their defaults, as
    :func:`~lstmkit.explain.lrp`'s keyword arguments (``lstmkit text predict --explain``
    takes them too)."""
    eps = _EPS if eps is None else eps
    bias_factor = _BIAS_FACTOR if bias_factor is None else bias_factor
    eps_problem = flag_number_problem(eps, "--eps", "positive")
    if eps_problem is None and eps < sys.float_info.min:
        # a subnormal --eps (5e-324) passed here and was refused by lrp as `eps`, after
        # --bias-factor's problem alone and, in text predict, the model's loading
        from lstmkit.explain.rules import eps_floor_problem

        eps_problem = eps_floor_problem(eps, "--eps")
    problems = [
        problem + "."
        for problem in (
            eps_problem,
            flag_number_problem(
                bias_factor,
                "--bias-factor",
                "[0, 1]",
                " (0: biases keep their share, 1: exact conservation)",
            ),
        )
        if problem is not None
    ]
    refuse_together(problems)  # with the integer flags' refusals of the parse
    return {"eps": float(eps), "bias_factor": float(bias_factor)}


def _out_names(out: Path) -> list[str]:
    """The files an earlier explain may have left in ``out``: :data:`~lstmkit.cli.EXPLAIN_FILES`
    and the numbered ones of several sentences, for :func:`~lstmkit.cli.written_together`."""
    if not out.is_dir():
        return list(EXPLAIN_FILES)
    numbered = sorted(f.name for f in out.iterdir() if EXPLAIN_NUMBERED.fullmatch(f.name))
    return [*EXPLAIN_FILES, *numbered]


def _stale_names(out: Path, overwrite: bool) -> list[str]:
    """The files of an earlier explain in ``out`` that a run removes where it does not write
    them again: those that a record of lstmkit's there lists (``explanation.json``'s
    ``"files"``, a forecaster's where it lists none; a sentence's ``relevance.json`` or
    ``relevance-2.json`` and its ``explanation.html`` or ``explanation-2.html``), each of
    :func:`_out_names`, and the records themselves. A folder holding one record of lstmkit's
    was taken as lstmkit's whole, so a user's ``relevance-2.json`` or ``relevance.csv`` beside
    a sentence's ``relevance.json`` was deleted as stale. With ``overwrite`` (``--overwrite``:
    those of the user's go too, as its help says) all of :func:`_out_names`."""
    from lstmkit.io import _read_record

    names = _out_names(out)
    if overwrite or not out.is_dir():
        return names
    listed: set[str] = set()
    for record in names:
        # read once: its check, then its "files" (read again, and a record rewritten between
        # the two was taken for what the first read said)
        if not EXPLAIN.fullmatch(record) or (kept := _read_record(out / record)[0]) is None:
            continue
        listed.add(record)
        if record == "explanation.json":
            if "files" in kept:  # a list of names: another is no record of lstmkit's
                listed.update(kept["files"])
            else:  # one from before it listed them (2026-12-02): a forecaster's files
                listed.update(EXPLAIN_FILES[:3])
        else:  # relevance.json -> explanation.html, relevance-2.json -> explanation-2.html
            listed.add(re.sub(r"^relevance(.*)\.json$", r"explanation\1.html", record))
            # the sentences' figure, written beside them since 2026-12: only one lstmkit marked,
            # as a folder of an earlier explanation may hold a relevance.png of the user's
            if _sentences_png(out / _SENTENCES_PNG):
                listed.add(_SENTENCES_PNG)
    return [name for name in names if name in listed]


def _refuse_theirs(out: Path, names: list[str], overwrite: bool) -> None:
    """Refuse writing ``names`` into ``out`` over files of theirs that no record of lstmkit's
    there lists (:func:`_stale_names`): a folder holding one of lstmkit's records was taken as
    lstmkit's whole, so a user's ``relevance-2.json`` beside a sentence's ``relevance.json``
    was overwritten by an explanation of two sentences. ``overwrite``: ``--overwrite``, which
    writes over them and deletes the others of theirs it does not write, said too."""
    if overwrite or not out.is_dir():
        return
    unlisted = _unlisted(out)
    if theirs := [name for name in names if name in unlisted]:
        them = "it" if len(theirs) == 1 else "them"
        # "replace it" alone hid that --overwrite deletes a relevance.csv of theirs too
        gone = [name for name in unlisted if name not in names]
        also = f", and delete {and_list(gone)}" if gone else ""
        raise CLIError(
            f"--out {str(out)!r} holds {and_list(theirs)}, which no record of lstmkit's there "
            f"lists as its own; `lstmkit explain` would overwrite {them}. Choose another folder "
            f"or delete {them} first, or pass --overwrite to replace {them}{also}."
        )


def _unlisted(out: Path) -> list[str]:
    """The files of :func:`_out_names` that ``out`` holds and no record of lstmkit's there
    lists (:func:`_stale_names`): the user's, or another program's."""
    ours = set(_stale_names(out, overwrite=False))
    return [name for name in _out_names(out) if name not in ours and (out / name).is_file()]


def _refuse_out(out: Path, names: list[str], overwrite: bool) -> None:
    """Refuse writing ``names`` into ``out`` where a file the run rewrites or deletes
    (:func:`_stale_names`, and ``names``) is read-only (:func:`~lstmkit.cli.refuse_read_only`)
    and where it would overwrite files of the user's (:func:`_refuse_theirs`), both in one
    message: a folder with both took two runs to hear of them."""
    # ``names`` too: a user's read-only file was told "pass --overwrite", which then refused it
    refuse_all(
        lambda: refuse_read_only(out, dict.fromkeys([*_stale_names(out, overwrite), *names])),
        lambda: _refuse_theirs(out, names, overwrite),
    )


def _refuse_read_only_early(out: Path, overwrite: bool) -> None:
    """:func:`~lstmkit.cli.refuse_read_only` of the files a run rewrites or deletes
    (:func:`_stale_names`; all of :func:`_out_names` in a folder without a record of lstmkit's)
    before the model is read, except where ``out`` holds files of the user's too, which the run
    may overwrite: said then with them (:func:`_refuse_out`), once the files it writes are
    known."""
    stale = _stale_names(out, overwrite)
    if stale and not overwrite and _unlisted(out):
        return
    refuse_read_only(out, stale or _out_names(out))


def _series_files(decoder: bool) -> list[str]:
    """The files a forecaster's explanation writes; ``decoder``: a seq2seq model's, whose
    decoder inputs go to ``decoder_relevance.csv`` too."""
    return [
        "relevance.png",
        "relevance.csv",
        *["decoder_relevance.csv"] * decoder,
        "explanation.json",
    ]


def _refuse_unmarked_explanation(out: Path | None) -> None:
    """Refuse an ``--out`` that holds files of the names `lstmkit explain` writes
    (:data:`~lstmkit.cli.EXPLAIN_FILES`, the numbered ones) but none of its records
    (``explanation.json``, ``relevance.json``, ``relevance-1.json``, ..., which it moves in
    last): not its output, which a run would overwrite, or delete where it writes no file of
    that name (a user's relevance.csv went beside a sentence's explanation). A folder holding a
    record that lstmkit wrote is an earlier explanation's, rewritten (one of the user's of such a
    name is theirs, :func:`~lstmkit.cli.refuse_unmarked`)."""
    if out is None or not out.is_dir():
        return
    names = _out_names(out)
    marker = "explanation.json or relevance.json"
    refuse_unmarked(out, names, marker, "explanation", "lstmkit explain", "overwrite or delete")


# the figure of a classifier's sentences (plot_sentences), and the most sentences it draws: all
# are in their HTML and JSON files
_SENTENCES_PNG = "relevance.png"
_PNG_SENTENCES = 10
# the PNG text chunk that marks that figure as lstmkit's (:func:`_sentences_png`)
_PNG_MARK = ("Source", "lstmkit explain: relevance per token")


def _sentences_png(path: Path) -> bool:
    """Whether ``path`` is a sentences' figure that lstmkit explain wrote (its
    :data:`_PNG_MARK` text chunk, which matplotlib writes before the image data): a
    ``relevance.png`` of the user's beside a sentence's ``relevance.json`` of before 2026-12,
    when no figure was written beside it, was overwritten without a word."""
    key, text = _PNG_MARK
    try:
        with path.open("rb") as f:
            head = f.read(1 << 16)
    except OSError:
        return False
    return head.startswith(b"\x89PNG") and f"tEXt{key}\0{text}".encode() in head


def _text_files(count: int) -> list[tuple[str, str]]:
    """``(heatmap, relevance)`` file names for ``count`` sentences: the one-sentence names, or
    numbered from 1 so that several never overwrite each other."""
    if count == 1:
        return [("explanation.html", "relevance.json")]
    return [(f"explanation-{k}.html", f"relevance-{k}.json") for k in range(1, count + 1)]


@says_refused_flags
def run_explain(args: argparse.Namespace) -> int:
    one_file(args, ("explain",))
    args.method_given = args.method is not None
    args.method = args.method or "lrp"
    refuse_overwrite_without_out(args)
    check_out_dir(args.out, files=EXPLAIN_FILES)
    # `--out MODEL` (the model's own folder, say) would put the explanation among its files
    refuse_other_output(args.out, "lstmkit explain", ("explanation",))
    if args.out is not None:
        out = args.out
        refuse_all(  # both at once: a folder with both took two runs to hear of them
            # the files a record of lstmkit's there lists, which it rewrites or deletes (one it
            # would overwrite that none lists is refused with them, :func:`_refuse_out`); those
            # of an unmarked folder are refused with the read-only one, and --overwrite
            # replaces them
            lambda: _refuse_read_only_early(out, args.overwrite),
            lambda: args.overwrite or _refuse_unmarked_explanation(out),
        )
    # --top and the method's flags, before any model is loaded, every problem at once
    top = [f"--top must be a positive integer, got {value_repr(args.top)}."] if args.top < 1 else []
    with said_together(top):
        _options(args)
    import torch

    from lstmkit._device import device_name, usable_device
    from lstmkit.io import _config_read, held, load_config, newer_kind

    name = device_name(args.device)
    if name is not None and torch.device(name).type == "mps":
        # refused on any machine: with MPS present, every method failed midway
        raise CLIError(
            "--device must name a device with float64, such as 'cpu' (the default) or 'cuda', "
            f"got {args.device!r}: explanations compute in float64, which MPS does not support."
        )
    with as_flags(["device"]):
        usable_device(args.device)
    args.model = resolve_model_dir(args.model)
    config = load_config(args.model)
    kind = config.get("kind")
    # its config.json read once: the loader takes this read, not a second
    if kind == "classifier":
        with _config_read(args.model, config):
            return _explain_text(args)
    if kind == "lstmkit.Forecaster":
        with _config_read(args.model, config):
            return _explain_series(args)
    # a text model's folder was named by its kind alone ("holds a model of kind 'seq2seq'")
    raise CLIError(
        f"{str(args.model)!r} holds {held(config)}; explain supports a sentiment "
        f"classifier ('classifier') and a forecaster ('lstmkit.Forecaster'){newer_kind(config)}."
    )


def _sentences(args: argparse.Namespace) -> list[tuple[int, str]]:
    """``(number, sentence)`` pairs: the ``--text`` values numbered from 1, or the lines of
    ``--file`` (``-``: stdin) with their line numbers, blank lines skipped."""
    if args.file is not None:
        return read_sentences(args.file)
    if not args.text:
        raise CLIError(
            "a classifier needs --text 'a sentence' (repeated for several) or --file FILE with "
            "one sentence per line."
        )
    return list(enumerate(args.text, 1))


@dataclass(frozen=True)
class _Explained:
    """One sentence's explanation, out of a batch: its row of the :class:`Explanation`."""

    relevance: np.ndarray  # [T] float64, one per token
    score: float
    target: int
    initial_state: float
    # [C] the model's prediction, the softmax of its output on the explained batch
    probabilities: torch.Tensor
    # integrated gradients' score at zero inputs (the embeddings set to 0), else None
    baseline_score: float | None = None


def _explain_sentences(
    predictor: SentimentPredictor,
    texts: list[str],
    target: int | None,
    method: str,
    options: dict[str, object],
    batch_size: int = 64,
    progress: bool = False,
    where: Callable[[int], str] | None = None,
    counted: str | None = None,
) -> list[_Explained]:
    """Each text's explanation, in the order of ``texts``, from padded batches of ``batch_size``
    with their lengths, grouped by length as :meth:`SentimentPredictor.predict_proba` groups
    them: what each text gets alone, to float rounding (padding never reaches the relevance).
    One text is one batch of one, as explain always did. ``progress``: a bar over the texts.

    Each text's probabilities are the softmax of the model's output on its batch (run first as
    a prediction, an ensemble's with each member's output, which LRP's output check reads
    instead of running the model or a member again), as ``predict_proba`` computes
    them from the same batches, bit for bit, and no text is predicted once more on its own.
    Without a ``target``, each text's explained class is the one they show as predicted
    (``SentimentPredictor._explained_batches``), also on a tie. ``where(k)`` names text ``k``
    in the warning of relevances that blew up as the command names it (``sentence 2 (--text)``,
    ``--file``'s lines with blank lines skipped), as ``text predict`` names it, and ``counted``
    what the texts are then ("sentences", "non-blank lines")."""
    import dataclasses
    import functools

    import torch

    from lstmkit._checks import _told, progress_bar
    from lstmkit._interrupts import _interruptible
    from lstmkit.explain._blown import (
        Blown,
        blown_rows,
        gradient_totals,
        said_with_flags,
    )
    from lstmkit.explain.baselines import ig_steps, integrated
    from lstmkit.explain.lrp import _members
    from lstmkit.text.sentiment import _warn_blown_up

    ids = [predictor.vocab.encode(predictor.tokens(t)) for t in texts]
    found: list[_Explained | None] = [None] * len(ids)
    blown: list[Blown] = []  # LRP's relevances blown up through a long text, as `text predict`
    if method == "ig":
        # by the points of the paths, each text's --ig-steps of them (an ensemble's members'
        # each), told by each model call: a bar of texts stood at 0/1 for the whole of one
        # text's --ig-steps 100000, minutes with nothing on the screen
        members = _members(predictor.model)
        paths = len(ids) * (1 if members is None else len(members))
        steps = ig_steps(options) or 1  # --ig-steps, checked positive, or its default
        bar = progress_bar(progress, total=paths * steps, desc="explain", unit="point", leave=False)
        texts_done: Any = progress_bar(False)  # no count of texts beside the points
        told: Any = lambda done, _total: bar.update(done)  # noqa: E731
    else:
        bar = progress_bar(progress, total=len(ids), desc="explain", unit="text", leave=False)
        texts_done, told = bar, None

    def explain_all() -> None:
        batches = predictor._explained_batches(
            ids, target, batch_size, texts_done, method, **options
        )
        for chunk, ex, output in batches:
            relevance = ex.relevance.cpu().numpy()  # [b, T]; numpy reads CPU tensors only
            score, initial, targets = (
                t.cpu().tolist() for t in (ex.score, ex.initial_state, ex.target)
            )
            if method == "lrp":
                rows = [relevance[row, : len(ids[k])].tolist() for row, k in enumerate(chunk)]
                reference = functools.partial(gradient_totals, predictor.model, ex)
                eps = float(options.get("eps", 1e-3))  # type: ignore[arg-type]
                for b in blown_rows(rows, score, reference, eps=eps):
                    blown.append(dataclasses.replace(b, row=chunk[b.row]))
            probs = torch.softmax(output, dim=-1).cpu()
            base = None if ex.baseline_score is None else ex.baseline_score.cpu().tolist()
            for row, k in enumerate(chunk):
                found[k] = _Explained(
                    relevance[row, : len(ids[k])],
                    score[row],
                    int(targets[row]),
                    initial[row],
                    probs[row],
                    None if base is None else base[row],
                )

    with _told(integrated, told), bar:
        # in a thread of its own, as text predict's prediction: the model and LRP run over
        # a text of 200,000 tokens in native calls of minutes, during which Ctrl-C and
        # SIGTERM waited (SIGTERM 20 s into `explain` of such a text ended it 467 s later)
        _interruptible(explain_all)
    if blown:
        with said_with_flags():  # --eps, not eps=
            eps = float(options.get("eps", 1e-3))  # type: ignore[arg-type]
            _warn_blown_up(blown, len(ids), eps, where, counted)
    return [e for e in found if e is not None]


def _explain_text(args: argparse.Namespace) -> int:
    from lstmkit.cli.text import _line_of_file, _still_running
    from lstmkit.explain.render import (
        printable,
        terminal_legend,
        to_html,
        to_terminal,
        top_contributions,
    )
    from lstmkit.text.labelled import _NUMBER, _tokenised_once
    from lstmkit.text.sentiment import SentimentPredictor

    forecaster_only = [
        flag
        for flag, value in (
            ("--csv", args.csv),
            ("--step", args.step),
            ("--date-col", args.date_col),
            ("--value-col", args.value_col),
            ("--covariate-cols", args.covariate_cols),
            ("--future-cols", args.future_cols),
            ("--fill", args.fill),
            ("--date-format", args.date_format),
            *csv_format_flags(args),
        )
        if value is not None
    ]
    if forecaster_only:
        raise CLIError(
            f"{', '.join(forecaster_only)} {'applies' if len(forecaster_only) == 1 else 'apply'} "
            f"to a forecaster; {str(args.model)!r} holds a "
            "classifier, which explains sentences given with --text or --file."
        )
    sentences = _sentences(args)  # before the model is loaded
    several = len(sentences) > 1
    # each step named in a device's out-of-memory error (see doing), as forecast's are
    with as_flags(["device"]), doing("moving the model to it"):
        predictor = SentimentPredictor.load(args.model, device=args.device)

    def where(n: int) -> str:
        if args.file is not None:
            return _line_of_file(n, args.file)
        # as text predict names its arguments: "the sentence (--text)" alone, so the warning of
        # relevances that blew up reads "the sentence (--text), of 31 tokens," not "--text, of"
        return f"sentence {n} (--text)" if several else "the sentence (--text)"

    # the check, the explanation, the prediction and the output each read every sentence's
    # tokens: tokenised once for all of them; a line on stderr each minute where no bar shows
    # (`explain CLF --file reviews.txt 2> log` was silent for minutes, as text predict was)
    with _tokenised_once(), _still_running(args, "explain"):
        refuse_empty_sentences(sentences, predictor.tokens, where)
        labels = list(predictor.labels)
        target = None
        if args.target is not None:
            # where a class is named by a number (ratings 1 … 5, 1.0 … 5.0, -1 0 1), another number
            # is no index: `--target 0` explained the class "1", and `--target 2` of classes 1, 5,
            # 10 the "10" (a number as `text train` reads one, so 2.0 or -1 as well as 2)
            numbered = any(_NUMBER.fullmatch(label) for label in labels)
            if args.target in labels:
                target = labels.index(args.target)
            elif numbered:
                raise CLIError(
                    f"--target must be one of {labels} (classes named by numbers, so a number "
                    f"names one and is not read as an index), got {args.target!r}."
                )
            elif args.target.isdecimal() and int(args.target) < len(labels):  # what int() reads
                target = int(args.target)
            else:
                # as Python's lrp and SentimentPredictor.explain say it: -1 is no last class
                # (-0 is no negative index: told it was one, it is the first written unsigned)
                signed = args.target[:1] == "-" and args.target[1:].isdecimal()
                note = (
                    ""
                    if not signed
                    else " (a negative index does not count from the end)"
                    if int(args.target[1:])
                    else " (an index is written without a sign: 0)"
                )
                raise CLIError(
                    f"--target must be one of {labels} or an index in [0, {len(labels)})"
                    f"{note}, got {args.target!r}."
                )
        files = _text_files(len(sentences))
        names = [*(name for pair in files for name in pair), _SENTENCES_PNG]
        if args.out is not None and several:  # the numbered names, before anything is computed
            check_out_dir(args.out, files=tuple(names))
        if args.out is not None:
            _refuse_out(args.out, names, args.overwrite)
        texts = [t for _, t in sentences]
        progress = show_progress(args.progress)
        options = _options(args)
        with doing("explaining the sentences"):
            # each sentence named as its refusals name it: a --file's by its line (its third,
            # after a blank line, was "text 3"), a --text by its number ("sentence 2 (--text)",
            # not "text 2")
            explained = _explain_sentences(
                predictor,
                texts,
                target,
                args.method,
                options,
                progress=progress,
                where=lambda k: where(sentences[k][0]),
                counted="sentences" if args.file is None else "non-blank lines",
            )
        # without --target, each explains the class printed as predicted, also on a tie
        probabilities = [e.probabilities for e in explained]
        color = not args.no_color and colours_wanted(sys.stdout)  # NO_COLOR heeded
        # once for all sentences: reading the versions (pandas' from its installed metadata) cost
        # more than the explanations themselves, 1.4 ms a sentence
        computed_with = _computed_with(args)
        blocks: list[tuple[dict[str, object], list[str]]] = []
        with contextlib.ExitStack() as stack:
            # the files go into --out together once all are written, and an earlier explanation's
            # that this one does not write again leave: one that fails part-way leaves it as it was
            stage: Path | None = None
            if args.out is not None:
                stale = _stale_names(args.out, args.overwrite)
                stage = stack.enter_context(written_together(args.out, stale))
            drawn: list[tuple[list[tuple[str, float]], str, float, str, list[str]]] = []
            for k, ((n, text), ex, probs, (html_name, json_name)) in enumerate(
                zip(sentences, explained, probabilities, files, strict=True)
            ):
                tokens = predictor.tokens(text)
                predicted = labels[int(probs.argmax())]
                explained_label = labels[ex.target]
                unknown = predictor.unknown(text)
                record: dict[str, object] = {
                    "model": str(args.model),
                    "text": text,
                    "tokens": tokens,
                    "relevance": [float(v) for v in ex.relevance],
                    "initial_state": ex.initial_state,
                    "predicted": predicted,
                    "probability": float(probs.max()),
                    # every class's, by name, as text predict --json has them: with --target on
                    # another class, the explained class's was in no field
                    "probabilities": {c: float(p) for c, p in zip(labels, probs, strict=True)},
                    "explained": explained_label,
                    "target": ex.target,
                    "score": ex.score,
                    "method": args.method,
                    "options": options,
                    # integrated gradients: the score at zero inputs, which their relevance
                    # sums to the score less, up to the convergence delta
                    **({} if ex.baseline_score is None else {"baseline_score": ex.baseline_score}),
                    "unknown": unknown,
                    **computed_with,
                }
                if args.file is not None:
                    record["line"] = n
                # the text block, which --json does not print: a third of the time that is
                # not the explanation went into colouring and aligning it
                lines: list[str] = []
                if not args.json:
                    lines += [f"> {printable(text)}"] if several else []
                    lines += [
                        f"predicted: {printable(predicted)} (p = {float(probs.max()):.3f})",
                        f"explained: {printable(explained_label)}, score {ex.score:.4f}, "
                        f"method {args.method}",
                        to_terminal(tokens, ex.relevance, color=color),
                    ]
                    if color:  # the numbers say it without colours
                        lines.append(terminal_legend(tokens, ex.relevance, explained_label))
                    shown = min(args.top, len(tokens))
                    lines.append(f"top {shown} contribution{'s' * (shown != 1)}:")
                    top = top_contributions(tokens, ex.relevance, args.top)
                    # a word the model read as <unk> is named so here too: "lifeless +0.0528"
                    # read as the word's own relevance, the note naming it lines further down
                    unread = set(unknown) - {"<unk>"}
                    toks = padded_column(
                        (
                            printable(tok) + (" (<unk>)" if tok in unread else "")
                            for _, tok, _ in top
                        ),
                        20,
                    )
                    lines += [
                        f"  {pos:3d}  {tok} {_num(value)}"
                        for (pos, _, value), tok in zip(top, toks, strict=True)
                    ]
                    if args.method in SUMMED:
                        total = float(sum(float(v) for v in ex.relevance))
                        lines.append(
                            relevance_in_all(
                                [("tokens", total)],
                                f"score {ex.score:.4f}",
                                options,
                                float(ex.initial_state),
                                args.method,
                                completeness=None
                                if ex.baseline_score is None
                                else (ex.score, ex.baseline_score),
                            )
                        )
                    if unknown:
                        words = " ".join(map(printable, unknown))
                        lines.append(f"not in the vocabulary (read as <unk>): {words}")
                        # each word's colour and number were read as the word's own
                        said = unknown_words_line(tokens, unknown, relevance=True)
                        lines += [said] if said is not None else []
                if stage is not None:
                    # written straight into the stage, which goes into --out whole: to_html's
                    # path= writes each page whole too, listing the folder for a dead write's
                    # leftovers, so 1,600 sentences listed it 1,600 times (29 s of a 33 s run)
                    page = to_html(
                        tokens,
                        ex.relevance,
                        predicted=predicted,
                        score=ex.score,
                        target=explained_label,
                        method=args.method,
                        unknown=unknown,
                    )
                    (stage / html_name).write_text(page, "utf-8")
                    _write_json(stage / json_name, record)
                    pair = [args.out / html_name, args.out / json_name]
                    if k < _PNG_SENTENCES:  # drawn in relevance.png too
                        pair.append(args.out / _SENTENCES_PNG)
                    pairs = list(zip(tokens, map(float, ex.relevance), strict=True))
                    drawn.append((pairs, predicted, float(probs.max()), explained_label, unknown))
                    record["written"] = [str(p) for p in pair]
                    if not args.json:
                        lines.append(f"wrote {and_list(list(map(str, pair)))}")
                        if k == _PNG_SENTENCES:
                            lines.append(
                                f"{args.out / _SENTENCES_PNG} draws the first {_PNG_SENTENCES} "
                                f"of {len(sentences)} sentences; this one and those after it "
                                "are in their HTML and JSON files only"
                            )
                blocks.append((record, lines))
            if stage is not None:
                _plot_sentences(stage / _SENTENCES_PNG, drawn, args, sentences)
    print_sentence_blocks(blocks, args.json)
    return 0


def _plot_sentences(
    path: Path,
    drawn: list[tuple[list[tuple[str, float]], str, float, str, list[str]]],
    args: argparse.Namespace,
    sentences: list[tuple[int, str]],
) -> None:
    """``relevance.png``: the first :data:`_PNG_SENTENCES` of the sentences ``drawn``
    (:func:`~lstmkit.explain.render.plot_sentences`, which says how many it left out), each
    ``(pairs, predicted, probability, explained, unknown)``; --file's named by their lines."""
    from lstmkit.explain.render import plot_sentences

    pairs, predicted, probability, explained, unknown = (list(c) for c in zip(*drawn, strict=True))
    names = None
    if args.file is not None:
        names = [f"{k + 1} (line {n})" for k, (n, _) in enumerate(sentences)]
    fig = plot_sentences(
        pairs,
        predicted=predicted,
        probability=probability,
        explained=explained,
        unknown=unknown,
        names=names,
        method=args.method,
        most=_PNG_SENTENCES,
    )
    # marked as lstmkit's (:func:`_sentences_png`); the stage's file, moved in with the others
    fig.savefig(path, format="png", dpi=fig.dpi, metadata=dict([_PNG_MARK]))


def _computed_with(args: argparse.Namespace) -> dict[str, object]:
    """The torch threads, library versions and command line an explanation was computed with,
    as ``lstmkit forecast``'s run.json and the text commands' ``--json`` record them: the
    thread count can change the float rounding, so the relevances too, and the command runs it
    again."""
    import torch

    from lstmkit.io import versions

    return {
        "threads": torch.get_num_threads(),
        "versions": versions(),
        "command": args.command_line,
    }


def _num(value: float) -> str:
    """A relevance: 4 decimals (``+0.0322``) from 0.001 up to 100,000, scientific with 3
    significant digits (``-5.41e-05``) outside, so a small one never prints as ``+0.0000``."""
    return f"{value:+.4f}" if value == 0 or 1e-3 <= abs(value) < 1e5 else f"{value:+.2e}"


# What gradient x input sums to: x . grad f(x), the first-order Taylor estimate of f(x) - f(0)
# taken at x. Measured on a 4-unit LSTM classifier (float64): at inputs of scale 0.01 the sum
# was f(x) - f(0) to 0.3% (-9.31e-04 against -9.34e-04); at scale 1, +0.0333 against -0.0284
# (and an output of -0.165); on a linear model, f(x) - f(0) to 1e-16 at every scale, the bias
# not in it. The line said nothing, and read as a share of the output, as LRP's is.
GRADXINPUT_SUM = (
    "gradient x input sums to a first-order estimate of the output less the output at zero "
    "inputs, exact only for a model linear in its inputs"
)


def relevance_in_all(
    parts: list[tuple[str, float]],
    output: str,
    options: dict[str, object],
    initial_state: float,
    method: str = "lrp",
    *,
    completeness: tuple[float, float] | None = None,
    baseline: str = "zero inputs",
) -> str:
    """One line of conservation: the input relevance's sums (``parts``: lags, decoder inputs or
    tokens) against the explained ``output``; with LRP also the initial state's share and, below
    ``bias_factor`` 1, that the biases hold the rest: ``relevance in all: lags -0.0088 + initial
    state +0.0000 = -0.0088, network output 0.3883; the biases hold the rest (pass
    --bias-factor 1 to conserve it)``. With ``method`` ``"ig"``, that the sum approaches the
    output less the zero baseline's (completeness), not the output; with ``"gradxinput"``,
    what gradient x input sums to (:data:`GRADXINPUT_SUM`). Sensitivity's squared
    gradients and occlusion's drops, each measured with the other inputs in place, are no share
    of the output: no line is printed for them (:data:`SUMMED`).

    ``completeness``, for ``"ig"``: the explained output and the output at zero inputs,
    ``(score, baseline_score)`` (the path's steps read from ``options``); the line then gives
    the output at zero inputs, what the sum approaches and Captum's convergence delta (the sum
    less it), which more ``--ig-steps`` bring towards 0 (without them it said "the
    baseline's", no number).
    ``baseline`` names where that output is taken: a forecaster's is "an all-zero (scaled)
    window", its future inputs (a seq2seq model's decoder inputs, a direct one's future
    covariates) held as they are, which "zero inputs" said were zero too."""
    if "bias_factor" not in options:  # not LRP: no initial state's share
        sums = " + ".join(f"{name} {_num(value)}" for name, value in parts)
        line = f"relevance in all: {sums}, {output}"
        if method == "ig" and completeness is not None:  # f(x) - f(0), and how far the sum is
            score, at_zero = completeness
            steps = int(options["steps"])  # type: ignore[call-overload]
            total = sum(value for _, value in parts)
            line += (
                f"; integrated gradients sum to the output less the output at {baseline} "
                f"({_num(at_zero)}), {_num(score - at_zero)}: convergence delta "
                f"{_num(total - (score - at_zero))} at {steps} step{plural_s(steps)} (--ig-steps)"
            )
        elif method == "ig":  # completeness: f(x) - f(baseline), the baseline's output not held
            line += "; integrated gradients sum to the output less the baseline's (at zero inputs)"
        elif method == "gradxinput":  # x . grad f(x): f(x) - f(0) to first order, at x
            line += "; " + GRADXINPUT_SUM
        return line
    parts = [*parts, ("initial state", initial_state)]
    sums = " + ".join(f"{name} {_num(value)}" for name, value in parts)
    total = sum(value for _, value in parts)
    line = f"relevance in all: {sums} = {_num(total)}, {output}"
    if options["bias_factor"] != 1:
        line += "; the biases hold the rest (pass --bias-factor 1 to conserve it)"
    return line


def _fmt(value: float) -> str:
    """:func:`_num` right-aligned in 9 characters, so the column after it stays aligned."""
    return f"{_num(value):>9}"


def _read_history(
    args: argparse.Namespace,
    model_columns: list[str],
    future: list[str],
    steps: int,
    dates: object = None,
) -> tuple[pd.Series, pd.DataFrame | None, pd.DataFrame | None]:
    """The series, its covariates and, for a model with the ``future`` covariates, those over
    the rows of ``--csv`` that the explained forecast step reads (the series' rows, then the
    first ``steps`` after its target's last value, up to ``--step``: a plan's empty cells later
    are not refused). ``dates``: the model's date column, read by default where the file has
    it."""
    from lstmkit import data as D
    from lstmkit._remedies import plan_read_by_name
    from lstmkit.cli._forecast_run import _model_csv_columns, note_inserted, refuse_plan_gap

    raw, date_col, cols, futures = _model_csv_columns(args, model_columns, future, dates)
    options = {"fill": args.fill, "date_format": args.date_format, **csv_format(args)}
    by_name = not args.future_cols  # the model's, read by name: said so, not as a flag
    with as_flags(["where"]), _flags_of_absent_columns(args), plan_read_by_name(by_name):
        if futures and cols[0] in raw.columns:  # rows after the target's last value: the future
            where = options["where"] or {}
            after = D._future_rows(raw, cols[0], where, typed_path(args.csv))
            before, plan = raw.drop(index=after), raw.drop(index=after[steps:])
            frame = D._frame_of_table(
                before, args.csv, date_col, [*cols, *futures], **options, plan=futures
            )
            # the steps whose plan the file holds, which an earlier step reads
            fewer = _earlier_step(D._plan_reach(raw, after[:steps], futures))
            try:
                ahead = D._frame_of_table(
                    plan,
                    args.csv,
                    date_col,
                    futures,
                    **options,
                    name="future_covariates",
                    fewer=fewer,
                )
            except ValueError as error:  # a gap there told as the plan's, as forecast does
                refuse_plan_gap(error, args, plan, after[:steps], date_col, options, futures)
                raise
            ahead.columns = list(future)  # --future-cols names the model's, in its order
        else:
            frame, ahead = D._frame_of_table(raw, args.csv, date_col, cols, **options), None
    chose = None if args.value_col is not None else model_columns[0]
    refuse_true_false_target(frame, args.csv, saved=True, chose=chose)
    note_inserted(args, frame)  # was said by forecast and predict alone
    covariates = frame.iloc[:, 1 : len(cols)] if len(cols) > 1 else None
    return frame.iloc[:, 0], covariates, ahead


@contextlib.contextmanager
def _flags_of_absent_columns(args: argparse.Namespace) -> Iterator[None]:
    """A refusal of columns the file lacks names the flags that named them (those the model
    names, not given by a flag, were refused before, naming the flag that gives the file's:
    :func:`lstmkit.cli._forecast_run._model_csv_columns`)."""
    try:
        yield
    except ValueError as err:
        named = [
            ("--date-col", [args.date_col] if args.date_col is not None else []),
            ("--value-col", [args.value_col] if args.value_col is not None else []),
            ("--covariate-cols", args.covariate_cols or []),
            ("--future-cols", args.future_cols or []),
        ]
        refuse_absent_columns(err, args, named)
        raise


def _earlier_step(held: int) -> str | None:
    """Explain's lever where ``--csv`` holds the future covariates of the first ``held``
    forecast steps only: an earlier ``--step`` (None where it holds none)."""
    if not held:
        return None
    return f"explain an earlier step (--step {held - 1}{' or less' if held > 1 else ''})"


def _check_step(args: argparse.Namespace, strategy: str, horizon: int) -> int:
    """``--step`` (default 0) checked against the outputs the network has."""
    step = 0 if args.step is None else args.step
    if strategy == "recursive":
        if step != 0:
            raise CLIError(
                f"--step must be 0 for this model, got {value_repr(step)}: its strategy is "
                "'recursive', so its network forecasts one step ahead only (later steps feed its "
                "own forecasts back in) and explain explains that one step."
            )
    elif not 0 <= step < horizon:
        raise CLIError(
            f"--step must be in [0, {horizon}) for this model (horizon {horizon}; 0 is the next "
            f"step), got {value_repr(step)}."
        )
    return step


@contextlib.contextmanager
def _lrp_refused_by_flags(*, given: bool = True) -> Iterator[None]:
    """explain_forecast's refusal of LRP for a direct model with future covariates, re-raised
    naming the flags: the seq2seq strategy is `lstmkit forecast`'s --strategy, not the
    Python argument; the default method (``given`` False) is said to be the default, not
    a --method the user typed."""
    from lstmkit.explain.forecast import _lrp_refused

    try:
        yield
    except ValueError as err:
        names = getattr(err, "_lrp_names", None)  # set by _lrp_refusal alone
        if names is None:
            raise
        raise CLIError(_lrp_refused(names, flags=True, given=given)) from None


def _explain_series(args: argparse.Namespace) -> int:
    """A forecaster's explanation; ``--csv -`` and a named pipe (``--csv <(zcat new.csv.gz)``)
    are read once, after the flags and the model that need no data, into a copy deleted
    however the command ends (:func:`lstmkit.cli.read_once`)."""
    from lstmkit.cli.forecast import _tab_by_name

    # --csv s.tsv read with a tab, as forecast and predict read it, and said so where that
    # reads it as one column
    with _tab_by_name(args), contextlib.ExitStack() as copies:
        return _explain_window(args, copies)


def _explain_window(args: argparse.Namespace, copies: contextlib.ExitStack) -> int:
    from lstmkit._interrupts import _interruptible
    from lstmkit.explain._blown import said_with_flags
    from lstmkit.explain.forecast import explain_forecast
    from lstmkit.forecast import Forecaster

    if args.text is not None or args.file is not None:
        given = (
            f"--file applies to a classifier (the sentences to explain), got {args.file!r}"
            if args.file is not None
            else "--text applies to a classifier (the sentence to explain), got "
            + repr(args.text[0] if len(args.text) == 1 else args.text)
        )
        raise CLIError(
            f"{given} for the forecaster {str(args.model)!r}; it explains a series window: give "
            "a history with --csv FILE, or nothing for the one it was fitted on."
        )
    if args.target is not None:
        raise CLIError(
            f"--target applies to a classifier (the class to explain), got {args.target!r} for "
            f"the forecaster {str(args.model)!r}; choose its forecast step with --step."
        )
    if args.csv is None:
        refuse_csv_flags(args, saved=True)
    with as_flags(["device"]):
        forecaster = Forecaster.load(args.model, device=args.device)
    futures = forecaster.state_["future"]
    if futures and args.csv is None:
        raise CLIError(
            f"the model in {str(args.model)!r} was fitted with the future covariates "
            f"{', '.join(futures)}, which its forecast reads at every step: pass --csv FILE "
            "with their columns, the rows after the target's last value holding their values "
            "at the forecast steps (--future-cols names them if the file calls them otherwise)."
        )
    if args.future_cols and not futures:
        raise CLIError(
            f"--future-cols {' '.join(args.future_cols)}: the model in {str(args.model)!r} was "
            "fitted without future covariates."
        )
    step = _check_step(args, forecaster.config.strategy, forecaster.config.horizon)
    _options(args)  # checked before the CSV is read
    if args.out is not None:  # before the computation, as of sentences
        # a seq2seq model's decoder inputs have relevance of LRP's alone: another method
        # writes no decoder_relevance.csv, and a user's was refused as one it would overwrite
        decoder = forecaster.config.strategy == "seq2seq" and args.method == "lrp"
        _refuse_out(args.out, _series_files(decoder), args.overwrite)
    from lstmkit import data as D
    from lstmkit.cli._forecast_run import _csv_as_the_run, _runs_reading, _source, _warn_older

    if args.csv is not None:
        if not _piped(args.csv):
            check_csv(args.csv)  # a folder, a file not there: refused before any note
        args = _csv_as_the_run(args, args.model, copies)
    # the bytes parsed, hashed as they were read; a refusal of the run's --where or
    # --date-format says it is the run's; a newer history's hours open on the model's days
    with (
        D._sha256_of_read() as digests,
        _runs_reading(args),
        D._days_trained(forecaster._trained_step()),
    ):
        # the model's time zone, which a file's dates read in UTC are explained on (the note)
        zone = (forecaster.state_.get("history") or {}).get("tz")
        series, covariates, future = (
            (None, None, None)
            if args.csv is None
            else _read_history(
                argparse.Namespace(**{**vars(args), "zone": zone}),
                forecaster.state_["columns"],
                futures,
                step + 1,
                (forecaster.state_.get("history") or {}).get("name"),  # its date column
            )
        )
    if future is not None and series is not None:
        after = int((future.index > series.index[-1]).sum())
        if after <= step:
            ahead = D.future_index(series.index, step + 1)
            # the file's names of the columns (--future-cols may rename the model's)
            given = ", ".join(args.future_cols or future.columns)
            earlier = _earlier_step(after)
            # the first step's, of one row, was "at X … X, and the file holds 0 rows after
            # the target's last value; the first missing is X"
            held = (
                "has no row for it after the target's last value"
                if step == 0
                else f"holds {after} row{plural_s(after)} after the target's last value; the "
                f"first missing is {D._label(ahead[after])}"
            )
            raise CLIError(
                f"--csv {typed_path(args.csv)}: forecast step {step + 1} after "
                f"{D._label(series.index[-1])} reads the future covariates "
                f"{', '.join(future.columns)} "
                + (
                    f"at that step, {D._label(ahead[0])}"
                    if step == 0
                    else f"at {D._label(ahead[0])} … {D._label(ahead[-1])}"
                )
                + f", and the file {held}. "
                + add_plan_rows(given, str(series.name), earlier, step + 1 - after)
            )
    # LRP of a direct model with future covariates is refused (--method); the library's
    # `series` is the --csv file
    source = _source(args)
    with far_outside_of_source(source), as_flags(["method"]), as_source(source):
        with (
            _lrp_refused_by_flags(given=args.method_given),
            doing("explaining the forecast"),
            said_with_flags(),  # a blown-up explanation's advice: --eps, not eps=
        ):
            # in a thread of its own, as a sentence's explanation: occlusion runs batches of
            # up to 512 windows in native calls of seconds (336 lags of 5 inputs: 4 s each on
            # 2 cores), which Ctrl-C and SIGTERM waited for
            ex = _interruptible(
                lambda: explain_forecast(
                    forecaster,
                    step=step,
                    method=args.method,
                    series=series,
                    covariates=covariates,
                    future_covariates=future,
                    progress=show_progress(args.progress),  # the saved config's is fit's
                    **_options(args),
                )
            )
    lags = len(ex.per_lag)
    if series is not None:
        # an older file, as `lstmkit predict` warns of it: its step is in the training data
        _warn_older(
            args,
            forecaster,
            series.index,
            D.future_index(series.index, step + 1)[-1:],
            explained=True,
        )
        _note_filled_lags(args.fill, series, covariates, future, lags, forecaster.config.difference)
    else:
        _note_runs_filled_lags(args.model, forecaster, lags)
    record: dict[str, object] = {
        "model": str(args.model),
        "csv": None if args.csv is None else str(args.csv),
        # which data it was, as `lstmkit predict` records it (None: the model's own)
        "data_sha256": None if args.csv is None else digests[args.csv],
        # the rows read with --where (or the run's), as `lstmkit predict --json` records them:
        # an explanation of one store of a long file did not say which
        "where": dict(args.where) if args.csv is not None and args.where else None,
        "origin": _iso(ex.index[-1]),
        "step": int(ex.step),
        "time": None if ex.time is None else _iso(ex.time),
        "method": args.method,
        "options": _options(args),
        "score": float(ex.score),
        "initial_state": float(ex.initial_state),
        # integrated gradients: the output at the all-zero window, which their relevance sums
        # to the output less, up to the convergence delta
        **({} if ex.baseline_score is None else {"baseline_score": float(ex.baseline_score)}),
        "lags": lags,
        **_computed_with(args),
    }
    if args.json:
        _explain_series_json(args, ex, record)
        return 0
    print(
        f"explained: forecast step {ex.step + 1} after {ex.index[-1]}"
        + (f" ({ex.time})" if ex.time is not None else "")
        + ", network output "
        f"{ex.score:.4f} (scaled), method {args.method}, {lags} lags"
    )
    import numpy as np

    order = np.argsort(-np.abs(ex.per_lag), kind="stable")[: args.top]
    # a zoned series' times (2020-01-28 00:00:00+05:30) are wider than the column's 20
    width = max(20, *(len(str(label)) for label in [*ex.index, *(ex.future_index or [])]))
    # "lag" and "step" rows end their numbers in one column: "  lag   2", "  step  1"
    steps = len(ex.future_index or [])
    digits = max(3, len(str(lags)), len(str(steps)) + 1)
    print(f"top {len(order)} lag{'s' * (len(order) != 1)}:")
    for i in order:
        detail = _parts(ex.features, None if ex.per_feature is None else ex.per_feature[i])
        print(f"  lag {lags - i:{digits}d}  {ex.index[i]:<{width}} {_fmt(ex.per_lag[i])}{detail}")
    if ex.future is not None and ex.future_index is not None:
        # seq2seq: the decoder inputs (constant, calendar, future covariates) of the steps up to
        # the explained one, each step's by input as a lag's by feature: a planned promotion's
        # share was in decoder_relevance.csv and --json only
        per_step = ex.future.sum(axis=1)
        print(f"decoder inputs of forecast steps 1-{len(per_step)}: {_num(per_step.sum())} in all")
        for k, (label, value) in enumerate(zip(ex.future_index, per_step, strict=True)):
            detail = _parts(ex.future_features or [], ex.future[k])
            print(f"  step {k + 1:{digits - 1}d}  {label:<{width}} {_fmt(value)}{detail}")
    parts = [("lags", float(ex.per_lag.sum()))]
    if ex.future is not None:
        parts.append(("decoder inputs", float(ex.future.sum())))
    if args.method in SUMMED:
        output = f"network output {ex.score:.4f}"
        options = _options(args)
        completeness = None
        if ex.baseline_score is not None:
            completeness = (float(ex.score), float(ex.baseline_score))
        print(
            relevance_in_all(
                parts,
                output,
                options,
                float(ex.initial_state),
                args.method,
                completeness=completeness,
                # the scaled window's zeros, not the series' (0 passengers), the future inputs
                # held: "zero inputs" said they were zero too
                baseline="an all-zero (scaled) window",
            )
        )
    if args.out is not None:
        written = _write_series(args, ex, record)
        print(f"wrote {', '.join(map(str, written[:-1]))} and {written[-1]}")
    return 0


def _note_runs_filled_lags(model_dir: Path, forecaster: Any, lags: int) -> None:
    """:func:`_note_filled_lags` of the saved history that ``explain RUN`` reads without
    ``--csv``: the values the run's ``--fill`` made up there, as its run.json records them
    (``filled_in_history``: :func:`lstmkit.cli._forecast_run._filled_in_history`). Nothing
    where none, for a ``Forecaster.save`` folder, or a run saved before they were recorded."""
    import pandas as pd

    from lstmkit.cli._forecast_run import _run_reading, _run_record
    from lstmkit.forecast import _user_names

    record = _run_record(model_dir)
    made = None if record is None else record[0].get("filled_in_history")
    fill = None if record is None else (_run_reading(record[1]) or {}).get("fill")
    if not isinstance(made, dict) or not made or fill is None:
        return
    history = forecaster._history()
    # the covariates by the file's names, as the run (and a --csv note) named them
    history.columns = _user_names(history.columns)
    # as run.json writes times (2024-01-03, 2024-01-03T06:00:00), or as a run saved before
    # io12 wrote them (str's 2024-01-03 00:00:00)
    at = {str(time): q for q, time in enumerate(history.index)}
    if isinstance(history.index, pd.DatetimeIndex):
        at |= {time.isoformat(): q for q, time in enumerate(history.index)}
        at |= {
            time.strftime("%Y-%m-%d"): q
            for q, time in enumerate(history.index)
            if time == time.normalize() and time.tzinfo is None
        }
    series = history.iloc[:, 0].copy()
    series.attrs = {
        "period": history.attrs.get("period"),
        "filled": {
            column: [at[t] for t in times if isinstance(t, str) and t in at]
            for column, times in made.items()
            if column in history.columns and isinstance(times, list)
        },
    }
    covariates = history.iloc[:, 1:] if history.shape[1] > 1 else None
    _note_filled_lags(fill, series, covariates, None, lags, forecaster.config.difference)


def _note_filled_lags(
    fill: str | None, series: Any, covariates: Any, future: Any, lags: int, difference: int
) -> None:
    """Say on stderr which values the explanation read that --fill made up, by column and
    time: the window's (the target's, the covariates' and the future covariates') and the
    future covariates' at the explained forecast steps. Their relevance is that of values the
    file does not hold, and neither the lines nor relevance.png told them from observed ones.

    ``series`` and ``covariates`` hold the target and past covariates (``attrs["filled"]``:
    positions per column of the frame they came from); ``future``, the future covariates over
    the history and the explained steps, is read and filled on its own, and the explanation
    reads their values from it (a planned promotion's gap in the window was not named). A
    ``difference`` reads that many of the target's points before the window's first: named
    with the lag whose difference reads them (the covariates, not differenced, read none)."""
    from lstmkit import data as D

    n = len(series)
    first, origin = series.index[n - lags], series.index[-1]
    # labelled as the lag lines are: an hourly window's midnight was "2024-01-03" beside them
    period, timed = series.attrs.get("period"), D._timed(series.index)
    window: dict[str, list[str]] = {}  # the labels of the made-up values, by column
    ahead: dict[str, list[str]] = {}
    target = series.attrs.get("filled", {}).get(series.name, [])
    inside = [q for q in target if q >= n - lags]
    if inside:
        window[series.name] = [D._label(series.index[q], period, timed) for q in inside]
    read = [] if covariates is None else [(series, list(covariates.columns))]
    if future is not None:
        read.append((future, list(future.attrs.get("filled", {}))))
    for frame, columns in read:
        filled = frame.attrs.get("filled", {})
        for column in columns:
            for time in (frame.index[q] for q in filled.get(column, [])):
                if time >= first:
                    label = D._label(time, period, timed)
                    (window if time <= origin else ahead).setdefault(column, []).append(label)
    said = [
        f"{sum(map(len, made_up.values()))} of the {what} ("
        + "; ".join(f"{c} at {D._describe_positions(t)}" for c, t in made_up.items())
        + ")"
        for what, made_up in (
            ("explained window's values", window),
            ("future covariates' values at the explained forecast steps", ahead),
        )
        if made_up
    ]
    # not a lag of the window: the difference of lag n - q - difference reads it alone
    if before := [q for q in target if n - lags - difference <= q < n - lags]:
        lag = and_list([str(n - q - difference) for q in before])
        times = D._describe_positions([D._label(series.index[q], period, timed) for q in before])
        many = len(before) > 1
        said.insert(
            0,
            f"{len(before)} of the {series.name!r} values before the window ({times}), which "
            f"the difference{'s' * many} of lag{'s' * many} {lag} read{'s' * (not many)}",
        )
    if said:
        print(
            f"note: --fill {fill} made up {' and '.join(said)}; their relevance is that of the "
            "filled values.",
            file=sys.stderr,
        )


def _parts(names: list[str], values: Any) -> str:
    """``"  (sales -0.0129, promo +0.0035)"``: a lag's (or a future step's) relevance by input,
    where it has more than one input; ``""`` otherwise."""
    if values is None or len(names) < 2:
        return ""
    return "  (" + ", ".join(f"{n} {_num(v)}" for n, v in zip(names, values, strict=True)) + ")"


def _write_series(
    args: argparse.Namespace, ex: ForecastExplanation, record: dict[str, object]
) -> list[Path]:
    """``relevance.png``, ``relevance.csv``, ``decoder_relevance.csv`` (seq2seq LRP) and
    ``explanation.json`` into ``--out``; returns the paths, ``explanation.json`` last."""
    import numpy as np
    import pandas as pd

    lags = len(ex.per_lag)
    # again: the folder may have changed while it computed
    decoder = ex.future is not None and ex.future_index is not None
    names = _series_files(decoder)  # those checked are those written, explanation.json last
    _refuse_out(args.out, names, args.overwrite)
    # the files go into --out together once all are written, and an earlier explanation's that
    # this one does not write again leave: one that fails part-way leaves the folder as it was
    with written_together(args.out, _stale_names(args.out, args.overwrite)) as stage:
        ex.plot(path=stage / "relevance.png")  # its title names the method and the step
        table = pd.DataFrame({"time": ex.index, "lag": np.arange(lags, 0, -1)})
        table["relevance"] = ex.per_lag
        if ex.per_feature is not None:
            for j, name in enumerate(ex.features):
                table[f"relevance:{name}"] = ex.per_feature[:, j]
        # what was explained, on every row (a file read alone, or several runs' concatenated,
        # said neither the step, the method nor the units)
        about = {
            "forecast_step": int(ex.step) + 1,  # as printed: "forecast step 1" for --step 0
            "forecast_time": "" if ex.time is None else str(ex.time),
            "method": args.method,
            "units": "squared gradient (scaled)"
            if args.method == "sensitivity"
            else "network output (scaled)",
        }
        table.assign(**about).to_csv(stage / "relevance.csv", index=False)
        if ex.future is not None and ex.future_index is not None:  # decoder
            future = pd.DataFrame(
                {"time": ex.future_index, "step": np.arange(1, len(ex.future_index) + 1)}
            )
            future["relevance"] = ex.future.sum(axis=1)
            for j, name in enumerate(ex.future_features or []):
                future[f"relevance:{name}"] = ex.future[:, j]
            future.assign(**about).to_csv(stage / "decoder_relevance.csv", index=False)
        _write_json(stage / "explanation.json", {**record, "files": names[:-1]})
    return [args.out / name for name in names]


def _explain_series_json(
    args: argparse.Namespace, ex: ForecastExplanation, record: dict[str, object]
) -> None:
    """``--json`` for a forecaster: the record of ``explanation.json`` with every lag's
    relevance (and its features', and the decoder inputs' of a seq2seq model) on stdout."""
    lags = len(ex.per_lag)
    rows = []
    for i in range(lags):
        row: dict[str, object] = {
            "time": _iso(ex.index[i]),
            "lag": lags - i,
            "relevance": float(ex.per_lag[i]),
        }
        if ex.per_feature is not None:
            row["features"] = {
                name: float(v) for name, v in zip(ex.features, ex.per_feature[i], strict=True)
            }
        rows.append(row)
    out = {**record, "relevance": rows}
    if ex.future is not None and ex.future_index is not None:
        out["decoder_relevance"] = [
            {
                "time": _iso(label),
                "step": k + 1,
                "relevance": float(ex.future[k].sum()),
                "features": {
                    name: float(v)
                    for name, v in zip(ex.future_features or [], ex.future[k], strict=True)
                },
            }
            for k, label in enumerate(ex.future_index)
        ]
    if args.out is not None:
        out["written"] = [str(p) for p in _write_series(args, ex, record)]
    print(json.dumps(json_safe(out), allow_nan=False))


def _iso(label: str) -> str:
    """A time label of an explanation as ``lstmkit forecast --json`` writes it: ISO 8601,
    ``2020-01-01T06:00:00`` (the label's ``2020-01-01 06:00:00`` is pandas' ``str``); a date,
    period or step as it is."""
    return re.sub(r"^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)", r"\1T\2", label)


def _write_json(path: Path, record: dict[str, object]) -> None:
    path.write_text(json.dumps(json_safe(record), indent=2, allow_nan=False) + "\n", "utf-8")
