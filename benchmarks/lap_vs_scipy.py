#!/usr/bin/env python3
"""Isthmus's LinearAssignment against scipy's linear_sum_assignment on the same matrices.

For each matrix kind (`--kinds uniform,adversarial,correlation`) and size, runs
`isthmus bench lap --kind K --sizes N --write-matrices DIR` (the JVM warms up, then
times the solver), loads the matrix it wrote (raw little-endian float64, row-major), times scipy
on it (one untimed call, then the median of --repeats), checks that the two optimal totals agree,
and prints a table and JSON with ratio = scipy_seconds / isthmus_seconds. Sizes are run one
after the other, Java then scipy, so background load hits both alike.

The C++ peers `lap.lapjv` (PyPI `lap`) and `lapjv.lapjv` (PyPI `lapjv`) are timed on the same
matrix, interleaved with scipy (scipy, lap, lapjv, scipy, lap, lapjv ...), and their totals are
checked too. The script makes its own virtualenv with pip (default /var/cache/isthmus-venv-bench,
outside the repository; `--venv DIR` to change it) and re-runs itself in it. From the repository
root:

    python3 benchmarks/lap_vs_scipy.py --sizes 256,512,1024,2048,4096 --repeats 5
    python3 benchmarks/lap_vs_scipy.py --kinds adversarial,correlation --sizes 512,2048 --repeats 3

Our peak memory per size is the JVM's VmHWM, which `isthmus bench lap` reports.
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import os
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_VENV = "/var/cache/isthmus-venv-bench"
PEERS = ["scipy", "numpy", "lap", "lapjv"]


def ensure_venv():
    """Re-runs this script inside a virtualenv holding the peers, creating it once with pip."""
    venv = pathlib.Path(os.environ.get("ISTHMUS_BENCH_VENV", DEFAULT_VENV))
    if "--venv" in sys.argv:
        venv = pathlib.Path(sys.argv[sys.argv.index("--venv") + 1])
    python = venv / "bin" / "python"
    if pathlib.Path(sys.prefix).resolve() == venv.resolve():
        return
    if not python.exists():
        print(f"lap_vs_scipy.py: creating {venv} with {', '.join(PEERS)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q"] + PEERS, check=True)
    os.execv(str(python), [str(python), __file__] + sys.argv[1:])


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="256,512,1024,2048,4096", help="comma-separated n")
    p.add_argument("--repeats", type=int, default=3, help="timed solves per size (median)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random costs")
    p.add_argument("--kinds", default="uniform",
                   help="comma-separated matrix kinds: uniform, adversarial, correlation")
    p.add_argument("--isthmus", default=str(ROOT / "isthmus"), help="the isthmus launcher")
    p.add_argument("--matrices", metavar="DIR", help="keep the matrices here (default: temp)")
    p.add_argument("--json", metavar="FILE", help="also write the JSON result to FILE")
    p.add_argument("--venv", metavar="DIR", default=DEFAULT_VENV, help="virtualenv of the peers")
    return p.parse_args()


def run_isthmus(args, kind, n, matrix_dir):
    cmd = [args.isthmus, "bench", "lap", "--sizes", str(n), "--repeats", str(args.repeats),
           "--seed", str(args.seed), "--kind", kind, "--write-matrices", str(matrix_dir)]
    out = json.loads(subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True,
                                    cwd=ROOT).stdout)
    (result,) = out["sizes"]
    result["peak_rss_mib"] = out.get("peakRssMiB")
    return result


def peer_solvers():
    """Each peer as a function cost -> column of every row; a peer that does not import is left out."""
    solvers = {}
    from scipy.optimize import linear_sum_assignment

    solvers["scipy"] = lambda c: linear_sum_assignment(c)[1]
    try:
        import lap

        solvers["lap"] = lambda c: lap.lapjv(c)[1]
    except ImportError:
        pass
    try:
        import lapjv

        solvers["lapjv"] = lambda c: lapjv.lapjv(c)[0]
    except ImportError:
        pass
    return solvers


def time_peers(cost, repeats, solvers):
    """One untimed call each, then `repeats` rounds of one call each, interleaved."""
    import numpy as np

    rows = np.arange(cost.shape[0])
    totals = {name: float(cost[rows, solve(cost)].sum()) for name, solve in solvers.items()}
    seconds = {name: [] for name in solvers}
    for _ in range(repeats):
        for name, solve in solvers.items():
            start = time.perf_counter()
            solve(cost)
            seconds[name].append(time.perf_counter() - start)
    return seconds, totals


def main():
    ensure_venv()
    args = parse_args()
    try:
        import numpy as np
        import scipy
    except ImportError:
        sys.exit("lap_vs_scipy.py: numpy/scipy not found in the virtualenv; delete it and rerun")
    sizes = [int(s) for s in args.sizes.split(",")]
    solvers = peer_solvers()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        matrix_dir = pathlib.Path(args.matrices or tmp).resolve()
        for kind, n in [(k, n) for k in args.kinds.split(",") for n in sizes]:
            ours = run_isthmus(args, kind, n, matrix_dir)
            cost = np.fromfile(ours["matrix"], dtype="<f8").reshape(n, n)
            if not args.matrices:
                pathlib.Path(ours["matrix"]).unlink()  # n = 16384 is 2 GiB on disk
            seconds, totals = time_peers(cost, args.repeats, solvers)
            del cost
            row = {"kind": kind, "n": n, "isthmus_seconds": ours["seconds"],
                   "isthmus_total": ours["total"], "isthmus_peak_rss_mib": ours["peak_rss_mib"]}
            agree = True
            for name in solvers:
                med = statistics.median(seconds[name])
                row[name + "_seconds"] = med
                row[name + "_range"] = [min(seconds[name]), max(seconds[name])]
                row[name + "_ratio"] = med / ours["seconds"]
                row[name + "_total"] = totals[name]
                agree &= abs(totals[name] - ours["total"]) <= 1e-9 * max(1.0, abs(ours["total"]))
            row["totals_agree"] = agree
            rows.append(row)
            print(f"{kind} n={n}: isthmus {ours['seconds']:.6f} s, "
                  + ", ".join(f"{k} {row[k + '_seconds']:.6f} s" for k in solvers),
                  file=sys.stderr, flush=True)

    names = list(solvers)
    print(f"{'kind':>12} {'n':>6} {'isthmus s':>11} {'MiB':>6} "
          + " ".join(f"{k + ' s':>11} {'ratio':>6}" for k in names) + "  totals")
    for r in rows:
        mib = r["isthmus_peak_rss_mib"] or float("nan")
        print(f"{r['kind']:>12} {r['n']:>6} {r['isthmus_seconds']:>11.6f} {mib:>6.0f} "
              + " ".join(f"{r[k + '_seconds']:>11.6f} {r[k + '_ratio']:>6.2f}" for k in names)
              + f"  {'agree' if r['totals_agree'] else 'DIFFER'}")
    versions = {"numpy": np.__version__, "scipy": scipy.__version__}
    for name in ("lap", "lapjv"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:
            pass
    result = {"benchmark": "lap_vs_scipy", "seed": args.seed, "repeats": args.repeats,
              "versions": versions, "sizes": rows}
    text = json.dumps(result, indent=2)
    if args.json:
        pathlib.Path(args.json).write_text(text + "\n")
    print(text)
    if not all(r["totals_agree"] for r in rows):
        sys.exit("lap_vs_scipy.py: the optimal totals differ")


if __name__ == "__main__":
    main()
