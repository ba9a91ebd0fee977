#!/usr/bin/python3
"""Summary of a bench/compare/run.sh run, as Markdown: for each figure the median over rounds, and for each
ratio (Astrograd against PyTorch, scikit-learn, TorchSharp or OpenBLAS measured in the same round) its median
and spread [lowest–highest] over rounds; then each goal of the performance issue with its verdict.
  /usr/bin/python3 summarize.py OUT_DIR                       print the tables
  /usr/bin/python3 summarize.py OUT_DIR --into RESULTS.md     replace the tables between the file's markers
"""
import collections
import json
import os
import statistics
import sys

BEGIN, END = "<!-- compare:begin -->", "<!-- compare:end -->"
# The products of an 8-64-64-1 network at batch 64 and of the wide one's first layer (goal 3's skinny shapes).
SKINNY = ("x64x8·W8x64", "x64x64·Wᵀ64x64", "gᵀ64x64·x64x8", "x512x256·Wᵀ256x256")


def load(out, name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.startswith("{")]


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else float("nan")


def by_round(rows, pick):
    return {r["round"]: r for r in rows if pick(r)}


class Ratio:
    """fa(a)/fb(b) per round, for the rounds present in both."""

    def __init__(self, a, b, fa, fb):
        self.values = [fa(a[r]) / fb(b[r]) for r in sorted(set(a) & set(b))]

    @property
    def median(self):
        return med(self.values)

    def text(self, word=""):
        if not self.values:
            return "–"
        word = f" {word}" if word else ""
        if len(self.values) == 1:
            return f"{self.values[0]:.2f}×{word} (1 round)"
        return f"{self.median:.2f}×{word} [{min(self.values):.2f}–{max(self.values):.2f}, {len(self.values)} rounds]"

    def __str__(self):
        return self.text()


def spread(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    if len(values) == 1:
        return fmt.format(values[0])
    return f"{fmt.format(med(values))} [{fmt.format(min(values))}–{fmt.format(max(values))}]"


def tables(out):
    torch = load(out, "torch.jsonl")
    sk = load(out, "sklearn.jsonl")
    train = load(out, "train.jsonl")
    steps = load(out, "steps.jsonl")
    wide = load(out, "wide.jsonl")
    gemm = load(out, "gemm.jsonl")
    whole = load(out, "whole.jsonl")
    tsharp = load(out, "torchsharp.jsonl")
    lines = ["| figure | Astrograd | reference | ratio: median [spread over rounds] |", "|---|---|---|---|"]
    goals = {}

    # 1. MLP-HTRU2 training loop, same rows, steps and thread count.
    ag = by_round(train, lambda r: r["bench"] == "mlp_htru2")
    a_loop = spread([r["train_s"] for r in ag.values()], "{:.3f}")
    a_step = med([r["train_s"] / r["steps"] * 1e6 for r in ag.values()])
    refs = [("PyTorch", by_round(torch, lambda r: r["bench"] == "mlp_htru2")),
            ("scikit-learn", by_round(sk, lambda r: r["bench"] == "mlp_htru2")),
            ("TorchSharp", by_round(tsharp, lambda r: r["bench"] == "mlp_htru2"))]
    accuracy = {}
    for name, ref in refs:
        if not (ag and ref):
            continue
        ratio = Ratio(ref, ag, lambda r: r["train_s"], lambda r: r["train_s"])
        per_step = med([r.get("us_per_train_step", r["train_s"] / r.get("steps", 4480) * 1e6) for r in ref.values()])
        lines.append(f"| MLP-HTRU2 training loop against {name}, 1 thread, 4480 steps (s) | {a_loop} "
                     f"({a_step:.1f} µs a step) | {spread([r['train_s'] for r in ref.values()], '{:.3f}')} "
                     f"({per_step:.1f} µs a step) | {ratio.text('faster')} |")
        accuracy[name] = med([r["test_acc"] for r in ref.values()])
        if name == "PyTorch":
            goals["loop"] = ratio
    if ag:
        accuracy["Astrograd"] = med([r["test_acc"] for r in ag.values()])
        lines.append("| MLP-HTRU2 test accuracy | " + f"{accuracy['Astrograd']:.4f} | "
                     + ", ".join(f"{k} {v:.4f}" for k, v in accuracy.items() if k != "Astrograd") + " | |")
    ps = by_round(torch, lambda r: r["bench"] == "htru2_step")
    ac = by_round(steps, lambda r: r["bench"] == "htru2_step" and r["mode"] == "captured")
    ae = by_round(steps, lambda r: r["bench"] == "htru2_step" and r["mode"] == "eager")
    if ps and ac:
        ratio = Ratio(ps, ac, lambda r: r["step_us_median"], lambda r: r["step_us_median"])
        goals["bytes"] = med([r["bytes_per_step"] for r in ac.values()])
        lines.append(f"| one isolated step, batch 64 (µs, median) | {med([r['step_us_median'] for r in ac.values()]):.1f} "
                     f"captured, {med([r['step_us_median'] for r in ae.values()]):.1f} eager; "
                     f"{goals['bytes']:.0f} B allocated a step captured | "
                     f"{med([r['step_us_median'] for r in ps.values()]):.1f} (PyTorch) | {ratio.text('faster')} |")

    # 4. Multi-start speed-up on 2 cores.
    p1 = by_round(torch, lambda r: r["bench"] == "multistart" and r["procs"] == 1)
    p2 = by_round(torch, lambda r: r["bench"] == "multistart" and r["procs"] == 2)
    a1 = by_round(train, lambda r: r["bench"] == "multistart_1")
    a2 = by_round(train, lambda r: r["bench"] == "multistart_2")
    if a1 and a2:
        sa = Ratio(a1, a2, lambda r: r["restarts_s"], lambda r: r["restarts_s"])
        sp = Ratio(p1, p2, lambda r: r["wall_s"], lambda r: r["wall_s"])
        goals["restarts"] = sa
        lines.append(f"| 16 restarts × 5 epochs, 1 → 2 cores (s) | {med([r['restarts_s'] for r in a1.values()]):.2f} → "
                     f"{med([r['restarts_s'] for r in a2.values()]):.2f}: speed-up {sa} | "
                     f"PyTorch {med([r['wall_s'] for r in p1.values()]):.2f} → "
                     f"{med([r['wall_s'] for r in p2.values()]):.2f}: speed-up {sp} | "
                     f"{Ratio(p2, a2, lambda r: r['wall_s'], lambda r: r['restarts_s']).text('faster')} on 2 cores |")
        pair = by_round(train, lambda r: r["bench"] == "multistart_pair")
        if pair:
            sc = Ratio(a1, pair, lambda r: r["restarts_s"], lambda r: r["restarts_s"])
            goals["pair"] = sc
            lines.append(f"| control: two separate processes of 8 restarts, one thread each, at once (s) | "
                         f"{med([r['restarts_s'] for r in a1.values()]):.2f} → "
                         f"{med([r['restarts_s'] for r in pair.values()]):.2f}: speed-up {sc} | | the machine's own "
                         f"two-core scaling for this work, with no shared process |")

    # 2. MLP-wide.
    w1 = by_round(wide, lambda r: r["threads"] == 1)
    w2 = by_round(wide, lambda r: r["threads"] == 2)
    wide_refs = [("PyTorch", by_round(torch, lambda r: r["bench"] == "mlp_wide" and r["threads"] == 1),
                  by_round(torch, lambda r: r["bench"] == "mlp_wide" and r["threads"] == 2)),
                 ("TorchSharp", by_round(tsharp, lambda r: r["bench"] == "mlp_wide" and r["threads"] == 1),
                  by_round(tsharp, lambda r: r["bench"] == "mlp_wide" and r["threads"] == 2))]
    for name, t1, t2 in wide_refs:
        for threads, ours, ref in ((1, w1, t1), (2, w2, t2)):
            if not (ours and ref):
                continue
            ratio = Ratio(ref, ours, lambda r: r["ms_per_step_median"], lambda r: r["step_ms_median"])
            goals[("wide", name, threads)] = ratio
            lines.append(f"| MLP-wide 256-1024-1024-10, batch 512, against {name}, {threads} thread"
                         f"{'s' if threads > 1 else ''} (ms a step) | "
                         f"{spread([r['step_ms_median'] for r in ours.values()], '{:.1f}')} | "
                         f"{spread([r['ms_per_step_median'] for r in ref.values()], '{:.1f}')} | {ratio.text('faster')} |")

    # 3. sgemm against OpenBLAS's best kernel, per round.
    g = collections.defaultdict(lambda: collections.defaultdict(dict))
    for r in gemm:
        g[(r["m"], r["n"], r["k"], r["ta"], r["tb"], r["threads"], r["shape"])][r["system"]][r["round"]] = r
    big, skinny = [], []
    for key in sorted(g, key=lambda k: (k[5], -k[0] * k[1] * k[2], k[3], k[4])):
        pair = g[key]
        if "astrograd" not in pair or "numpy-openblas" not in pair:
            continue
        ours, ref = pair["astrograd"], pair["numpy-openblas"]
        ratio = Ratio(ours, ref, lambda r: r["gflops"], lambda r: r["gflops"])
        m, n, k, ta, tb, th, shape = key
        if min(m, n, k) >= 512:
            big.append((ratio.median, shape, th))
        if shape in SKINNY:
            skinny.append((ratio.median, shape, th))
        tag = ("T" if ta else "N") + ("T" if tb else "N")
        kernel = next(iter(ref.values())).get("kernel")
        lines.append(f"| sgemm {m}×{n}×{k} {tag}{'' if shape.startswith(str(m)) else ' (' + shape + ')'}, {th} "
                     f"thread{'s' if th > 1 else ''} (GFLOP/s) | {med([r['gflops'] for r in ours.values()]):.1f} | "
                     f"{med([r['gflops'] for r in ref.values()]):.1f} (OpenBLAS {kernel}) | {ratio} |")
    goals["gemm"] = (big, skinny)

    # 6. Whole process.
    wa = [r for r in whole if r.get("label") == "astrograd"]
    wp = [r for r in whole if r.get("label") == "pytorch"]
    if wa and wp:
        a, p = wa[0], wp[0]
        goals["whole"] = p["wall_s"]["median"] / a["wall_s"]["median"]
        lines.append(f"| whole process, the fair MLP-HTRU2 command, start-up and data loading included (s wall, "
                     f"median of {a['n']}) | {a['wall_s']['median']:.2f} (peak RSS {a['peak_rss_mib']['median']:.0f} "
                     f"MiB) | {p['wall_s']['median']:.2f} (PyTorch script; peak RSS {p['peak_rss_mib']['median']:.0f} "
                     f"MiB) | {goals['whole']:.2f}× faster |")
    return lines, goal_lines(goals, accuracy)


def verdict(ok, short):
    return "**met**" if ok else f"**not met**: {short}"


def goal_lines(goals, accuracy):
    lines = ["| goal | measured | verdict |", "|---|---|---|"]
    if "loop" in goals:
        r = goals["loop"].median
        gap = abs(accuracy.get("Astrograd", 0) - accuracy.get("PyTorch", 1))
        lines.append(f"| 1. MLP-HTRU2 loop ≥ 7× PyTorch, accuracy within 0.3 % | {r:.2f}×, accuracy "
                     f"{accuracy.get('Astrograd', float('nan')):.4f} against {accuracy.get('PyTorch', float('nan')):.4f} | "
                     f"{verdict(r >= 7 and gap <= 0.003, f'{r / 7:.2f} of the goal' if r < 7 else 'accuracy gap')} |")
    pt, ts = goals.get(("wide", "PyTorch", 2)), goals.get(("wide", "TorchSharp", 2))
    if pt:
        ok = pt.median >= 1.3 and (ts is None or ts.median >= 2)
        short = []
        if pt.median < 1.3:
            short.append(f"{pt.median:.2f}× PyTorch's best against 1.3×")
        if ts is not None and ts.median < 2:
            short.append(f"{ts.median:.2f}× TorchSharp against 2×")
        lines.append(f"| 2. MLP-wide (2 threads) ≥ 1.3× PyTorch's best, ≥ 2× TorchSharp | {pt.median:.2f}× PyTorch"
                     f"{'' if ts is None else f', {ts.median:.2f}× TorchSharp'} | {verdict(ok, '; '.join(short))} |")
    big, skinny = goals.get("gemm", ([], []))
    if big:
        worst_big, worst_skinny = min(big), min(skinny) if skinny else (float("nan"), "", 0)
        ok = worst_big[0] >= 0.9 and (not skinny or worst_skinny[0] >= 0.8)
        lines.append(f"| 3. sgemm ≥ 0.9× OpenBLAS at n ≥ 512 (1 and 2 threads), ≥ 0.8× on MLP shapes | lowest "
                     f"{worst_big[0]:.2f}× (n ≥ 512: {worst_big[1]}, {worst_big[2]} thread), lowest {worst_skinny[0]:.2f}× "
                     f"(MLP shapes: {worst_skinny[1]}, {worst_skinny[2]} thread) | "
                     f"{verdict(ok, 'see the rows below 0.9× / 0.8×')} |")
    if "restarts" in goals:
        s = goals["restarts"].median
        pair = goals.get("pair")
        control = "" if pair is None else f" (two separate processes: {pair.median:.2f}×)"
        lines.append(f"| 4. 16 restarts ≥ 1.9× on 2 cores | {s:.2f}×{control} | "
                     f"{verdict(s >= 1.9, f'{s:.2f}× against 1.9×')} |")
    if "bytes" in goals:
        lines.append(f"| 5. no allocation per training step; peak memory reported | {goals['bytes']:.0f} B a step "
                     f"(captured); `peak_memory_mib` in `train --json` | {verdict(goals['bytes'] == 0, 'allocates')} |")
    if "whole" in goals:
        lines.append(f"| 6. the whole `train` process timed next to PyTorch's script | {goals['whole']:.2f}× faster | "
                     f"**done** |")
    return lines


def render(out):
    rows, goals = tables(out)
    text = ["### Figures", "", *rows, "", "### Goals", "", *goals]
    versions = os.path.join(out, "versions.txt")
    if os.path.exists(versions):
        with open(versions) as f:
            text += ["", *("    " + line.rstrip("\n") for line in f)]
    return "\n".join(text)


def main():
    out = sys.argv[1]
    text = render(out)
    if len(sys.argv) >= 4 and sys.argv[2] == "--into":
        path = sys.argv[3]
        with open(path) as f:
            page = f.read()
        if BEGIN not in page or END not in page:
            sys.exit(f"summarize: {path} has no {BEGIN} ... {END} markers; nothing was written")
        head, rest = page.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(path + ".tmp", "w") as f:
            f.write(head + BEGIN + "\n" + text + "\n" + END + tail)
        os.replace(path + ".tmp", path)
    else:
        print(text)


if __name__ == "__main__":
    main()
