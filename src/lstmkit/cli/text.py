"""``lstmkit text …``: sentiment, character language model and sequence-to-sequence commands.

Training flags are generated from the fields of each workflow's frozen config dataclass, so the
CLI and the Python API cannot drift apart.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import typing
from pathlib import Path
from typing import Any

from lstmkit.cli import CLIError


def _add_config_flags(parser: argparse.ArgumentParser, cls: type, skip: tuple[str, ...]) -> None:
    """Adds one ``--field-name`` flag per dataclass field (defaults from the dataclass, except
    ``progress``: on when stderr is a terminal)."""
    hints = typing.get_type_hints(cls)
    group = parser.add_argument_group("training settings")
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        flag = "--" + f.name.replace("_", "-")
        hint = hints[f.name]
        if f.name == "progress":  # resolved by _config_from_args
            group.add_argument(
                flag,
                action=argparse.BooleanOptionalAction,
                default=None,
                help="progress bar on stderr (default: on when stderr is a terminal)",
            )
        elif typing.get_origin(hint) is typing.Literal:
            group.add_argument(flag, choices=typing.get_args(hint), default=f.default)
        elif isinstance(f.default, bool):
            group.add_argument(flag, action=argparse.BooleanOptionalAction, default=f.default)
        else:
            group.add_argument(
                flag, type=type(f.default), default=f.default, help=f"(default: {f.default})"
            )


def _config_from_args(cls: type, args: argparse.Namespace, **fixed: Any) -> Any:
    values = {
        f.name: getattr(args, f.name) for f in dataclasses.fields(cls) if hasattr(args, f.name)
    }
    if values.get("progress", False) is None:
        from lstmkit.train import show_progress  # torch: loaded for training anyway

        values["progress"] = show_progress(None)
    values.update(fixed)
    return cls(**values)


def _check_out(out: str) -> Path:
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise CLIError(f"--out must be a directory, got the existing file {out!r}.")
    return path


def _emit(payload: dict[str, Any], as_json: bool, lines: list[str]) -> None:
    if as_json:
        print(json.dumps(payload))
    else:
        print("\n".join(lines))


# --- sentiment -------------------------------------------------------------------------------


def _train(args: argparse.Namespace) -> int:
    from lstmkit.text.sentiment import SentimentConfig, save_classifier, train_sentiment

    config = _config_from_args(SentimentConfig, args, task=args.task)
    out = _check_out(args.out)
    result = train_sentiment(config, data_dir=args.data_dir)
    save_classifier(result, out)
    m = result.metrics
    _emit(
        {
            "task": config.task,
            "dev": {"accuracy": m["dev_accuracy"]},
            "test": {"accuracy": m["test_accuracy"], "confusion": m["test_confusion"]},
            "config": dataclasses.asdict(config),
            "seed": config.seed,
            "train_seconds": m["train_seconds"],
            "members": m["members"],
            "out": str(out),
        },
        args.json,
        [
            f"{config.task}: dev accuracy {m['dev_accuracy']:.4f}, "
            f"test accuracy {m['test_accuracy']:.4f} "
            f"({m['train_seconds']:.0f} s, seed {config.seed})",
            *(
                f"  member seed {r['seed']}: dev accuracy {r['dev_accuracy']:.4f}, "
                f"test accuracy {r['test_accuracy']:.4f}"
                for r in (m["members"] if config.ensemble > 1 else [])
            ),
            f"saved to {out}",
        ],
    )
    return 0


def _predict(args: argparse.Namespace) -> int:
    from lstmkit.text.sentiment import SentimentPredictor

    predictor = SentimentPredictor.load(args.model_dir)
    label, probs = predictor.predict(args.text)
    payload: dict[str, Any] = {
        "label": label,
        "probabilities": probs,
        "tokens": predictor.tokens(args.text),
    }
    lines = [f"{label}"] + [f"  {name:>14}: {p:.3f}" for name, p in probs.items()]
    if args.explain:
        relevance = predictor.explain(args.text)
        payload["relevance"] = [[tok, r] for tok, r in relevance]
        lines.append(f"LRP relevance for {label!r} (+ for, - against):")
        lines += [f"  {tok:>16} {r:+.3f}" for tok, r in relevance]
    _emit(payload, args.json, lines)
    return 0


# --- character language model ----------------------------------------------------------------


def _train_lm(args: argparse.Namespace) -> int:
    from lstmkit.text.charlm import CharLMConfig, load_shakespeare, save_charlm, train_charlm

    config = _config_from_args(CharLMConfig, args)
    out = _check_out(args.out)
    text = load_shakespeare(args.data_dir)
    result = train_charlm(text, config)
    save_charlm(result, out)
    m = result.metrics
    _emit(
        {
            "corpus": args.corpus,
            "val": {"loss_nats_per_char": m["val_loss"]},
            "steps": m["steps"],
            "train_seconds": m["train_seconds"],
            "parameters": m["parameters"],
            "config": dataclasses.asdict(config),
            "seed": config.seed,
            "out": str(out),
        },
        args.json,
        [
            f"{args.corpus}: validation loss {m['val_loss']:.4f} nats/char after {m['steps']} "
            f"steps ({m['train_seconds']:.0f} s, seed {config.seed})",
            f"saved to {out}",
        ],
    )
    return 0


def _generate(args: argparse.Namespace) -> int:
    from lstmkit.text.charlm import generate, load_charlm

    model, vocab = load_charlm(args.model_dir)
    text = generate(
        model,
        vocab,
        args.prompt.replace("\\n", "\n"),
        length=args.length,
        temperature=args.temperature,
        top_k=args.top_k,
        seed=args.seed,
    )
    _emit({"text": text, "seed": args.seed}, args.json, [text])
    return 0


# --- sequence to sequence --------------------------------------------------------------------


def _train_seq2seq(args: argparse.Namespace) -> int:
    from lstmkit.text.seq2seq import Seq2SeqConfig, save_seq2seq, train_numbers

    config = _config_from_args(Seq2SeqConfig, args)
    out = _check_out(args.out)
    result = train_numbers(config)
    save_seq2seq(result, out)
    m = result.metrics
    _emit(
        {
            "task": args.task,
            "test": {
                "greedy_sequence_accuracy": m["greedy_accuracy"],
                "beam_sequence_accuracy": m["beam_accuracy"],
                "pairs": m["test_pairs"],
            },
            "train": {"greedy_sequence_accuracy": m["train_accuracy"], "pairs": m["train_pairs"]},
            "steps": m["steps"],
            "train_seconds": m["train_seconds"],
            "errors": m["errors"],
            "config": dataclasses.asdict(config),
            "seed": config.seed,
            "out": str(out),
        },
        args.json,
        [
            f"{args.task}: held-out sequence accuracy {m['greedy_accuracy']:.4f} greedy, "
            f"{m['beam_accuracy']:.4f} beam {m['beam_size']} on {m['test_pairs']} numbers "
            f"({m['train_seconds']:.0f} s, seed {config.seed})",
            *(
                f"  {e['number']}: {e['greedy']!r} (expected {e['expected']!r})"
                for e in m["errors"]
            ),
            f"saved to {out}",
        ],
    )
    return 0


def _spell(args: argparse.Namespace) -> int:
    from lstmkit.text.seq2seq import load_seq2seq, spell

    if args.beam < 1:
        raise CLIError(f"--beam must be >= 1, got {args.beam}.")
    model = load_seq2seq(args.model_dir)
    words = spell(model, args.number, beam_size=args.beam)
    _emit({"number": args.number, "words": words, "beam": args.beam}, args.json, [words])
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds ``lstmkit text`` and its sub-commands."""
    from lstmkit.text.charlm import CharLMConfig
    from lstmkit.text.sentiment import SentimentConfig
    from lstmkit.text.seq2seq import Seq2SeqConfig

    text = subparsers.add_parser("text", help="sentiment, character LM, sequence-to-sequence")
    sub = text.add_subparsers(dest="text_command", metavar="COMMAND")
    text.set_defaults(func=lambda args: text.print_help() or 0)

    train = sub.add_parser("train", help="train a sentiment classifier on SST-2 or SST-5")
    train.add_argument("task", choices=("sst2", "sst5"))
    train.add_argument("--out", required=True, help="folder to write the model into")
    train.add_argument("--data-dir", default=None, help="shared text data folder")
    train.add_argument("--json", action="store_true", help="print one JSON object")
    _add_config_flags(train, SentimentConfig, skip=("task",))
    train.set_defaults(func=_train)

    predict = sub.add_parser("predict", help="classify a sentence with a trained model")
    predict.add_argument("model_dir")
    predict.add_argument("text")
    predict.add_argument("--json", action="store_true", help="print one JSON object")
    predict.add_argument(
        "--explain", action="store_true", help="add each token's LRP relevance for the prediction"
    )
    predict.set_defaults(func=_predict)

    train_lm = sub.add_parser("train-lm", help="train a character LSTM language model")
    train_lm.add_argument("corpus", choices=("shakespeare",))
    train_lm.add_argument("--out", required=True, help="folder to write the model into")
    train_lm.add_argument("--data-dir", default=None, help="shared text data folder")
    train_lm.add_argument("--json", action="store_true", help="print one JSON object")
    _add_config_flags(train_lm, CharLMConfig, skip=())
    train_lm.set_defaults(func=_train_lm)

    gen = sub.add_parser("generate", help="sample text from a trained character LM")
    gen.add_argument("model_dir")
    gen.add_argument("--prompt", default="\n", help="starting text (\\n for a newline)")
    gen.add_argument("--length", type=int, default=300, help="characters to generate")
    gen.add_argument("--temperature", type=float, default=0.8)
    gen.add_argument("--top-k", type=int, default=None)
    gen.add_argument("--seed", type=int, default=None)
    gen.add_argument("--json", action="store_true", help="print one JSON object")
    gen.set_defaults(func=_generate)

    s2s = sub.add_parser(
        "train-seq2seq", help="train an encoder-decoder LSTM: numbers in digits -> in words"
    )
    s2s.add_argument("task", choices=("numbers",))
    s2s.add_argument("--out", required=True, help="folder to write the model into")
    s2s.add_argument("--json", action="store_true", help="print one JSON object")
    _add_config_flags(s2s, Seq2SeqConfig, skip=())
    s2s.set_defaults(func=_train_seq2seq)

    sp = sub.add_parser("spell", help="write a number in words with a trained seq2seq model")
    sp.add_argument("model_dir")
    sp.add_argument("number", help="digits, e.g. 4012")
    sp.add_argument("--beam", type=int, default=1, help="beam size (1: greedy)")
    sp.add_argument("--json", action="store_true", help="print one JSON object")
    sp.set_defaults(func=_spell)
