#!/usr/bin/python3
"""sgemm through numpy (Debian's OpenBLAS) on the shapes `Astrograd.Bench gemm-quick --json` times.

C[m, n] = op(A)[m, k] · op(B)[k, n]; a transposed operand is stored transposed and passed as a
view (numpy hands BLAS the transpose flag, nothing is copied). Prints one JSON line per shape
and thread count: the median wall-time GFLOP/s of 11 batches of about 50 ms.
  /usr/bin/python3 numpy_gemm.py [--threads 1,2]
  /usr/bin/python3 numpy_gemm.py --probe     (one line: the kernel OpenBLAS loaded and its 1024^3 rate)
OpenBLAS picks its kernel from the CPU model at load time, or from OPENBLAS_CORETYPE; a CPU newer than the
library (0.3.21 does not know Emerald Rapids, model 207, and falls back to the SSE3 "Prescott" kernel) needs
the kernel named by hand. run.sh probes the candidates with --probe and uses the fastest for every reference.
"""
import argparse
import json
import statistics
import time

import numpy as np
import threadpoolctl

SHAPES = []
for size in (64, 256, 512, 1024):
    for ta in (0, 1):
        for tb in (0, 1):
            tag = ("T" if ta else "N") + ("T" if tb else "N")
            SHAPES.append((f"{size}^3 {tag}", size, size, size, ta, tb))
SHAPES += [
    ("x64x8·W8x64", 64, 64, 8, 0, 0),
    ("x64x64·Wᵀ64x64", 64, 64, 64, 0, 1),
    ("gᵀ64x64·x64x8", 64, 8, 64, 1, 0),
    ("x512x256·Wᵀ256x256", 512, 256, 256, 0, 1),
]


def operands(m, n, k, ta, tb, rng):
    a = rng.uniform(-1, 1, (k, m) if ta else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if tb else (k, n)).astype(np.float32)
    return (a.T if ta else a), (b.T if tb else b)


def measure(m, n, k, ta, tb):
    rng = np.random.default_rng(42)
    a, b = operands(m, n, k, ta, tb, rng)
    c = np.empty((m, n), dtype=np.float32)
    reps, t0 = 1, time.perf_counter()
    while time.perf_counter() - t0 < 0.3:  # warm-up, and a batch size of about 50 ms
        for _ in range(reps):
            np.matmul(a, b, out=c)
        reps *= 2
    per = (time.perf_counter() - t0) / (2 * reps - 1)
    reps = max(1, int(0.05 / per))
    rates = []
    for _ in range(11):
        t = time.perf_counter()
        for _ in range(reps):
            np.matmul(a, b, out=c)
        rates.append(2.0 * m * n * k * reps / (time.perf_counter() - t) / 1e9)
    return statistics.median(rates)


def probe_rate():
    """1024^3 GFLOP/s per second of this process's CPU time on one thread: robust to other load, which is all
    the probe needs (it only ranks kernels)."""
    a, b = operands(1024, 1024, 1024, 0, 0, np.random.default_rng(42))
    c = np.empty((1024, 1024), dtype=np.float32)
    np.matmul(a, b, out=c)
    rates = []
    for _ in range(5):
        t = time.process_time()
        for _ in range(3):
            np.matmul(a, b, out=c)
        rates.append(3 * 2.0 * 1024 ** 3 / (time.process_time() - t) / 1e9)
    return statistics.median(rates)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--probe", action="store_true")
    args = ap.parse_args()
    info = [d.get("architecture") for d in threadpoolctl.threadpool_info() if d.get("internal_api") == "openblas"]
    if args.probe:
        with threadpoolctl.threadpool_limits(limits=1, user_api="blas"):
            print(json.dumps({"kernel": info[0] if info else None, "gflops_cpu": round(probe_rate(), 2)}))
        return
    for threads in [int(t) for t in args.threads.split(",")]:
        with threadpoolctl.threadpool_limits(limits=threads, user_api="blas"):
            for name, m, n, k, ta, tb in SHAPES:
                print(json.dumps({"bench": "sgemm", "system": "numpy-openblas", "kernel": info[0] if info else None,
                                  "shape": name, "m": m, "n": n, "k": k, "ta": ta, "tb": tb, "threads": threads,
                                  "gflops": round(measure(m, n, k, ta, tb), 2)}), flush=True)


if __name__ == "__main__":
    main()
