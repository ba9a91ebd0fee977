#!/usr/bin/python3
"""Summary table of a bench/compare/run.sh run: medians over rounds and per-round ratios
(Astrograd against PyTorch or OpenBLAS measured in the same round), as Markdown.
  /usr/bin/python3 summarize.py OUT_DIR
"""
import collections
import json
import os
import statistics
import sys


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


def ratio_rows(a, b, fa, fb):
    """Median over rounds of fa(a)/fb(b) for rounds present in both."""
    rs = sorted(set(a) & set(b))
    return med([fa(a[r]) / fb(b[r]) for r in rs]), len(rs)


def main():
    out = sys.argv[1]
    torch = load(out, "torch.jsonl")
    train = load(out, "train.jsonl")
    steps = load(out, "steps.jsonl")
    wide = load(out, "wide.jsonl")
    gemm = load(out, "gemm.jsonl")
    whole = load(out, "whole.jsonl")
    tsharp = load(out, "torchsharp.jsonl")
    lines = ["| figure | Astrograd | PyTorch / OpenBLAS | ratio (median of rounds) |", "|---|---|---|---|"]

    # 1. MLP-HTRU2 training loop, same steps, one thread.
    pt = by_round(torch, lambda r: r["bench"] == "mlp_htru2")
    ag = by_round(train, lambda r: r["bench"] == "mlp_htru2")
    if pt and ag:
        ratio, n = ratio_rows(pt, ag, lambda r: r["train_s"], lambda r: r["train_s"])
        lines.append(f"| MLP-HTRU2 training loop, 1 thread, 4480 steps (s) | {med([r['train_s'] for r in ag.values()]):.3f} "
                     f"({med([r['train_s'] / r['steps'] * 1e6 for r in ag.values()]):.1f} µs a step) | "
                     f"{med([r['train_s'] for r in pt.values()]):.3f} "
                     f"({med([r['us_per_train_step'] for r in pt.values()]):.1f} µs a step) | {ratio:.2f}× faster ({n} rounds) |")
        lines.append(f"| MLP-HTRU2 test accuracy | {med([r['test_acc'] for r in ag.values()]):.4f} | "
                     f"{med([r['test_acc'] for r in pt.values()]):.4f} | |")
    th = by_round(tsharp, lambda r: r["bench"] == "mlp_htru2")
    if th and ag:
        ratio, n = ratio_rows(th, ag, lambda r: r["train_s"], lambda r: r["train_s"])
        lines.append(f"| MLP-HTRU2 training loop against TorchSharp, 1 thread (s) | "
                     f"{med([r['train_s'] for r in ag.values()]):.3f} | "
                     f"{med([r['train_s'] for r in th.values()]):.3f} (TorchSharp, "
                     f"accuracy {med([r['test_acc'] for r in th.values()]):.4f}) | {ratio:.2f}× faster ({n} rounds) |")
    ps = by_round(torch, lambda r: r["bench"] == "htru2_step")
    ac = by_round(steps, lambda r: r["bench"] == "htru2_step" and r["mode"] == "captured")
    ae = by_round(steps, lambda r: r["bench"] == "htru2_step" and r["mode"] == "eager")
    if ps and ac:
        ratio, n = ratio_rows(ps, ac, lambda r: r["step_us_median"], lambda r: r["step_us_median"])
        lines.append(f"| one isolated step, batch 64 (µs, median) | {med([r['step_us_median'] for r in ac.values()]):.1f} "
                     f"captured, {med([r['step_us_median'] for r in ae.values()]):.1f} eager; "
                     f"{med([r['bytes_per_step'] for r in ac.values()]):.0f} B allocated a step captured | "
                     f"{med([r['step_us_median'] for r in ps.values()]):.1f} | {ratio:.2f}× faster |")

    # 4. Multi-start speed-up on 2 cores.
    p1 = by_round(torch, lambda r: r["bench"] == "multistart" and r["procs"] == 1)
    p2 = by_round(torch, lambda r: r["bench"] == "multistart" and r["procs"] == 2)
    a1 = by_round(train, lambda r: r["bench"] == "multistart_1")
    a2 = by_round(train, lambda r: r["bench"] == "multistart_2")
    if a1 and a2:
        sa, _ = ratio_rows(a1, a2, lambda r: r["restarts_s"], lambda r: r["restarts_s"])
        sp, _ = ratio_rows(p1, p2, lambda r: r["wall_s"], lambda r: r["wall_s"]) if p1 and p2 else (float("nan"), 0)
        lines.append(f"| 16 restarts × 5 epochs, 1 → 2 cores (s) | {med([r['restarts_s'] for r in a1.values()]):.2f} → "
                     f"{med([r['restarts_s'] for r in a2.values()]):.2f} ({sa:.2f}× speed-up) | "
                     f"{med([r['wall_s'] for r in p1.values()]):.2f} → {med([r['wall_s'] for r in p2.values()]):.2f} "
                     f"({sp:.2f}×) | |")

    # 2. MLP-wide.
    w1 = by_round(wide, lambda r: r["threads"] == 1)
    w2 = by_round(wide, lambda r: r["threads"] == 2)
    t1 = by_round(torch, lambda r: r["bench"] == "mlp_wide" and r["tag"] == "" and r["threads"] == 1)
    tb = by_round(torch, lambda r: r["bench"] == "mlp_wide" and r["tag"] == "best")
    if w2 and tb:
        rb, _ = ratio_rows(tb, w2, lambda r: r["ms_per_step_median"], lambda r: r["step_ms_median"])
        r1, _ = ratio_rows(t1, w1, lambda r: r["ms_per_step_median"], lambda r: r["step_ms_median"]) if t1 and w1 else (float("nan"), 0)
        lines.append(f"| MLP-wide ms a step, 1 / 2 threads | {med([r['step_ms_median'] for r in w1.values()]):.1f} / "
                     f"{med([r['step_ms_median'] for r in w2.values()]):.1f} | "
                     f"{med([r['ms_per_step_median'] for r in t1.values()]):.1f} (as installed, 1 thread) / "
                     f"{med([r['ms_per_step_median'] for r in tb.values()]):.1f} (best, 2 threads) | "
                     f"{r1:.2f}× (1 thread), {rb:.2f}× (2 threads vs PyTorch's best) |")

    s1 = by_round(tsharp, lambda r: r["bench"] == "mlp_wide" and r["threads"] == 1)
    s2 = by_round(tsharp, lambda r: r["bench"] == "mlp_wide" and r["threads"] == 2)
    if w2 and s2:
        q2, _ = ratio_rows(s2, w2, lambda r: r["ms_per_step_median"], lambda r: r["step_ms_median"])
        q1, _ = ratio_rows(s1, w1, lambda r: r["ms_per_step_median"], lambda r: r["step_ms_median"]) if s1 and w1 else (float("nan"), 0)
        lines.append(f"| MLP-wide ms a step against TorchSharp, 1 / 2 threads | "
                     f"{med([r['step_ms_median'] for r in w1.values()]):.1f} / "
                     f"{med([r['step_ms_median'] for r in w2.values()]):.1f} | "
                     f"{med([r['ms_per_step_median'] for r in s1.values()]):.1f} / "
                     f"{med([r['ms_per_step_median'] for r in s2.values()]):.1f} (TorchSharp) | "
                     f"{q1:.2f}× (1 thread), {q2:.2f}× (2 threads) |")

    # 3. sgemm against OpenBLAS's best kernel.
    g = collections.defaultdict(dict)
    for r in gemm:
        g[(r["m"], r["n"], r["k"], r["ta"], r["tb"], r["threads"])][r["system"]] = r
    for key in sorted(g, key=lambda k: (k[5], -k[0] * k[1] * k[2], k[3], k[4])):
        pair = g[key]
        if "astrograd" in pair and "numpy-openblas" in pair:
            a, o = pair["astrograd"]["gflops"], pair["numpy-openblas"]["gflops"]
            m, n, k, ta, tb, th = key
            tag = ("T" if ta else "N") + ("T" if tb else "N")
            lines.append(f"| sgemm {m}×{n}×{k} {tag}, {th} thread{'s' if th > 1 else ''} (GFLOP/s) | {a:.1f} | {o:.1f} "
                         f"({pair['numpy-openblas'].get('kernel')}) | {a / o:.2f}× |")

    # 6. Whole process.
    wa = [r for r in whole if r.get("label") == "astrograd"]
    wp = [r for r in whole if r.get("label") == "pytorch"]
    if wa and wp:
        a, p = wa[0], wp[0]
        lines.append(f"| whole process, fair MLP-HTRU2 command (s wall, median of {a['n']}) | {a['wall_s']['median']:.2f} "
                     f"(peak RSS {a['peak_rss_mib']['median']:.0f} MiB) | {p['wall_s']['median']:.2f} "
                     f"(peak RSS {p['peak_rss_mib']['median']:.0f} MiB) | "
                     f"{p['wall_s']['median'] / a['wall_s']['median']:.2f}× faster |")
    print("\n".join(lines))
    versions = os.path.join(out, "versions.txt")
    if os.path.exists(versions):
        print()
        with open(versions) as f:
            print("".join("    " + line for line in f))


if __name__ == "__main__":
    main()
