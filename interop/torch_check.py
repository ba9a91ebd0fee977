#!/usr/bin/env python3
"""Load an Astrograd model into PyTorch and check it predicts what `astrograd predict` prints.

Reads model.json (architecture, standardisation, task) and weights.safetensors of a run directory, builds the
matching torch.nn.Sequential (Linear, activation[, Dropout], ..., Linear), loads the weights by name, and scores a
table: by default the embedded HTRU2 table (src/Astrograd/Data/Resources/htru2.csv.gz). The same table goes
through `astrograd predict`; the script prints the largest absolute difference of the probabilities (or values)
and the share of rows whose class agrees, and exits 1 when a difference exceeds --tolerance (absolute, or relative
to values above 1: both sides run the network in float32, so a σ of 9 agrees to about 1e-6 of itself). The model's
preprocessing (sentinels, colours, imputation), several targets and the sigma of gaussian-nll and student-t are
reproduced in numpy from model.json. A FITS table (.fits, .fit, .fts, or a file starting with 'SIMPLE  =') is
read through astropy, as Astrograd reads it (--hdu, else the first BINTABLE; vector columns as NAME_0, NAME_1, ...).

Without --model it first trains a small model with `astrograd train --epochs 2`. Needs torch and numpy; the
safetensors package is used when installed, otherwise the file is read by the small reader below (the format is an
8-byte little-endian header length, a JSON header and the raw little-endian tensors).

  python3 interop/torch_check.py                      # train, predict, compare (from the repository root)
  python3 interop/torch_check.py --model runs/X --astrograd astrograd
  python3 interop/torch_check.py --model runs/X --data catalog.fits --hdu SPECOBJ --astrograd astrograd
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


def is_fits(path):
    """A FITS file as Astrograd decides it: the name ends in .fits, .fit or .fts (any case), or the file starts
    with the first card's 'SIMPLE  ='."""
    if Path(path).suffix.lower() in (".fits", ".fit", ".fts"):
        return True
    with open(path, "rb") as f:
        return f.read(9) == b"SIMPLE  ="


def read_fits(path, hdu):
    """Column name -> float64 array (or a list of text) from a FITS binary table through astropy, as Astrograd
    reads it: the HDU given by --hdu (a 0-based index or an EXTNAME, any case), else the first BINTABLE; a vector
    column of r > 1 elements becomes NAME_0 ... NAME_{r-1}; nulls (TNULLn, NaN) are NaN; L is 1 / 0; text is
    stripped."""
    try:
        from astropy.io import fits
        from astropy.table import Table
    except ImportError:
        sys.exit(f"torch_check.py: {path} is a FITS file, which needs astropy to be read here; install it "
                 "(Debian: apt-get install python3-astropy, or pip install astropy), or give a CSV table")
    with fits.open(path) as hdus:
        if hdu is None:
            index = next((i for i, h in enumerate(hdus) if isinstance(h, fits.BinTableHDU)), None)
        elif hdu.isdigit():
            index = int(hdu)
        else:
            index = next((i for i, h in enumerate(hdus) if h.name.upper() == hdu.upper()), None)
        if index is None or index >= len(hdus) or not isinstance(hdus[index], fits.BinTableHDU):
            sys.exit(f"torch_check.py: {path}: no binary table at HDU {hdu if hdu is not None else '(any)'}; "
                     "give --hdu N or --hdu NAME as for astrograd")
        table = Table.read(hdus[index])
    columns = {}
    for name in table.colnames:
        column = table[name]
        values = column.filled(np.nan) if getattr(column, "mask", None) is not None and column.dtype.kind in "fiu" \
            else np.asarray(column)
        if values.dtype.kind in "SU":
            columns[name] = [v.decode() if isinstance(v, bytes) else str(v) for v in values]
            columns[name] = [v.split("\0", 1)[0].rstrip() for v in columns[name]]
            continue
        values = np.asarray(values, dtype=np.float64)
        if values.ndim == 1:
            columns[name] = values
        elif values.shape[1] == 1:
            columns[name] = values[:, 0]
        else:
            for j in range(values.shape[1]):
                columns[f"{name}_{j}"] = values[:, j]
    return columns


def read_table(path, hdu=None):
    """Column name -> float64 array. A header may also be Astrograd's typed form (#F:MAG_U;F:MAG_G;...;D:Z);
    empty cells are NaN and a word (a class label) stays text. A FITS table is read through astropy."""
    if is_fits(path):
        return read_fits(path, hdu)
    with open(path, newline="") as f:
        lines = list(csv.reader(f))
    header = lines[0]
    if header and header[0].startswith("#"):
        header = [part.split(":", 1)[-1] for part in ",".join(header)[1:].split(";")]
    columns = {}
    for j, name in enumerate(header):
        cells = [row[j] if j < len(row) else "" for row in lines[1:]]
        try:
            columns[name] = np.array([float(c) if c.strip() else math.nan for c in cells])
        except ValueError:
            columns[name] = cells
    return columns


def features_of(card, table):
    """The model's features [n, features] from the raw columns, as predict derives them: sentinels become NaN,
    colours are differences of magnitudes, and an imputing model fills a missing value with its training median
    and sets the <feature>_missing indicator."""
    pre = card.get("preprocessing") or {}
    sentinels = pre.get("sentinels") or []
    values = {}
    for name, column in table.items():
        if isinstance(column, np.ndarray):
            column = column.copy()
            for s in sentinels:
                column[column == s] = math.nan
            values[name] = column
    bands = pre.get("colors") or []
    for blue, red in zip(bands, bands[1:]):
        color = values[blue] - values[red]
        color[~np.isfinite(color)] = math.nan
        values[f"{blue}-{red}"] = color
    for entry in pre.get("imputed") or []:
        column = values[entry["feature"]].copy()
        missing = ~np.isfinite(column)
        column[missing] = entry["median"]
        values[entry["feature"]] = column
        if entry["indicator"]:
            values[entry["feature"] + "_missing"] = missing.astype(np.float64)
    return np.stack([values[f] for f in card["features"]], axis=1)


def torch_predict(card, net, table):
    """What predict prints, computed in float64 from the float32 network: the class probabilities; or each
    target's value and, for gaussian-nll and student-t, its sigma, in the targets' own units."""
    x = features_of(card, table)
    mean = np.array(card["standardization"]["mean"])
    std = np.array(card["standardization"]["std"])
    z = (x - mean) / np.where(std > 0, std, 1.0)
    with torch.no_grad():
        out = net(torch.from_numpy(z.astype(np.float32))).double().numpy()
    if card["task"] != "regression":
        p = torch.from_numpy(out)
        if out.shape[1] == 1:
            p = torch.sigmoid(p)
            return torch.cat([1 - p, p], dim=1).numpy()
        return torch.softmax(p, dim=1).numpy()
    k = len(card.get("targets") or [card["target"]])
    values = out[:, :k]
    sigmas = None
    if card["loss"] in ("gaussian-nll", "student-t"):
        # v = exp(clamp(s, -20, 20)) + 1e-6, as the loss and predict take it.
        sigmas = np.sqrt(np.exp(np.clip(out[:, k:2 * k], -20, 20)) + 1e-6)
    scaling = card.get("target_standardization")
    if scaling:
        values = values * np.array(scaling["std"]) + np.array(scaling["mean"])
        if sigmas is not None:
            sigmas = sigmas * np.array(scaling["std"])
    return values if sigmas is None else np.concatenate([values, sigmas], axis=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a run directory (default: train one with --epochs 2)")
    parser.add_argument("--data", type=Path,
                        help="a CSV table with a header, or a FITS binary table (needs astropy; default: the "
                             "embedded HTRU2)")
    parser.add_argument("--hdu", help="the FITS HDU, as astrograd's --hdu takes it (default: the first BINTABLE)")
    parser.add_argument("--astrograd", default="dotnet run -c Release --project src/Astrograd.Cli --",
                        help="how to start the CLI (default: %(default)s)")
    parser.add_argument("--tolerance", type=float, default=1e-5,
                        help="largest |difference| / max(1, |value|) accepted (default: %(default)s)")
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
        hdu = ["--hdu", args.hdu] if args.hdu is not None else []
        card, net = load_model(run)
        table = read_table(data, args.hdu)  # before predict: a FITS file astropy cannot read fails in one line
        subprocess.run(cli + ["predict", "--model", str(run), "--data", str(data), "--out", str(predictions)] + hdu,
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

        ours = torch_predict(card, net, table)
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
    scaled = float(np.max(np.abs(ours - theirs) / np.maximum(1.0, np.abs(theirs))))
    print(f"{len(printed)} rows, task {card['task']}, loss {card['loss']}, "
          f"activation {card['architecture']['activation']}: "
          f"max |torch - astrograd predict| = {diff:.3g} (scaled by max(1, |value|): {scaled:.3g}), "
          f"classes agree on {agree:.2%} of rows")
    ok = scaled <= args.tolerance and math.isclose(agree, 1.0)
    print("OK" if ok else f"MISMATCH (tolerance {args.tolerance})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
