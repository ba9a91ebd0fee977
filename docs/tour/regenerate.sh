#!/usr/bin/env bash
# Re-runs every command of docs/backprop-tour.md and writes its real output into the page, between the marker
# lines <!-- out:NAME --> and <!-- /out:NAME -->, and copies the plots it shows next to this script, so that the
# page never goes stale. Run it from anywhere: docs/tour/regenerate.sh (it builds the command line first;
# ASTROGRAD="an installed astrograd" skips the build). It takes a few minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")"
page=../backprop-tour.md

if [ -z "${ASTROGRAD:-}" ]; then
    dotnet build ../../src/Astrograd.Cli -c Debug -v quiet -nologo > /dev/null
    ASTROGRAD="dotnet ../../src/Astrograd.Cli/bin/Debug/net10.0/Astrograd.Cli.dll"
fi

astrograd() { $ASTROGRAD "$@"; }

rm -rf runs out
mkdir -p out
trap 'rm -rf runs out' EXIT

# show NAME 'COMMAND': runs the command line and keeps "$ COMMAND" and everything it printed as out/NAME.txt.
show() {
    local name=$1 command=$2
    echo "running $name" >&2
    { echo "\$ $command"; eval "$command" 2>&1; } > "out/$name.txt"
}

# 1. A neuron, y = f(wᵀx + b), as a graph: its value and the gradient of y with respect to every input.
show neuron "astrograd graph 'tanh(w1*x1 + w2*x2 + b)' --at w1=0.5,x1=2,w2=-1,x2=1,b=0.1 --svg neuron.svg"

# 2. Activations are nonlinear: without one, 16 neurons are still one straight line.
common="--data wave.csv --layers 16 --optimizer adam --lr 0.01 --batch 32 --epochs 300 --patience 0"
show identity "astrograd train $common --activation identity --out runs/identity | tail -n 11 | head -n 9"
show tanh "astrograd train $common --activation tanh --out runs/tanh | tail -n 11 | head -n 9"
cp runs/identity/pred_vs_true.png activation-identity.png
cp runs/tanh/pred_vs_true.png activation-tanh.png

# 3. L1 against L2 on a line with 10 % outliers: where does each put the line?
linear="--data line.csv --layers 0 --optimizer adam --lr 0.05 --epochs 300 --patience 0 --no-plots"
astrograd train $linear --loss l2 --out runs/l2 > /dev/null
astrograd train $linear --loss l1 --out runs/l1 > /dev/null
show l2 "astrograd predict --model runs/l2 --data query.csv"
show l1 "astrograd predict --model runs/l1 --data query.csv"

# 4. Hyperparameters (chosen by us, searched) against parameters (learned by training).
show search "astrograd search --data wave.csv --layers-grid '2;16' --activations tanh,relu --lrs 0.01,0.1 \
--optimizer adam --batch 32 --epochs 100 --patience 0 --threads 1 --no-plots --out runs/search | tail -n 16"

# 5. The lecture's graph: f = (x + y)·z at x = −2, y = 5, z = −4.
show graph "astrograd graph '(x+y)*z' --at x=-2,y=5,z=-4 --svg graph.svg"

# 6. The update rule w(k+1) = w(k) − λ∇L, once by hand for L = (w·x − t)², then as training.
show update "astrograd graph 'w - lr*2*(w*x - t)*x' --at w=0.5,x=2,t=3,lr=0.1"
show sgd "astrograd train --data line.csv --layers 0 --optimizer sgd --momentum 0 --lr 0.05 --epochs 8 \
--patience 0 --no-plots --out runs/sgd | head -n 9"

# 7. The learning-rate picture on the embedded HTRU2 pulsars: too small, good, too large.
show sweep "astrograd lr-sweep --lrs 1e-4,0.03,30 --epochs 6 --threads 1 --out runs/sweep"
cp runs/sweep/sweep.png sweep.png

# 8. Local minima and restarts: XOR with a 2-2-1 sigmoid network, eight starts.
show restarts "astrograd train --data xor.csv --target y --task regression --layers 2 --activation sigmoid \
--loss l2 --lr 0.5 --batch 4 --epochs 300 --patience 0 --val 0 --test 0 --restarts 8 --out runs/xor | tail -n 17"
cp runs/xor/restarts.png restarts.png

# 9. More neurons resolve finer differences: 2, 16 and 64 tanh neurons on the same wave.
wave="--data wave.csv --optimizer adam --lr 0.01 --batch 32 --epochs 3000 --patience 0"
for n in 2 16 64; do
    show "neurons-$n" "astrograd train $wave --layers $n --out runs/n$n | tail -n 10 | head -n 8"
    cp "runs/n$n/pred_vs_true.png" "neurons-$n.png"
done

# 10. Divergence, and gradient-norm clipping as a cure.
big="--data line.csv --layers 8 --lr 1 --epochs 20 --no-plots"
show diverge "astrograd train $big --out runs/big > /dev/null"
show clip "astrograd train $big --clip-grad-norm 1 --out runs/clipped | tail -n 10 | head -n 9"

# Every marker must have its output, and every output its marker.
for f in out/*.txt; do
    name=$(basename "$f" .txt)
    grep -qx "<!-- out:$name -->" "$page" || { echo "no marker for $name in $page" >&2; exit 1; }
done

awk -v dir=out '
    /^<!-- out:[a-z0-9-]+ -->$/ {
        print
        name = $0
        sub(/^<!-- out:/, "", name)
        sub(/ -->$/, "", name)
        file = dir "/" name ".txt"
        print "```text"
        while ((status = (getline line < file)) > 0) print line
        if (status < 0) { print "no output for " name > "/dev/stderr"; exit 1 }
        close(file)
        print "```"
        skip = 1
        next
    }
    /^<!-- \/out:[a-z0-9-]+ -->$/ { skip = 0 }
    !skip { print }
' "$page" > out/page.md
mv out/page.md "$page"
echo "rewrote $page" >&2
