#!/usr/bin/env python3
"""Load an Astrograd model into PyTorch and check it predicts what `astrograd predict` prints.

Reads model.json (architecture, standardisation, task) and weights.safetensors of a run directory, builds the
matching torch.nn.Sequential (Linear, activation[, Dropout], ..., Linear), loads the weights by name, and scores a
table: by default the embedded HTRU2 table (src/Astrograd/Data/Resources/htru2.csv.gz). The same table goes
through `astrograd predict`; the script prints the largest absolute difference of the probabilities (or values)
and the share of rows whose class agrees, and exits 1 when the difference exceeds --tolerance.

Without --model it first trains a small model with `astrograd train --epochs 2`. Needs torch and numpy; the
safetensors package is used when installed, otherwise the file is read by the small reader below (the format is an
8-byte little-endian header length, a JSON header and the raw little-endian tensors).

  python3 interop/torch_check.py                      # train, predict, compare (from the repository root)
  python3 interop/torch_check.py --model runs/X --astrograd astrograd
"""
import argparse
import csv
import gzip
import json
import math
import shlex
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
HTRU2 = ROOT / "src" / "Astrograd" / "Data" / "Resources" / "htru2.csv.gz"
HTRU2_COLUMNS = ["Profile_mean", "Profile_stdev", "Profile_skewness", "Profile_kurtosis",
                 "DM_mean", "DM_stdev", "DM_skewness", "DM_kurtosis", "class"]

# Each Astrograd activation with the library's default parameters.
ACTIVATIONS = {
    "identity": lambda: torch.nn.Identity(),
    "sigmoid": lambda: torch.nn.Sigmoid(),
    "tanh": lambda: torch.nn.Tanh(),
    "relu": lambda: torch.nn.ReLU(),
    "leaky_relu": lambda: torch.nn.LeakyReLU(0.01),
    "elu": lambda: torch.nn.ELU(1.0),
    "softplus": lambda: torch.nn.Softplus(beta=1.0, threshold=20.0),
    "gelu": lambda: torch.nn.GELU(),  # exact (erf) form
    "silu": lambda: torch.nn.SiLU(),
}

DTYPES = {"F32": (np.float32, torch.float32), "F64": (np.float64, torch.float64)}


def read_safetensors(path):
    """name -> tensor, through the safetensors package when it is installed."""
    try:
        from safetensors.torch import load_file
        return load_file(str(path))
    except ImportError:
        pass
    data = Path(path).read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        np_type, _ = DTYPES[info["dtype"]]
        array = np.frombuffer(body[begin:end], dtype=np.dtype(np_type).newbyteorder("<"))
        tensors[name] = torch.from_numpy(array.copy().reshape(info["shape"]))
    return tensors


def build_sequential(card):
    """The torch.nn.Sequential whose layer indices match Astrograd's parameter names (layers.K.weight)."""
    arch = card["architecture"]
    layers, width = [], arch["inputs"]
    for hidden in arch["hidden"]:
        layers += [torch.nn.Linear(width, hidden), ACTIVATIONS[arch["activation"]]()]
        if arch.get("dropout", 0) > 0:
            layers.append(torch.nn.Dropout(arch["dropout"]))
        width = hidden
    layers.append(torch.nn.Linear(width, arch["outputs"]))
    return torch.nn.Sequential(*layers)


def load_model(run):
    card = json.loads((run / "model.json").read_text())
    net = build_sequential(card)
    state = {k.removeprefix("layers."): v for k, v in read_safetensors(run / "weights.safetensors").items()}
    net.load_state_dict(state, strict=True)  # every name and shape must match
    return card, net.eval()


def torch_predict(card, net, rows):
    """What predict prints, computed in float64 from the float32 network: probabilities or values."""
    x = np.array([[float(r[f]) for f in card["features"]] for r in rows])
    mean = np.array(card["standardization"]["mean"])
    std = np.array(card["standardization"]["std"])
    z = (x - mean) / np.where(std > 0, std, 1.0)
    with torch.no_grad():
        out = net(torch.from_numpy(z.astype(np.float32))).double()
    if card["task"] == "regression":
        return out.numpy()
    if out.shape[1] == 1:
        p = torch.sigmoid(out)
        return torch.cat([1 - p, p], dim=1).numpy()
    return torch.softmax(out, dim=1).numpy()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a run directory (default: train one with --epochs 2)")
    parser.add_argument("--data", type=Path, help="a CSV table with a header (default: the embedded HTRU2)")
    parser.add_argument("--astrograd", default="dotnet run -c Release --project src/Astrograd.Cli --",
                        help="how to start the CLI (default: %(default)s)")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()
    cli = shlex.split(args.astrograd)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = args.data
        if data is None:
            data = tmp / "htru2.csv"
            with gzip.open(HTRU2, "rt") as src, open(data, "w") as dst:
                dst.write(",".join(HTRU2_COLUMNS) + "\n")
                dst.write(src.read())
        run = args.model
        if run is None:
            run = tmp / "run"
            subprocess.run(cli + ["train", "--epochs", "2", "--out", str(run)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        predictions = tmp / "predictions.csv"
        subprocess.run(cli + ["predict", "--model", str(run), "--data", str(data), "--out", str(predictions)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

        card, net = load_model(run)
        with open(data, newline="") as f:
            rows = list(csv.DictReader(f))
        ours = torch_predict(card, net, rows)
        with open(predictions, newline="") as f:
            printed = list(csv.DictReader(f))

    if card["task"] == "regression":
        theirs = np.array([[float(v) for v in r.values()] for r in printed])
        agree = 1.0
    else:
        classes = card["classes"]
        theirs = np.array([[float(r[f"p_{c}"]) for c in classes] for r in printed])
        agree = np.mean([classes[int(np.argmax(o))] == r["class"] for o, r in zip(ours, printed)])
    diff = float(np.max(np.abs(ours - theirs)))
    print(f"{len(rows)} rows, task {card['task']}, activation {card['architecture']['activation']}: "
          f"max |torch - astrograd predict| = {diff:.3g}, classes agree on {agree:.2%} of rows")
    ok = diff <= args.tolerance and math.isclose(agree, 1.0)
    print("OK" if ok else f"MISMATCH (tolerance {args.tolerance})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
