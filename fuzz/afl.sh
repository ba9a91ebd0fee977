#!/usr/bin/env bash
# A coverage-guided campaign: AFL++ drives fuzz/Astrograd.Fuzz through SharpFuzz, which instruments
# Astrograd.dll so that afl-fuzz sees which branches of the readers each input reaches.
#   fuzz/afl.sh                  # every target (csv fits safetensors model checkpoint), 5 minutes each
#   fuzz/afl.sh csv 30           # the CSV reader for 30 minutes
#   fuzz/afl.sh "fits model" 10  # two targets, 10 minutes each
# Needs afl-fuzz (Debian: apt-get install afl++) and the SharpFuzz tool (.config/dotnet-tools.json, restored here).
# Findings go to fuzz/findings/<target>/ (or $ASTROGRAD_FUZZ_OUT); every crash found is replayed at the end
# with its exception and stack trace, and the script exits 1 if there is any crash or hang.
set -euo pipefail

targets="${1:-csv fits safetensors model checkpoint}"
minutes="${2:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${ASTROGRAD_FUZZ_OUT:-$root/fuzz/findings}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v afl-fuzz >/dev/null; then
    echo "afl-fuzz not found: install AFL++ (apt-get install afl++), or run fuzz/run.sh (CsCheck, no AFL)" >&2
    exit 2
fi

echo "== build and instrument"
(cd "$root" && dotnet tool restore >/dev/null)
dotnet publish "$root/fuzz/Astrograd.Fuzz" -c Release -o "$work/plain" -v quiet -nologo >/dev/null
# Instrumented code runs only under afl-fuzz (it writes to AFL's shared memory): seeds and replays use the plain
# copy.
cp -r "$work/plain" "$work/instrumented"
(cd "$root" && dotnet tool run sharpfuzz "$work/instrumented/Astrograd.dll")
fuzzed=(dotnet "$work/instrumented/Astrograd.Fuzz.dll")
harness=(dotnet "$work/plain/Astrograd.Fuzz.dll")
"${harness[@]}" seed "$work/seeds"

# dotnet itself is not instrumented (SharpFuzz reports the coverage), and a shared machine has no say over the
# CPU governor or core_pattern: afl-fuzz is told not to check them.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1

status=0
mkdir -p "$out"
for target in $targets; do
    echo "== $target: $minutes min"
    rm -rf "${out:?}/$target"
    timeout "${minutes}m" afl-fuzz -i "$work/seeds/$target" -o "$out/$target" -t 10000 -m none -- \
        "${fuzzed[@]}" "$target" >"$out/$target.log" 2>&1 || true
    stats="$out/$target/default/fuzzer_stats"
    if [[ ! -f "$stats" ]]; then
        echo "  afl-fuzz did not start; see $out/$target.log" >&2
        tail -5 "$out/$target.log" >&2
        status=1
        continue
    fi
    grep -E "^(execs_done|execs_per_sec|corpus_count|bitmap_cvg|saved_crashes|saved_hangs) " "$stats" | sed 's/^/  /'
    for kind in crashes hangs; do
        found=("$out/$target/default/$kind"/id*)
        if [[ -e "${found[0]}" ]]; then
            status=1
            echo "  $kind: ${#found[@]} inputs in $out/$target/default/$kind; replayed:"
            "${harness[@]}" "$target" "${found[@]}" | sed 's/^/    /' || true
        fi
    done
done
exit $status
