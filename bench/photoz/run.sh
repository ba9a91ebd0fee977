#!/usr/bin/env bash
# Photo-z on the BOSS DR10 sample of ANNZ: trains one network per loss on boss_dr10_0.csv, evaluates each on
# boss_dr10_1.csv and prints the README's results table (markdown) with sigma_NMAD and the outlier fraction.
#
#   bench/photoz/run.sh              # data from ../shared/data/photoz_boss_dr10 (beside the repository)
#   DATA=/path/to/photoz_boss_dr10 bench/photoz/run.sh
#   EPOCHS=20 LOSSES="l2 chi2" bench/photoz/run.sh
#
# The redshift Z has no error column, so chi2 (and gaussian-nll+sigma) use sigma_z = 0.03 (1 + Z), written into
# a copy of the training file as the column SIGMA_Z: see bench/photoz/README.md for why.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${DATA:-}"
if [[ -z "$data" ]]; then
    for candidate in "$root/../shared/data/photoz_boss_dr10" "$root/../../shared/data/photoz_boss_dr10"; do
        if [[ -f "$candidate/boss_dr10_0.csv" ]]; then
            data="$candidate"
            break
        fi
    done
fi

if [[ -z "$data" || ! -f "$data/boss_dr10_0.csv" || ! -f "$data/boss_dr10_1.csv" ]]; then
    echo "run.sh: the BOSS DR10 files are absent: looked for ../shared/data/photoz_boss_dr10 beside the" \
        "repository (set DATA=folder holding boss_dr10_0.csv and boss_dr10_1.csv); nothing was run" >&2
    exit 1
fi

epochs="${EPOCHS:-200}"
seed="${SEED:-1}"
losses="${LOSSES:-l2 huber chi2 gaussian-nll gaussian-nll+sigma student-t}"
work="${OUT:-$(mktemp -d)}"
mkdir -p "$work"
echo "data: $data; runs in $work" >&2

dotnet build "$root/src/Astrograd.Cli/Astrograd.Cli.csproj" -c Release -o "$work/bin" >/dev/null
astrograd() { dotnet "$work/bin/Astrograd.Cli.dll" "$@"; }

# sigma_z = 0.03 (1 + z) for every training row: the ANNZ header line is a '#' comment naming the columns.
awk -F, 'NR == 1 { print $0 ";F:SIGMA_Z"; next } { printf "%s,%.6f\n", $0, 0.03 * (1 + $11) }' \
    "$data/boss_dr10_0.csv" > "$work/train.csv"

common=(--target Z --features MAG_U,MAG_G,MAG_R,MAG_I,MAG_Z --layers 64,64 --activation tanh
    --optimizer adam --lr 0.003 --batch 64 --epochs "$epochs" --patience 20 --val 0.15 --test 0
    --seed "$seed" --no-plots --json)

field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" <<< "$2"; }

echo "| loss | command options | sigma_NMAD | outlier fraction | bias (mean) | rmse | 1-sigma coverage | epochs |"
echo "|---|---|---|---|---|---|---|---|"
for loss in $losses; do
    case "$loss" in
        chi2) extra=(--loss chi2 --sigma SIGMA_Z) ;;
        gaussian-nll+sigma) extra=(--loss gaussian-nll --sigma SIGMA_Z) ;;
        *) extra=(--loss "$loss") ;;
    esac
    run="$work/run-$loss"
    rm -rf "$run"
    summary="$(astrograd train --data "$work/train.csv" "${common[@]}" "${extra[@]}" --out "$run" 2>/dev/null)"
    metrics="$(astrograd evaluate --model "$run" --data "$data/boss_dr10_1.csv" --json)"
    coverage="$(field coverage_1sigma "$metrics")"
    printf '| %s | `%s` | %.4f | %.4f | %.4f | %.4f | %s | %s |\n' "$loss" "${extra[*]}" \
        "$(field sigma_nmad "$metrics")" "$(field outlier_fraction "$metrics")" "$(field bias "$metrics")" \
        "$(field rmse "$metrics")" "${coverage:--}" "$(field epochs "$summary")"
done
