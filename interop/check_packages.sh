#!/usr/bin/env bash
# Packs the library and the tool into a temporary folder and checks them the way the README uses them:
#   - what each package holds (README, licence, XML docs, the HTRU2 attribution, the tool's command);
#   - `dotnet tool install --global --add-source ./artifacts Astrograd.Tool`, exactly as the README shows it, into a
#     temporary HOME, then `astrograd --version`, `astrograd train` and `astrograd export` from the installed tool;
#   - a fresh console project that takes the library package the README's way (a nuget.config with the folder as a
#     source beside nuget.org) and runs the README's C# example that trains and predicts.
# The repository, the user's HOME and the user's NuGet cache are left alone: the consumer restores into a temporary
# NUGET_PACKAGES, so a package of the same version packed earlier can never be picked up instead of this one.
# Needs the .NET SDK and nuget.org (for the library's one dependency). Usage: bash interop/check_packages.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
fail() { echo "FAIL: $*"; exit 1; }

echo "== pack"
dotnet pack "$root/Astrograd.slnx" -c Release -o "$work/artifacts" >"$work/pack.log" 2>&1 \
  || { tail -20 "$work/pack.log"; fail "dotnet pack"; }
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")"
lib="$work/artifacts/Astrograd.$version.nupkg"
tool="$work/artifacts/Astrograd.Tool.$version.nupkg"
[ -f "$lib" ] || fail "no $lib"
[ -f "$tool" ] || fail "no $tool"
ls -l "$work/artifacts" | tail -n +2

echo "== contents"
# Whole listings into variables first: grep -q stops reading early, and pipefail would count unzip's SIGPIPE.
has() { local files; files="$(unzip -Z1 "$1")"; grep -qx "$2" <<<"$files" || fail "$(basename "$1") lacks $2"
  echo "$(basename "$1"): $2"; }
for f in README.md LICENSE data/HTRU2.md lib/net10.0/Astrograd.dll lib/net10.0/Astrograd.xml; do has "$lib" "$f"; done
for f in README.md LICENSE data/HTRU2.md tools/net10.0/any/Astrograd.Cli.dll tools/net10.0/any/DotnetToolSettings.xml
do has "$tool" "$f"; done
for p in "$lib" "$tool"; do
  nuspec="$(unzip -p "$p" '*.nuspec')"
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$(basename "$p"): licence"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$(basename "$p"): readme"
done
grep -q '<packageType name="DotnetTool"' <<<"$(unzip -p "$tool" '*.nuspec')" || fail "tool package type"
settings="$(unzip -p "$tool" tools/net10.0/any/DotnetToolSettings.xml)"
grep -q 'Command Name="astrograd"' <<<"$settings" || fail "tool command"
members="$(unzip -p "$lib" lib/net10.0/Astrograd.xml | grep -c '<member name=')"
[ "$members" -gt 500 ] || fail "library XML docs: $members members"
echo "both: licence MIT and README; library XML docs: $members members; tool command: astrograd"

echo "== tool (README: dotnet tool install --global --add-source ./artifacts Astrograd.Tool)"
home="$work/home"
mkdir -p "$home" "$work/cwd"
ln -s "$work/artifacts" "$work/cwd/artifacts"
(cd "$work/cwd" && HOME="$home" DOTNET_CLI_HOME="$home" \
  dotnet tool install --global --add-source ./artifacts Astrograd.Tool) >"$work/tool.log" 2>&1 \
  || { cat "$work/tool.log"; fail "tool install"; }
tail -1 "$work/tool.log"
astrograd="$home/.dotnet/tools/astrograd"
[ -x "$astrograd" ] || fail "no $astrograd"
printed="$(HOME="$home" "$astrograd" --version)"
[ "$printed" = "astrograd $version" ] || fail "--version printed '$printed'"
echo "astrograd --version: $printed"
(cd "$work/cwd" && HOME="$home" "$astrograd" train --epochs 2 --out run --json >"$work/train.json" \
  2>"$work/train.log") || fail "train"
for f in model.json weights.safetensors metrics.json config.toml report.html loss.svg; do
  [ -f "$work/cwd/run/$f" ] || fail "the installed tool's run lacks $f"
done
(cd "$work/cwd" && HOME="$home" "$astrograd" export --model run --onnx model.onnx >/dev/null) || fail "export"
[ -s "$work/cwd/model.onnx" ] || fail "no model.onnx"
echo "astrograd train --epochs 2 (run directory with plots and report.html) and export ran from the installed tool"

echo "== library consumer (README: nuget.config with ./artifacts, dotnet add package Astrograd)"
export NUGET_PACKAGES="$work/packages"
mkdir "$work/consumer"
cd "$work/consumer"
dotnet new console --framework net10.0 >/dev/null
dotnet new nugetconfig >/dev/null
dotnet nuget add source "$work/artifacts" --name astrograd-local --configfile nuget.config >/dev/null
dotnet add package Astrograd --version "$version" >"$work/add.log" 2>&1 || { cat "$work/add.log"; fail "add package"; }
# The README's C# block that trains an Mlp and predicts becomes the consumer's Program.cs.
awk '/^```csharp$/ { n++; on = 1; next } /^```$/ { on = 0 } on { print > ("block" n ".cs") }' "$root/README.md"
example="$(grep -l 'Trainer.Fit(' block*.cs | head -1)"
[ -n "$example" ] || fail "no README block with Trainer.Fit("
mv "$example" Program.cs
rm -f block*.cs
dotnet run >"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; fail "consumer"; }
line="$(tail -1 "$work/consumer.log")"
grep -Eq '^5 epochs, test accuracy 0\.9[0-9]{3}, ' <<<"$line" || fail "the README example printed '$line'"
echo "README example from the package: $line"
echo "OK"
