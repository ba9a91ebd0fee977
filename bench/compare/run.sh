#!/usr/bin/env bash
# Side-by-side performance comparison for issue 4's goals: Astrograd against PyTorch (and OpenBLAS through
# numpy) on this machine, in one run, rounds interleaved so that each ratio compares runs made under the same
# load. Reads the reference scripts and data from ../shared/bench beside the checkout (SHARED=... to point
# elsewhere); without them it says so and stops.
#   bash bench/compare/run.sh [ROUNDS]        (default 3 rounds; about 10 minutes)
# Writes JSON lines to $OUT (default $TMPDIR/astrograd-compare) and prints the summary table (summarize.py).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
ROUNDS=${1:-3}
SHARED=${SHARED:-$REPO/../shared/bench}
PY=/usr/bin/python3
OUT=${OUT:-${TMPDIR:-/tmp}/astrograd-compare}
export BENCH_DATA=${BENCH_DATA:-$OUT/data}
if [[ ! -f "$SHARED/mlp_htru2_torch.py" ]]; then
  echo "bench/compare: the reference scripts are not at $SHARED (set SHARED=DIR); nothing was run" >&2
  exit 1
fi
# Debian's PyTorch, scikit-learn, numpy and OpenBLAS (without libopenblas0-pthread numpy falls back to the
# reference BLAS at ~7 GFLOP/s): installed when missing and this user may, refused with the command otherwise.
PKGS=(python3-torch python3-sklearn python3-numpy python3-threadpoolctl libopenblas0-pthread)
missing=()
for m in torch sklearn numpy threadpoolctl; do $PY -c "import $m" 2>/dev/null || missing+=("$m"); done
[[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread ]] || missing+=(libopenblas0-pthread)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "bench/compare: installing ${PKGS[*]} (missing: ${missing[*]})" >&2
    apt-get install -y -q "${PKGS[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${PKGS[@]}" >/dev/null; }
  else
    echo "bench/compare: missing ${missing[*]}: run 'apt-get install ${PKGS[*]}' as root first" >&2
    exit 1
  fi
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.jsonl "$OUT/versions.txt"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
rec() { local f=$1 r=$2; shift 2; "$@" | sed -u "s/^{/{\"round\": $r, /" >> "$OUT/$f"; }

log "building Astrograd (Release) and preparing the data"
dotnet build "$REPO/src/Astrograd.Cli" -c Release -nologo -v q >/dev/null
dotnet build "$REPO/bench/Astrograd.Bench" -c Release -nologo -v q >/dev/null
CLI=(dotnet "$REPO/src/Astrograd.Cli/bin/Release/net10.0/Astrograd.Cli.dll")
BENCH=(dotnet "$REPO/bench/Astrograd.Bench/bin/Release/net10.0/Astrograd.Bench.dll")
(cd "$SHARED" && $PY prep_data.py) > "$OUT/prep.jsonl"

# OpenBLAS's best kernel on this CPU. OpenBLAS picks a kernel from the CPU model, and one newer than the
# library gets its SSE3 fallback ("Prescott", 13 GFLOP/s where the AVX-512 kernels reach 150+), so the
# candidates are probed (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in these commands only, as the issue
# asks) and the fastest is used for every numpy and PyTorch run below: PyTorch from Debian calls OpenBLAS for
# its products, so this is PyTorch at its best too.
log "probing OpenBLAS kernels"
BEST_KERNEL="" BEST_RATE=0
for kernel in "" SkylakeX Cooperlake Haswell; do
  line=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${kernel:+OPENBLAS_CORETYPE=$kernel} $PY "$HERE/numpy_gemm.py" --probe)
  echo "{\"bench\": \"openblas_probe\", \"asked\": \"${kernel:-auto}\", ${line#\{}" >> "$OUT/probe.jsonl"
  rate=$($PY -c 'import json, sys; print(json.loads(sys.argv[1])["gflops_cpu"])' "$line")
  if $PY -c 'import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)' "$rate" "$BEST_RATE"; then
    BEST_KERNEL=$kernel BEST_RATE=$rate
  fi
done
BEST=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${BEST_KERNEL:+OPENBLAS_CORETYPE=$BEST_KERNEL})
log "OpenBLAS kernel for the references: ${BEST_KERNEL:-auto} ($BEST_RATE GFLOP/s of CPU time at 1024^3, 1 thread)"
ref() { (cd "$SHARED" && "${BEST[@]}" "$@"); } # a reference script, with OpenBLAS's best kernel

# TorchSharp (libtorch with MKL), built from the shared project into $OUT, as the shared run.sh does; a build
# that fails (no TorchSharp-cpu in the package feed) leaves its rows out and says so.
TS=()
if [[ -f "$SHARED/torchsharp/tsbench.csproj" ]]; then
  rm -rf "$OUT/ts-src" && mkdir -p "$OUT/ts-src" && cp -r "$SHARED/torchsharp" "$OUT/ts-src/" && chmod -R u+w "$OUT/ts-src"
  if dotnet build "$OUT/ts-src/torchsharp" -c Release -o "$OUT/ts-bin" -nologo -v q >/dev/null 2>&1; then
    $PY "$SHARED/torchsharp/weaken_glibcxx.py" "$OUT/ts-bin/runtimes/linux-x64/native/libLibTorchSharp.so" >&2 || true
    TS=(dotnet "$OUT/ts-bin/tsbench.dll")
  else
    log "TorchSharp did not build; its rows are left out"
  fi
fi

# The fair MLP-HTRU2 comparison of issue 4: same architecture, rows, steps and thread count.
FAIR=(train --layers 64,64 --activation tanh --loss bce --lr 0.05 --momentum 0 --batch 64 --epochs 20
      --patience 0 --val 0 --test 0.2 --threads 1)
if "${CLI[@]}" train --help | grep -q -- --no-plots; then FAIR+=(--no-plots); fi
RESTARTS=(train --layers 64,64 --activation tanh --loss bce --lr 0.05 --momentum 0 --batch 64 --epochs 5
          --patience 0 --val 0 --test 0.2 --no-plots)
MULTI=("${RESTARTS[@]}" --restarts 16)
astrograd_train() { # ROUND LABEL ARGS...: one JSON line with the run's timings and accuracy
  local r=$1 label=$2; shift 2
  local dir="$OUT/run-$label-$r"; rm -rf "$dir"
  "${CLI[@]}" "$@" --json --out "$dir" 2>/dev/null | $PY -c '
import json, sys
d = json.load(sys.stdin)
print(json.dumps({"round": int(sys.argv[1]), "bench": sys.argv[2], "system": "astrograd",
  "train_s": d["train_seconds"], "fit_s": d["fit_seconds"], "steps": d["steps"],
  "restarts_s": d.get("restarts_seconds"), "test_acc": d["metrics"].get("accuracy"),
  "captured": d.get("captured_steps")}))' "$r" "$label" >> "$OUT/train.jsonl"
  rm -rf "$dir"
}

# The control for the multi-start speed-up: two independent processes of 8 restarts each, one thread each, at
# once. What they lose against one process of 16 restarts on one thread is the machine's (two busy cores), not
# the threading's. The pair's time is the slower process's restarts_seconds.
astrograd_pair() { # ROUND
  local r=$1 half=("${RESTARTS[@]}" --restarts 8) a="$OUT/pair-a-$1" b="$OUT/pair-b-$1"
  rm -rf "$a" "$b"
  "${CLI[@]}" "${half[@]}" --threads 1 --json --out "$a" 2>/dev/null > "$OUT/pair-a.json" &
  local first=$!
  "${CLI[@]}" "${half[@]}" --threads 1 --json --out "$b" 2>/dev/null > "$OUT/pair-b.json"
  wait "$first"
  $PY -c '
import json, sys
s = [json.load(open(f))["restarts_seconds"] for f in sys.argv[2:]]
print(json.dumps({"round": int(sys.argv[1]), "bench": "multistart_pair", "system": "astrograd", "restarts_s": max(s)}))' \
    "$r" "$OUT/pair-a.json" "$OUT/pair-b.json" >> "$OUT/train.jsonl"
  rm -rf "$a" "$b"
}

for r in $(seq 1 "$ROUNDS"); do
  log "round $r/$ROUNDS: MLP-HTRU2 (PyTorch, scikit-learn, Astrograd)"
  rec torch.jsonl "$r" ref $PY mlp_htru2_torch.py --threads 1 --repeats 1 --step-iters 2000
  rec sklearn.jsonl "$r" ref $PY mlp_htru2_sklearn.py --threads 1 --repeats 1 --step-iters 0
  astrograd_train "$r" mlp_htru2 "${FAIR[@]}"
  rec steps.jsonl "$r" "${BENCH[@]}" mlp-quick --json
  if ((${#TS[@]})); then rec torchsharp.jsonl "$r" "${TS[@]}" htru2 --threads 1 --data "$BENCH_DATA" --repeats 1 --step-iters 0; fi

  log "round $r/$ROUNDS: multi-start, 16 restarts x 5 epochs"
  rec torch.jsonl "$r" ref $PY multistart_torch.py --procs 1 --threads 1
  rec torch.jsonl "$r" ref $PY multistart_torch.py --procs 2
  astrograd_train "$r" multistart_1 "${MULTI[@]}" --threads 1
  astrograd_train "$r" multistart_2 "${MULTI[@]}" --threads 2
  astrograd_pair "$r"

  log "round $r/$ROUNDS: MLP-wide"
  rec torch.jsonl "$r" ref $PY mlp_wide_torch.py --threads 1
  rec torch.jsonl "$r" ref env OMP_WAIT_POLICY=PASSIVE $PY mlp_wide_torch.py --threads 2 --tag best
  rec wide.jsonl "$r" "${BENCH[@]}" mlp-wide 1
  rec wide.jsonl "$r" "${BENCH[@]}" mlp-wide 2
  if ((${#TS[@]})); then
    rec torchsharp.jsonl "$r" "${TS[@]}" wide --threads 1
    rec torchsharp.jsonl "$r" "${TS[@]}" wide --threads 2
  fi

  log "round $r/$ROUNDS: sgemm (OpenBLAS ${BEST_KERNEL:-auto}, Astrograd)"
  rec gemm.jsonl "$r" "${BEST[@]}" $PY "$HERE/numpy_gemm.py" --threads 1,2
  rec gemm.jsonl "$r" "${BENCH[@]}" gemm-quick --json
done

log "whole process: astrograd train (the fair command) against the PyTorch script"
WHOLE="rm -rf '$OUT/whole-run' && ${CLI[*]} ${FAIR[*]} --out '$OUT/whole-run'"
rec whole.jsonl 1 $PY "$SHARED/wholeproc.py" --label astrograd -n 5 -- bash -c "$WHOLE"
rec whole.jsonl 1 ref $PY wholeproc.py --label pytorch -n 5 -- $PY mlp_htru2_torch.py --threads 1 --repeats 1 --step-iters 0
rm -rf "$OUT/whole-run"

{
  echo "date_utc: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs) model $(grep -m1 '^model' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
  echo "dotnet: $(dotnet --version); torch: $($PY -c 'import torch; print(torch.__version__)'); numpy: $($PY -c 'import numpy; print(numpy.__version__)')"
  echo "OpenBLAS kernel for the references: ${BEST_KERNEL:-auto} (probed: $(cut -d, -f2,3,4 "$OUT/probe.jsonl" | tr -d '{}"' | tr '\n' ';'))"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/versions.txt"
$PY "$HERE/summarize.py" "$OUT" | tee "$OUT/summary.md"
# The table replaces the one between the markers in bench/RESULTS.md (the rest of that page is kept).
$PY "$HERE/summarize.py" "$OUT" --into "$REPO/bench/RESULTS.md"
log "table written into bench/RESULTS.md"
