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
for m in torch numpy threadpoolctl; do
  $PY -c "import $m" 2>/dev/null || { echo "bench/compare: python3 module '$m' missing (apt-get install python3-torch python3-threadpoolctl)" >&2; exit 1; }
done
mkdir -p "$OUT"
rm -f "$OUT"/*.jsonl
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
rec() { local f=$1 r=$2; shift 2; "$@" | sed -u "s/^{/{\"round\": $r, /" >> "$OUT/$f"; }
UNSET=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)

log "building Astrograd (Release) and preparing the data"
dotnet build "$REPO/src/Astrograd.Cli" -c Release -nologo -v q >/dev/null
dotnet build "$REPO/bench/Astrograd.Bench" -c Release -nologo -v q >/dev/null
CLI=(dotnet "$REPO/src/Astrograd.Cli/bin/Release/net10.0/Astrograd.Cli.dll")
BENCH=(dotnet "$REPO/bench/Astrograd.Bench/bin/Release/net10.0/Astrograd.Bench.dll")
(cd "$SHARED" && $PY prep_data.py) > "$OUT/prep.jsonl"

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
MULTI=(train --layers 64,64 --activation tanh --loss bce --lr 0.05 --momentum 0 --batch 64 --epochs 5
       --patience 0 --val 0 --test 0.2 --restarts 16)
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

for r in $(seq 1 "$ROUNDS"); do
  log "round $r/$ROUNDS: MLP-HTRU2 (PyTorch, Astrograd)"
  rec torch.jsonl "$r" bash -c "cd '$SHARED' && $PY mlp_htru2_torch.py --threads 1 --repeats 1 --step-iters 2000"
  astrograd_train "$r" mlp_htru2 "${FAIR[@]}"
  rec steps.jsonl "$r" "${BENCH[@]}" mlp-quick --json
  if ((${#TS[@]})); then rec torchsharp.jsonl "$r" "${TS[@]}" htru2 --threads 1 --data "$BENCH_DATA" --repeats 1 --step-iters 0; fi

  log "round $r/$ROUNDS: multi-start, 16 restarts x 5 epochs"
  rec torch.jsonl "$r" bash -c "cd '$SHARED' && $PY multistart_torch.py --procs 1 --threads 1"
  rec torch.jsonl "$r" bash -c "cd '$SHARED' && $PY multistart_torch.py --procs 2"
  astrograd_train "$r" multistart_1 "${MULTI[@]}" --threads 1
  astrograd_train "$r" multistart_2 "${MULTI[@]}" --threads 2

  log "round $r/$ROUNDS: MLP-wide"
  rec torch.jsonl "$r" bash -c "cd '$SHARED' && $PY mlp_wide_torch.py --threads 1"
  rec torch.jsonl "$r" bash -c "cd '$SHARED' && ${UNSET[*]} OMP_WAIT_POLICY=PASSIVE $PY mlp_wide_torch.py --threads 2 --tag best"
  rec wide.jsonl "$r" "${BENCH[@]}" mlp-wide 1
  rec wide.jsonl "$r" "${BENCH[@]}" mlp-wide 2
  if ((${#TS[@]})); then
    rec torchsharp.jsonl "$r" "${TS[@]}" wide --threads 1
    rec torchsharp.jsonl "$r" "${TS[@]}" wide --threads 2
  fi
done

log "sgemm: OpenBLAS best kernel (environment unset) and Astrograd"
rec gemm.jsonl 1 "${UNSET[@]}" $PY "$HERE/numpy_gemm.py" --threads 1,2
rec gemm.jsonl 1 "${BENCH[@]}" gemm-quick --json

log "whole process: astrograd train (the fair command) against the PyTorch script"
WHOLE="rm -rf '$OUT/whole-run' && ${CLI[*]} ${FAIR[*]} --out '$OUT/whole-run'"
rec whole.jsonl 1 $PY "$SHARED/wholeproc.py" --label astrograd -n 5 -- bash -c "$WHOLE"
rec whole.jsonl 1 bash -c "cd '$SHARED' && $PY wholeproc.py --label pytorch -n 5 -- $PY mlp_htru2_torch.py --threads 1 --repeats 1 --step-iters 0"
rm -rf "$OUT/whole-run"

{
  echo "date_utc: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs) model $(grep -m1 '^model' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
  echo "dotnet: $(dotnet --version); torch: $($PY -c 'import torch; print(torch.__version__)'); numpy: $($PY -c 'import numpy; print(numpy.__version__)')"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/versions.txt"
$PY "$HERE/summarize.py" "$OUT" | tee "$OUT/summary.md"
