#!/usr/bin/env bash
# `isthmus bench eval` for two builds of the CLI, interleaved (A, B, A, B, ... at each thread count)
# so that background load hits both alike; prints the median and range of each build's path
# evaluation GFLOP/s, matmul GFLOP/s and their ratio.
#
#   benchmarks/eval_ab.sh OLD/isthmus.jar NEW/isthmus.jar [rounds] [extra bench eval options...]
#
# Each jar needs its lib/ folder beside it (copy cli/target/isthmus.jar and cli/target/lib).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 A.jar B.jar [rounds] [bench eval options]" >&2; exit 2; }
a="$1"; b="$2"; rounds="${3:-5}"; shift $(( $# >= 3 ? 3 : 2 ))
out="$(mktemp)"
for round in $(seq "$rounds"); do
  for threads in 1 2; do
    for jar in "$a" "$b"; do
      printf '%s\t%s\t' "$threads" "$jar" >> "$out"
      OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -jar "$jar" bench eval --threads "$threads" "$@" \
        | tr -d '\n' >> "$out"
      echo >> "$out"
    done
  done
done
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [line.rstrip("\n").split("\t", 2) for line in open(sys.argv[1])]
for threads in sorted({r[0] for r in rows}):
    for jar in dict.fromkeys(r[1] for r in rows):
        d = [json.loads(r[2]) for r in rows if r[0] == threads and r[1] == jar]
        def fmt(key, digits):
            v = [x[key] for x in d]
            return f"{statistics.median(v):.{digits}f} [{min(v):.{digits}f}, {max(v):.{digits}f}]"
        print(f"threads {threads}  {jar}: eval GFLOP/s {fmt('evalGflops', 1)}  "
              f"matmul GFLOP/s {fmt('matmulGflops', 1)}  ratio {fmt('ratio', 3)}  (n={len(d)})")
PY
rm -f "$out"
