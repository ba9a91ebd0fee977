#!/usr/bin/python3
"""Writes optim_golden.json: reference trajectories of PyTorch's optimizers and learning-rate schedulers.

Run from anywhere with a Python that has torch (Debian's /usr/bin/python3 with python3-torch will do):

    /usr/bin/python3 tests/Astrograd.Tests/Optim/Golden/make_golden.py

Every number is float64. The C# tests (GoldenTrajectoryTests, GoldenScheduleTests) read the committed JSON and
never need Python. The problems are small and fixed:

- rosenbrock: f(p) = (1 - p0)^2 + 100 (p1 - p0^2)^2 from p = (-1.5, 2), one parameter of shape [2];
- least_squares: mean((X w + b - y)^2) over 8 rows and 3 features, two parameters w [3, 1] and b [1];
  X and y are written into the JSON so that both sides use the very same numbers.

For each case the file holds the loss returned by each step (the loss before the step) and every parameter's
elements after it, flattened in parameter order; for L-BFGS also the cumulative iteration and loss-evaluation
counts after each step.
"""

import json
import math
import os
import warnings

import torch

# SequentialLR steps its inner schedulers with an explicit epoch, which older torch versions warn about.
warnings.filterwarnings("ignore", message="The epoch parameter")

torch.set_default_dtype(torch.float64)

STEPS = 40


def least_squares_data():
    # Deterministic, irregular numbers: no random generator, so nothing depends on torch's RNG.
    x = [[round(math.sin(3 * i + j + 1) * 2, 6) for j in range(3)] for i in range(8)]
    true_w = [0.7, -1.2, 0.4]
    y = [round(sum(x[i][j] * true_w[j] for j in range(3)) + 0.3 + 0.05 * math.cos(5 * i), 6) for i in range(8)]
    return x, y


X, Y = least_squares_data()


def problem(name):
    """Fresh parameters and a loss function for a named problem."""
    if name == "rosenbrock":
        p = torch.tensor([-1.5, 2.0], requires_grad=True)

        def loss():
            x = p[0:1]
            y = p[1:2]
            return ((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)).sum()

        return [p], loss
    if name == "least_squares":
        w = torch.tensor([[0.5], [-0.3], [0.2]], requires_grad=True)
        b = torch.tensor([0.1], requires_grad=True)
        xt = torch.tensor(X)
        yt = torch.tensor(Y).reshape(8, 1)

        def loss():
            r = xt.matmul(w) + b - yt
            return (r * r).mean()

        return [w, b], loss
    raise ValueError(name)


def make_optimizer(kind, params, o):
    if kind == "sgd":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o.get("momentum", 0), weight_decay=o.get("l2", 0),
                               nesterov=o.get("nesterov", False))
    if kind == "adam":
        return torch.optim.Adam(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"],
                                weight_decay=o.get("l2", 0), amsgrad=o.get("amsgrad", False))
    if kind == "adamw":
        return torch.optim.AdamW(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"],
                                 weight_decay=o["decoupled"], amsgrad=o.get("amsgrad", False))
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=o["lr"], alpha=o["alpha"], eps=o["eps"], weight_decay=o.get("l2", 0),
                                   momentum=o.get("momentum", 0), centered=o.get("centered", False))
    if kind == "rprop":
        return torch.optim.Rprop(params, lr=o["lr"], etas=(o["eta_minus"], o["eta_plus"]),
                                 step_sizes=(o["min_step"], o["max_step"]))
    if kind == "lbfgs":
        return torch.optim.LBFGS(params, lr=o["lr"], max_iter=o["max_iter"], history_size=o["history"],
                                 tolerance_grad=o["tol_grad"], tolerance_change=o["tol_change"],
                                 line_search_fn=o["line_search"])
    raise ValueError(kind)


def flat(params):
    return [v for p in params for v in p.detach().reshape(-1).tolist()]


def run(name, kind, problem_name, options, steps=STEPS):
    params, loss_fn = problem(problem_name)
    opt = make_optimizer(kind, params, options)

    def closure():
        opt.zero_grad()
        loss = loss_fn()
        loss.backward()
        return loss

    losses, trajectory, counts = [], [], []
    for _ in range(steps):
        if kind == "lbfgs":
            loss = opt.step(closure)
            # Cumulative iterations and loss evaluations: equal counts mean every line-search decision agreed.
            state = opt.state[params[0]]
            counts.append([state["n_iter"], state["func_evals"]])
        else:
            loss = closure()
            opt.step()
        losses.append(float(loss))
        trajectory.append(flat(params))
    out = {"name": name, "optimizer": kind, "problem": problem_name, "options": options, "losses": losses,
           "trajectory": trajectory}
    if counts:
        out["iterations_and_evaluations"] = counts
    return out


ADAM = {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
LBFGS = {"lr": 1.0, "history": 10, "tol_grad": 1e-7, "tol_change": 1e-9, "line_search": "strong_wolfe"}


def cases():
    yield run("sgd_momentum_rosenbrock", "sgd", "rosenbrock", {"lr": 2e-4, "momentum": 0.9})
    yield run("sgd_nesterov_l2_least_squares", "sgd", "least_squares",
              {"lr": 0.05, "momentum": 0.9, "nesterov": True, "l2": 0.01})
    yield run("adam_rosenbrock", "adam", "rosenbrock", {"lr": 0.05, **ADAM})
    yield run("adam_l2_amsgrad_least_squares", "adam", "least_squares",
              {"lr": 0.05, **ADAM, "l2": 0.1, "amsgrad": True})
    yield run("adamw_rosenbrock", "adamw", "rosenbrock", {"lr": 0.05, **ADAM, "decoupled": 0.1})
    yield run("adamw_amsgrad_least_squares", "adamw", "least_squares",
              {"lr": 0.05, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "decoupled": 0.2, "amsgrad": True})
    yield run("rmsprop_rosenbrock", "rmsprop", "rosenbrock", {"lr": 0.01, "alpha": 0.99, "eps": 1e-8})
    yield run("rmsprop_centered_momentum_l2_least_squares", "rmsprop", "least_squares",
              {"lr": 0.01, "alpha": 0.9, "eps": 1e-8, "momentum": 0.9, "centered": True, "l2": 0.01})
    yield run("rprop_rosenbrock", "rprop", "rosenbrock",
              {"lr": 0.01, "eta_minus": 0.5, "eta_plus": 1.2, "min_step": 1e-6, "max_step": 50})
    yield run("rprop_least_squares", "rprop", "least_squares",
              {"lr": 0.05, "eta_minus": 0.4, "eta_plus": 1.3, "min_step": 1e-4, "max_step": 0.5})
    # One iteration per step, so that every iteration is a point of the trajectory.
    yield run("lbfgs_strong_wolfe_rosenbrock_one_iteration", "lbfgs", "rosenbrock", {**LBFGS, "max_iter": 1})
    yield run("lbfgs_strong_wolfe_rosenbrock", "lbfgs", "rosenbrock", {**LBFGS, "max_iter": 20}, steps=4)
    yield run("lbfgs_strong_wolfe_least_squares", "lbfgs", "least_squares", {**LBFGS, "max_iter": 3}, steps=6)
    yield run("lbfgs_fixed_step_least_squares", "lbfgs", "least_squares",
              {**LBFGS, "lr": 0.5, "max_iter": 2, "history": 3, "line_search": None}, steps=10)


def schedule(name, build, steps, metrics=None):
    """The learning rate at k = 0 (as the scheduler leaves it) and after each of `steps` scheduler steps."""
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1)
    sched = build(opt)
    lrs = [opt.param_groups[0]["lr"]]
    for k in range(steps):
        opt.step()  # no gradient: changes nothing, but keeps the scheduler's call order as documented
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[k])
        lrs.append(opt.param_groups[0]["lr"])
    out = {"name": name, "base_lr": 0.1, "lrs": lrs}
    if metrics is not None:
        out["metrics"] = metrics
    return out


PLATEAU_METRICS = [1.0, 0.9, 0.899, 0.95, 0.8999, 0.7, 0.71, 0.72, 0.73, 0.74, 0.69, 0.75, 0.76, 0.77, 0.78, 0.79,
                   0.5, 0.6, 0.6, 0.6, 0.6, 0.6]


def schedules():
    S = torch.optim.lr_scheduler
    yield schedule("step_3_half", lambda o: S.StepLR(o, step_size=3, gamma=0.5), 12)
    yield schedule("exponential_0.9", lambda o: S.ExponentialLR(o, gamma=0.9), 12)
    yield schedule("cosine_10_min_0.001", lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001), 10)
    yield schedule("cosine_warmup_4_of_12",
                   lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.25, total_iters=4),
                                                S.CosineAnnealingLR(o, T_max=8, eta_min=0.0)], milestones=[4]), 12)
    yield schedule("plateau_min_relative",
                   lambda o: S.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=2, threshold=0.01,
                                                 threshold_mode="rel", cooldown=1, min_lr=0.01),
                   len(PLATEAU_METRICS), PLATEAU_METRICS)
    yield schedule("plateau_max_absolute",
                   lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.3, patience=1, threshold=0.05,
                                                 threshold_mode="abs", cooldown=0, min_lr=0.0),
                   len(PLATEAU_METRICS), PLATEAU_METRICS)


def main():
    out = {
        "generator": "make_golden.py, torch " + torch.__version__,
        "least_squares": {"x": X, "y": Y},
        "cases": list(cases()),
        "schedules": list(schedules()),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optim_golden.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
