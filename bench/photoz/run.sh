#!/usr/bin/env bash
# Photo-z on the BOSS DR10 sample of ANNZ: trains one network per loss and seed on boss_dr10_0.csv, evaluates each
# on boss_dr10_1.csv with `astrograd evaluate` and prints the README's results table (markdown): the median over
# the seeds with [min - max].
#
#   bash bench/photoz/run.sh                           # data from ../shared/data next to the repository
#   ASTROGRAD_DATA=/some/where/data bash bench/photoz/run.sh
#   SEEDS="1" LOSSES="l2 chi2" EPOCHS=50 bash bench/photoz/run.sh
#
# The redshift Z has no error column, so chi2 (and gaussian-nll+sigma) use sigma_z = 0.03 (1 + Z), written into
# a copy of the training file as the column SIGMA_Z: see bench/photoz/README.md for why.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
find_data() {
    if [[ -n "${ASTROGRAD_DATA:-}" ]]; then
        echo "$ASTROGRAD_DATA"
        return
    fi
    local candidate="$ROOT/../shared/data"
    if [[ ! -d "$candidate" ]]; then
        # In a linked git worktree the shared folder sits next to the main checkout instead.
        local common
        common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)"
        [[ -n "$common" ]] && candidate="$(dirname "$common")/../shared/data"
    fi
    echo "$candidate"
}
DATA="$(find_data)/photoz_boss_dr10"
for file in "$DATA/boss_dr10_0.csv" "$DATA/boss_dr10_1.csv"; do
    if [[ ! -f "$file" ]]; then
        echo "run.sh: photo-z data not found ($file)." >&2
        echo "run.sh: put the shared data folder at ../shared/data next to the repository root," >&2
        echo "run.sh: or set ASTROGRAD_DATA to it. Nothing was measured." >&2
        exit 1
    fi
done

EPOCHS="${EPOCHS:-200}"
SEEDS="${SEEDS:-1 2 3}"
LOSSES="${LOSSES:-l2 huber chi2 gaussian-nll gaussian-nll+sigma student-t}"
WORK="${OUT:-$(mktemp -d)}"
mkdir -p "$WORK"
echo "data: $DATA; runs in $WORK" >&2

dotnet build "$ROOT/src/Astrograd.Cli/Astrograd.Cli.csproj" -c Release -o "$WORK/bin" >/dev/null
astrograd() { dotnet "$WORK/bin/Astrograd.Cli.dll" "$@"; }

# sigma_z = 0.03 (1 + z) for every training row; the ANNZ header line is a '#' comment naming the columns.
awk -F, 'NR == 1 { print $0 ";F:SIGMA_Z"; next } { printf "%s,%.6f\n", $0, 0.03 * (1 + $11) }' \
    "$DATA/boss_dr10_0.csv" > "$WORK/train.csv"

COMMON=(--target Z --features MAG_U,MAG_G,MAG_R,MAG_I,MAG_Z --layers 64,64 --activation tanh
    --optimizer adam --lr 0.003 --batch 64 --epochs "$EPOCHS" --patience 20 --val 0.15 --test 0
    --no-plots --json)

# The scalar named $1 in the JSON object $2 (at its top level or in a nested object, never inside a list such as
# the per-bin redshift metrics), or nothing.
field() {
    python3 -c 'import json, sys
def find(o, key):
    if key in o and not isinstance(o[key], (dict, list)):
        return o[key]
    for v in o.values():
        if isinstance(v, dict) and (r := find(v, key)) is not None:
            return r
    return None
r = find(json.loads(sys.argv[2]), sys.argv[1])
print("" if r is None else r)' "$1" "$2"
}

# "median [min - max]" of the numbers on stdin, with the given printf format (one value: just it).
summary() {
    sort -g | awk -v f="$1" '{ v[NR] = $1 } END {
        if (NR == 0) { print "-"; exit }
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        if (NR == 1) printf f "\n", m; else printf f " [" f " - " f "]\n", m, v[1], v[NR] }'
}

echo "| loss | options | σ_NMAD | outlier fraction | bias (mean Δ) | rmse | 1σ coverage | epochs |"
echo "|---|---|---|---|---|---|---|---|"
for loss in $LOSSES; do
    case "$loss" in
        chi2) extra=(--loss chi2 --sigma SIGMA_Z) ;;
        gaussian-nll+sigma) extra=(--loss gaussian-nll --sigma SIGMA_Z) ;;
        *) extra=(--loss "$loss") ;;
    esac
    : > "$WORK/$loss.tsv"
    for seed in $SEEDS; do
        run="$WORK/run-$loss-$seed"
        rm -rf "$run"
        trained="$(astrograd train --data "$WORK/train.csv" "${COMMON[@]}" "${extra[@]}" --seed "$seed" \
            --out "$run" 2>/dev/null)"
        metrics="$(astrograd evaluate --model "$run" --data "$DATA/boss_dr10_1.csv" --json)"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(field sigma_nmad "$metrics")" "$(field outlier_fraction "$metrics")" \
            "$(field bias "$metrics")" "$(field rmse "$metrics")" "$(field coverage_1sigma "$metrics")" \
            "$(field epochs "$trained")" >> "$WORK/$loss.tsv"
    done
    column() { cut -f "$1" "$WORK/$loss.tsv" | grep -v '^$' | summary "$2"; }
    printf '| %s | `%s` | %s | %s | %s | %s | %s | %s |\n' "$loss" "${extra[*]}" "$(column 1 %.4f)" \
        "$(column 2 %.4f)" "$(column 3 %.4f)" "$(column 4 %.4f)" "$(column 5 %.3f)" "$(column 6 %d)"
done
echo >&2 "seeds: $SEEDS; epochs at most $EPOCHS"
