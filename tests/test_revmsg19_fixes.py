"""revmsg19: what the review of msg19 found (one wording of a count's bound, one quoted form
of a separator in a remedy, the nn modules' `device` typed as torch takes it)."""

from __future__ import annotations

import pytest
import torch

INT_X = " (a whole number as a float: pass int(x))"


def test_every_count_says_a_positive_integer_or_an_integer_at_least() -> None:
    """msg19 made the text side say "a positive integer" as TrainConfig does, but seq2seq's
    `max_len`/`beam_size` still said "an int >= 1", CharLMConfig's `max_steps`, sample_numbers'
    `count` and top_contributions' `k` "an int >= 0" where ForecasterConfig says `difference`
    "must be an integer >= 0", and a larger minimum "an int >= 2". One wording now."""
    from lstmkit.explain.baselines import check_count
    from lstmkit.explain.render import top_contributions
    from lstmkit.forecast import ForecasterConfig
    from lstmkit.text import CharLMConfig
    from lstmkit.text.seq2seq import Seq2Seq, beam_decode, greedy_decode

    net = Seq2Seq(14, 14, embed_dim=2, hidden_size=2, num_layers=1)
    cases = [
        (
            lambda: greedy_decode(net, [[4, 5]], max_len=0),
            "`max_len` must be a positive integer, got 0.",
        ),
        (
            lambda: beam_decode(net, [4, 5], beam_size=0, max_len=2.0),
            "`beam_size` must be a positive integer, got 0. `max_len` must be a positive integer, "
            f"got 2.0{INT_X}.",
        ),
        (lambda: CharLMConfig(max_steps=-1), "`max_steps` must be an integer >= 0, got -1."),
        (lambda: ForecasterConfig(difference=-1), "`difference` must be an integer >= 0, got -1."),
        (lambda: top_contributions(["a"], [1.0], k=-1), "`k` must be an integer >= 0, got -1."),
        (lambda: check_count(1, "steps", minimum=2), "`steps` must be an integer >= 2, got 1."),
        (
            lambda: Seq2Seq(1, 14),
            "`source_vocab` must be an integer >= 2 (id 0 is padding), got 1.",
        ),
    ]
    for call, said in cases:
        with pytest.raises(ValueError) as refused:
            call()
        assert str(refused.value) == said


def test_every_mark_a_remedy_names_after_a_flag_is_quoted_alike(interval_refusal, tmp_path) -> None:
    """msg19 quoted the '.' (so that "pass --thousands '.'." did not read as a double dot), but
    not the ',': a comma thousands remedy ended "pass --thousands ,.", umsatz.csv's said
    "--decimal , --thousands '.'" beside the CLI's own "--decimal ',' --thousands '.'", and
    predict's flags of the run were quoted by a second function. One form now, every mark
    quoted (a tab as `tab`)."""
    from lstmkit import data

    path = tmp_path / "sales.csv"
    path.write_text("month,sales\n" + "".join(f'2020-{m:02},"{m},234"\n' for m in range(1, 13)))
    out = tmp_path / "out"
    flags = ["--date-col", "month", "--value-col", "sales", "--out", str(out)]
    err = interval_refusal(["forecast", "--csv", str(path), *flags])
    assert err.endswith(
        " (numbers with ',' between thousands, '1,234' for 1234?): pass --thousands ','.\n"
    )
    path.write_text("month;sales\n" + "".join(f"2020-{m:02};1 0{m:02},5\n" for m in range(1, 13)))
    with pytest.raises(ValueError) as refused:
        data.read_csv(path, "month", "sales", sep=";")
    assert str(refused.value).endswith(
        " (numbers with spaces between thousands, '1 001,5' for 1001.5?): pass decimal=',', "
        "thousands=' ' (CLI: --decimal ',' --thousands ' ')."
    )
    assert not out.exists()
    assert [data._sep_flag(c) for c in ",.;|' \t"] == [
        "','",
        "'.'",
        "';'",
        "'|'",
        '"\'"',
        "' '",
        "tab",
    ]


def test_the_nn_modules_device_is_typed_as_torch_takes_it() -> None:
    """nn.LSTM(..., device=0) passes the index to torch as torch.nn.LSTM does (index 0 of the
    machine's accelerator), but `device` was typed `torch.device | str | None`: a type checker
    refused what runs. Typed with the int now, on every layer and cell."""
    import typing

    from lstmkit import nn

    for module in (nn.LSTM, nn.GRU, nn.LSTMCell, nn.GRUCell):
        hints = typing.get_type_hints(module.__init__)
        assert set(typing.get_args(hints["device"])) == {torch.device, str, int, type(None)}
