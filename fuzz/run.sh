#!/usr/bin/env bash
# A longer fuzz campaign: the same CsCheck properties as tests/Astrograd.Tests/Fuzz, with many more cases.
#   fuzz/run.sh                 # 20000 cases per property
#   fuzz/run.sh 100000          # as many as you like
#   fuzz/run.sh 5000 Fits       # only the properties whose test class name contains "Fits"
#   ASTROGRAD_FUZZ_SEED=<seed> fuzz/run.sh 1 Csv   # replay a failure CsCheck reported
set -euo pipefail

iterations="${1:-20000}"
only="${2:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

filter="FullyQualifiedName~Astrograd.Tests.Fuzz"
if [[ -n "$only" ]]; then
    filter="$filter&FullyQualifiedName~$only"
fi

echo "fuzzing with $iterations cases per property ($filter)"
ASTROGRAD_FUZZ_ITERATIONS="$iterations" dotnet test "$root/tests/Astrograd.Tests" -c Release \
    --filter "$filter" --logger "console;verbosity=normal"
