#!/usr/bin/env bash
# Renders a run's report.html in headless Chromium, saves a screenshot and fails when the page logs a console
# error (a broken inline SVG, a blocked fetch, a script error). Network access is cut off for the browser, so a
# report that tried to load anything from outside would show up here as an error.
#
#   bash interop/report-screenshot.sh [RUN_DIR] [OUT.png]
#
# Without RUN_DIR it trains a small run of the embedded HTRU2 table into a temporary folder first. The default
# screenshot is interop/report-screenshot.png. Needs Debian's chromium (installed with apt-get when missing).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
run="${1:-}"
out="${2:-$repo/interop/report-screenshot.png}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
    echo "report-screenshot: installing chromium" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
    browser="$(command -v chromium)"
fi

if [[ -z "$run" ]]; then
    run="$work/run"
    dotnet run --project "$repo/src/Astrograd.Cli" -c Release -- \
        train --layers 16 --epochs 20 --seed 42 --out "$run" > "$work/train.log"
fi

report="$(cd "$run" && pwd)/report.html"
[[ -f "$report" ]] || { echo "report-screenshot: no report.html in $run" >&2; exit 1; }

# --v=0 logs the page's console messages to stderr as lines with "CONSOLE" in them; any network request is
# refused (the page must need none).
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size=1100,2600 --screenshot="$out" --enable-logging=stderr --v=0 \
    --host-resolver-rules="MAP * ~NOTFOUND" "file://$report" 2> "$work/chromium.log" || {
    cat "$work/chromium.log" >&2
    echo "report-screenshot: chromium failed" >&2
    exit 1
}

# The report has no script, so any console message at all (Chromium logs every level as INFO:CONSOLE) means
# something went wrong: a script error, a resource that failed to load, a blocked request.
if grep -E 'CONSOLE|Uncaught|net::ERR_' "$work/chromium.log" > "$work/errors.log"; then
    cat "$work/errors.log" >&2
    echo "report-screenshot: the page logged console errors" >&2
    exit 1
fi

[[ -s "$out" ]] || { echo "report-screenshot: no screenshot written" >&2; exit 1; }
echo "report-screenshot: $out ($(stat -c %s "$out") bytes), no console errors"
