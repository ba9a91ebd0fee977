#!/usr/bin/env bash
# Scale of input (issue 8 item 7): writes the synthetic 5-million-row, 12-column catalogue into a temporary
# folder (never into the repository), then measures a pure load and `astrograd train --epochs 1` on it:
# wall time and peak resident memory (/usr/bin/time -v where present, and the programs' own figures).
#   bash bench/scale/run.sh            # 5,000,000 rows
#   bash bench/scale/run.sh 500000     # fewer rows, for a quick look
set -euo pipefail
rows="${1:-5000000}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/bench/Astrograd.Bench" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/src/Astrograd.Cli" -c Release -v quiet -nologo >/dev/null
bench="$root/bench/Astrograd.Bench/bin/Release/net10.0/Astrograd.Bench.dll"
cli="$root/src/Astrograd.Cli/bin/Release/net10.0/Astrograd.Cli.dll"

timed() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v "$@" 2>"$work/time.txt"
        # On stderr, so that a command's own output can be redirected apart.
        grep -E "Elapsed \(wall|Maximum resident" "$work/time.txt" | sed 's/^\s*/  /' >&2
    else
        "$@"
    fi
}

echo "== machine"
uptime
echo "== write $rows rows"
dotnet "$bench" scale-csv "$work/big.csv" "$rows"
ls -l "$work/big.csv" | awk '{ printf "  %.0f MiB on disk\n", $5 / 1048576 }'
echo "== pure load (CsvReader.ReadFile)"
timed dotnet "$bench" csv-load "$work/big.csv"
echo "== astrograd train --data big.csv --epochs 1 --json"
timed dotnet "$cli" train --data "$work/big.csv" --target redshift --epochs 1 --out "$work/run" --no-plots --json \
    >"$work/train.json"
grep -oE '"(peak_memory_mib|train_seconds|fit_seconds)":[^,}]*' "$work/train.json" | sed 's/^/  /'
uptime
