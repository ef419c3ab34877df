#!/usr/bin/env python3
"""Isthmus's weight matching against PyTorch ones on the same PyTorch-trained MLPs.

Trains `--seeds` 784-512-512-512-10 MLPs on Fashion-MNIST in PyTorch (Adam, `--epochs`), saves
them as safetensors with PyTorch state_dict names (`layers.{i}.weight` (out, in) and
`layers.{i}.bias`, the layout of Isthmus's built-in `mlp`), and aligns B to A for every pair with:

- `isthmus`: `./isthmus align --method weight-matching` (a fresh JVM per call; the wall clock
  around the process, and the alignment's own seconds that the CLI prints), with `--restarts`
  1 and each of `--restarts-list`;
- `rebasin`: `rebasin.PermutationCoordinateDescent` (PyPI `rebasin` 0.0.47), graph tracing,
  coordinate descent and applying the permutations;
- `scipy-loop`: weight matching written here from the paper (Ainsworth, Hayase and Srinivasa
  2022, "Git Re-Basin", Algorithm 1): each sweep visits the permutation groups in a random order
  and solves each exactly with `scipy.optimize.linear_sum_assignment` given the others, until a
  sweep improves nothing (float64 numpy).

The Python peers run in a subprocess of this script each (`--worker`), so that their wall clock
includes the interpreter's and torch's start as the JVM's does, and their peak memory is their own.
Implementations are interleaved round by round (`--repeats` rounds, medians and min–max). Every
result is checked to compute the same function as B (else the script exits 1), and then evaluated
by one evaluator, here in PyTorch: test cross-entropy on the 10,000 Fashion-MNIST test images at
`--alphas` points of the linear path A → aligned B; barrier = max over alpha of the loss minus the
linear interpolation of the endpoint losses. The objective Σ⟨W_A, π(W_B)⟩ is computed here too.

`--wide 2048,4096` then aligns two MLPs of each width (trained for `--wide-epochs` on the first
`--wide-examples` training images only) once with each implementation: time and peak memory
(ru_maxrss of the process, which is its VmHWM at exit).

The peers live in a virtualenv the script makes (default /var/cache/isthmus-venv-torch, `--venv`)
with `--system-site-packages`, so that Debian's CPU torch is used (`apt-get install -y
python3-torch python3-scipy`; PyPI's torch brings gigabytes of CUDA wheels), plus `rebasin`
from PyPI. From the repository root:

    /usr/bin/python3 benchmarks/wm_vs_torch.py --seeds 4 --epochs 3 --repeats 3 --wide 2048
    /usr/bin/python3 benchmarks/wm_vs_torch.py --seeds 0 --wide 4096 --wide-examples 5000 \
        --wide-max-sweeps 3
"""

import argparse
import itertools
import json
import os
import pathlib
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_VENV = "/var/cache/isthmus-venv-torch"
PEERS = ["rebasin==0.0.47"]
DATA = pathlib.Path("/usr/share/datasets/fashion-mnist")
MEAN, STD = 0.2860, 0.3530  # Isthmus's Fashion-MNIST normalisation (workers' FashionMnist)


def ensure_venv():
    """Re-runs this script inside a virtualenv holding the peers, creating it once."""
    venv = pathlib.Path(os.environ.get("ISTHMUS_TORCH_VENV", DEFAULT_VENV))
    if "--venv" in sys.argv:
        venv = pathlib.Path(sys.argv[sys.argv.index("--venv") + 1])
    python = venv / "bin" / "python"
    if pathlib.Path(sys.prefix).resolve() == venv.resolve():
        return
    if not python.exists():
        system = "/usr/bin/python3"
        probe = subprocess.run([system, "-c", "import torch, scipy"], capture_output=True)
        if probe.returncode != 0:
            sys.exit("wm_vs_torch.py: Debian's torch and scipy are missing; run"
                     " `apt-get install -y python3-torch python3-scipy` first")
        print(f"wm_vs_torch.py: creating {venv} with {', '.join(PEERS)}", file=sys.stderr)
        subprocess.run([system, "-m", "venv", "--system-site-packages", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q"] + PEERS, check=True)
    os.execv(str(python), [str(python), __file__] + sys.argv[1:])


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", type=int, default=4, help="trained 3x512 networks (all pairs)")
    p.add_argument("--epochs", type=int, default=3, help="training epochs of the 3x512 networks")
    p.add_argument("--repeats", type=int, default=3, help="rounds of every implementation")
    p.add_argument("--restarts-list", default="4,8", help="isthmus --restarts values besides 1")
    p.add_argument("--seed", type=int, default=0, help="weight matching's seed (all rounds)")
    p.add_argument("--alphas", type=int, default=25, help="points on the linear path")
    p.add_argument("--threads", type=int, default=2, help="compute threads of every side")
    p.add_argument("--wide", default="", help="comma-separated widths of 3-layer MLPs")
    p.add_argument("--wide-examples", type=int, default=10000, help="training images (wide)")
    p.add_argument("--wide-epochs", type=int, default=1, help="training epochs (wide)")
    p.add_argument("--wide-max-sweeps", type=int, default=0,
                   help="most sweeps of every implementation on the wide MLPs (0: 100)")
    p.add_argument("--max-sweeps", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--isthmus", default=str(ROOT / "isthmus"), help="the isthmus launcher")
    p.add_argument("--work", default="/tmp/isthmus-wm-bench", help="checkpoints and outputs")
    p.add_argument("--json", metavar="FILE", help="also write the JSON result to FILE")
    p.add_argument("--venv", metavar="DIR", default=DEFAULT_VENV, help="virtualenv of the peers")
    p.add_argument("--worker", choices=["rebasin", "scipy-loop"], help=argparse.SUPPRESS)
    p.add_argument("--a", help=argparse.SUPPRESS)
    p.add_argument("--b", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    return p.parse_args()


# ---- safetensors, by hand (8-byte little-endian header length, JSON header, raw data) ----------

def save_safetensors(path, tensors, metadata=None):
    import numpy as np
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        a = np.ascontiguousarray(tensors[name], dtype="<f4")
        header[name] = {"dtype": "F32", "shape": list(a.shape),
                        "data_offsets": [offset, offset + a.nbytes]}
        blobs.append(a.tobytes())
        offset += a.nbytes
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    tmp = pathlib.Path(str(path) + ".tmp")
    with open(tmp, "wb") as f:
        f.write(len(text).to_bytes(8, "little"))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    tmp.replace(path)


def load_safetensors(path):
    import numpy as np
    raw = pathlib.Path(path).read_bytes()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + n])
    dtypes = {"F32": "<f4", "F64": "<f8", "I64": "<i8"}
    out = {}
    for name, h in header.items():
        if name == "__metadata__":
            continue
        b, e = h["data_offsets"]
        out[name] = np.frombuffer(raw[8 + n + b:8 + n + e], dtype=dtypes[h["dtype"]]).reshape(
            h["shape"]).astype(np.float32)
    return out


# ---- the network, the data, training ----------------------------------------------------------

def mlp(widths):
    import torch
    from torch import nn

    class Mlp(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList(
                nn.Linear(widths[i], widths[i + 1]) for i in range(len(widths) - 1))

        def forward(self, x):
            for i, layer in enumerate(self.layers):
                x = layer(x)
                if i < len(self.layers) - 1:
                    x = torch.relu(x)
            return x

    return Mlp()


def widths_of(params):
    n = len(params) // 2
    return [params["layers.0.weight"].shape[1]] + [
        params[f"layers.{i}.weight"].shape[0] for i in range(n)]


def as_module(params):
    import torch
    m = mlp(widths_of(params))
    m.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in params.items()})
    return m


def idx(name):
    import gzip
    import numpy as np
    raw = gzip.open(DATA / name).read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw[4 + 4 * dims:], dtype=np.uint8).reshape(shape)


def dataset(split):
    import torch
    prefix = "train" if split == "train" else "t10k"
    x = torch.from_numpy(idx(f"{prefix}-images-idx3-ubyte.gz").reshape(-1, 784).astype("float32"))
    y = torch.from_numpy(idx(f"{prefix}-labels-idx1-ubyte.gz").astype("int64"))
    return (x / 255 - MEAN) / STD, y


def train(path, widths, seed, epochs, examples, train_set):
    """Adam (lr 1e-3), batches of 128; the seed sets the initialisation and the batch order."""
    import torch
    import numpy as np
    if path.exists():
        return
    torch.manual_seed(seed)
    model = mlp(widths)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = train_set
    x, y = x[:examples], y[:examples]
    g = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 128):
            batch = order[i:i + 128]
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(x[batch]), y[batch]).backward()
            opt.step()
    params = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    save_safetensors(path, params, {"format": "pt", "seed": str(seed), "epochs": str(epochs),
                                    "examples": str(examples)})
    print(f"trained {path.name}: {epochs} epoch(s) of {examples} images in"
          f" {time.perf_counter() - start:.1f} s", file=sys.stderr)


# ---- the peers (run in a worker subprocess) ---------------------------------------------------

def perm_spec(n_layers):
    """Git Re-Basin's axes_to_perm for an MLP: P_i permutes hidden layer i's units."""
    axes = {}
    for i in range(n_layers):
        out = f"P_{i}" if i < n_layers - 1 else None
        inp = f"P_{i - 1}" if i > 0 else None
        axes[f"layers.{i}.weight"] = (out, inp)
        axes[f"layers.{i}.bias"] = (out,)
    return axes


def permuted(axes, perm, name, w, except_axis=None):
    for axis, p in enumerate(axes[name]):
        if axis != except_axis and p is not None:
            w = w.take(perm[p], axis=axis)
    return w


def scipy_loop(a, b, seed, max_iter=100):
    """Algorithm 1 of Git Re-Basin over scipy's solver, float64; returns perms and sweeps."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment
    axes = perm_spec(len(a) // 2)
    perm_to_axes = {}
    for name, ps in axes.items():
        for axis, p in enumerate(ps):
            if p is not None:
                perm_to_axes.setdefault(p, []).append((name, axis))
    a64 = {k: v.astype(np.float64) for k, v in a.items()}
    b64 = {k: v.astype(np.float64) for k, v in b.items()}
    names = sorted(perm_to_axes)
    sizes = {p: a[perm_to_axes[p][0][0]].shape[perm_to_axes[p][0][1]] for p in names}
    perm = {p: np.arange(sizes[p]) for p in names}
    rng = np.random.default_rng(seed)
    sweeps = 0
    for _ in range(max_iter):
        sweeps += 1
        progress = False
        for p_ix in rng.permutation(len(names)):
            p = names[p_ix]
            n = sizes[p]
            cost = np.zeros((n, n))
            for name, axis in perm_to_axes[p]:
                w_a = np.moveaxis(a64[name], axis, 0).reshape((n, -1))
                w_b = np.moveaxis(permuted(axes, perm, name, b64[name], axis), axis, 0)
                cost += w_a @ w_b.reshape((n, -1)).T  # (n, n)
            _, ci = linear_sum_assignment(cost, maximize=True)
            old = cost[np.arange(n), perm[p]].sum()
            new = cost[np.arange(n), ci].sum()
            progress = progress or new > old + 1e-12
            perm[p] = ci
        if not progress:
            break
    return {k: permuted(axes, perm, k, v) for k, v in b.items()}, sweeps


def status_mib(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return None


def worker(args):
    """One peer's weight matching of --b to --a; prints seconds and memory as JSON."""
    a, b = load_safetensors(args.a), load_safetensors(args.b)
    extra = {}
    if args.worker == "rebasin":
        import torch
        from rebasin import PermutationCoordinateDescent
        torch.set_num_threads(args.threads)
        model_a, model_b = as_module(a), as_module(b)
        base = status_mib("VmRSS")
        start = time.perf_counter()
        pcd = PermutationCoordinateDescent(model_a, model_b, torch.zeros(1, a["layers.0.weight"]
                                                                         .shape[1]))
        traced = time.perf_counter()
        torch.manual_seed(args.seed)
        pcd.calculate_permutations(max_iterations=args.max_sweeps or 100)
        pcd.apply_permutations()
        seconds = time.perf_counter() - start
        aligned = {k: v.detach().numpy().copy() for k, v in model_b.state_dict().items()}
        extra["trace_seconds"] = traced - start
    else:
        base = status_mib("VmRSS")
        start = time.perf_counter()
        aligned, sweeps = scipy_loop(a, b, args.seed, args.max_sweeps or 100)
        seconds = time.perf_counter() - start
        extra["sweeps"] = sweeps
    save_safetensors(args.out, aligned)
    print(json.dumps({"seconds": seconds, "rss_before_mib": base,
                      "peak_mib": status_mib("VmHWM"), **extra}))


# ---- running and measuring --------------------------------------------------------------------

GNU_TIME = "/usr/bin/time"


def measured(cmd):
    """Runs cmd; its stdout, wall seconds and peak RSS in MiB.

    The peak is GNU time's %M (the ru_maxrss of a child it forks, i.e. the VmHWM of the JVM or
    the Python worker at exit). wait4's ru_maxrss here would not do: Python spawns with vfork,
    and exec carries the parent's own high-water mark into the child's.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as rss:
        wrapped = [GNU_TIME, "-o", rss.name, "-f", "%M"] + cmd if os.path.exists(GNU_TIME) else cmd
        start = time.perf_counter()
        p = subprocess.run(wrapped, stdout=subprocess.PIPE, cwd=ROOT, text=True)
        wall = time.perf_counter() - start
        if p.returncode != 0:
            sys.exit(f"wm_vs_torch.py: {' '.join(cmd[:2])} exited {p.returncode}")
        text = rss.read().strip()
    return p.stdout, wall, int(text.splitlines()[-1]) / 1024 if text else None


def run_isthmus(args, model_yaml, a, b, out, restarts):
    cmd = [args.isthmus, "align", "--model", str(model_yaml), "--a", str(a), "--b", str(b),
           "--out", str(out), "--method", "weight-matching", "--seed", str(args.seed),
           "--threads", str(args.threads)]
    if restarts != 1:
        cmd += ["--restarts", str(restarts)]
    if args.max_sweeps:
        cmd += ["--max-sweeps", str(args.max_sweeps)]
    text, wall, peak = measured(cmd)
    fields = dict(re.findall(r"^(\w+)\s+(\S+)\s*$", text, re.M))
    return {"seconds": float(fields["seconds"]), "wall": wall, "peak_mib": peak,
            "objective": float(fields["objective"]),
            "sweeps": int(fields["sweeps"])}


def run_peer(args, name, a, b, out):
    cmd = [sys.executable, __file__, "--worker", name, "--a", str(a), "--b", str(b), "--out",
           str(out), "--seed", str(args.seed), "--threads", str(args.threads)]
    if args.max_sweeps:
        cmd += ["--max-sweeps", str(args.max_sweeps)]
    text, wall, peak = measured(cmd)
    r = json.loads(text.strip().splitlines()[-1])
    r.update(wall=wall, own_peak_mib=r["peak_mib"], peak_mib=peak or r["peak_mib"])
    return r


def implementations(args):
    impls = [("isthmus", 1)] + [("isthmus", int(r)) for r in args.restarts_list.split(",") if r]
    return [f"isthmus-r{r}" for _, r in impls] + ["rebasin", "scipy-loop"]


def run_one(args, impl, model_yaml, a, b, out):
    if impl.startswith("isthmus-r"):
        return run_isthmus(args, model_yaml, a, b, out, int(impl[len("isthmus-r"):]))
    return run_peer(args, impl, a, b, out)


# ---- the one evaluator ------------------------------------------------------------------------

def losses_along(a, b, test, alphas):
    import torch
    import torch.nn.functional as F
    x, y = test
    out = []
    with torch.no_grad():
        for alpha in alphas:
            params = {k: (1 - alpha) * a[k] + alpha * b[k] for k in a}
            out.append(F.cross_entropy(as_module(params)(x), y).item())
    return out


def barrier(a, b, test, n_alphas):
    alphas = [i / (n_alphas - 1) for i in range(n_alphas)]
    loss = losses_along(a, b, test, alphas)
    return max(l - ((1 - t) * loss[0] + t * loss[-1]) for t, l in zip(alphas, loss))


def objective(a, b):
    import numpy as np
    return float(sum(np.vdot(a[k].astype(np.float64), b[k].astype(np.float64)) for k in a))


def same_function(b, aligned, x):
    """Max |logits(B) - logits(aligned B)| on x: a permutation of hidden units changes nothing."""
    import torch
    with torch.no_grad():
        return (as_module(b)(x) - as_module(aligned)(x)).abs().max().item()


def spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def compare(args, pairs, model_yaml, work, test, evaluate_barrier, repeats):
    """Every implementation on every pair, interleaved round by round."""
    impls = implementations(args)
    results = []
    wrong = []
    for ia, ib in pairs:
        a_path, b_path = ia[1], ib[1]
        a, b = load_safetensors(a_path), load_safetensors(b_path)
        runs = {impl: [] for impl in impls}
        for impl in impls:  # untimed: the launcher's build check, CDS archive, page cache
            if repeats > 1:
                run_one(args, impl, model_yaml, a_path, b_path, work / "warm.safetensors")
        for r in range(repeats):
            k = r % len(impls)
            for impl in impls[k:] + impls[:k]:
                out = work / f"{ia[0]}-{ib[0]}-{impl}.safetensors"
                runs[impl].append(run_one(args, impl, model_yaml, a_path, b_path, out))
                print(f"{ia[0]}-{ib[0]} round {r + 1} {impl}: {runs[impl][-1]['seconds']:.3f} s"
                      f" ({runs[impl][-1]['wall']:.2f} s wall)", file=sys.stderr)
        row = {"a": ia[0], "b": ib[0], "impls": {}}
        if evaluate_barrier:
            row["none_barrier"] = barrier(a, b, test, args.alphas)
        for impl in impls:
            aligned = load_safetensors(work / f"{ia[0]}-{ib[0]}-{impl}.safetensors")
            diff = same_function(b, aligned, test[0][:1000])
            if diff > 1e-3:
                wrong.append(f"{ia[0]}-{ib[0]} {impl}: aligned B differs from B by {diff}")
            rs = runs[impl]
            entry = {"seconds": spread([x["seconds"] for x in rs]),
                     "wall": spread([x["wall"] for x in rs]),
                     "peak_mib": spread([x["peak_mib"] for x in rs]),
                     "objective": objective(a, aligned), "max_logit_diff": diff,
                     "runs": rs}
            if evaluate_barrier:
                entry["barrier"] = barrier(a, aligned, test, args.alphas)
            row["impls"][impl] = entry
        ours = row["impls"]["isthmus-r1"]
        row["ratios"] = {
            peer: {"seconds": ours["seconds"]["median"] / row["impls"][peer]["seconds"]["median"],
                   "wall": ours["wall"]["median"] / row["impls"][peer]["wall"]["median"]}
            for peer in ("rebasin", "scipy-loop")}
        results.append(row)
    return results, wrong


def print_table(title, rows, with_barrier):
    impls = list(rows[0]["impls"])
    print(f"\n{title}")
    head = "| pair |" + ("" if not with_barrier else " none barrier |")
    for impl in impls:
        head += f" {impl} s (range) | wall s | peak MiB |" + (" barrier |" if with_barrier
                                                             else " objective |")
    head += " ours/rebasin | ours/scipy-loop |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for row in rows:
        line = f"| {row['a']}–{row['b']} |"
        if with_barrier:
            line += f" {row['none_barrier']:.4f} |"
        for impl in impls:
            e = row["impls"][impl]
            s = e["seconds"]
            line += (f" {s['median']:.3f} ({s['min']:.3f}–{s['max']:.3f}) |"
                     f" {e['wall']['median']:.2f} | {e['peak_mib']['median']:.0f} |")
            line += f" {e['barrier']:.4f} |" if with_barrier else f" {e['objective']:.3f} |"
        rr = row["ratios"]
        line += (f" {rr['rebasin']['seconds']:.3f} ({rr['rebasin']['wall']:.2f} wall) |"
                 f" {rr['scipy-loop']['seconds']:.3f} ({rr['scipy-loop']['wall']:.2f} wall) |")
        print(line)


def main():
    args = parse_args()
    if args.worker:
        worker(args)
        return
    import torch
    import scipy
    import numpy
    torch.set_num_threads(args.threads)
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    info = {"torch": torch.__version__, "scipy": scipy.__version__, "numpy": numpy.__version__,
            "load_average_at_start": load, "threads": args.threads, "seed": args.seed,
            "epochs": args.epochs, "repeats": args.repeats}
    try:
        from importlib.metadata import version
        info["rebasin"] = version("rebasin")
    except Exception:  # noqa: BLE001 - reported as missing
        info["rebasin"] = None
    train_set, test = dataset("train"), dataset("test")
    model_yaml = work / "mlp.yaml"
    model_yaml.write_text("{architecture: mlp, hidden: [512, 512, 512]}\n")

    nets = []
    for s in range(args.seeds):
        path = work / f"mlp3x512-e{args.epochs}-seed{s}.safetensors"
        train(path, [784, 512, 512, 512, 10], s, args.epochs, 60000, train_set)
        nets.append((f"seed-{s}", path))
    for name, path in nets:
        info.setdefault("test_loss", {})[name] = losses_along(
            load_safetensors(path), load_safetensors(path), test, [0.0])[0]
    pairs = list(itertools.combinations(nets, 2))
    rows, wrong = compare(args, pairs, model_yaml, work, test, True, args.repeats)

    wide_rows = []
    for width in [int(w) for w in args.wide.split(",") if w]:
        wnets = []
        for s in range(2):
            path = work / (f"mlp3x{width}-e{args.wide_epochs}-n{args.wide_examples}"
                           f"-seed{s}.safetensors")
            train(path, [784, width, width, width, 10], s, args.wide_epochs, args.wide_examples,
                  train_set)
            wnets.append((f"w{width}-seed-{s}", path))
        wyaml = work / f"mlp{width}.yaml"
        wyaml.write_text(f"{{architecture: mlp, hidden: [{width}, {width}, {width}]}}\n")
        saved = args.restarts_list
        args.restarts_list, args.max_sweeps = "", args.wide_max_sweeps
        r, w = compare(args, [tuple(wnets)], wyaml, work, test, False, 1)
        args.restarts_list, args.max_sweeps = saved, 0
        wide_rows += r
        wrong += w
    info["load_average_at_end"] = os.getloadavg()

    print(json.dumps({"info": info, "pairs": rows, "wide": wide_rows}, indent=1)
          if not args.json else json.dumps(info))
    if args.json:
        pathlib.Path(args.json).write_text(
            json.dumps({"info": info, "pairs": rows, "wide": wide_rows}, indent=1))
    if rows:
        print_table("3x512 pairs: in-process seconds median (min–max), wall, peak, loss barrier;"
                    " ratio = isthmus-r1 / peer (in-process, wall)", rows, True)
    if wide_rows:
        print_table("wide MLPs (one run each): seconds, wall, peak memory, objective", wide_rows,
                    False)
    for w in wrong:
        print("WRONG:", w, file=sys.stderr)
    if wrong:
        sys.exit(1)


if __name__ == "__main__":
    if "--worker" not in sys.argv:
        ensure_venv()
    main()
