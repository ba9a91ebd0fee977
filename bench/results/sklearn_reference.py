#!/usr/bin/env python3
"""Reference scores from scikit-learn's MLP on exactly the rows and standardisation an astrograd run used.

Reads the run directory that `astrograd train` wrote (model.json for the feature names, target and the
standardisation fitted on the training rows; split.json for the 0-based row indices), fits an
MLPClassifier or MLPRegressor with hidden layers (64, 64) and early_stopping=True (every other setting is
scikit-learn's default), and prints one JSON object with the same metric names as `astrograd ... --json`.

Rows: the model is fitted on the run's training and validation rows together, because scikit-learn's
early stopping holds out its own validation_fraction (10 %) of whatever it is given; it is scored on the
run's test rows, or, with --eval-data, on every row of another table (photo-z: train on file 0, score on
file 1).
"""

import argparse
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.neural_network import MLPClassifier, MLPRegressor

NMAD_SCALE = 1.4826
OUTLIER_CUT = 0.15


def read_table(path, headerless_names=None):
    """Return (column names, rows as lists of strings) of a comma-separated table.

    Handles the three layouts of the benchmark data: a plain header line, a headerless file (names given
    by the caller) and the ANNZ header `#F:MAG_U;F:MAGERR_U;...;D:Z` (semicolons, type prefixes).
    """
    with open(path, newline="", encoding="ascii") as handle:
        lines = [line.strip("\r\n") for line in handle]
    lines = [line for line in lines if line.strip()]

    first = lines[0]
    if first.startswith("#"):
        names = [field.split(":", 1)[-1].strip() for field in first[1:].split(";")]
        body = lines[1:]
    elif headerless_names is not None:
        names = list(headerless_names)
        body = lines
    else:
        names = [field.strip() for field in first.split(",")]
        body = lines[1:]

    rows = [line.split(",") for line in body]
    bad = [i for i, row in enumerate(rows) if len(row) != len(names)]
    if bad:
        sys.exit(f"{path}: row {bad[0]} has {len(rows[bad[0]])} fields, expected {len(names)}")
    return names, rows


def columns(names, rows, wanted):
    index = {name: i for i, name in enumerate(names)}
    missing = [name for name in wanted if name not in index]
    if missing:
        sys.exit(f"columns {missing} not in the table; it has {names}")
    return [[row[index[name]] for row in rows] for name in wanted]


def redshift_metrics(z_true, z_pred):
    delta = (z_pred - z_true) / (1.0 + z_true)
    nmad = NMAD_SCALE * np.median(np.abs(delta - np.median(delta)))
    return {
        "rmse": float(np.sqrt(np.mean((z_pred - z_true) ** 2))),
        "mae": float(np.mean(np.abs(z_pred - z_true))),
        "bias": float(np.mean(delta)),
        "sigma_nmad": float(nmad),
        "outlier_fraction": float(np.mean(np.abs(delta) > OUTLIER_CUT)),
        "count": int(len(z_true)),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", required=True, help="astrograd run directory (model.json, split.json)")
    parser.add_argument("--data", required=True, help="the table the run was trained on")
    parser.add_argument("--eval-data", help="score on every row of this table instead of the test rows")
    parser.add_argument("--headerless", action="store_true",
                        help="the table has no header line; columns are the model's features then target")
    parser.add_argument("--seed", type=int, required=True, help="random_state of the MLP")
    args = parser.parse_args()

    with open(f"{args.run}/model.json", encoding="utf-8") as handle:
        model = json.load(handle)
    with open(f"{args.run}/split.json", encoding="utf-8") as handle:
        split = json.load(handle)
    features, target, task = model["features"], model["target"], model["task"]
    mean = np.array(model["standardization"]["mean"])
    std = np.array(model["standardization"]["std"])
    std[std == 0] = 1.0

    header = features + [target] if args.headerless else None
    names, rows = read_table(args.data, header)
    expected = sum(len(split[part]) for part in ("train", "validation", "test"))
    if expected != len(rows):
        sys.exit(f"{args.data}: {len(rows)} rows but split.json covers {expected}; is it the run's table?")

    x_all = (np.array(columns(names, rows, features), dtype=float).T - mean) / std
    y_all = np.array(columns(names, rows, [target])[0])
    fit_rows = np.array(split["train"] + split["validation"], dtype=int)

    if args.eval_data:
        eval_names, eval_rows = read_table(args.eval_data)
        x_eval = (np.array(columns(eval_names, eval_rows, features), dtype=float).T - mean) / std
        y_eval = np.array(columns(eval_names, eval_rows, [target])[0])
    else:
        test_rows = np.array(split["test"], dtype=int)
        x_eval, y_eval = x_all[test_rows], y_all[test_rows]

    settings = {"hidden_layer_sizes": (64, 64), "early_stopping": True, "random_state": args.seed}
    if task == "regression":
        net = MLPRegressor(**settings)
        y_fit, y_eval = y_all[fit_rows].astype(float), y_eval.astype(float)
    else:
        net = MLPClassifier(**settings)
        y_fit = y_all[fit_rows]

    started = time.perf_counter()
    with warnings.catch_warnings():
        # max_iter = 200 is the default under test; reaching it is a result, not an error.
        warnings.simplefilter("ignore", ConvergenceWarning)
        net.fit(x_all[fit_rows], y_fit)
    seconds = time.perf_counter() - started

    if task == "regression":
        metrics = redshift_metrics(y_eval, net.predict(x_eval))
    elif task == "binary":
        positive = model["classes"][-1]
        predicted = net.predict(x_eval)
        score = net.predict_proba(x_eval)[:, list(net.classes_).index(positive)]
        truth = y_eval == positive
        metrics = {
            "accuracy": float(accuracy_score(y_eval, predicted)),
            "precision": float(precision_score(truth, predicted == positive)),
            "recall": float(recall_score(truth, predicted == positive)),
            "f1": float(f1_score(truth, predicted == positive)),
            "roc_auc": float(roc_auc_score(truth, score)),
            "count": int(len(y_eval)),
        }
    else:
        predicted = net.predict(x_eval)
        metrics = {
            "accuracy": float(accuracy_score(y_eval, predicted)),
            "macro_f1": float(f1_score(y_eval, predicted, average="macro")),
            "count": int(len(y_eval)),
        }

    print(json.dumps({"task": task, "metrics": metrics, "epochs": int(net.n_iter_), "train_seconds": seconds,
                      "fit_rows": int(len(fit_rows)), "sklearn_version": sklearn.__version__}))


if __name__ == "__main__":
    main()
