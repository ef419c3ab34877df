#!/usr/bin/env python3
"""Isthmus's LinearAssignment against scipy's linear_sum_assignment on the same matrices.

For each size, runs `isthmus bench lap --sizes N --write-matrices DIR` (the JVM warms up, then
times the solver), loads the matrix it wrote (raw little-endian float64, row-major), times scipy
on it (one untimed call, then the median of --repeats), checks that the two optimal totals agree,
and prints a table and JSON with ratio = scipy_seconds / isthmus_seconds. Sizes are run one
after the other, Java then scipy, so background load hits both alike.

Needs numpy and scipy: use Debian's python (`apt-get install -y python3-scipy`), from the
repository root:

    /usr/bin/python3 benchmarks/lap_vs_scipy.py --sizes 256,512,1024,2048,4096 --repeats 5
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="256,512,1024,2048,4096", help="comma-separated n")
    p.add_argument("--repeats", type=int, default=3, help="timed solves per size (median)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random costs")
    p.add_argument("--isthmus", default=str(ROOT / "isthmus"), help="the isthmus launcher")
    p.add_argument("--matrices", metavar="DIR", help="keep the matrices here (default: temp)")
    p.add_argument("--json", metavar="FILE", help="also write the JSON result to FILE")
    return p.parse_args()


def run_isthmus(args, n, matrix_dir):
    cmd = [args.isthmus, "bench", "lap", "--sizes", str(n), "--repeats", str(args.repeats),
           "--seed", str(args.seed), "--write-matrices", str(matrix_dir)]
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True, cwd=ROOT).stdout
    (result,) = json.loads(out)["sizes"]
    return result


def time_scipy(cost, repeats):
    from scipy.optimize import linear_sum_assignment

    linear_sum_assignment(cost)  # untimed, like the JVM's warm-up
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), float(cost[rows, cols].sum())


def main():
    args = parse_args()
    try:
        import numpy as np
        import scipy
    except ImportError:
        sys.exit("lap_vs_scipy.py: numpy/scipy not found; run it with /usr/bin/python3 "
                 "after `apt-get install -y python3-scipy`")
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        matrix_dir = pathlib.Path(args.matrices or tmp).resolve()
        for n in sizes:
            ours = run_isthmus(args, n, matrix_dir)
            cost = np.fromfile(ours["matrix"], dtype="<f8").reshape(n, n)
            scipy_seconds, scipy_total = time_scipy(cost, args.repeats)
            agree = abs(scipy_total - ours["total"]) <= 1e-9 * max(1.0, abs(scipy_total))
            rows.append({
                "n": n,
                "isthmus_seconds": ours["seconds"],
                "scipy_seconds": scipy_seconds,
                "ratio": scipy_seconds / ours["seconds"],
                "isthmus_total": ours["total"],
                "scipy_total": scipy_total,
                "totals_agree": agree,
            })
            print(f"n={n}: isthmus {ours['seconds']:.6f} s, scipy {scipy_seconds:.6f} s",
                  file=sys.stderr, flush=True)

    print(f"{'n':>6} {'isthmus s':>11} {'scipy s':>11} {'ratio':>7}  totals")
    for r in rows:
        print(f"{r['n']:>6} {r['isthmus_seconds']:>11.6f} {r['scipy_seconds']:>11.6f} "
              f"{r['ratio']:>7.2f}  {'agree' if r['totals_agree'] else 'DIFFER'}")
    result = {"benchmark": "lap_vs_scipy", "seed": args.seed, "repeats": args.repeats,
              "scipy": scipy.__version__, "numpy": np.__version__, "sizes": rows}
    text = json.dumps(result, indent=2)
    if args.json:
        pathlib.Path(args.json).write_text(text + "\n")
    print(text)
    if not all(r["totals_agree"] for r in rows):
        sys.exit("lap_vs_scipy.py: the optimal totals differ")


if __name__ == "__main__":
    main()
