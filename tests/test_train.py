import copy
import inspect
import math
import sys

import pytest
import torch

from lstmkit.train import (
    DivergedError,
    History,
    TrainConfig,
    adam,
    fit,
    iterate_batches,
    plot_checks,
    plot_history,
    seed_everything,
    show_progress,
)


def _mse(model, batch):
    return torch.mean((model(batch[0]) - batch[1]) ** 2)


def _line(n=64):
    x = torch.linspace(-1, 1, n).unsqueeze(1)
    return x, 3 * x - 0.5


def test_fit_recovers_linear_map():
    x, y = _line()
    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1)
    hist = fit(model, _mse, (x, y), (x, y), TrainConfig(epochs=150, lr=0.1, patience=None))
    assert model.weight.item() == pytest.approx(3.0, abs=1e-3)
    assert model.bias.item() == pytest.approx(-0.5, abs=1e-3)
    assert hist.epochs_run == 150 and hist.best_val_loss < 1e-6
    # cosine schedule: starts at lr, ends near lr * min_lr_ratio
    assert hist.lr[0] == pytest.approx(0.1) and hist.lr[-1] < 0.01


def test_same_seed_same_weights_bit_for_bit():
    x, y = _line()

    def run(seed):
        torch.manual_seed(123)
        model = torch.nn.Sequential(torch.nn.Linear(1, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
        fit(model, _mse, (x, y), None, TrainConfig(epochs=5, batch_size=8, seed=seed))
        return torch.cat([p.flatten() for p in model.parameters()])

    assert torch.equal(run(1), run(1))
    assert not torch.equal(run(1), run(2))  # the seed drives the shuffling


def test_early_stopping_restores_best_weights():
    x, y = _line()
    xv, yv = x, -y  # validation wants the opposite map: loss only grows while training
    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1)
    start = {k: v.clone() for k, v in model.state_dict().items()}
    cfg = TrainConfig(epochs=100, lr=0.05, patience=5, schedule="constant")
    hist = fit(model, _mse, (x, y), (xv, yv), cfg)
    assert hist.stopped_early and hist.epochs_run == hist.best_epoch + 1 + 5
    # restored weights give exactly the best validation loss recorded
    with torch.no_grad():
        assert float(_mse(model, (xv, yv))) == pytest.approx(hist.best_val_loss, rel=1e-6)
    assert not torch.equal(start["weight"], model.weight)


def test_gradient_clipping_bounds_the_global_norm():
    x, y = _line()
    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1)
    cfg = TrainConfig(epochs=1, lr=0.1, batch_size=None, grad_clip=0.25, schedule="constant")
    fit(model, lambda m, b: 1e3 * _mse(m, b), (x, y), None, cfg)
    # the gradients of the last step stay on the parameters, clipped to the global norm 0.25
    norm = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters()))
    assert float(norm) == pytest.approx(0.25, rel=1e-5)


def test_iterable_batches_and_plateau_schedule():
    x, y = _line(32)
    batches = [(x[:16], y[:16]), (x[16:], y[16:])]
    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1)
    hist = fit(model, _mse, batches, batches, TrainConfig(epochs=3, schedule="plateau"))
    assert isinstance(hist, History) and len(hist.val_loss) == 3


def test_iterate_batches_covers_everything_once():
    t = torch.arange(10)
    gen = torch.Generator().manual_seed(0)
    seen = torch.cat([b[0] for b in iterate_batches((t,), 3, shuffle=True, generator=gen)])
    assert sorted(seen.tolist()) == list(range(10))
    with pytest.raises(ValueError, match="share their first dimension, got 10 and 9"):
        list(iterate_batches((t, t[:9]), 3))


def test_iterate_batches_limit_draws_a_fresh_subset_each_call():
    t = torch.arange(100)
    gen = torch.Generator().manual_seed(0)
    first = torch.cat([b[0] for b in iterate_batches((t, t * 2), 8, generator=gen, limit=20)])
    again = torch.cat([b[0] for b in iterate_batches((t,), 8, generator=gen, limit=20)])
    assert len(first) == 20 and len(set(first.tolist())) == 20
    assert first.tolist() == sorted(first.tolist())  # no shuffle: the subset keeps its order
    assert first.tolist() != again.tolist()  # a new subset every call (epoch)
    pairs = list(iterate_batches((t, t * 2), 8, generator=gen, limit=20))
    assert [len(b[0]) for b in pairs] == [8, 8, 4]
    assert all(torch.equal(x * 2, y) for x, y in pairs)  # rows stay aligned across tensors
    # a limit at or above the size changes nothing: the same order as without it
    plain = [b[0] for b in iterate_batches((t,), 8, True, torch.Generator().manual_seed(3))]
    capped = [
        b[0] for b in iterate_batches((t,), 8, True, torch.Generator().manual_seed(3), limit=100)
    ]
    assert all(torch.equal(a, b) for a, b in zip(plain, capped, strict=True))


def test_samples_per_epoch_caps_the_steps_of_every_epoch():
    x = torch.linspace(-1, 1, 100).unsqueeze(1)
    calls = []

    def loss(model, batch):
        calls.append(len(batch[0]))
        return _mse(model, batch)

    torch.manual_seed(0)
    config = TrainConfig(epochs=3, batch_size=8, samples_per_epoch=20)
    fit(torch.nn.Linear(1, 1), loss, (x, 3 * x), (x, 3 * x), config)
    assert calls == [8, 8, 4, 100] * 3  # 20 training samples, then the whole validation set
    with pytest.raises(ValueError, match="`samples_per_epoch` must be a positive integer or None"):
        TrainConfig(samples_per_epoch=0)


def test_on_epoch_sees_each_epoch_after_its_losses_are_recorded():
    x = torch.linspace(-1, 1, 16).unsqueeze(1)
    seen = []
    torch.manual_seed(0)
    hist = fit(
        torch.nn.Linear(1, 1),
        _mse,
        (x, 3 * x),
        (x, 3 * x),
        TrainConfig(epochs=5, patience=None),
        on_epoch=lambda epoch, h: seen.append((epoch, len(h.train_loss), h.val_loss[-1])),
    )
    assert [s[:2] for s in seen] == [(e, e + 1) for e in range(5)]
    assert [s[2] for s in seen] == hist.val_loss


def test_config_validation_lists_all_problems():
    with pytest.raises(
        ValueError,
        match=r"`epochs` must be a positive integer, got 0. `lr` must be a positive finite "
        r"number, got -1",
    ):
        TrainConfig(epochs=0, lr=-1)


def test_progress_default_follows_the_terminal_and_the_bar_goes_to_stderr(capsys, monkeypatch):
    assert TrainConfig().progress is None
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert show_progress(None) and show_progress(True) and not show_progress(False)
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    assert not show_progress(None) and show_progress(True)
    monkeypatch.setattr("sys.stderr", None)  # pythonw: no stderr at all
    assert not show_progress(None)
    monkeypatch.undo()
    x, y = _line()
    runs = {}
    for progress in (None, True):  # None: pytest's captured stderr is no terminal
        torch.manual_seed(0)
        model = torch.nn.Linear(1, 1)
        fit(model, _mse, (x, y), None, TrainConfig(epochs=3, lr=0.1, progress=progress))
        runs[progress] = (model.weight.item(), capsys.readouterr())
    assert runs[None][1].err == "" and "train" in runs[True][1].err
    assert runs[None][1].out == runs[True][1].out == ""
    assert runs[None][0] == runs[True][0]
    with pytest.raises(ValueError, match="`progress` must be True, False or None, got 'on'"):
        TrainConfig(progress="on")


def test_adam_is_fused_and_matches_the_reference_update_in_float64():
    torch.manual_seed(0)
    start = [torch.randn(50, 7, dtype=torch.float64), torch.randn(7, dtype=torch.float64)]
    grads = [[torch.randn_like(p) for p in start] for _ in range(5)]
    ours = [torch.nn.Parameter(p.clone()) for p in start]
    ref = [torch.nn.Parameter(p.clone()) for p in start]
    opt = adam(ours, lr=0.01, weight_decay=0.1)
    ref_opt = torch.optim.Adam(ref, lr=0.01, weight_decay=0.1, foreach=False)
    assert opt.defaults["fused"] is True
    for step in grads:
        for p, q, g in zip(ours, ref, step, strict=True):
            p.grad, q.grad = g.clone(), g.clone()
        opt.step()
        ref_opt.step()
    for p, q, p0 in zip(ours, ref, start, strict=True):
        assert (p - p0).abs().max() > 0.01  # five steps of about lr each moved the weights
        torch.testing.assert_close(p, q, rtol=0, atol=1e-12)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_adam_steps_as_torchs_fused_adam_bit_for_bit_without_importing_the_compiler(
    monkeypatch, dtype
):
    # torch.optim.Optimizer imports torch._dynamo in its first add_param_group, zero_grad and
    # step: 3.5 s of every process's first fit. With None in sys.modules that import raises.
    torch.manual_seed(0)
    start = [
        torch.randn(20, 7, dtype=dtype),
        torch.randn(7, dtype=dtype),
        torch.randn(3, dtype=dtype),
    ]
    grads = [[torch.randn_like(p) for p in start] for _ in range(6)]

    def train(make):
        params = [torch.nn.Parameter(p.clone()) for p in start]
        opt = make(params)
        schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=6, eta_min=1e-3)
        for k, step in enumerate(grads):
            for p, g in zip(params, step, strict=True):
                p.grad = g.clone()
            if k < 2:
                params[2].grad = None  # a parameter without a gradient is not stepped
            opt.step()
            schedule.step()
            opt.zero_grad()
        return params, opt

    with monkeypatch.context() as m:
        m.setitem(sys.modules, "torch._dynamo", None)
        ours, our_opt = train(lambda ps: adam(ps, lr=0.05, weight_decay=0.1))
    ref, ref_opt = train(lambda ps: torch.optim.Adam(ps, lr=0.05, weight_decay=0.1, fused=True))
    assert all(torch.equal(p, q) for p, q in zip(ours, ref, strict=True))
    our_state, ref_state = our_opt.state_dict(), ref_opt.state_dict()  # Adam's, unchanged
    assert our_state["param_groups"] == ref_state["param_groups"]
    assert our_state["state"].keys() == ref_state["state"].keys() == {0, 1, 2}
    for k, state in our_state["state"].items():
        assert state.keys() == ref_state["state"][k].keys()
        assert all(torch.equal(v, ref_state["state"][k][n]) for n, v in state.items())
    assert (
        our_state["state"][2]["step"].item() == 4.0 and our_state["state"][0]["step"].item() == 6.0
    )


def test_fit_imports_no_compiler_and_trains_as_torchs_adam(monkeypatch):
    x, y = _line()

    def run():
        torch.manual_seed(0)
        model = torch.nn.Linear(1, 1)
        history = fit(model, _mse, (x, y), (x[:16], y[:16]), TrainConfig(epochs=3, seed=1))
        return history.train_loss + history.val_loss, model.weight.item(), model.bias.item()

    with monkeypatch.context() as m:
        m.setitem(sys.modules, "torch._dynamo", None)  # importing it would raise
        ours = run()
    import lstmkit.train as T

    monkeypatch.setattr(
        T, "adam", lambda ps, lr, wd: torch.optim.Adam(ps, lr, weight_decay=wd, fused=True)
    )
    assert run() == ours


def test_adams_parameter_groups_are_checked():
    w = torch.nn.Parameter(torch.ones(2))
    opt = adam([w], lr=0.1)
    with pytest.raises(
        TypeError, match=r"^`params` must be an ordered collection of tensors, got a set\.$"
    ):
        opt.add_param_group({"params": {torch.nn.Parameter(torch.ones(1))}})
    with pytest.raises(TypeError, match=r"^`params` must hold tensors, got float\.$"):
        opt.add_param_group({"params": [1.0]})
    with pytest.raises(
        ValueError,
        match=r"^`params` must hold leaf tensors \(a module's parameters\), got one computed "
        r"from others\.$",
    ):
        opt.add_param_group({"params": [w * 2]})
    with pytest.raises(
        ValueError, match=r"^some parameters appear in more than one parameter group\.$"
    ):
        opt.add_param_group({"params": [w]})
    with pytest.raises(TypeError, match=r"^`param_group` must be a dict, got list\.$"):
        opt.add_param_group([w])
    b = torch.nn.Parameter(torch.zeros(1))
    opt.add_param_group({"params": b, "lr": 0.5})
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5] and opt.param_groups[1]["fused"]
    assert opt.param_groups[1]["params"] == [b]


def _adam_run(opt, params, grads):
    for step in grads:
        for p, g in zip(params, step, strict=True):
            p.grad = g.clone()
        opt.step()
    return [p.detach().clone() for p in params]


@pytest.mark.parametrize(
    "options",
    [{"decoupled_weight_decay": True, "fused": True}, {}],
    ids=["decoupled-weight-decay", "non-fused"],
)
def test_adam_steps_a_loaded_state_dict_as_torchs_adam_does(options):
    # A state dict of another Adam brings its group options (decoupled weight decay, fused or
    # not); torch.optim.Adam(fused=True) steps by them after load_state_dict. adam's step
    # ignored them: AdamW's decay ran as an L2 penalty, a non-fused group through the fused
    # kernel.
    torch.manual_seed(0)
    start = [torch.randn(30, 20), torch.randn(20)]
    grads = [[torch.randn_like(p) for p in start] for _ in range(10)]
    source = [torch.nn.Parameter(p.clone()) for p in start]
    # torch 2.4's Adam has no decoupled_weight_decay: there its AdamW, whose group is marked so
    as_adamw = "decoupled_weight_decay" in options and (
        "decoupled_weight_decay" not in inspect.signature(torch.optim.Adam).parameters
    )
    if as_adamw:
        other = torch.optim.AdamW(source, lr=0.05, weight_decay=0.5, fused=True)
    else:
        other = torch.optim.Adam(source, lr=0.05, weight_decay=0.5, **options)
    _adam_run(other, source, grads[:1])
    saved = other.state_dict()
    saved["param_groups"][0]["decoupled_weight_decay"] = "decoupled_weight_decay" in options

    def resumed(make):
        params = [torch.nn.Parameter(p.detach().clone()) for p in source]
        opt = make(params)
        opt.load_state_dict(copy.deepcopy(saved))
        return _adam_run(opt, params, grads[1:]), opt

    ours, our_opt = resumed(lambda ps: adam(ps, lr=1.0))
    reference = torch.optim.AdamW if as_adamw else torch.optim.Adam
    ref, ref_opt = resumed(lambda ps: reference(ps, lr=1.0, fused=True))
    assert all(torch.equal(p, q) for p, q in zip(ours, ref, strict=True))
    ours_state, ref_state = our_opt.state_dict()["state"], ref_opt.state_dict()["state"]
    assert ours_state[0]["step"].dtype == ref_state[0]["step"].dtype == torch.float32
    assert ours_state[0]["step"].item() == ref_state[0]["step"].item() == 10.0


def test_adam_takes_named_parameters_as_torchs_adam_does():
    # model.named_parameters() is an iterable torch.optim.Adam takes (its state dict then
    # carries the names); adam refused it with '`params` must hold tensors, got tuple.'
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    grads = [[torch.randn_like(p) for p in model.parameters()] for _ in range(3)]

    def train(make):
        params = [(n, torch.nn.Parameter(p.detach().clone())) for n, p in model.named_parameters()]
        opt = make(params)
        return _adam_run(opt, [p for _, p in params], grads), opt

    ours, our_opt = train(lambda ps: adam(ps, lr=0.1))
    try:
        ref, ref_opt = train(lambda ps: torch.optim.Adam(ps, lr=0.1, fused=True))
    except TypeError:  # torch < 2.6's Adam takes no names ("can only optimize Tensors"); adam does
        ref, ref_opt = train(lambda ps: torch.optim.Adam([p for _, p in ps], lr=0.1, fused=True))
        ref_opt.param_groups[0]["param_names"] = ["weight", "bias"]
    assert all(torch.equal(p, q) for p, q in zip(ours, ref, strict=True))
    assert our_opt.param_groups[0]["param_names"] == ["weight", "bias"]
    assert our_opt.state_dict()["param_groups"] == ref_opt.state_dict()["param_groups"]
    with pytest.raises(
        ValueError,
        match=r"^`params` must be all tensors or all \(name, tensor\) pairs, got 1 pairs among "
        r"2 entries\.$",
    ):
        adam([("w", torch.nn.Parameter(torch.ones(1))), torch.nn.Parameter(torch.ones(1))], 0.1)
    with pytest.raises(
        ValueError,
        match=r"^`params` must be named in every parameter group or in none, got an unnamed "
        r"group beside named ones\.$",
    ):
        our_opt.add_param_group({"params": [torch.nn.Parameter(torch.ones(1))]})
    group = {"params": [("extra", torch.nn.Parameter(torch.ones(1)))], "lr": 0.5}
    our_opt.add_param_group(group)
    assert our_opt.param_groups[1] is group and group["param_names"] == ["extra"]
    assert group["fused"] is True and group["betas"] == (0.9, 0.999)


def test_adam_refuses_a_complex_parameter_before_touching_its_state():
    # The fused kernel has no complex version: torch.optim.Adam(fused=True) says so before the
    # step; adam left a NotImplementedError of the kernel ('"fused_adam_kernel" not
    # implemented for 'ComplexFloat'') and a state of zeros behind.
    w = torch.nn.Parameter(torch.ones(2, dtype=torch.complex64))
    try:
        torch.optim.Adam([w], lr=0.1, fused=True)
    except RuntimeError as refused:  # torch 2.4's Adam refuses it at construction: adam too
        with pytest.raises(RuntimeError) as err:
            adam([w], lr=0.1)
        assert str(err.value) == str(refused)
        assert str(err.value).startswith("`fused=True` requires all the params to be floating")
        return
    opt = adam([w], lr=0.1)
    w.grad = torch.ones_like(w)
    with pytest.raises(
        RuntimeError,
        match=r"^Adam's fused kernel needs floating-point parameters, got torch\.complex64 on "
        r"cpu\.$",
    ):
        opt.step()
    assert len(opt.state) == 0 and torch.equal(w.detach(), torch.ones(2, dtype=torch.complex64))


def test_a_non_finite_loss_stops_training_naming_epoch_and_batch():
    from lstmkit.train import DivergedError

    x, y = _line()  # 64 samples: 4 batches of 16
    calls = {"n": 0}

    def loss_nan_on_call_7(model, batch):
        calls["n"] += 1
        loss = _mse(model, batch)
        return loss * float("nan") if calls["n"] == 7 else loss

    torch.manual_seed(0)
    model = torch.nn.Linear(1, 1)
    with pytest.raises(DivergedError) as e:
        fit(model, loss_nan_on_call_7, (x, y), None, TrainConfig(epochs=5, lr=0.01, shuffle=False))
    # call 7 is the third batch of the second epoch; the bad loss never reached the weights
    assert str(e.value) == (
        "training diverged: the training loss became nan at epoch 2, batch 3. "
        "Try a lower learning rate than `lr`=0.01."
    )
    assert isinstance(e.value, ValueError)
    assert all(bool(torch.isfinite(p).all()) for p in model.parameters())


def test_a_learning_rate_that_blows_up_the_loss_is_named():
    from lstmkit.train import DivergedError

    x, y = _line()
    torch.manual_seed(0)
    cfg = TrainConfig(epochs=5, lr=1e38, batch_size=None, schedule="constant", grad_clip=None)
    with pytest.raises(DivergedError) as e:
        fit(torch.nn.Linear(1, 1), _mse, (x, y), None, cfg)
    assert str(e.value) == (
        "training diverged: the training loss became nan at epoch 2, batch 1. "
        "Try a lower learning rate than `lr`=1e+38."
    )


def test_non_finite_weights_after_the_last_step_are_refused():
    from lstmkit.train import DivergedError

    x, y = _line()

    def finite_loss_nan_gradient(model, batch):
        # sqrt at 0 has an infinite slope: the loss is 0, its gradient NaN
        return torch.sqrt(0.0 * model(batch[0]).sum() ** 2)

    torch.manual_seed(0)
    cfg = TrainConfig(epochs=1, batch_size=None, grad_clip=None)
    with pytest.raises(DivergedError) as e:
        fit(torch.nn.Linear(1, 1), finite_loss_nan_gradient, (x, y), None, cfg)
    assert str(e.value) == (
        "training diverged: 2 parameter tensors hold NaN or infinite values after training "
        "(first: weight). Try a lower learning rate than `lr`=0.01."
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("grad_clip", float("nan"), "`grad_clip` must be a finite number > 0 or None, got nan."),
        ("grad_clip", float("inf"), "`grad_clip` must be a finite number > 0 or None, got inf."),
        ("weight_decay", float("nan"), "`weight_decay` must be a finite number >= 0, got nan."),
        ("min_delta", float("inf"), "`min_delta` must be a finite number >= 0, got inf."),
        ("lr", float("inf"), "`lr` must be a positive finite number, got inf."),
    ],
)
def test_config_refuses_non_finite_numbers(field, value, message):
    with pytest.raises(ValueError) as e:
        TrainConfig(**{field: value})
    assert str(e.value) == message


def _flat_validation(model, batch):
    """Training MSE towards 0; a validation loss that never improves after the first epoch."""
    return model(batch[0]).pow(2).mean() if model.training else torch.tensor(1.0)


def test_plateau_halves_after_patience_quarter_epochs_without_improvement():
    x = torch.randn(8, 1)
    config = TrainConfig(epochs=8, schedule="plateau", patience=8, progress=False)
    hist = fit(torch.nn.Linear(1, 1), _flat_validation, (x,), (x,), config)
    # best at epoch 0; epochs 1 and 2 do not improve (8 // 4 = 2), so epoch 3 runs at half
    assert hist.lr == pytest.approx([1e-2, 1e-2, 1e-2, 5e-3, 5e-3, 2.5e-3, 2.5e-3, 1.25e-3])


def test_a_nan_validation_loss_stops_the_run():
    x = torch.randn(8, 1)

    def nan_on_validation(model, batch):
        loss = model(batch[0]).pow(2).mean()
        return loss if model.training else loss * float("nan")

    with pytest.raises(DivergedError, match=r"validation loss became nan at epoch 1 "):
        fit(torch.nn.Linear(1, 1), nan_on_validation, (x,), (x,), TrainConfig(epochs=3))


def test_empty_data_and_lists_of_batches():
    x = torch.randn(8, 1)
    with pytest.raises(ValueError) as err:
        fit(torch.nn.Linear(1, 1), _flat_validation, (x,), (x[:0],), TrainConfig(epochs=1))
    assert str(err.value) == (
        "`val_data` must hold at least one sample, got a tensor of shape [0, 1]; pass "
        "val_data=None to train without validation (a part of split_windows with no windows, "
        "as val=0 gives, has none)."
    )
    with pytest.raises(ValueError) as err:
        fit(torch.nn.Linear(1, 1), _flat_validation, (x[:0],), None, TrainConfig(batch_size=None))
    assert (
        str(err.value)
        == "`train_data` must hold at least one sample, got a tensor of shape [0, 1]."
    )
    # a tuple or a list of tensors holds columns; other iterables hold batches
    seen = []

    def record(model, batch):
        seen.append(tuple(t.shape for t in batch) if isinstance(batch, tuple) else batch.shape)
        return model(batch[0] if isinstance(batch, tuple) else batch).mean()

    config = TrainConfig(epochs=1, batch_size=4, shuffle=False)
    fit(torch.nn.Linear(1, 1), record, [x, x + 1], None, config)
    assert seen == [(torch.Size([4, 1]),) * 2] * 2
    seen.clear()

    class TwoBatches:
        def __iter__(self):
            yield from (x[:5], x[5:])

    fit(torch.nn.Linear(1, 1), record, TwoBatches(), None, config)
    assert seen == [torch.Size([5, 1]), torch.Size([3, 1])]


def test_on_epoch_sees_the_best_epoch_of_the_epoch_it_reports():
    x, y = _line()
    seen = []
    fit(
        torch.nn.Linear(1, 1),
        _mse,
        (x, y),
        (x, y),
        TrainConfig(epochs=3, lr=0.1),
        on_epoch=lambda epoch, hist: seen.append((epoch, hist.best_epoch)),
    )
    assert seen == [(0, 0), (1, 1), (2, 2)]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("epochs", True, "`epochs` must be a positive integer, got True."),
        ("seed", 1.5, "`seed` must be an integer in [0, 9223372036854775807], got 1.5."),
        ("shuffle", "no", "`shuffle` must be True or False, got 'no'."),
        ("restore_best", 1, "`restore_best` must be True or False, got 1."),
        ("min_delta", -5, "`min_delta` must be a finite number >= 0, got -5."),
        ("progress", 1, "`progress` must be True, False or None, got 1."),
        ("min_lr_ratio", None, "`min_lr_ratio` must be a number in [0, 1], got None."),
    ],
)
def test_config_refuses_wrong_types_by_name(field, value, message):
    with pytest.raises(ValueError) as err:
        TrainConfig(**{field: value})
    assert str(err.value) == message


def test_to_device_moves_every_tensor_and_keeps_the_rest():
    from collections import namedtuple

    from torch.nn.utils.rnn import pack_padded_sequence

    from lstmkit.train import to_device

    Pair = namedtuple("Pair", "x y")
    packed = pack_padded_sequence(torch.zeros(3, 2, 4), [3, 1])
    batch = (
        torch.zeros(2),
        [torch.ones(1), "label", 3],
        {"x": torch.zeros(1)},
        Pair(1, torch.ones(2)),
    )
    moved = to_device((*batch, packed), torch.device("meta"))
    assert moved[0].device.type == moved[1][0].device.type == moved[2]["x"].device.type == "meta"
    assert moved[1][1:] == ["label", 3] and isinstance(moved[1], list)
    assert isinstance(moved[3], Pair) and moved[3].x == 1 and moved[3].y.device.type == "meta"
    assert moved[4].data.device.type == "meta" and moved[4].batch_sizes.device.type == "cpu"


@pytest.mark.parametrize("kind", ["columns", "iterable"])
def test_fit_hands_the_loss_its_batches_on_the_model_device(monkeypatch, kind):
    """Batches reach ``loss_fn`` on the device of the model's parameters (the meta device
    stands in for a GPU: the model stays on the CPU and fit is told it lives on meta)."""
    import lstmkit.train as T

    monkeypatch.setattr(T, "_model_device", lambda model: torch.device("meta"))
    model = torch.nn.Linear(1, 1)
    seen = []

    def loss_fn(m, batch):
        seen.append({t.device.type for t in batch})
        return (m.weight**2).sum()  # on the CPU, where the weights are

    x = torch.zeros(8, 1)
    data = (x, x) if kind == "columns" else [(x[:4], x[:4]), (x[4:], x[4:])]
    fit(model, loss_fn, data, data, TrainConfig(epochs=2, batch_size=4, progress=False))
    assert len(seen) == 2 * 2 + 2 * (1 if kind == "columns" else 2)  # train and val batches
    assert all(devices == {"meta"} for devices in seen)


def test_plot_history_draws_each_loss_per_epoch_and_the_best_epoch(tmp_path):
    x, y = _line()
    torch.manual_seed(0)
    cfg = TrainConfig(epochs=30, lr=0.5, patience=5)
    hist = fit(torch.nn.Linear(1, 1), _mse, (x, y), (x[::2], y[::2]), cfg)
    fig = hist.plot(tmp_path / "h.png", title="line")
    assert (tmp_path / "h.png").read_bytes()[:4] == b"\x89PNG"
    ax = fig.axes[0]
    train, val, best = ax.get_lines()
    assert list(train.get_xdata()) == list(range(1, hist.epochs_run + 1))
    assert list(train.get_ydata()) == hist.train_loss and list(val.get_ydata()) == hist.val_loss
    assert (best.get_xdata()[0], best.get_ydata()[0]) == (
        hist.best_epoch + 1,
        hist.val_loss[hist.best_epoch],
    )
    assert best.get_label() == f"best epoch ({hist.best_epoch + 1})"
    # the loss falls from ~3 to ~1e-6: over a factor of 5, so the axis is logarithmic
    assert ax.get_yscale() == "log" and ax.get_title() == "line"
    flat = History(train_loss=[1.0, 0.9, 0.8], best_epoch=2)
    assert plot_history(flat).axes[0].get_yscale() == "linear"  # a factor of 1.25
    assert not plot_history(flat).axes[0].get_legend()  # one line: nothing to tell apart


def test_plot_history_of_several_trainings_labels_each_and_checks_its_arguments():
    a = History(train_loss=[1.0, 0.5], val_loss=[1.2, 0.9], best_epoch=1)
    b = History(train_loss=[2.0, 0.7, 0.6], val_loss=[2.2, 0.8, 1.0], best_epoch=1)
    fig = plot_history([a, b], labels=["seed 0", "seed 1"])
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["seed 0", "seed 1", "validation (dashed)", "best epoch"]
    colors = {line.get_color() for line in fig.axes[0].get_lines()[:3]}  # a's lines
    assert colors == {"C0"}
    no_val = [History(train_loss=[1.0]), History(train_loss=[2.0])]
    default = [t.get_text() for t in plot_history(no_val).axes[0].get_legend().get_texts()]
    assert default == ["training 1", "training 2"]
    with pytest.raises(TypeError, match=r"`histories` must be a History .* got dict\."):
        plot_history([a, {"train_loss": [1.0]}])
    with pytest.raises(ValueError, match=r"at least one History, got none"):
        plot_history([])
    with pytest.raises(ValueError, match=r"one label per history \(2\), got 1\."):
        plot_history([a, b], labels=["only one"])
    with pytest.raises(
        TypeError,
        match=r"^`labels` must be a list of labels, one per history \(1\), or None, "
        r"got str 'ab'\.$",
    ):
        plot_history(a, labels="ab")


def test_plot_checks_draws_each_curve_and_circles_the_kept_check():
    a = [(100, 0.70, 1.2), (200, 0.81, 2.5), (300, 0.81, 3.7)]  # extra columns ignored
    b = [(100, 2.0), (200, 1.5)]
    fig = plot_checks([a, b], ylabel="dev accuracy", higher_is_better=True, labels=["x", "y"])
    line_a, best_a, _, best_b, _ = fig.axes[0].get_lines()
    assert list(line_a.get_xdata()) == [100, 200, 300] and list(line_a.get_ydata()) == [
        0.70,
        0.81,
        0.81,
    ]
    assert best_a.get_xdata()[0] == 200  # the first of two equal bests, as the trainings keep
    assert best_b.get_xdata()[0] == 100 and fig.axes[0].get_ylabel() == "dev accuracy"
    low = plot_checks([b], ylabel="loss", higher_is_better=False).axes[0].get_lines()[1]
    assert low.get_xdata()[0] == 200
    given = plot_checks([a], ylabel="acc", higher_is_better=True, best_steps=[300])
    assert given.axes[0].get_lines()[1].get_xdata()[0] == 300
    unknown = plot_checks([a], ylabel="acc", higher_is_better=True, best_steps=[250])
    assert len(unknown.axes[0].get_lines()) == 2  # no check at step 250: no dot
    with pytest.raises(ValueError, match=r"at least one curve, got none"):
        plot_checks([], ylabel="a", higher_is_better=True)
    with pytest.raises(ValueError, match=r"curve 1 of `curves` must be a non-empty sequence"):
        plot_checks([a, []], ylabel="a", higher_is_better=True)
    with pytest.raises(ValueError, match=r"one label per curve \(2\), got 1\."):
        plot_checks([a, b], ylabel="a", higher_is_better=True, labels=["x"])
    with pytest.raises(ValueError, match=r"one step per curve \(1\), got 2\."):
        plot_checks([a], ylabel="a", higher_is_better=True, best_steps=[1, 2])


@pytest.mark.parametrize("config", [{"epochs": 1}, {}], ids=["dict", "empty dict"])
def test_fit_refuses_a_config_that_is_not_a_train_config(config):
    # was: AttributeError ('dict' object has no attribute 'seed'), and an empty dict trained
    # silently with the defaults
    x, y = _line(8)
    with pytest.raises(TypeError) as err:
        fit(torch.nn.Linear(1, 1), _mse, (x, y), config=config)
    assert str(err.value) == "`config` must be a TrainConfig or None, got dict."


def test_plateau_without_patience_halves_after_five_epochs_without_improvement():
    # as TrainConfig's docstring says: max(1, patience // 4) epochs, 5 with patience=None
    flat = lambda model, batch: model(batch[0]).sum() * 0 + 1.0  # noqa: E731
    x = torch.zeros(4, 1)
    config = TrainConfig(epochs=12, lr=0.1, schedule="plateau", patience=None, progress=False)
    history = fit(torch.nn.Linear(1, 1), flat, (x,), (x,), config)
    assert history.lr == [0.1] * 6 + [0.05] * 5 + [0.025]


def test_a_torch_whose_functional_adam_takes_other_arguments_gets_torchs_adam(monkeypatch):
    # _FusedAdam calls torch.optim.adam.adam, torch's own helper: a release that renamed one of
    # its arguments would fail at the first step; such a torch gets torch.optim.Adam itself
    from lstmkit import train

    assert train._FUNCTIONAL_ADAM_FITS is True
    assert train._functional_adam_fits(lambda params, grads, *, lr, beta1: None) is False
    net = torch.nn.Linear(2, 1)
    assert type(train.adam(net.parameters(), 0.01)) is train._FusedAdam
    monkeypatch.setattr(train, "_FUNCTIONAL_ADAM_FITS", False)
    plain = train.adam(net.parameters(), 0.01, weight_decay=0.1)
    assert type(plain) is torch.optim.Adam and plain.defaults["fused"] is True
    assert plain.defaults["weight_decay"] == 0.1


def _scripted_validation(values):
    """Training MSE towards 0; validation losses taken from ``values`` in order, one per epoch."""
    script = iter(values)

    def loss(model, batch):
        if model.training:
            return model(batch[0]).pow(2).mean()
        return torch.tensor(next(script))

    return loss


@pytest.mark.parametrize(
    ("min_delta", "losses", "val_loss", "best_epoch"),
    [
        # 0.75 is not *more* than min_delta below 1.0: no improvement, patience runs out at once
        (0.25, [1.0, 0.75, 0.75, 0.75, 0.75], [1.0, 0.75, 0.75], 0),
        # an equal loss is no improvement; a real one resets the count of bad epochs
        (0.0, [1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [1.0, 1.0, 0.5, 0.5, 0.5], 2),
    ],
)
def test_early_stopping_counts_epochs_without_an_improvement_of_more_than_min_delta(
    min_delta, losses, val_loss, best_epoch
):
    x = torch.randn(8, 1)
    config = TrainConfig(
        epochs=len(losses), patience=2, min_delta=min_delta, schedule="constant", progress=False
    )
    hist = fit(torch.nn.Linear(1, 1), _scripted_validation(losses), (x,), (x,), config)
    assert hist.val_loss == val_loss
    assert hist.stopped_early and hist.epochs_run == len(val_loss)
    assert (hist.best_epoch, hist.best_val_loss) == (best_epoch, losses[best_epoch])


def test_cosine_schedule_runs_each_epoch_at_its_documented_rate():
    # epoch e runs at floor + (lr - floor)(1 + cos(pi e / epochs)) / 2, floor = lr * min_lr_ratio
    x = torch.randn(8, 1)
    config = TrainConfig(epochs=4, lr=0.1, min_lr_ratio=0.1, patience=None, progress=False)
    hist = fit(torch.nn.Linear(1, 1), _flat_validation, (x,), None, config)
    floor = 0.01
    expected = [floor + (0.1 - floor) * (1 + math.cos(math.pi * e / 4)) / 2 for e in range(4)]
    assert hist.lr == pytest.approx(expected, rel=1e-12, abs=0)
    assert hist.lr[2] == pytest.approx(0.055, rel=1e-12)
    # without validation data the last epoch is the best (History.best_epoch counts from 0)
    assert (hist.best_epoch, hist.best_val_loss, hist.val_loss) == (3, math.inf, [])


def test_plateau_with_a_small_patience_halves_after_every_epoch_without_improvement():
    # max(1, 5 // 4) = 1: each epoch that does not improve halves the rate of the next
    x = torch.randn(8, 1)
    config = TrainConfig(epochs=6, schedule="plateau", patience=5, progress=False)
    hist = fit(torch.nn.Linear(1, 1), _flat_validation, (x,), (x,), config)
    assert hist.lr == pytest.approx([1e-2, 1e-2, 5e-3, 2.5e-3, 1.25e-3, 6.25e-4], rel=1e-12)


def test_plateau_counts_only_a_decrease_of_more_than_min_delta_as_an_improvement():
    # min_delta 0.25 with patience 4 (one bad epoch halves): 0.875 and 0.75 are no improvement
    # on 1.0, 0.625 is; the halvings show in the rates of the epochs that follow
    x = torch.randn(8, 1)
    losses = [1.0, 0.875, 0.75, 0.625, 0.5]
    config = TrainConfig(epochs=5, schedule="plateau", patience=4, min_delta=0.25, progress=False)
    hist = fit(torch.nn.Linear(1, 1), _scripted_validation(losses), (x,), (x,), config)
    assert hist.lr == pytest.approx([1e-2, 1e-2, 5e-3, 2.5e-3, 2.5e-3], rel=1e-12)
    assert (hist.best_epoch, hist.stopped_early) == (3, False)


def test_training_and_validation_losses_are_means_of_the_per_batch_losses():
    # as History and fit's docstring say: each batch counts once, whatever its size, in the
    # training loss (1.0 and 4.0 → 2.5) as in the validation loss
    batches = [(torch.tensor([[1.0]]),), (torch.full((3, 1), 4.0),)]

    def loss(model, batch):  # the batch's value, with a gradient to step on
        return model(batch[0]).sum() * 0 + batch[0].mean()

    config = TrainConfig(epochs=2, progress=False)
    hist = fit(torch.nn.Linear(1, 1), loss, batches, batches, config)
    assert hist.train_loss == [2.5, 2.5]
    assert hist.val_loss == [2.5, 2.5] and hist.best_val_loss == 2.5


def test_the_seed_alone_draws_each_epochs_shuffle():
    # epoch k trains on the k-th torch.randperm of a generator seeded with `seed`; evaluating
    # the validation set draws nothing from it
    x = torch.arange(8.0).unsqueeze(1)
    seen = []

    def record(model, batch):
        if model.training:
            seen.append([int(v) for v in batch[0].flatten()])
        return model(batch[0]).mean()

    config = TrainConfig(epochs=2, batch_size=4, seed=5, schedule="constant", progress=False)
    fit(torch.nn.Linear(1, 1), record, (x,), (x,), config)
    gen = torch.Generator().manual_seed(5)
    first, second = (torch.randperm(8, generator=gen).tolist() for _ in range(2))
    assert seen == [first[:4], first[4:], second[:4], second[4:]]


def test_fit_trains_in_training_mode_and_leaves_the_model_in_eval_mode():
    # a model handed over in eval mode still trains with dropout on; it comes back ready to
    # predict, as after restore_best
    x = torch.randn(8, 1)
    modes = []

    def loss(model, batch):
        modes.append(model.training)
        return model(batch[0]).pow(2).mean()

    model = torch.nn.Linear(1, 1).eval()
    fit(model, loss, (x,), (x,), TrainConfig(epochs=2, progress=False))
    assert modes == [True, False, True, False]  # train, validate, train, validate
    assert model.training is False


def test_seed_everything_seeds_torchs_global_generator_with_the_seed():
    torch.manual_seed(3)
    expected = torch.rand(4)
    torch.manual_seed(0)
    seed_everything(3)
    assert torch.equal(torch.rand(4), expected)


@pytest.mark.parametrize(("restore_best", "kept"), [(True, 0), (False, 2)])
def test_restore_best_alone_decides_which_epochs_weights_the_model_keeps(restore_best, kept):
    x = torch.randn(8, 1)
    weights = []
    config = TrainConfig(epochs=3, lr=0.1, patience=None, restore_best=restore_best, progress=False)
    model = torch.nn.Linear(1, 1)
    hist = fit(
        model,
        _scripted_validation([1.0, 2.0, 3.0]),  # only the first epoch is best
        (x,),
        (x,),
        config,
        on_epoch=lambda epoch, h: weights.append(copy.deepcopy(model.state_dict())),
    )
    assert hist.best_epoch == 0
    assert not torch.equal(weights[0]["weight"], weights[2]["weight"])
    assert all(torch.equal(v, weights[kept][k]) for k, v in model.state_dict().items())


def test_plateau_without_validation_data_watches_the_training_loss():
    # a training loss that keeps falling never halves the rate; one bad epoch would (4 // 4)
    x = torch.randn(8, 1)
    falling = iter([4.0, 3.0, 2.0, 1.0])

    def loss(model, batch):
        return model(batch[0]).sum() * 0 + next(falling)

    config = TrainConfig(epochs=4, schedule="plateau", patience=4, progress=False)
    hist = fit(torch.nn.Linear(1, 1), loss, (x,), None, config)
    assert hist.train_loss == [4.0, 3.0, 2.0, 1.0]
    assert hist.lr == [1e-2] * 4
