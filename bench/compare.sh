#!/usr/bin/env bash
# The performance comparison of issue 4, side by side in one run: Astrograd against PyTorch, scikit-learn,
# TorchSharp and OpenBLAS on MLP-HTRU2, MLP-wide, sgemm, multi-start and the whole `train` process.
# Installs Debian's python3-torch and python3-sklearn when missing (as root), prints the table of medians,
# spreads and ratios, and writes it into bench/RESULTS.md. How each figure is made: bench/compare/README.md.
#   bash bench/compare.sh [ROUNDS]     (default 3 rounds; about 15 minutes on 2 cores)
exec bash "$(dirname "$0")/compare/run.sh" "$@"
