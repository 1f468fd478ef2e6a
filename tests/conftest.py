"""Suite-wide test settings."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import IO, Any

import pytest
import torch
from torch import nn
from torch.utils._pytree import tree_flatten

# The suite is run with PYTHONDONTWRITEBYTECODE=1, which made every run compile its ~580 test
# modules afresh: pytest's assertion rewriting of them took 19 of the 26 CPU-seconds each xdist
# worker spends collecting (7 with the rewritten modules cached), and every subprocess test
# compiled lstmkit again. Their bytecode goes to __pycache__ (which git ignores); Python and
# pytest check each cached file against its source's size and time before they use it.
sys.dont_write_bytecode = False


@pytest.fixture(autouse=True)
def _ctrl_c_raises() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt, as Python sets it up, however the suite was started: a
    shell script's background job (`pytest &`) or nohup starts it ignored, and Python keeps it
    so; the tests of what a Ctrl-C stops then saw nothing stop (17 of them failed)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        if before is not None:  # None: a handler set outside Python, which cannot be put back
            signal.signal(signal.SIGINT, before)


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    """Tiny models run fastest on one thread, and do not fight other processes for cores."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


class OnAccelerator(torch.Tensor):
    """A CPU tensor that stands for one on a GPU where host code trips over such tensors.

    The meta device catches tensors created on the CPU and mixed with the model's, but it holds
    no values, so it cannot stand in for outputs that are read back. These can: they compute,
    ``.tolist()``, ``float()`` and ``.item()`` read them (CUDA copies to the host), ``.cpu()`` and
    ``.to("cpu")`` give a plain tensor, and whatever CUDA (or MPS) refuses raises as it does:

    * ``.numpy()`` (and ``np.asarray``): ``TypeError``, as CUDA's "can't convert cuda:0 ...";
    * mixing with a plain CPU tensor of one dimension or more (indexing by one aside):
      ``RuntimeError``, as "Expected all tensors to be on the same device", when ``strict``;
    * with ``float64 = False`` (MPS): any conversion to float64 (``.double()``,
      ``.to(torch.float64)``), ``TypeError`` as MPS's "Cannot convert a MPS Tensor to float64".

    Its ``device`` is the CPU's, unless made with ``device=`` (``"mps"``), which only ``.device``
    reports: for code that looks at the device before it computes.

    Make one with ``on_accelerator(t)`` (the fixture) or ``t.as_subclass(OnAccelerator)``.
    """

    float64 = True
    strict = True

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func is torch.Tensor.cpu or (func is torch.Tensor.to and _names_cpu(args[1:], kwargs)):
            with torch._C.DisableTorchFunctionSubclass():
                return func(*args, **kwargs).as_subclass(torch.Tensor)
        if func in (torch.Tensor.numpy, torch.Tensor.__array__):
            raise TypeError(
                "can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the "
                "tensor to host memory first."
            )
        if not cls.float64 and _to_float64(func, args, kwargs):
            raise TypeError(
                "Cannot convert a MPS Tensor to float64 dtype as the MPS framework doesn't "
                "support float64. Please use float32 instead."
            )
        if cls.strict and func not in (torch.Tensor.__getitem__, torch.Tensor.__setitem__):
            flat, _ = tree_flatten((args, kwargs))
            if any(type(a) is torch.Tensor and a.dim() > 0 for a in flat):
                raise RuntimeError(
                    "Expected all tensors to be on the same device, but found at least two "
                    "devices, cuda:0 and cpu!"
                )
        return super().__torch_function__(func, types, args, kwargs)


def _names_cpu(args: tuple, kwargs: dict) -> bool:
    flat, _ = tree_flatten((args, kwargs))
    return any(
        (isinstance(a, str) and a == "cpu") or (isinstance(a, torch.device) and a.type == "cpu")
        for a in flat
    )


def _to_float64(func, args: tuple, kwargs: dict) -> bool:
    if func is torch.Tensor.double:
        return True
    if func in (torch.Tensor.to, torch.Tensor.type):
        flat, _ = tree_flatten((args[1:], kwargs))
        return any(a is torch.float64 for a in flat)
    return False


@pytest.fixture(scope="module")
def classifier_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny untrained SST-2 classifier of "a good film" and "a bad film", saved as `lstmkit
    text train` saves one (tests/explain/conftest.py and test_scripter_fixes.py keep their own,
    of other words and sizes)."""
    from lstmkit.text import TextClassifier
    from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier
    from lstmkit.text.vocab import Vocabulary

    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    model = TextClassifier(len(vocab), 6, 5, 2).eval()
    out = tmp_path_factory.mktemp("clf")
    save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), out)
    return out


@pytest.fixture(scope="session")
def sum_line() -> Callable[[Any, str, str], str]:
    """``sum_line(predictor, text, label)``: the "relevance in all" line `lstmkit text predict
    --explain` (and `lstmkit explain`) closes a sentence with, at the default bias factor."""
    from lstmkit.cli.explain import _num
    from lstmkit.explain import lrp

    def line(predictor: Any, text: str, label: str) -> str:
        ids, lengths = predictor.encode(text)
        ex = lrp(predictor.model, ids, predictor.labels.index(label), lengths=lengths)
        tokens, initial = float(sum(ex.relevance[0].tolist())), float(ex.initial_state[0])
        return (
            f"relevance in all: tokens {_num(tokens)} + initial state {_num(initial)} = "
            f"{_num(tokens + initial)}, score {float(ex.score[0]):.4f}; the biases hold the rest "
            "(pass --bias-factor 1 to conserve it)"
        )

    return line


@pytest.fixture(scope="session")
def clf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved sentiment classifier of one epoch on twelve films ("up"/"down"), for the text
    commands' input tests (text/test_text_cli_exact.py trains a better one of its own)."""
    from lstmkit.text.sentiment import SentimentConfig, save_classifier, train_classifier

    texts = [f"film {k} was {w}" for k in range(6) for w in ("great", "awful")]
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, batch_size=4, progress=False)
    result = train_classifier(texts, ["up", "down"] * 6, config, name="films")
    return save_classifier(result, tmp_path_factory.mktemp("clf") / "clf")


@pytest.fixture
def on_a_terminal() -> Callable[..., tuple[int, bytes]]:
    """Runs ``python -m lstmkit ARGS`` in ``cwd`` with ``env``, its stdout and stderr a terminal
    (a pty; with ``fd3``, descriptor 3 a duplicate of it): its exit code and the bytes the
    terminal showed."""
    pty = pytest.importorskip("pty")

    def run(args: list[str], cwd: Path, env: dict[str, str], fd3: bool = False):
        pid, master = pty.fork()
        if pid == 0:  # the child
            try:
                os.chdir(cwd)
                if fd3:
                    os.dup2(1, 3)
                os.execve(sys.executable, [sys.executable, "-m", "lstmkit", *args], env)
            finally:
                os._exit(127)  # never back into pytest
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child gone: EIO
                break
            if not chunk:
                break
            shown += chunk
        os.close(master)
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), shown

    return run


@pytest.fixture
def on_accelerator() -> Callable[..., torch.Tensor]:
    """``on_accelerator(t, float64=True, strict=True, device=None)``: ``t`` as an
    :class:`OnAccelerator` tensor (``float64=False`` stands for MPS; ``strict=False`` lets it
    mix with CPU tensors; ``device="mps"`` makes ``.device`` say so)."""

    def make(
        t: torch.Tensor, float64: bool = True, strict: bool = True, device: str | None = None
    ) -> torch.Tensor:
        attrs: dict = {"float64": float64, "strict": strict}
        if device is not None:
            attrs["device"] = property(lambda self: torch.device(device))
        return t.as_subclass(type("OnAccelerator", (OnAccelerator,), attrs))

    return make


@pytest.fixture
def safetensors_says() -> Callable[[Path], str]:
    """safetensors' own words on a damaged file, which differ between its versions."""

    def says(path: Path) -> str:
        from safetensors.torch import load_file

        try:
            load_file(path)
        except Exception as err:  # whatever it raises, its text is what lstmkit quotes
            return str(err)
        raise AssertionError(f"{path} loaded")

    return says


@pytest.fixture
def file_size_limit() -> Callable[[int], contextlib.AbstractContextManager[None]]:
    """``with file_size_limit(n):`` a write that would make a file longer than ``n`` bytes fails
    with a real ``OSError`` (EFBIG, as a full disk fails with ENOSPC): RLIMIT_FSIZE, with
    SIGXFSZ ignored so that the write fails instead of the process being killed."""
    resource = pytest.importorskip("resource")

    @contextlib.contextmanager
    def limit(size: int) -> Iterator[None]:
        old = resource.getrlimit(resource.RLIMIT_FSIZE)
        handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, old[1]))
        # a module first imported within it left a cut .pyc ("marshal data too short" in
        # every later import of it, in other tests and runs): no bytecode written meanwhile
        bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
        try:
            yield
        finally:
            sys.dont_write_bytecode = bytecode
            resource.setrlimit(resource.RLIMIT_FSIZE, old)
            signal.signal(signal.SIGXFSZ, handler)

    return limit


@pytest.fixture
def flags_refusal(capsys: pytest.CaptureFixture[str]) -> Callable[[list[str]], str]:
    """What `lstmkit ARGV` writes on stderr when argparse refuses its flags (exit 2, nothing on
    stdout)."""

    def refusal(argv: list[str]) -> str:
        from lstmkit.cli import main

        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        return captured.err

    return refusal


@pytest.fixture
def interval_refusal(capsys: pytest.CaptureFixture[str]) -> Callable[[list[str]], str]:
    """What `lstmkit ARGV` writes on stderr when it refuses its --interval: exit 2, nothing on
    stdout (the text "95%" and the number 95 are refused alike, after the flags parse)."""

    def refusal(argv: list[str]) -> str:
        from lstmkit.cli import main

        assert main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        return captured.err

    return refusal


@pytest.fixture
def csv_refusal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Callable[[Path], str]:
    """What ``data.read_csv(csv, "month", "sales")`` refuses ``csv`` with, checked to be what
    `lstmkit forecast --csv CSV --date-col month --value-col sales` says, its remedies said as
    flags (``--fill``, not ``fill`` "(CLI: --fill)": see lstmkit._remedies) (exit 2, the message
    alone on stderr, its --out folder not made), where the file is named by its flag and path
    (``--csv '/tmp/.../sales.csv' must be UTF-8 text``), not "CSV file 'sales.csv'"."""

    def refusal(csv: Path) -> str:
        from lstmkit import data
        from lstmkit._remedies import cli_command
        from lstmkit.cli import main

        with pytest.raises(ValueError) as info:
            data.read_csv(csv, "month", "sales")
        message = str(info.value)
        said_as = cli_command.set("forecast")  # its remedies as flags ("pass --fill")
        try:
            with pytest.raises(ValueError) as info:
                data.read_csv(csv, "month", "sales")
        finally:
            cli_command.reset(said_as)
        out = tmp_path / "refused"
        argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
        assert main([*argv, "--out", str(out)]) == 2
        cli = str(info.value)
        said = cli.removeprefix(f"CSV file {csv.name!r} ")
        flagged = f"--csv {str(csv)!r} {said}" if said != cli else cli
        assert capsys.readouterr() == ("", f"error: {flagged}\n")
        assert not out.exists()
        return message

    return refusal


class _Planned(BaseException):
    """Raised where `lstmkit forecast` would start fitting."""


@pytest.fixture
def planned_runs(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], list]:
    """The runs `lstmkit forecast ARGV` plans (``cli._forecast_run._Run``, one per series), none
    fitted: the command stops where it would start its first fit."""

    def planned(argv: list[str]) -> list:
        import lstmkit.cli._forecast_run as run
        from lstmkit.cli import main

        plans = []
        plan = run._plan

        def recorded(*args, **kwargs):
            plans.append(plan(*args, **kwargs))
            return plans[-1]

        def stop(_run) -> None:
            raise _Planned

        with monkeypatch.context() as patched, pytest.raises(_Planned):
            patched.setattr(run, "_plan", recorded)
            patched.setattr(run, "_execute", stop)
            main(argv)
        return plans

    return planned


@pytest.fixture
def zstd_compress(monkeypatch: pytest.MonkeyPatch) -> Callable[[bytes], bytes]:
    """``compress(data)``: ``data`` compressed by zstandard, where it is installed; else (it is
    no test dependency) a stand-in for it is installed, whose ``open`` unpacks what
    ``compress`` packs: Zstandard's magic number, which the reader looks for, then gzip's
    bytes. Its reader reads as zstandard's does, not as a GzipFile: it neither seeks nor
    reads a line (a reader that did passed a test that zstandard itself fails)."""
    try:
        import zstandard
    except ImportError:
        pass
    else:
        return zstandard.ZstdCompressor().compress
    import gzip
    import sys
    import types

    magic = b"\x28\xb5\x2f\xfd"
    fake = types.ModuleType("zstandard")
    fake.__version__ = "99.0.0"  # type: ignore[attr-defined]
    fake.ZstdError = type("ZstdError", (Exception,), {})  # type: ignore[attr-defined]

    class ZstdDecompressionReader(io.RawIOBase):
        def __init__(self, unpacked: io.BufferedIOBase) -> None:
            self._unpacked = unpacked

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[override]
            return self._unpacked.readinto(buffer)

        def readline(self, size: int | None = -1) -> bytes:
            raise io.UnsupportedOperation("readline() is not supported")

        def close(self) -> None:
            self._unpacked.close()
            super().close()

    class ZstdDecompressor:
        def __init__(self, **kwargs: object) -> None:
            pass

        def stream_reader(self, source: bytes | IO[bytes]) -> ZstdDecompressionReader:
            # pandas asks for one to know zstandard's reader class (2.2: is_binary_mode)
            handle = io.BytesIO(source) if isinstance(source, bytes) else source
            return ZstdDecompressionReader(gzip.GzipFile(fileobj=handle, mode="rb"))

    def fake_open(handle, mode="rb", **kwargs):
        if handle.read(len(magic)) != magic:
            raise fake.ZstdError("not a Zstandard frame")
        return ZstdDecompressionReader(gzip.GzipFile(fileobj=handle, mode=mode))

    fake.ZstdDecompressor = ZstdDecompressor  # type: ignore[attr-defined]
    fake.open = fake_open  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zstandard", fake)
    return lambda data: magic + gzip.compress(data)


@pytest.fixture
def tied_classifier() -> tuple:
    """A classifier (eval mode) and its vocabulary whose logits on "a good film" are 0 and
    about 2e-8: the logits' arg-max is class 1 (positive), the float32 probabilities' (0.5 each)
    class 0 (negative), the near tie on which an explanation must follow what predict shows."""
    from lstmkit.text import TextClassifier
    from lstmkit.text.vocab import Vocabulary

    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    model = TextClassifier(len(vocab), 6, 5, 2).eval()
    tokens = torch.tensor([vocab.encode(["a", "good", "film"])])
    seen: list[torch.Tensor] = []
    handle = model.head.register_forward_hook(lambda _m, a, _o: seen.append(a[0]))
    model(tokens)
    handle.remove()
    j = int(seen[0][0].abs().argmax())
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.zero_()
        model.head.weight[1, j] = 1e-7 * float(seen[0][0, j].sign())
        logits = model(tokens)
    assert 0 < float(logits[0, 1]) < 1e-7 and int(logits.argmax()) == 1
    assert torch.softmax(logits, dim=-1).tolist() == [[0.5, 0.5]]
    return model, vocab


def _amplifying_predictor(labels: tuple[str, str] = ("negative", "positive")) -> Any:
    """A sentiment predictor of one LSTM unit whose candidate ``g = tanh(-0.926 x + 3 h)``
    settles, after "the", at ``h = 0.642`` (``z = 1.0``), where LRP hands ``3 h / z = 1.93``
    times a step's relevance to the step before: relevances grow 1.93-fold per token while the
    score stays 0.6421 (class 0); "word" alone is read as class 1."""
    from lstmkit.text import Vocabulary
    from lstmkit.text.classifier import TextClassifier
    from lstmkit.text.sentiment import SentimentPredictor

    vocab = Vocabulary.build(["the word"])
    model = TextClassifier(len(vocab), 1, 1, 2, bidirectional=False)
    with torch.no_grad():
        for p in model.parameters():
            p.zero_()
        model.embedding.weight[vocab.stoi["word"], 0] = 1.0
        model.embedding.weight[vocab.stoi["the"], 0] = -2.0
        # gates i, f, g, o: input and output open, forget shut
        model.rnn.weight_ih_l0[:, 0] = torch.tensor([0.0, 0.0, -0.926, 0.0])
        model.rnn.weight_hh_l0[:, 0] = torch.tensor([0.0, 0.0, 3.0, 0.0])
        model.rnn.bias_ih_l0[:] = torch.tensor([20.0, -20.0, 0.0, 20.0])
        model.head.weight[:, 0] = torch.tensor([1.0, -1.0])
    return SentimentPredictor(model, vocab, labels)


@pytest.fixture
def amplifying_predictor() -> Callable[..., Any]:
    """Makes :func:`_amplifying_predictor`'s predictor, a new one each call (``labels=``
    optional): the model whose LRP relevances blow up through a long text, which the blow-up
    warnings' tests of every route explain."""
    return _amplifying_predictor


class _Tagger(nn.Module):
    """nn.Embedding → nn.LSTM (batch first, 6 units) → nn.Linear(6, 3) on h_n[-1]: a
    researcher's own token model, as the explanation tests take it."""

    def __init__(
        self, num_embeddings: int = 20, embedding_dim: int = 4, max_norm: float | None = None
    ) -> None:
        super().__init__()
        self.embedding = nn.Embedding(num_embeddings, embedding_dim, max_norm=max_norm)
        self.rnn = nn.LSTM(embedding_dim, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


@pytest.fixture
def tagger() -> type[_Tagger]:
    """The class ``_Tagger(num_embeddings=20, embedding_dim=4, max_norm=None)``: nn.Embedding →
    nn.LSTM (batch first, 6 units) → nn.Linear(6, 3) on h_n[-1], drawn in that order (its
    numbers after ``torch.manual_seed`` are those of the tests' own copies it replaced). Its
    forward's signature, ``forward(tokens: 'torch.Tensor') -> 'torch.Tensor'``, and its name
    are in the messages the tests assert."""
    return _Tagger


@contextlib.contextmanager
def _edited(path: Path) -> Iterator[dict[str, Any]]:
    saved = json.loads(path.read_text(encoding="utf-8"))
    yield saved
    path.write_text(json.dumps(saved), encoding="utf-8")


def _edit_saved(
    folder: Path,
    mutate: Callable[[dict[str, Any]], object] | None = None,
    *,
    file: str = "config.json",
) -> Any:
    path = Path(folder) / file
    if mutate is None:
        return _edited(path)
    with _edited(path) as saved:
        mutate(saved)
    return saved


@pytest.fixture
def edit_saved() -> Callable[..., Any]:
    """A saved model's ``config.json`` (or ``file=``: ``run.json``, …) edited in place, as an
    older or newer lstmkit, or a hand, would have left it: the JSON read, changed, written back
    (UTF-8, ``json.dumps``' defaults). Either as a block, where the edit is statements::

        with edit_saved(folder) as saved:
            del saved["state"]["history"]["hours"]

    or at once, ``edit_saved(folder, mutate)``, which calls ``mutate(saved)`` and returns the
    dict written. The dict stays the test's to read (or to edit again) afterwards."""
    return _edit_saved


@pytest.fixture
def pandas_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lengths of the indexes whose frequency pandas checked stamp by stamp (a second per
    20,000 business hours), checked as before."""
    import pandas as pd  # the suite's other fixtures need no pandas: imported where used

    checked: list[int] = []
    check = pd.arrays.DatetimeArray._validate_frequency

    def counted(cls: type, index: Any, freq: Any, **kwargs: object) -> None:
        checked.append(len(index))
        check(index, freq, **kwargs)

    monkeypatch.setattr(pd.arrays.DatetimeArray, "_validate_frequency", classmethod(counted))
    return checked


@pytest.fixture
def make_fifo() -> Callable[[Path, bytes], threading.Thread]:
    """Make a named pipe at a path (as bash's ``<(cat sales.csv)`` is one) that gives some bytes
    to the one reader that opens it: ``writer = make_fifo(path, data)``, a thread to ``join``."""
    import os

    def make(path: Path, data: bytes) -> threading.Thread:
        os.mkfifo(path)
        writer = threading.Thread(target=path.write_bytes, args=(data,), daemon=True)
        writer.start()
        return writer

    return make


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder temporary copies are made in, to see that none is left behind."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def unopened() -> Callable[..., int]:
    """``unopened(argv, *fifos)``: ``main(argv)``'s exit code, where it must not open the named
    pipes ``fifos`` (made here), which no one writes to: opened, the command would wait for a
    writer forever; the test fails after 30 seconds instead."""
    import os

    from lstmkit.cli import main

    def run(argv: list[str], *fifos: Path) -> int:
        for fifo in fifos:
            os.mkfifo(fifo)
        codes: list[int] = []
        thread = threading.Thread(target=lambda: codes.append(main(argv)), daemon=True)
        thread.start()
        thread.join(30)
        if thread.is_alive():
            for fifo in fifos:  # a writer that closes at once ends the wait
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            thread.join(30)
            pytest.fail(f"a named pipe of {argv} was opened before the flags were refused")
        return codes[0]

    return run


def _brute_hours(first: Any, last: Any, opens: int, hours: int, mask: str) -> Any:
    """Every whole hour (wall clock) from ``first`` to ``last`` that an opening at ``opens``
    o'clock of ``hours`` hours, on a day of ``mask`` (Monday first), holds: hour by hour, the
    day before too (its opening may run past midnight)."""
    import pandas as pd

    held = []
    for stamp in pd.date_range(first, last, freq="h"):
        for day in (stamp.normalize(), stamp.normalize() - pd.Timedelta(days=1)):
            start = day + pd.Timedelta(hours=opens)
            if mask[day.day_of_week] == "1" and start <= stamp < start + pd.Timedelta(hours=hours):
                held.append(stamp)
                break
    return pd.DatetimeIndex(held)


@pytest.fixture
def brute_hours() -> Callable[..., Any]:
    """``brute_hours(first, last, opens, hours, mask)``: the business hours' stamps found hour
    by hour, the truth the business-hours grid is checked against."""
    return _brute_hours


@pytest.fixture
def imbalanced_reviews(tmp_path: Path) -> list[str]:
    """``lstmkit text train``'s words (without ``--out``) for a CSV of 45 'pos' and 5 'neg'
    reviews, a tiny network and one epoch: a test set scored beside its largest class."""
    path = tmp_path / "imb.csv"
    rows = [f"a fine good film {k},pos" for k in range(45)]
    rows += [f"a dull bad film {k},neg" for k in range(5)]
    path.write_text("review,label\n" + "\n".join(rows) + "\n", "utf-8")
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "label"]
    return [*argv, "--embed-dim", "4", "--hidden-size", "4", "--epochs", "1", "--no-progress"]


@pytest.fixture
def short_sales(tmp_path: Path) -> list[str]:
    """``lstmkit forecast``'s words for ``short.csv``: 40 months (2015-01 on) of sales
    ``100 + t % 7``, written here; a series too short for the default backtest's 3 origins."""
    import numpy as np
    import pandas as pd

    csv = tmp_path / "short.csv"
    months = pd.date_range("2015-01-01", periods=40, freq="MS").strftime("%Y-%m-%d")
    pd.DataFrame({"month": months, "sales": 100.0 + np.arange(40) % 7}).to_csv(csv, index=False)
    return ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]


def _forecast_csv(path: Path) -> Any:
    """A run's ``forecast.csv`` as written: every forecast read as ``float`` reads its decimal
    (pandas 2.2's own parser reads some an ulp off; pandas 3 deprecates float_precision)."""
    import pandas as pd

    return pd.read_csv(
        path, index_col="timestamp", parse_dates=True, converters={"forecast": float}
    )


@pytest.fixture
def forecast_csv() -> Callable[[Path], Any]:
    """Reads a run's ``forecast.csv`` exactly, for forecasts compared bit for bit."""
    return _forecast_csv


def _says(bias: list[float]) -> Any:
    """A TextClassifier whose head ignores the text: it always says the class ``bias`` favours."""
    from lstmkit.text import TextClassifier

    model = TextClassifier(vocab_size=6, embed_dim=2, hidden_size=2, num_classes=len(bias))
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.copy_(torch.tensor(bias))
    return model


@pytest.fixture
def says() -> Callable[[list[float]], Any]:
    """Builds a classifier that always says the class its head's ``bias`` favours."""
    return _says


@pytest.fixture
def pinned_for_torch() -> Callable[[dict[str, Any]], Any]:
    """``pick(figures)``: the figures pinned for the running torch's release (``"2.13"``) in
    ``figures``, or the test skipped, naming the releases pinned and this one. A training run's
    losses follow torch's dropout draws and kernels, which differ between releases (torch 2.4
    draws other dropout masks than 2.13)."""
    release = ".".join(torch.__version__.split("+")[0].split(".")[:2])

    def pick(figures: dict[str, Any]) -> Any:
        if release not in figures:
            pytest.skip(
                f"its training figures are pinned under torch {', '.join(figures)} only, "
                f"this is torch {torch.__version__}"
            )
        return figures[release]

    return pick


class _PromoPlan:
    """40 days of 'sales', then a plan of 'promo' (a future covariate) for 4 days: the file
    and the tiny forecast that tests of --future-cols plans run on it."""

    quick = (
        *("--ensemble", "1", "--epochs", "2", "--lookback", "4", "--season-length", "1"),
        *("--no-calendar", "--hidden-size", "4", "--no-stat-baselines", "--holdout", "0"),
    )

    @staticmethod
    def write(path: Path, drop: Any = (), blank: Any = ()) -> Path:
        """The file at ``path``; rows ``drop`` left out, the promo of rows ``blank`` empty."""
        import numpy as np
        import pandas as pd

        days = pd.date_range("2021-01-01", periods=44, freq="D")
        sales = np.where(np.arange(44) < 40, 20.0 + np.arange(44) % 5, np.nan)
        promo = (np.arange(44) % 2).astype(float)
        promo[list(blank)] = np.nan
        frame = pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "sales": sales, "promo": promo})
        frame.drop(index=list(drop)).to_csv(path, index=False)
        return path

    @staticmethod
    def fitted() -> tuple[Any, Any]:
        """The same days from Python: a tiny ``Forecaster`` fitted on the 40 days of 'sales'
        with the promo it read, and the promo of all 44 days (the plan, a pandas Series)."""
        import numpy as np
        import pandas as pd

        from lstmkit.forecast import Forecaster

        days = pd.date_range("2021-01-01", periods=44, freq="D")
        promo = pd.Series((np.arange(44) % 2).astype(float), days, name="promo")
        sales = pd.Series(20.0 + np.arange(40) % 5, days[:40], name="sales")
        quick = {"ensemble": 1, "epochs": 2, "lookback": 4, "season_length": 1, "hidden_size": 4}
        fc = Forecaster(horizon=4, calendar=False, interval=None, **quick)
        return fc.fit(sales, future_covariates=promo[:40]), promo

    @classmethod
    def forecast(cls, csv: Path, *more: str) -> int:
        """``lstmkit forecast`` of ``csv`` reading its plan (``--future-cols promo``)."""
        from lstmkit.cli import main

        argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
        return main([*argv, "--future-cols", "promo", "--horizon", "4", *cls.quick, *more])


@pytest.fixture(scope="session")
def promo_plan() -> type[_PromoPlan]:
    """Writes a series with a 4-day plan of 'promo' and forecasts it (see ``_PromoPlan``)."""
    return _PromoPlan


@contextlib.contextmanager
def _default_meta() -> Iterator[None]:
    torch.set_default_device("meta")
    try:
        yield
    finally:
        torch.set_default_device(None)


@pytest.fixture(scope="session")
def meta_defaults() -> dict[str, Callable[[], contextlib.AbstractContextManager[Any]]]:
    """The two ways a caller makes the meta device the default, by name (``"with"``:
    ``with torch.device("meta")``; ``"set_default_device"``, undone after), each a
    context-manager factory: code given CPU tensors under them must not make its own there."""
    return {"with": lambda: torch.device("meta"), "set_default_device": _default_meta}


class _StillRunning:
    """Stands for a long command's work where stderr is no terminal: ``work`` (patch it in for
    what the command runs) reads stderr until two still-running notes are out (or ``wait``
    seconds pass), then stops the command with a CLIError; ``lines()`` is all it wrote."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys, self.said, self.wait = capsys, [], 3.0

    def work(self, *args: object, **kwargs: object) -> None:
        import time

        from lstmkit.cli import CLIError

        deadline = time.monotonic() + self.wait
        while len("".join(self.said).splitlines()) < 2 and time.monotonic() < deadline:
            self.said.append(self.capsys.readouterr().err)
            time.sleep(0.01)
        raise CLIError("stopped by the test")

    def lines(self) -> list[str]:
        return "".join([*self.said, self.capsys.readouterr().err]).splitlines()

    @staticmethod
    def note(command: str, seconds: str) -> str:
        return (
            f"{command}: still running after {seconds} s (no progress bar: stderr is not a "
            "terminal; --progress draws one)"
        )

    def quiet_with_either_flag(self, argv: list[str]) -> None:
        """With --progress or --no-progress, no note: a bar, or the silence asked for (0.2 s:
        four notes' time)."""
        from lstmkit.cli import main

        self.wait = 0.2
        for flag in ("--progress", "--no-progress"):
            self.said.clear()
            assert main([*argv, flag]) == 2
            assert "".join(self.lines()) == "error: stopped by the test"


@pytest.fixture
def still_running(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """A ``_StillRunning`` probe, the note made due every 0.05 s (not 60 s)."""
    import lstmkit.cli.text as cli_text

    monkeypatch.setattr(cli_text, "_SILENT_NOTE_S", 0.05)
    return _StillRunning(capsys)


@pytest.fixture(scope="module")
def lm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny character LM trained on ``"abcd\\n" * 40`` and saved: the folder ``lstmkit text
    generate`` reads (text tests of generate's flags and interrupts)."""
    from lstmkit.text import charlm
    from lstmkit.text.charlm import CharLMConfig

    config = CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=4,
        eval_every=2, progress=False,
    )  # fmt: skip
    return charlm.save_charlm(
        charlm.train_charlm("abcd\n" * 40, config), tmp_path_factory.mktemp("lm") / "lm"
    )


@pytest.fixture(scope="module")
def s2s_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny digits-to-words model (numbers of 1 to 2 digits) trained for one epoch and saved:
    the folder ``lstmkit text spell`` reads."""
    from lstmkit.text import seq2seq

    config = seq2seq.Seq2SeqConfig(
        max_digits=2, train_size=40, test_size=6, embed_dim=4, hidden_size=6, epochs=1,
        batch_size=8, progress=False,
    )  # fmt: skip
    return seq2seq.save_seq2seq(
        seq2seq.train_numbers(config), tmp_path_factory.mktemp("s2s") / "s2s"
    )


@pytest.fixture
def interrupt_at_step(monkeypatch: pytest.MonkeyPatch) -> Callable[[int, type], None]:
    """``arm(step, signal)``: the character model's ``step``-th call after the prompt's raises
    ``signal`` (KeyboardInterrupt as Ctrl-C would, or lstmkit's SIGTERM exception), for the
    tests of an interrupted ``generate``."""
    from lstmkit.text import charlm

    def arm(step: int, signal: type) -> None:
        forward, calls = charlm.CharLM.forward, []

        def interrupted(self, *args, **kwargs):
            calls.append(1)
            if len(calls) == step + 1:
                raise signal
            return forward(self, *args, **kwargs)

        monkeypatch.setattr(charlm.CharLM, "forward", interrupted)

    return arm


@pytest.fixture(scope="module")
def recursive() -> Any:
    """A tiny recursive Forecaster (2 members of 4 units, 2 epochs, no interval) fitted on
    ``sin(arange(60) / 3) + 2`` indexed by position, so any horizon is drawable: for the checks
    of predict's and backtest's arguments, which need a fitted model and no accuracy."""
    import numpy as np
    import pandas as pd

    from lstmkit.forecast import Forecaster, ForecasterConfig

    config = ForecasterConfig(
        strategy="recursive",
        horizon=3,
        hidden_size=4,
        epochs=2,
        ensemble=2,
        interval=None,
        progress=False,
    )
    return Forecaster(config).fit(pd.Series(np.sin(np.arange(60) / 3) + 2.0))


@pytest.fixture
def fake_cgroups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """``fake_cgroups(proc, files, swap=0)``: a fake /proc/self/cgroup holding ``proc`` and a
    fake /sys/fs/cgroup holding ``files`` (path: text; the memory limits and the swap limits,
    ``memory.swap.max``, ``memory.memsw.limit_in_bytes``), read by ``lstmkit._memory``, the one
    reader of the forecaster's and the demo's memory checks; a fresh pair each call, returning
    the fake /sys/fs/cgroup. The machine's swap is ``swap`` bytes (a fake /proc/meminfo, none
    by default): the refusals count it, and the machine's own would change their words."""
    from lstmkit import _memory

    def make(proc: str, files: dict[str, str], swap: int = 0) -> Path:
        folder = tmp_path / f"cgroups{len(list(tmp_path.glob('cgroups*')))}"
        root = folder / "fs"
        root.mkdir(parents=True)
        (folder / "cgroup").write_text(proc)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        monkeypatch.setattr(_memory, "PROC_CGROUP", folder / "cgroup")
        monkeypatch.setattr(_memory, "CGROUP_ROOT", root)
        (folder / "meminfo").write_text(f"SwapTotal: {swap // 1024:13} kB\n")
        monkeypatch.setattr(_memory, "MEMINFO", folder / "meminfo")
        return root

    return make


@pytest.fixture
def fake_memory(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``fake_memory(machine, container, swap=0, disk=None, container_swap=None)``: this
    machine's memory, its container's limit, its swap, the free disk a swap of unknown size may
    grow into and the container's swap limit (bytes; None: the OS does not say, or no limit)
    as ``lstmkit._memory`` reads them for the forecaster's, the demo's and the nn modules'
    memory checks; each call replaces all five."""
    from lstmkit import _memory

    def make(
        machine: int | None,
        container: int | None,
        swap: int | None = 0,
        disk: int | None = None,
        container_swap: int | None = None,
    ) -> None:
        monkeypatch.setattr(_memory, "physical_memory", lambda: machine)
        monkeypatch.setattr(_memory, "container_memory", lambda **where: container)
        monkeypatch.setattr(_memory, "swap_memory", lambda: swap)
        monkeypatch.setattr(_memory, "disk_room", lambda: disk)
        monkeypatch.setattr(_memory, "container_swap", lambda **where: container_swap)

    return make


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="session")
def bench_script() -> Callable[[str], ModuleType]:
    """``bench_script(name)``: ``benchmarks/NAME.py`` loaded afresh, as ``python
    benchmarks/NAME.py`` loads it: with its folder on the path while it runs, where its imports
    of the scripts beside it (``_counts``, ``startup``) are found."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(
            f"benchmark_{name}", BENCHMARKS / f"{name}.py"
        )
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(BENCHMARKS))
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(BENCHMARKS))
        return module

    return load


@pytest.fixture
def accuracy_printed(
    bench_script: Callable[[str], ModuleType],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Callable[..., list[str]]:
    """``accuracy_printed(argv, bt=[])``: the lines ``benchmarks/forecast_accuracy.py``'s
    ``main(argv)`` prints on a stand-in holdout table (airline's 12 months: lstmkit, 14.0 in
    4.0 s, and seasonal naive, 50.0 in 0.2 s; MAPE 2.5, MASE 0.4) and the backtest rows ``bt``,
    its other tables empty and ``lstmkit forecast airline`` timed at 10.0 s (three tests built
    the same stand-ins each)."""
    bench = bench_script("forecast_accuracy")
    row = {"dataset": "airline", "holdout": 12, "rmse": [14.0], "mape": [2.5], "mase": [0.4]}
    rows = [
        {**row, "method": "lstmkit Forecaster", "seconds": 4.0},
        {**row, "method": "seasonal_naive", "rmse": [50.0], "seconds": 0.2},
    ]
    monkeypatch.setattr(bench, "cli_seconds", lambda: 10.0)
    monkeypatch.setattr(bench, "holdout_table", lambda *args: rows)
    monkeypatch.setattr(bench, "tutorial", lambda seeds: {})
    monkeypatch.setattr(bench, "hindsight_growth", lambda *args: [])
    monkeypatch.setattr(bench, "growth_window", lambda *args: [])

    def run(argv: list[str], bt: list[dict] | None = None) -> list[str]:
        monkeypatch.setattr(bench, "backtest_table", lambda *args: bt or [])
        bench.main(argv)
        return capsys.readouterr().out.splitlines()

    return run


@pytest.fixture
def bench_refusal(
    bench_script: Callable[[str], ModuleType],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[str, list[str]], str]:
    """``bench_refusal(name, argv)``: the last stderr line of ``benchmarks/NAME.py``'s
    ``main(argv)``, which must exit 2 having printed nothing, as argparse refuses: its usage
    line first (a refusal of the script's own, without it, passed too)."""

    def refusal(name: str, argv: list[str]) -> str:
        monkeypatch.setattr(sys, "argv", [str(BENCHMARKS / f"{name}.py")])  # argparse's prog
        with pytest.raises(SystemExit) as stop:
            bench_script(name).main(argv)
        assert stop.value.code == 2
        out, err = capsys.readouterr()
        assert out == ""  # refused before any work: no header, no row
        lines = err.splitlines()
        assert lines[0].startswith("usage: "), err
        return lines[-1]

    return refusal


@contextlib.contextmanager
def _figures_undrawn() -> Iterator[None]:
    from matplotlib.figure import Figure

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Figure, "savefig", lambda self, path, **kwargs: Path(path).touch())
        yield


@pytest.fixture
def undrawn_figures() -> Iterator[None]:
    """``Figure.savefig`` creates the (empty) file it is given and draws nothing, for tests whose
    checks read no figure: drawing a run's PNGs was 13 of the 35 CPU-seconds of
    test_cli_forecast.py, most of each `lstmkit forecast --out` run."""
    with _figures_undrawn():
        yield


@pytest.fixture(scope="session")
def undrawn_figures_block() -> Callable[[], contextlib.AbstractContextManager[None]]:
    """``with undrawn_figures_block():`` as ``undrawn_figures``, for a module-scope fixture."""
    return _figures_undrawn


@pytest.fixture(scope="module")
def fc_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-epoch direct Forecaster saved to a folder (horizon 2, lookback 4, on 0 … 59), the
    model that the `--out` tests hand to ``lstmkit predict`` and ``lstmkit explain``."""
    import numpy as np

    from lstmkit.forecast import Forecaster

    folder = tmp_path_factory.mktemp("fc") / "fc"
    Forecaster(epochs=1, horizon=2, lookback=4, seed=0, ensemble=1).fit(np.arange(60.0)).save(
        folder
    )
    return folder


@pytest.fixture(scope="module")
def airline_fc_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-epoch direct Forecaster of airline less its last 12 months, saved (horizon 2,
    lookback 6, one member, 4 units, no interval, no refit): the model whose lags the
    explanation tests explain and whose sum lines they pin."""
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    config = ForecasterConfig(
        horizon=2, lookback=6, ensemble=1, epochs=2, hidden_size=4, interval=None, refit=False
    )
    out = tmp_path_factory.mktemp("fc")
    Forecaster(config).fit(load_dataset("airline")[:-12]).save(out)
    return out


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``read_only(*files)``: ``files`` made read-only (``chmod 0444``), and so to
    ``os.access`` as lstmkit asks it (root may write them all, and the suite runs as root)."""
    import os

    from lstmkit import _figures

    def make(*files: Path) -> None:
        names = {os.path.realpath(f) for f in files}
        real = os.access
        for file in files:
            file.chmod(0o444)
        monkeypatch.setattr(
            _figures.os,
            "access",
            lambda p, mode: os.path.realpath(p) not in names and real(p, mode),
        )

    return make


@pytest.fixture
def read_only_said() -> str:
    """What a refusal of a read-only file (one :func:`read_only` made) says after its name."""
    return (
        "which cannot be written: it is read-only (r--r--r--), and lstmkit does not replace a "
        "read-only file; make it writable (chmod u+w) or choose another path."
    )


@pytest.fixture
def held_files() -> Callable[[Path], dict[str, bytes]]:
    """``held_files(folder)``: the files directly in ``folder``, name -> bytes, for the
    ``--out`` tests to see what a run wrote, kept or removed."""

    def held(folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}

    return held


@pytest.fixture
def explain_argv() -> Callable[..., list[str]]:
    """``explain_argv(model, out, *texts)``: ``lstmkit explain``'s arguments that explain each
    of ``texts`` (``--text``) by the classifier in ``model`` into ``--out out``."""

    def argv(model: Path, out: Path, *texts: str) -> list[str]:
        return [
            "explain",
            str(model),
            *[a for t in texts for a in ("--text", t)],
            "--out",
            str(out),
        ]

    return argv


@pytest.fixture
def series_refusal() -> Callable[[Path, str], str]:
    """``series_refusal(out, why)``: the refusal (stderr) of `lstmkit forecast --series-col
    --out out` whose summary.csv is no such run's, ``why`` saying how."""

    def refusal(out: Path, why: str) -> str:
        return (
            f"error: --out {str(out)!r} holds a summary.csv that is no `lstmkit forecast "
            f"--series-col` run's ({why}, where lstmkit's starts with the series' column, n, "
            "holdout); `lstmkit forecast --series-col` would overwrite it. Choose another folder "
            "or delete that file first, or pass --overwrite to replace it.\n"
        )

    return refusal


@pytest.fixture
def stores(tmp_path: Path) -> list[str]:
    """``lstmkit forecast``'s arguments for the bundled stores example (one series a store),
    written to ``tmp_path / 'stores.csv'``, one epoch, horizon 2; add ``--out``."""
    from lstmkit._examples import example_text

    csv = tmp_path / "stores.csv"
    csv.write_text(example_text("stores"), "utf-8")
    return [
        "forecast",
        "--csv",
        str(csv),
        "--series-col",
        "store",
        "--date-col",
        "month",
        "--value-col",
        "sales",
        "--epochs",
        "1",
        "--horizon",
        "2",
    ]


@pytest.fixture
def target_temp_price() -> Any:
    """40 months (2020-01 …) of a target ``y`` beside covariates ``temp`` and ``price``, seeded:
    the frame whose columns scikit-learn's ``fit(X, y)`` order takes apart (``X = df[["temp",
    "price"]]``), for the tests of ``fit``'s and ``backtest``'s refusal of it."""
    import numpy as np
    import pandas as pd

    months = pd.date_range("2020-01-01", periods=40, freq="MS")
    rng = np.random.default_rng(1)
    return pd.DataFrame(
        {
            "y": 100 + rng.normal(0, 1, 40).cumsum(),
            "temp": rng.normal(size=40),
            "price": rng.normal(size=40),
        },
        index=months,
    )


_STOPPED_COMMAND = """
import os, signal, sys, threading, time, torch
from lstmkit.text.sentiment import SentimentPredictor

def send():
    with open({sent!r}, "w") as f:
        f.write(repr(time.monotonic()))  # the clock the test reads too
    os.kill(os.getpid(), signal.SIGTERM)

def long(*args, **kwargs):
    threading.Timer(0.1, send).start()
    with torch.no_grad():  # one native call of seconds (0.5 s a million steps with AVX-512)
        torch.nn.LSTM(8, 8)(torch.zeros(4_000_000, 1, 8))
    print("not stopped", file=sys.stderr)
{tail}
torch.set_num_threads(1)
SentimentPredictor.{method} = long
sys.argv = ["lstmkit", *{argv!r}]
from lstmkit.__main__ import run
sys.exit(run())
"""


def _stopped_in_process(argv: list[str], signum: str) -> tuple[int, float]:
    """``main(argv)``'s exit code and how long it took, ``signum`` sent 0.5 s in to another
    thread than the main one, as the kernel may hand a process's signal to any (sent to the
    main thread, it would cut the stand-in's libc ``sleep`` short)."""
    import time

    from lstmkit import _interrupts
    from lstmkit.cli import main

    signals = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGTERM, _interrupts._raise_terminated)  # as the command line has it

    def send() -> None:
        time.sleep(0.5)
        signal.pthread_kill(threading.get_ident(), getattr(signal, signum))

    sender = threading.Thread(target=send)
    try:
        start = time.monotonic()
        sender.start()
        code = main(argv)
        took = time.monotonic() - start
    finally:
        sender.join()
        for s, handler in signals.items():
            signal.signal(s, handler)
        for left in _interrupts._abandoned:  # the sleep ends on its own: no thread left behind
            assert left.wait(60)
    assert not _interrupts._work_left_running()
    return code, took


@pytest.fixture
def stopped_in_process() -> Callable[[list[str], str], tuple[int, float]]:
    """``stopped_in_process(argv, signum)``: ``main(argv)`` in this process with ``signum``
    ("SIGINT" or "SIGTERM") sent 0.5 s in to another thread, as the kernel may hand it; its
    exit code and the seconds it took, no call of ``_interruptible`` left running (pair it with
    :func:`native_sleep`'s stand-in for a long native call)."""
    return _stopped_in_process


@pytest.fixture
def native_sleep() -> Callable[[int], Callable[..., Any]]:
    """``native_sleep(seconds)``: a stand-in for a long native call of torch's (an LSTM over
    a long text, occlusion's batch): a libc ``sleep``, which holds Python's signal handlers back
    until it returns (the GIL released meanwhile), taking any arguments."""
    import ctypes

    sleep = ctypes.CDLL(None).sleep
    return lambda seconds: lambda *args, **kwargs: sleep(seconds)


@pytest.fixture
def stopped_command(tmp_path: Path) -> Callable[..., tuple[Any, float]]:
    """``stopped_command(method, argv)``: ``lstmkit *argv`` run in a process of its own whose
    ``SentimentPredictor.<method>`` is torch's LSTM over a million steps, one native call of
    seconds on one thread, with SIGTERM sent 0.1 s into it (``generator=True``: the stand-in
    is a generator, as ``_explained_batches`` is); returns the finished process
    (``subprocess.CompletedProcess``, text) and the seconds from the signal to its end."""
    import os
    import subprocess
    import time

    def run(method: str, argv: list[str], *, generator: bool = False) -> tuple[Any, float]:
        sent = tmp_path / "sent"
        tail = "    yield from ()\n" if generator else ""
        script = _STOPPED_COMMAND.format(sent=str(sent), tail=tail, method=method, argv=argv)
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
        )
        return done, time.monotonic() - float(sent.read_text())

    return run


@pytest.fixture(scope="module")
def every_other_day() -> tuple[Any, Any]:
    """A tiny Forecaster (horizon 3) of a series every 2 days with a future covariate 'x', and
    its days (left35c's and left35d's messages at one forecast step)."""
    import numpy as np
    import pandas as pd

    from lstmkit.forecast import Forecaster

    days = pd.date_range("2020-01-01", periods=40, freq="2D")
    y = pd.Series(100 + np.arange(40) % 7 + np.arange(40.0), index=days, name="y")
    x = pd.Series(np.arange(40) % 2.0, index=days, name="x")
    quick = {"lookback": 6, "epochs": 1, "ensemble": 1, "hidden_size": 4}
    return Forecaster(horizon=3, **quick).fit(y, future_covariates=x), days
