"""The text workflows' `device`: config checks, refusals, loading on the CPU, and inputs that
reach the model's device (the meta device stands in for a GPU: a model moves there, and a
stand-in forward records what it receives and answers with CPU tensors)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import charlm, sentiment, seq2seq
from lstmkit.text.charlm import CharLM, CharLMConfig, CharVocab, generate, load_charlm
from lstmkit.text.classifier import ClassifierEnsemble, TextClassifier
from lstmkit.text.sentiment import SentimentConfig, SentimentPredictor, train_sentiment
from lstmkit.text.seq2seq import (
    TARGET_TOKENS,
    Seq2Seq,
    Seq2SeqConfig,
    greedy_decode,
    load_seq2seq,
    spell,
)
from lstmkit.text.vocab import Vocabulary

CONFIGS = (SentimentConfig, CharLMConfig, Seq2SeqConfig)
NOT_A_DEVICE = (
    "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', ...), "
    "got {!r}."
)
_NO_CUDA = pytest.mark.skipif(torch.cuda.is_available(), reason="checks the CPU-only refusal")
SENTENCES = [
    (1, "a great and moving film"),
    (0, "a dull , lifeless mess"),
    (1, "funny , warm and wise"),
    (0, "boring and far too long"),
]
TINY_SST = {"embed_dim": 4, "hidden_size": 3, "batch_size": 2, "epochs": 1, "phrases": False}
TINY_LM = {"embed_dim": 4, "hidden_size": 5, "num_layers": 1, "batch_size": 2, "bptt": 4}
TINY_S2S = {"max_digits": 2, "train_size": 12, "test_size": 4, "hidden_size": 6, "epochs": 1}


def _sst(root: Path) -> Path:
    sst = root / "sst"
    sst.mkdir(parents=True)
    for split in ("train", "dev", "test"):
        (sst / f"stsa.binary.{split}").write_text("".join(f"{y} {s}\n" for y, s in SENTENCES))
    return root


@pytest.mark.parametrize("cls", CONFIGS)
def test_device_config_is_checked_and_kept_as_a_string(cls):
    assert cls().device == "cpu"
    assert cls(device=torch.device("cpu")).device == "cpu"
    assert cls(device="cpu:0").device == cls(device=torch.device("cpu", 0)).device == "cpu"
    assert cls(device=torch.device("cuda", 1)).device == "cuda:1"  # a name; usable or not
    for bad in ("meta", "gpu", 1.5, "cuda:x"):  # an index (3) is taken: see test_num20_fixes
        with pytest.raises(ValueError) as err:
            cls(device=bad)
        meant = " (did you mean 'cuda'?)" if bad == "gpu" else ""  # revfcpy39's guess
        assert str(err.value) == NOT_A_DEVICE.format(bad)[:-1] + meant + "."
    with pytest.raises(ValueError) as err:  # listed with the other problems
        cls(device="meta", lr=0.0)
    assert str(
        err.value
    ) == "`lr` must be a positive finite number, got 0.0. " + NOT_A_DEVICE.format("meta")


def test_jobs_above_one_need_the_cpu():
    with pytest.raises(ValueError) as err:
        SentimentConfig(device="cuda", ensemble=2, jobs=2)
    assert str(err.value) == (
        "`jobs` > 1 trains the members in CPU processes; `device` 'cuda' needs `jobs` 1, got 2."
    )
    assert SentimentConfig(device="cuda", ensemble=2).jobs == 1
    assert SentimentConfig(device="cpu", ensemble=2, jobs=2).jobs == 2


@_NO_CUDA
def test_an_unavailable_device_is_refused_before_any_data_is_read(tmp_path):
    message = r"`device` 'cuda' cannot be used here \(.*\); torch.cuda.is_available\(\) is False"
    # no data there, an empty corpus: reading either first would fail with another message
    with pytest.raises(ValueError, match=message):
        train_sentiment(SentimentConfig(device="cuda"), data_dir=tmp_path / "nowhere")
    with pytest.raises(ValueError, match=message):
        charlm.train_charlm("", CharLMConfig(device="cuda"))
    with pytest.raises(ValueError, match=message):
        seq2seq.train_numbers(Seq2SeqConfig(device="cuda"))
    for load in (SentimentPredictor.load, load_charlm, load_seq2seq):
        with pytest.raises(ValueError, match=message):
            load(tmp_path / "nowhere", device="cuda")
        with pytest.raises(ValueError) as err:
            load(tmp_path / "nowhere", device="meta")
        assert str(err.value) == NOT_A_DEVICE.format("meta")


def _say_trained_on(folder: Path, device: str) -> None:
    """Rewrites a saved model's config as if it had been trained on ``device``."""
    saved = json.loads((folder / "config.json").read_text())
    assert saved["train"]["device"] == "cpu"
    saved["train"]["device"] = device
    (folder / "config.json").write_text(json.dumps(saved))


def _on_cpu(model: torch.nn.Module) -> bool:
    return {p.device.type for p in model.parameters()} == {"cpu"}


def test_loaded_models_are_on_the_cpu_whatever_their_config_says(tmp_path):
    result = train_sentiment(SentimentConfig(**TINY_SST), data_dir=_sst(tmp_path))
    sentiment.save_classifier(result, tmp_path / "sst2")
    before = SentimentPredictor.load(tmp_path / "sst2").predict_proba(["a dull film"])
    _say_trained_on(tmp_path / "sst2", "cuda:3")
    predictor = SentimentPredictor.load(tmp_path / "sst2")
    assert _on_cpu(predictor.model)
    assert torch.equal(predictor.predict_proba(["a dull film"]), before)
    on_cpu = SentimentPredictor.load(tmp_path / "sst2", device=torch.device("cpu"))
    assert torch.equal(on_cpu.predict_proba(["a dull film"]), before)

    lm = charlm.train_charlm("abcabcabcabcabcabcabcabcabcabc", CharLMConfig(**TINY_LM, max_steps=2))
    charlm.save_charlm(lm, tmp_path / "lm")
    _say_trained_on(tmp_path / "lm", "cuda")
    model, vocab = load_charlm(tmp_path / "lm")
    assert _on_cpu(model)
    assert generate(model, vocab, "ab", 8, seed=1) == generate(lm.model, vocab, "ab", 8, seed=1)

    s2s = seq2seq.train_numbers(Seq2SeqConfig(**TINY_S2S))
    seq2seq.save_seq2seq(s2s, tmp_path / "s2s")
    _say_trained_on(tmp_path / "s2s", "mps")
    model = load_seq2seq(tmp_path / "s2s")
    assert _on_cpu(model)
    assert spell(model, "42", beam_size=2) == spell(s2s.model, "42", beam_size=2)


def _classifier_on_meta(monkeypatch, seen: list[str]) -> TextClassifier:
    """A classifier on the meta device whose forward records where its tokens are and says
    class 1 (logits ``[0, 1]``) for every sentence."""
    model = TextClassifier(len(Vocabulary.build([s for _, s in SENTENCES])), 4, 3, 2).to("meta")

    def forward(self, tokens, lengths=None):
        seen.append(tokens.device.type)
        return torch.tensor([[0.0, 1.0]]).repeat(tokens.shape[0], 1)

    monkeypatch.setattr(TextClassifier, "forward", forward)
    return model


def test_prediction_and_evaluation_feed_the_classifier_on_its_device(monkeypatch):
    seen: list[str] = []
    vocab = Vocabulary.build([s for _, s in SENTENCES])
    model = _classifier_on_meta(monkeypatch, seen)
    predictor = SentimentPredictor(model, vocab, ("negative", "positive"))
    probs = predictor.predict_proba(["a great film", "dull"])
    assert probs.device.type == "cpu"
    assert torch.equal(probs, torch.softmax(torch.tensor([[0.0, 1.0]] * 2), -1))
    assert predictor.predict("a dull mess")[0] == "positive"
    ids = [vocab.encode(s) for _, s in SENTENCES]
    labels = [y for y, _ in SENTENCES]
    assert sentiment.evaluate(model, ids, labels, batch_size=2) == 0.5  # half are positive
    ensemble = ClassifierEnsemble([model, model])
    y, pred, each = sentiment._ensemble_predictions(ensemble, ids, labels, batch_size=4)
    assert sorted(y.tolist()) == [0, 0, 1, 1]
    assert pred.tolist() == [1] * 4 and each.tolist() == [[1] * 4] * 2
    assert seen == ["meta"] * (1 + 1 + 2 + 2)  # 2 predictions, 2 dev batches, 2 members


def test_a_training_step_sends_tokens_and_masks_to_the_model_device(monkeypatch):
    seen: list[tuple[str, ...]] = []
    model = TextClassifier(6, 4, 3, 2)
    # the model's device reads as meta; its weights stay on the CPU so that the step can run
    monkeypatch.setattr(sentiment, "_model_device", lambda model: torch.device("meta"))

    def forward(self, tokens, lengths=None):
        seen.append(("forward", tokens.device.type, torch.as_tensor(lengths).device.type))
        return self.head.bias.expand(tokens.shape[0], 2) * 1.0

    def set_loss(logits, mask, neighbours=0.0, support=None):
        seen.append(("loss", mask.device.type, support.device.type))
        return logits.sum()

    monkeypatch.setattr(TextClassifier, "forward", forward)
    monkeypatch.setattr(sentiment, "set_loss", set_loss)
    mask = torch.tensor([[True, False], [False, True], [True, False]])
    config = SentimentConfig(**{**TINY_SST, "batch_size": 3}, word_dropout=0.5, evals_per_epoch=1)
    fit = sentiment.fit_classifier(
        model, ([[2, 3], [4], [5, 2, 3]], mask, mask), ([[2], [3]], [0, 1]), config
    )
    assert fit["steps"] == 1 and fit["best_dev"] == 0.5
    # the lengths stay on the CPU, where the LSTM reads them; then one dev check, and the kept
    # model's dev figures (fit["dev"])
    step = [("forward", "meta", "cpu"), ("loss", "meta", "meta")]
    assert seen == [*step, ("forward", "meta", "cpu"), ("forward", "meta", "cpu")]


def test_generation_feeds_the_language_model_on_its_device(monkeypatch):
    seen: list[set[str]] = []
    vocab = CharVocab(list("abc"))
    model = CharLM(3, 4, 5, num_layers=1).to("meta")

    def forward(self, tokens, state=None):
        seen.append({tokens.device.type} | ({state[0].device.type} if state else set()))
        h = torch.zeros(1, tokens.shape[0], 5, device=tokens.device)
        return torch.tensor([0.0, 0.0, 1.0]).expand(*tokens.shape, 3), (h, h)

    monkeypatch.setattr(CharLM, "forward", forward)
    assert generate(model, vocab, "ab", 4, temperature=0) == "abcccc"
    top_1 = generate(model, vocab, "a", 3, temperature=2.0, top_k=1, seed=5)
    assert top_1 == "accc"
    assert seen == [{"meta"}] * (5 + 4)


def test_evaluate_loss_reads_the_text_on_the_model_device(monkeypatch):
    seen: list[str] = []
    model = CharLM(3, 4, 5, num_layers=1).to("meta")

    def forward(self, tokens, state=None):
        seen.append(tokens.device.type)
        return torch.zeros(*tokens.shape, 3), None

    def cross_entropy(logits, target, reduction="mean"):
        seen.append(target.device.type)
        zeros = torch.zeros(len(logits), dtype=torch.long)  # uniform logits: log 3 per character
        return torch.nn.functional.cross_entropy(logits, zeros, reduction=reduction)

    monkeypatch.setattr(CharLM, "forward", forward)
    monkeypatch.setattr(charlm, "F", type("F", (), {"cross_entropy": staticmethod(cross_entropy)}))
    loss = charlm.evaluate_loss(model, torch.tensor([0, 1, 2] * 4), batch_size=2, bptt=3)
    assert loss == pytest.approx(math.log(3))
    assert seen == ["meta"] * 4


def _seq2seq_on_meta(monkeypatch, seen: list[str], wrap=lambda t: t) -> Seq2Seq:
    """A model on the meta device that records where its inputs are and spells every number
    "four" (the first step favours "four", every later one ``<eos>``); ``wrap`` makes its
    log-probabilities, its state and the state's ``index_select`` what the device would."""
    model = Seq2Seq(11, len(TARGET_TOKENS), 4, 6, num_layers=1).to("meta")
    four = TARGET_TOKENS.index("four")
    calls = []

    def encode(self, source, lengths):
        seen.append(source.device.type)
        calls.clear()
        h = wrap(torch.zeros(1, source.shape[0], 6))
        return h, h

    def decode_step(self, tokens, state):
        seen.append(tokens.device.type)
        logits = torch.zeros(tokens.shape[0], 1, len(TARGET_TOKENS))
        logits[..., four if not calls else seq2seq.EOS] = 5.0
        calls.append(1)
        return wrap(logits.log_softmax(-1)), state

    monkeypatch.setattr(Seq2Seq, "encode", encode)
    monkeypatch.setattr(Seq2Seq, "decode_step", decode_step)
    return model


def test_greedy_and_beam_decoding_feed_the_model_on_its_device(monkeypatch):
    seen: list[str] = []
    model = _seq2seq_on_meta(monkeypatch, seen)
    assert greedy_decode(model, [[4], [1, 2]], max_len=5) == [[TARGET_TOKENS.index("four")]] * 2
    assert seen == ["meta"] * 3  # encode, then two steps
    seen.clear()
    assert spell(model, "4", beam_size=3) == "four"
    assert spell(model, "12") == "four"
    assert len(seen) > 4 and set(seen) == {"meta"}


def test_beam_search_ranks_the_scores_on_the_cpu_before_float64(monkeypatch, on_accelerator):
    """On MPS (no float64) the log-probabilities come to the CPU before the float64 scores are
    summed (``.double().cpu()`` raised there); the result is what the CPU gives."""
    seen: list[str] = []
    expected = spell(_seq2seq_on_meta(monkeypatch, seen), "42", beam_size=3)
    mps = _seq2seq_on_meta(monkeypatch, seen, lambda t: on_accelerator(t, float64=False))
    assert spell(mps, "42", beam_size=3) == expected == "four"
    assert seq2seq.beam_decode(mps, [4, 2], beam_size=2) == seq2seq.beam_decode(
        _seq2seq_on_meta(monkeypatch, seen), [4, 2], beam_size=2
    )


def test_a_seq2seq_training_step_sends_its_batch_to_the_model_device(monkeypatch):
    seen: list[tuple[str, ...]] = []
    model = Seq2Seq(11, len(TARGET_TOKENS), 4, 6, num_layers=1)
    monkeypatch.setattr(seq2seq, "_model_device", lambda model: torch.device("meta"))

    def forward(self, source, lengths, decoder_input):
        seen.append((source.device.type, lengths.device.type, decoder_input.device.type))
        return self.head.bias.expand(*decoder_input.shape, len(TARGET_TOKENS)) * 1.0

    def nll_loss(log_probs, target, ignore_index=-100):
        seen.append((target.device.type,))
        return log_probs.sum()

    monkeypatch.setattr(Seq2Seq, "forward", forward)
    monkeypatch.setattr(seq2seq, "F", type("F", (), {"nll_loss": staticmethod(nll_loss)}))
    pairs = [seq2seq.encode_number(n) for n in (3, 14, 15)]
    config = Seq2SeqConfig(**{**TINY_S2S, "batch_size": 2})
    assert seq2seq.fit_seq2seq(model, pairs, config)["steps"] == 2
    assert seen == [("meta", "cpu", "meta"), ("meta",)] * 2


def test_cpu_device_runs_are_the_default_bit_for_bit(tmp_path):
    data = _sst(tmp_path)
    default = train_sentiment(SentimentConfig(**TINY_SST), data_dir=data)
    explicit = train_sentiment(SentimentConfig(**TINY_SST, device="cpu"), data_dir=data)
    assert default.metrics["test_confusion"] == explicit.metrics["test_confusion"]
    for a, b in zip(default.model.parameters(), explicit.model.parameters(), strict=True):
        assert torch.equal(a, b)
    a = seq2seq.train_numbers(Seq2SeqConfig(**TINY_S2S))
    b = seq2seq.train_numbers(Seq2SeqConfig(**TINY_S2S, device=torch.device("cpu")))
    assert a.metrics["final_loss"] == b.metrics["final_loss"]
    assert b.config.device == "cpu"


# --- command line ------------------------------------------------------------------------------

TRAIN = {
    "train": ["text", "train", "sst2"],
    "train-lm": ["text", "train-lm", "shakespeare"],
    "train-seq2seq": ["text", "train-seq2seq", "numbers"],
}


@pytest.mark.parametrize("command", sorted(TRAIN))
def test_cli_training_refuses_a_bad_device_by_flag_before_any_data_is_read(
    command, tmp_path, capsys
):
    argv = [*TRAIN[command], "--out", str(tmp_path / "m"), "--data-dir", str(tmp_path / "no")]
    if command == "train-seq2seq":
        argv = argv[:-2]
    assert main([*argv, "--device", "meta"]) == 2
    assert capsys.readouterr().err == (
        "error: --device must name a torch device that computes ('cpu', 'cuda', 'cuda:1', "
        "'mps', ...), got 'meta'.\n"
    )
    if not torch.cuda.is_available():
        assert main([*argv, "--device", "cuda"]) == 2
        assert capsys.readouterr().err.startswith("error: --device 'cuda' cannot be used here (")
    assert not (tmp_path / "m").exists() or not any((tmp_path / "m").iterdir())


def test_cli_jobs_above_one_need_the_cpu(tmp_path, capsys):
    argv = ["text", "train", "sst2", "--out", str(tmp_path / "m"), "--ensemble", "2"]
    assert main([*argv, "--device", "cuda", "--jobs", "2"]) == 2
    assert capsys.readouterr().err == (
        "error: --jobs > 1 trains the members in CPU processes; --device 'cuda' needs --jobs 1, "
        "got 2.\n"
    )


@pytest.mark.parametrize(
    "argv",
    [["predict", "MODEL", "a fine film"], ["generate", "MODEL"], ["spell", "MODEL", "42"]],
)
def test_cli_prediction_refuses_a_bad_device_by_flag_before_reading_the_model(
    argv, tmp_path, capsys
):
    argv = ["text", *(str(tmp_path / "none") if a == "MODEL" else a for a in argv)]
    assert main([*argv, "--device", "meta"]) == 2
    assert capsys.readouterr().err == (
        "error: --device must name a torch device that computes ('cpu', 'cuda', 'cuda:1', "
        "'mps', ...), got 'meta'.\n"
    )
    if not torch.cuda.is_available():
        assert main([*argv, "--device", "cuda:1"]) == 2
        assert capsys.readouterr().err.startswith("error: --device 'cuda:1' cannot be used here")


def test_cli_trains_and_spells_on_the_device_it_is_given(tmp_path, capsys):
    out = tmp_path / "s2s"
    flags = ["--max-digits", "2", "--train-size", "12", "--test-size", "4", "--epochs", "1"]
    argv = ["text", "train-seq2seq", "numbers", "--out", str(out), *flags, "--json"]
    assert main([*argv, "--device", "cpu"]) == 0
    assert json.loads(capsys.readouterr().out)["config"]["device"] == "cpu"
    assert json.loads((out / "config.json").read_text())["train"]["device"] == "cpu"
    assert main(["text", "spell", str(out), "42", "--device", "cpu", "--json"]) == 0
    with_flag = json.loads(capsys.readouterr().out)
    assert main(["text", "spell", str(out), "42", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == with_flag
