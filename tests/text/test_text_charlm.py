"""Character LM: carried state, closed-form losses, sampling, training, CLI."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import charlm
from lstmkit.text.charlm import (
    CharLM,
    CharLMConfig,
    CharVocab,
    evaluate_loss,
    generate,
    load_shakespeare,
    sample_next,
    split_text,
    streams,
    train_charlm,
)


def test_split_and_streams() -> None:
    assert split_text("abcdefghij", 0.1) == ("abcdefghi", "j")
    data = streams(torch.arange(11), 3)
    assert data.tolist() == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    with pytest.raises(ValueError, match="too short"):
        streams(torch.arange(3), 3)


def test_nanogpt_split_sizes() -> None:
    try:
        text = load_shakespeare()
    except FileNotFoundError:
        pytest.skip("shared data not available")
    train, val = split_text(text)
    assert (len(train), len(val)) == (1_003_854, 111_540)
    assert len(CharVocab.from_text(text)) == 65


def test_uniform_model_loss_is_log_vocab() -> None:
    model = CharLM(7, 4, 8, 2)
    torch.nn.init.zeros_(model.head.weight)
    torch.nn.init.zeros_(model.head.bias)
    assert evaluate_loss(model, torch.randint(0, 7, (200,)), batch_size=4) == pytest.approx(
        math.log(7), rel=1e-6
    )


def test_carried_state_makes_window_size_irrelevant() -> None:
    """With the state carried across windows, the loss does not depend on the window length."""
    torch.manual_seed(0)
    model = CharLM(5, 4, 6, 2).double()
    ids = torch.randint(0, 5, (120,))
    full = evaluate_loss(model, ids, batch_size=2, bptt=1000)
    assert evaluate_loss(model, ids, batch_size=2, bptt=7) == pytest.approx(full, rel=1e-12)
    # without carrying (fresh state per window) it would differ:
    data = streams(ids, 2)
    chunk = model(data[:, 7:13])[0]
    carried = model(data[:, :13])[0][:, 7:]
    assert not torch.allclose(chunk, carried)


def test_sampling_top_k_and_greedy() -> None:
    logits = torch.tensor([0.0, 3.0, 2.0, -1.0, 2.5])
    g = torch.Generator().manual_seed(0)
    draws = {sample_next(logits, 1.0, top_k=2, generator=g) for _ in range(200)}
    assert draws == {1, 4}
    assert sample_next(logits, 0.0) == 1
    assert sample_next(logits, 5.0, top_k=1, generator=g) == 1


def test_a_tiny_temperature_samples_like_greedy_instead_of_overflowing() -> None:
    # logits / 1e-39 overflow float32 to inf, and softmax of inf is nan
    logits = torch.tensor([0.0, 3.0, 2.0, -1.0, 2.5])
    g = torch.Generator().manual_seed(0)
    assert {sample_next(logits, 1e-39, generator=g) for _ in range(20)} == {1}
    assert sample_next(logits, 1e-39, top_k=2, generator=g) == 1
    assert sample_next(torch.tensor([1e30, -1e30, 1e30]), 1e-39, generator=g) in (0, 2)  # tie
    torch.manual_seed(0)
    vocab = CharVocab(list("abc\n"))
    model = CharLM(len(vocab), 4, 8, 1)
    greedy = generate(model, vocab, "ab", 20, temperature=0.0)
    assert generate(model, vocab, "ab", 20, temperature=1e-39, seed=1) == greedy


@pytest.mark.parametrize("temperature", [1e-46, 1e-50, 5e-324])
def test_a_temperature_below_float32s_smallest_number_samples_like_greedy(
    temperature: float,
) -> None:
    # in float32 the temperature itself rounds to 0, and (max - max) / 0 is NaN
    logits = torch.tensor([0.0, 3.0, 2.0, -1.0, 2.5])
    g = torch.Generator().manual_seed(0)
    assert [sample_next(logits, temperature, generator=g) for _ in range(5)] == [1] * 5
    assert sample_next(logits, temperature, top_k=3, generator=g) == 1
    tied = torch.tensor([2.0, -1.0, 2.0])
    assert {sample_next(tied, temperature, generator=g) for _ in range(40)} == {0, 2}
    torch.manual_seed(0)
    vocab = CharVocab(list("abc\n"))
    model = CharLM(len(vocab), 4, 8, 1)
    greedy = generate(model, vocab, "ab", 20, temperature=0.0)
    assert generate(model, vocab, "ab", 20, temperature=temperature, seed=1) == greedy


def test_generation_is_deterministic_with_seed() -> None:
    torch.manual_seed(0)
    vocab = CharVocab(list("abc\n"))
    model = CharLM(len(vocab), 4, 8, 1)
    a = generate(model, vocab, "ab", 30, temperature=1.0, seed=5)
    assert a == generate(model, vocab, "ab", 30, temperature=1.0, seed=5)
    assert a.startswith("ab") and len(a) == 32
    assert generate(model, vocab, "ab", 10, top_k=1) == generate(model, vocab, "ab", 10, 0.0)
    with pytest.raises(ValueError, match=r"alphabet: \['z'\]"):
        generate(model, vocab, "az", 3)
    with pytest.raises(ValueError, match=r"`prompt`.*`top_k`"):
        generate(model, vocab, "", 3, top_k=0)  # 9, past the alphabet, is capped now


def test_training_learns_a_periodic_text() -> None:
    text = "abcd\n" * 400
    config = CharLMConfig(
        embed_dim=8,
        hidden_size=16,
        num_layers=1,
        dropout=0.0,
        batch_size=4,
        bptt=20,
        lr=0.03,
        max_steps=80,
        eval_every=40,
        minutes=1.0,
    )
    result = train_charlm(text, config)
    m = result.metrics
    assert m["best_val_loss"] < 0.1  # the text is deterministic after one character
    # the reported loss is the best of the checks (steps 40 and 80), the kept model's
    assert [step for step, _, _ in m["history"]] == [40, 80] and m["val_checks"] == 2
    losses = {step: loss for step, _, loss in m["history"]}
    assert m["best_val_loss"] == min(losses.values()) == losses[m["best_step"]]
    assert m["final_val_loss"] == losses[80]
    assert generate(result.model, result.vocab, "ab", 8, temperature=0.0) == "abcd\nabcd\n"
    curve, kept, _ = result.plot_training().axes[0].get_lines()
    assert list(curve.get_xdata()) == [40, 80] and list(curve.get_ydata()) == list(losses.values())
    assert (kept.get_xdata()[0], kept.get_ydata()[0]) == (m["best_step"], m["best_val_loss"])


def test_cli_train_lm_and_generate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    (data / "tinyshakespeare").mkdir(parents=True)
    (data / "tinyshakespeare" / "input.txt").write_text("ROMEO:\nHello there.\n" * 40)
    out = tmp_path / "lm"
    argv = [
        "text",
        "train-lm",
        "shakespeare",
        "--out",
        str(out),
        "--data-dir",
        str(data),
        "--json",
        "--hidden-size",
        "8",
        "--embed-dim",
        "4",
        "--batch-size",
        "2",
        "--bptt",
        "16",
        "--max-steps",
        "5",
        "--eval-every",
        "5",
    ]
    assert main(argv) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["steps"] == 5 and payload["val"]["best_loss_nats_per_char"] > 0
    val = payload["val"]
    assert val["checks"] == 1 and val["best_step"] == 5  # one check, after step 5
    assert val["final_loss_nats_per_char"] == val["best_loss_nats_per_char"]
    assert (out / "training.png").read_bytes()[:4] == b"\x89PNG"
    gen = [
        "text",
        "generate",
        str(out),
        "--prompt",
        "ROMEO:",
        "--length",
        "20",
        "--seed",
        "1",
        "--json",
    ]
    assert main(gen) == 0
    first = json.loads(capsys.readouterr().out)["text"]
    assert main(gen) == 0
    assert json.loads(capsys.readouterr().out)["text"] == first
    assert first.startswith("ROMEO:") and len(first) == 26
    # --threads, as train-lm has: torch's two threads on two cores that other processes kept
    # busy took 342 s for 10,000 characters, one thread 46 s (the same text)
    seen = []
    real = charlm.generate
    monkeypatch.setattr(
        charlm, "generate", lambda *a, **k: seen.append(torch.get_num_threads()) or real(*a, **k)
    )
    before = torch.get_num_threads()
    assert main([*gen, "--threads", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == first
    assert seen == [1] and torch.get_num_threads() == before
    assert main(["text", "generate", str(out), "--prompt", "ROMEO#"]) == 2
    assert "outside the model's alphabet" in capsys.readouterr().err


def _tiny_corpus(root: Path, text: str | bytes) -> Path:
    folder = root / "tinyshakespeare"
    folder.mkdir(parents=True)
    path = folder / "input.txt"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


TINY = ["--hidden-size", "8", "--embed-dim", "4", "--num-layers", "1", "--no-progress"]


def test_cli_bptt_is_limited_by_what_one_stream_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _tiny_corpus(tmp_path / "data", "ROMEO:\nHello there.\n" * 40)  # 800 characters
    out = tmp_path / "lm"
    argv = ["text", "train-lm", "shakespeare", "--data-dir", str(tmp_path / "data")]
    argv += ["--out", str(out), "--batch-size", "2", "--max-steps", "1", *TINY]
    # 720 training characters in 2 streams of 360: windows of at most 359 (+1 target)
    assert main([*argv, "--bptt", "360"]) == 2
    assert capsys.readouterr().err == (
        f"error: --bptt must be at most 359 (the 720 training characters of {str(path)!r} make "
        "--batch-size=2 streams of 360), got 360.\n"
    )
    assert not out.exists()
    assert main([*argv, "--bptt", "359", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["steps"] == 1


def test_cli_train_lm_learns_your_own_text_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.text.charlm import load_charlm

    own = tmp_path / "poems.txt"
    own.write_text("the owl and the pussy-cat went to sea\n" * 30, encoding="utf-8")
    out = tmp_path / "lm"
    argv = ["text", "train-lm", "--out", str(out), "--batch-size", "2", "--bptt", "16", *TINY]
    assert main([*argv, "--file", str(own), "--max-steps", "3", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["corpus"] == "poems.txt" and payload["file"] == str(own)
    assert payload["steps"] == 3
    # the model's alphabet is the file's characters
    _, vocab = load_charlm(out)
    assert len(vocab) == len(set(own.read_text()))
    for extra, message in [
        (
            [],
            "name the text to learn: the corpus 'shakespeare', or --file FILE (your own UTF-8 "
            "text).",
        ),
        (
            ["shakespeare", "--file", str(own)],
            "name the text to learn: the corpus "
            "'shakespeare', or --file FILE (your own UTF-8 text), not both.",
        ),
        (
            ["--file", str(own), "--data-dir", str(tmp_path)],
            "--data-dir finds a named corpus; with --file it has nothing to find.",
        ),
        (
            ["--file", str(tmp_path / "none.txt")],
            f"--file {str(tmp_path / 'none.txt')!r} not found.",
        ),
        (  # it was "text file not found"
            ["--file", str(tmp_path)],
            f"--file must be a text file, got the folder {str(tmp_path)!r}.",
        ),
    ]:
        assert main([*argv, "--out", str(tmp_path / "other"), *extra]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"
        assert not (tmp_path / "other").exists()


def test_check_corpus_lists_every_problem() -> None:
    from lstmkit.text.charlm import check_corpus

    config = CharLMConfig(batch_size=4, bptt=10)
    check_corpus("x" * 100, config)  # 90 training characters: streams of 22, windows up to 21
    with pytest.raises(ValueError) as e:
        check_corpus("x" * 100, CharLMConfig(batch_size=4, bptt=22))
    assert str(e.value) == (
        "`bptt` must be at most 21 (the 90 training characters of `text` make `batch_size`=4 "
        "streams of 22), got 22."
    )
    with pytest.raises(ValueError) as e:
        train_charlm("abcdefghij", CharLMConfig(batch_size=8))
    assert str(e.value) == (
        "`text` is too short: its 9 training characters (all but the `val_fraction`=0.1 held "
        "out) must make `batch_size`=8 streams of at least 2 characters (16 characters), and "
        "its held-out part (`val_fraction`=0.1) must have at least 2 characters, got 1; it has "
        "10 characters in all, where `batch_size`=8 streams of `bptt`=100 + 1 characters and "
        "the held-out part need at least 898."
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "is empty; expected the text to train a character model on."),
        (
            b"ROMEO\xff\xfe",
            "must be UTF-8 text, got byte 0xff on line 1 (byte 6 of the line), which is not "
            "UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8.",
        ),
        ("ROMEO: hi\n", None),  # 10 characters: 9 for training
    ],
)
def test_cli_data_file_errors_name_the_file(
    content: str | bytes, problem: str | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _tiny_corpus(tmp_path / "data", content)
    out = tmp_path / "lm"
    argv = ["text", "train-lm", "shakespeare", "--data-dir", str(tmp_path / "data")]
    assert main([*argv, "--out", str(out), *TINY]) == 2
    err = capsys.readouterr().err
    if problem is None:
        problem = (
            "is too short: its 9 training characters (all but the --val-fraction=0.1 held out) "
            "must make --batch-size=32 streams of at least 2 characters (64 characters), and its "
            "held-out part (--val-fraction=0.1) must have at least 2 characters, got 1; it has 10 "
            "characters in all, where --batch-size=32 streams of --bptt=100 + 1 characters and "
            "the held-out part need at least 3,592."
        )
    assert err == f"error: {str(path)!r} {problem}\n"
    assert not out.exists()


def test_corpus_files_drop_a_byte_order_mark(tmp_path: Path) -> None:
    # the mark was read as a character of the alphabet ("\ufeff")
    from lstmkit.text.charlm import read_corpus

    path = tmp_path / "mine.txt"
    path.write_bytes(b"\xef\xbb\xbfROMEO:\r\nhi\r\n")
    assert read_corpus(path) == "ROMEO:\nhi\n"
    path.write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(ValueError, match="is empty"):
        read_corpus(path)


def test_charlm_constructor_lists_every_bad_argument() -> None:
    with pytest.raises(ValueError) as e:
        CharLM(0, True, 2.0, 0, dropout=1.0)  # type: ignore[arg-type]
    assert str(e.value) == (
        "`vocab_size` must be a positive integer, got 0. `embed_dim` must be a positive "
        "integer, got True. `hidden_size` must be a positive integer, got 2.0 (a whole number "
        "as a float: pass int(x)). `num_layers` must be a positive "
        "integer, got 0. `dropout` must be a number in [0, 1), got 1.0."
    )
    config = CharLM(np.int64(4), 3, np.int64(5), 1).config()
    assert config == {
        "vocab_size": 4,
        "embed_dim": 3,
        "hidden_size": 5,
        "num_layers": 1,
        "dropout": 0.0,
    }
    assert type(config["vocab_size"]) is int and type(config["hidden_size"]) is int


def test_generate_refuses_arguments_of_the_wrong_type_by_name() -> None:
    torch.manual_seed(0)
    vocab = CharVocab(list("abc\n"))
    model = CharLM(len(vocab), 4, 8, 1)
    with pytest.raises(TypeError) as e:
        generate(model, vocab, ["a"], 2.0, temperature="1", top_k=2.5, seed=1.5)  # type: ignore[arg-type]
    assert str(e.value) == (
        "`prompt` must be a str, got list. `length` must be an integer, got 2.0 (a whole number "
        "as a float: pass int(x)). "
        "`top_k` must be an integer or None, got 2.5. `temperature` must be a real number, got "
        "'1' (a number, not text: 1). `seed` must be an integer or None, got 1.5."
    )
    with pytest.raises(TypeError) as e:
        generate(model, vocab, "ab", True, top_k=False, seed=True)  # bools are no counts
    assert str(e.value) == (
        "`length` must be an integer, got True. `top_k` must be an integer or None, got False. "
        "`seed` must be an integer or None, got True."
    )
    # integers and reals of other kinds are taken as what they are
    same = generate(model, vocab, "ab", 6, temperature=0.5, top_k=2, seed=3)
    assert same == generate(
        model,
        vocab,
        "ab",
        np.int64(6),
        temperature=np.float32(0.5),
        top_k=np.int64(2),
        seed=np.int64(3),
    )
    assert len(same) == 8


def test_generate_restores_the_training_mode_also_when_it_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    torch.manual_seed(0)
    vocab = CharVocab(list("abc\n"))
    model = CharLM(len(vocab), 4, 8, 2, dropout=0.5).train()
    a = generate(model, vocab, "ab", 12, seed=4)
    assert model.training
    assert a == generate(model.eval(), vocab, "ab", 12, seed=4)  # dropout was off: eval mode
    model.train()
    model.rnn.eval()  # a submodule the caller froze keeps its own mode
    generate(model, vocab, "ab", 3, seed=4)
    assert model.training and model.head.training and not model.rnn.training
    model.train()

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("sampling failed")

    monkeypatch.setattr("lstmkit.text.charlm._draw", broken)
    with pytest.raises(RuntimeError, match="sampling failed"):
        generate(model, vocab, "ab", 3)
    assert model.training


@pytest.mark.parametrize("temperature", [float("nan"), float("inf"), -0.5])
def test_generate_refuses_bad_temperature_and_seed(temperature: float) -> None:
    torch.manual_seed(0)
    vocab = CharVocab(list("abc\n"))
    model = CharLM(len(vocab), 4, 8, 1)
    with pytest.raises(ValueError) as e:
        generate(model, vocab, "ab", 3, temperature=temperature, seed=2**63)
    assert str(e.value) == (
        f"`temperature` must be a finite number >= 0, got {temperature}. "
        f"`seed` must be an integer in [0, {2**63 - 1}] or None, got {2**63}."
    )
    assert len(generate(model, vocab, "ab", 3, temperature=1.0, seed=2**63 - 1)) == 5


def test_training_that_diverges_stops_with_the_step() -> None:
    from lstmkit.train import DivergedError

    config = CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, lr=1e38, max_steps=5
    )
    with pytest.raises(DivergedError) as e:
        train_charlm("abcd\n" * 40, config)
    assert str(e.value) == (
        "training diverged: the training loss became nan at step 2. "
        "Try a lower learning rate than `lr`=1e+38."
    )


@pytest.fixture(scope="module")
def saved_lm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lstmkit.text.charlm import save_charlm

    config = CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=2
    )
    out = tmp_path_factory.mktemp("lm") / "model"
    save_charlm(train_charlm("ROMEO: hello\n" * 20, config), out)
    return out


def test_cli_generate_validates_flags_and_reports_the_seed_it_used(
    saved_lm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["text", "generate", str(saved_lm), "--prompt", "RO", "--length", "12"]
    for flags, message in (
        (
            ["--temperature", "nan"],
            "--temperature must be a finite number >= 0 (0: greedy), got nan (not a number).",
        ),
        (
            ["--temperature", "inf"],
            "--temperature must be a finite number >= 0 (0: greedy), got inf.",
        ),
        (
            ["--seed", "99999999999999999999"],
            "--seed must be an integer in [0, 9223372036854775807], got 99999999999999999999.",
        ),
        (
            ["--length", "-1", "--top-k", "0"],
            "--length must be an integer >= 0, got -1. --top-k must be a positive integer, got 0.",
        ),
        (
            ["--prompt", "éRa"],
            "--prompt contains characters outside the model's alphabet: ['a', 'é']; allowed: "
            "'\\n :EMORehlo'.",
        ),
    ):
        assert main([*base, *flags]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"
    assert main([*base, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert isinstance(first["seed"], int) and 0 <= first["seed"] < 2**63
    assert main([*base, "--json", "--seed", str(first["seed"])]) == 0
    assert json.loads(capsys.readouterr().out) == first  # the reported seed gives the same text
    # without --json the seed drawn was shown nowhere: a note on stderr says it
    assert main(base) == 0
    printed = capsys.readouterr()
    seed = int(printed.err.split()[2])
    assert printed.err == f"note: seed {seed} (--seed {seed} gives this text again)\n"
    assert main([*base, "--seed", str(seed)]) == 0
    assert capsys.readouterr() == (printed.out, "")


def test_cli_damaged_lm_folders_are_one_line_errors(
    saved_lm: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    safetensors_says: Callable[[Path], str],
    edit_saved,
) -> None:
    import shutil

    def damaged(name: str) -> Path:
        folder = tmp_path / name
        shutil.copytree(saved_lm, folder)
        return folder

    garbage = damaged("garbage")
    (garbage / "model.safetensors").write_bytes(b"not a safetensors file")
    wider = damaged("wider")
    with edit_saved(wider) as config:
        config["model"]["hidden_size"] = 16
    nochars = damaged("nochars")
    del config["chars"]
    (nochars / "config.json").write_text(json.dumps(config))
    cases = {
        garbage: f"{str(garbage / 'model.safetensors')!r} is not a readable safetensors file "
        f"({safetensors_says(garbage / 'model.safetensors')}).",
        wider: f"{str(wider / 'model.safetensors')!r} does not fit the model described by "
        f"{str(wider / 'config.json')!r}: shape mismatches: head.weight is (11, 16) in the "
        "module and (11, 8) in the file, rnn.bias_hh_l0 is (64,) in the module and (32,) in the "
        "file, rnn.bias_ih_l0 is (64,) in the module and (32,) in the file, rnn.weight_hh_l0 is "
        "(64, 16) in the module and (32, 8) in the file, rnn.weight_ih_l0 is (64, 4) in the "
        "module and (32, 4) in the file.",
        nochars: f"{str(nochars / 'config.json')!r} does not describe a usable character "
        "language model: it lacks the entry 'chars'.",
        tmp_path / "nowhere": f"model folder {str(tmp_path / 'nowhere')!r} does not exist.",
    }
    for folder, message in cases.items():
        assert main(["text", "generate", str(folder), "--length", "3"]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"


def test_evaluate_loss_gives_each_submodule_its_mode_back() -> None:
    torch.manual_seed(0)
    model = CharLM(5, 4, 8, 2, dropout=0.5)
    model.train()
    model.embedding.eval()  # frozen by the caller
    ids = torch.randint(0, 5, (100,))
    loss = evaluate_loss(model, ids, batch_size=2)
    assert model.training and not model.embedding.training  # the old code unfroze it
    assert evaluate_loss(model, ids, batch_size=2) == loss  # dropout off while evaluating


def test_char_vocab_decode_refuses_ids_outside_the_alphabet() -> None:
    vocab = CharVocab(list("abc\n"))
    assert vocab.decode([0, 2, 3]) == "ac\n"
    with pytest.raises(
        ValueError, match=r"`ids` must lie in \[0, 4\) \(the alphabet's size\), got \[-1, 4\]"
    ):
        vocab.decode([0, 4, -1])  # -1 read the last character


def test_char_vocab_refuses_a_text_that_is_not_a_str() -> None:
    """encode and from_text read the text's code points from str.encode: a list of characters
    (which the character-by-character look-up used to take) failed with AttributeError: 'list'
    object has no attribute 'encode'; bytes were "characters outside the alphabet: [97, 98]"."""
    vocab = CharVocab(list("ab"))
    for call in (vocab.encode, CharVocab.from_text):
        for given, name in ((["a", "b"], "list"), (b"ab", "bytes"), (5, "int")):
            with pytest.raises(TypeError) as err:
                call(given)
            assert str(err.value) == f"`text` must be a str, got {name}."


class _CountingDict(dict):
    lookups = 0

    def __getitem__(self, key):
        type(self).lookups += 1
        return super().__getitem__(key)

    def __contains__(self, key):
        type(self).lookups += 1
        return super().__contains__(key)


def test_char_vocab_encodes_a_text_in_one_table_lookup_not_char_by_char() -> None:
    """Encoding looked each character up in a dict twice, in Python (train-lm spent 2 s on a
    5 MB text, 7.7 s and 300 MB of int lists on 20 MB, before its first step); the ids and the
    alphabet are the same, for characters of every width and a lone surrogate too."""
    text = "naïve café — 𝄞 crème brûlée, ab\ud800cd\n" * 3
    vocab = CharVocab.from_text(text)
    assert vocab.chars == sorted(set(text))
    vocab.stoi = _CountingDict(vocab.stoi)
    ids = vocab.encode(text)
    assert _CountingDict.lookups == 0
    assert ids == [vocab.chars.index(c) for c in text]
    assert vocab.encode("") == []
    with pytest.raises(ValueError) as err:
        vocab.encode("zéb😀a\udfffz")
    assert str(err.value) == (
        "`text` contains characters outside the model's alphabet: ['z', '\\udfff', '😀']; "
        f"allowed: {''.join(vocab.chars)!r}."
    )
    # the same model as when the training text was encoded character by character
    config = CharLMConfig(
        embed_dim=4, hidden_size=6, num_layers=1, dropout=0.0, batch_size=2, bptt=8,
        max_steps=3, eval_every=3, progress=False,
    )  # fmt: skip
    result = train_charlm(text * 10, config)
    assert result.vocab.chars == vocab.chars
    assert (result.metrics["train_chars"], result.metrics["val_chars"]) == (945, 105)
    assert result.metrics["final_val_loss"] == 2.982478459676107


def test_char_vocab_builds_its_lookup_table_once_per_alphabet() -> None:
    """encode built the code-point table at every call: 10,000 prompts of 20 characters took
    2.5x the time they take now. A changed ``chars`` (a list) builds it again."""
    vocab = CharVocab.from_text("to be or not")
    table = vocab._table()
    assert vocab.encode("be not") == [1, 2, 0, 3, 4, 6]
    assert vocab._table() is table and table.tolist()[-1] == -1  # above the alphabet: unknown
    vocab.chars.append("z")
    assert vocab.encode("ze") == [7, 2] and vocab._table() is not table
    with pytest.raises(ValueError, match=r"alphabet: \['a', '😀'\]; allowed: ' benortz'\.$"):
        vocab.encode("a😀")


def test_char_vocab_repr_shows_its_size_and_alphabet() -> None:
    assert repr(CharVocab.from_text("to be or not")) == "CharVocab(size=7, chars=' benort')"
    alphabet = CharVocab(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert repr(alphabet) == "CharVocab(size=52, chars='abcdefghijklmnopqrstuvwxyzABCD'...)"


def test_train_charlm_refuses_a_config_that_is_not_a_charlm_config() -> None:
    # was: AttributeError ('dict' object has no attribute 'device')
    with pytest.raises(TypeError) as err:
        train_charlm("abc" * 100, {"max_steps": 1})  # type: ignore[arg-type]
    assert str(err.value) == "`config` must be a CharLMConfig, got dict."


def test_char_vocab_names_what_is_no_alphabet():
    with pytest.raises(
        TypeError, match=r"^`chars` must be single characters \(str\), got int 1\.$"
    ):
        CharVocab([1, 2])  # "object of type 'int' has no len()"
    with pytest.raises(
        ValueError,
        match=r"^`chars` must be distinct single characters, got 'bc' \(not one character\) "
        r"and 'a' more than once\.$",
    ):
        CharVocab(["a", "bc", "a"])


def test_trainings_in_two_threads_at_once_give_what_each_gives_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # dropout draws from torch's one global generator: B seeded it while A trained, so both
    # drew from each other's numbers (4 of 4 threads trained other weights than alone)
    import threading

    config = CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=2, dropout=0.3, batch_size=2, bptt=8, max_steps=4
    )
    text = "ROMEO: hello there\n" * 20

    def weights(seed: int) -> list[torch.Tensor]:
        model = train_charlm(text, CharLMConfig(**{**config.__dict__, "seed": seed})).model
        return [p.detach().clone() for p in model.parameters()]

    alone = {s: weights(s) for s in (0, 1)}
    a_training, b_seeded = threading.Event(), threading.Event()
    manual_seed, adam = torch.manual_seed, charlm.adam

    def seed(s: int) -> torch.Generator:
        if threading.current_thread().name == "B":
            b_seeded.set()
        return manual_seed(s)

    def optimizer(*args: object) -> torch.optim.Optimizer:  # A, as it starts, lets B seed
        if threading.current_thread().name == "A":
            a_training.set()
            b_seeded.wait(0.3)
        return adam(*args)

    monkeypatch.setattr(torch, "manual_seed", seed)
    monkeypatch.setattr(charlm, "adam", optimizer)
    together: dict[int, list[torch.Tensor]] = {}
    a = threading.Thread(target=lambda: together.update({0: weights(0)}), name="A")
    a.start()
    assert a_training.wait(10)
    b = threading.Thread(target=lambda: together.update({1: weights(1)}), name="B")
    b.start()
    a.join()
    b.join()
    for s in (0, 1):
        assert all(torch.equal(x, y) for x, y in zip(together[s], alone[s], strict=True))
