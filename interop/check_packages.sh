#!/usr/bin/env bash
# Packs the library and the tool into a temporary folder, checks what each package holds, installs the tool into a
# temporary --tool-path and runs it, and builds a small consumer of the library package. Run from anywhere; it
# changes nothing in the repository and needs only the .NET SDK. Usage: bash interop/check_packages.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
fail() { echo "FAIL: $*"; exit 1; }

echo "== pack"
dotnet pack "$root/Astrograd.slnx" -c Release -o "$work/artifacts" >"$work/pack.log" 2>&1 \
  || { tail -20 "$work/pack.log"; fail "dotnet pack"; }
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")"
lib="$work/artifacts/Astrograd.$version.nupkg"
tool="$work/artifacts/Astrograd.Tool.$version.nupkg"
[ -f "$lib" ] || fail "no $lib"
[ -f "$tool" ] || fail "no $tool"

echo "== contents"
has() { unzip -Z1 "$1" | grep -qx "$2" || fail "$(basename "$1") lacks $2"; echo "$(basename "$1"): $2"; }
for f in README.md LICENSE data/HTRU2.md lib/net10.0/Astrograd.dll lib/net10.0/Astrograd.xml; do has "$lib" "$f"; done
for f in README.md LICENSE data/HTRU2.md tools/net10.0/any/Astrograd.Cli.dll tools/net10.0/any/DotnetToolSettings.xml
do has "$tool" "$f"; done
unzip -p "$lib" Astrograd.nuspec | grep -q '<license type="expression">MIT</license>' || fail "library licence"
unzip -p "$tool" tools/net10.0/any/DotnetToolSettings.xml | grep -q 'Command Name="astrograd"' || fail "tool command"

echo "== tool"
dotnet tool install --tool-path "$work/tools" --add-source "$work/artifacts" Astrograd.Tool --version "$version" \
  >"$work/tool.log" 2>&1 || { cat "$work/tool.log"; fail "tool install"; }
printed="$("$work/tools/astrograd" --version)"
[ "$printed" = "astrograd $version" ] || fail "--version printed '$printed'"
echo "astrograd --version: $printed"
(cd "$work" && "$work/tools/astrograd" train --epochs 2 --out "$work/run" --no-plots >/dev/null) || fail "train"
(cd "$work" && "$work/tools/astrograd" export --model "$work/run" --onnx "$work/model.onnx" >/dev/null) || fail "export"
echo "astrograd train --epochs 2 and export ran from the installed tool"

echo "== library consumer"
mkdir "$work/consumer"
cd "$work/consumer"
dotnet new console --framework net10.0 >/dev/null
dotnet add package Astrograd --source "$work/artifacts" --version "$version" >/dev/null || fail "add package"
cat >Program.cs <<'CS'
using Astrograd;
using Astrograd.NN;

var mlp = new Mlp<float>(new MlpSpec(2, [4], 1), new Rng(1));
Console.WriteLine($"Astrograd {AstrogradInfo.Version}: {mlp.ParameterCount()} parameters");
CS
dotnet run >"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "consumer"; }
tail -1 "$work/consumer.log"
echo "OK"
