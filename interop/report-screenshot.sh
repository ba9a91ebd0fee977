#!/usr/bin/env bash
# Renders report.html of run directories in headless Chromium, saves a screenshot of each and fails when a page
# logs a console message (a script error, a broken inline SVG, a blocked request) or refers to anything outside
# itself. The browser starts with a new empty profile, without background networking, and every host name resolves
# to nothing, so a report that tried to load anything from outside would fail here too.
#
#   bash interop/report-screenshot.sh                 # trains a classification and a regression run, checks both
#   bash interop/report-screenshot.sh RUN_DIR [OUT.png]
#
# Without RUN_DIR it trains, into a temporary folder, a classifier on the embedded HTRU2 table and a regression on a
# small synthetic table, and writes interop/report-screenshot.png and interop/report-screenshot-regression.png.
# Needs Debian's chromium (installed with apt-get when missing).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
    echo "report-screenshot: installing chromium" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
    browser="$(command -v chromium)"
fi

astrograd() { dotnet run --project "$repo/src/Astrograd.Cli" -c Release -- "$@"; }

# One report: static check, render, console check.
check() {
    local run="$1" out="$2" report profile log
    report="$(cd "$run" && pwd)/report.html"
    [[ -f "$report" ]] || { echo "report-screenshot: no report.html in $run" >&2; exit 1; }

    # Nothing outside the page: no script, stylesheet, image or frame element, no import, and no URL with a scheme
    # other than data: (the SVG namespace attributes are names, not fetches).
    if grep -Eion '<(script|link|img|iframe|object|embed)[ >/]|@import|url\(["'"'"']?(https?|file|ftp):|(src|href)="(https?:|file:|ftp:|//)' \
        "$report" > "$work/external.log"; then
        cat "$work/external.log" >&2
        echo "report-screenshot: $report refers to something outside itself" >&2
        exit 1
    fi

    profile="$(mktemp -d "$work/profile.XXXX")"
    log="$work/chromium-$(basename "$out").log"
    # --v=0 with logging to stderr prints the page's console messages as lines with "CONSOLE" in them.
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
        --window-size=1100,2600 --screenshot="$out" --enable-logging=stderr --v=0 \
        --host-resolver-rules="MAP * ~NOTFOUND" "file://$report" 2> "$log" || {
        cat "$log" >&2
        echo "report-screenshot: chromium failed" >&2
        exit 1
    }

    # The report has no script, so any console message at all (Chromium logs every level as INFO:CONSOLE) means
    # something went wrong: a script error, a resource that failed to load, a blocked request.
    if grep -E 'CONSOLE|Uncaught|net::ERR_' "$log" > "$work/errors.log"; then
        cat "$work/errors.log" >&2
        echo "report-screenshot: $report logged console errors" >&2
        exit 1
    fi

    [[ -s "$out" ]] || { echo "report-screenshot: no screenshot written for $report" >&2; exit 1; }
    echo "report-screenshot: $run -> $out ($(stat -c %s "$out") bytes), self-contained, no console errors"
}

if [[ $# -ge 1 ]]; then
    check "$1" "${2:-$repo/interop/report-screenshot.png}"
    exit 0
fi

astrograd train --layers 16 --epochs 20 --seed 42 --out "$work/classification" > "$work/train-classification.log"
check "$work/classification" "$repo/interop/report-screenshot.png"

# z = 2x + 1 + N(0, 0.05²) with a useless feature w: a redshift-like target, so the report has every regression plot.
awk 'BEGIN { srand(7); print "x,w,z"; for (i = 0; i < 600; i++) { x = 2 * rand(); w = 2 * rand() - 1;
    n = sqrt(-2 * log(1 - rand())) * cos(6.283185307 * rand());
    printf "%.4f,%.4f,%.4f\n", x, w, 2 * x + 1 + 0.05 * n } }' > "$work/regression.csv"
astrograd train --data "$work/regression.csv" --target z --layers 16 --epochs 20 --seed 42 \
    --out "$work/regression" > "$work/train-regression.log"
check "$work/regression" "$repo/interop/report-screenshot-regression.png"
