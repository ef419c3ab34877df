#!/usr/bin/env bash
# Benchmark (not a test), issue 17: N Fashion-MNIST MLPs (2x512), all N(N-1)/2 pairs with none and
# weight-matching, the basin map, then a MergeMany merge of the largest weight-matched basin.
# Prints the wall time of each stage, from the time stamps of `isthmus run`'s own lines.
#
#   benchmarks/many_models.sh [--seeds 16] [--epochs 3] [--alphas 11] [--parallelism 2]
#                             [--threshold 0.1] [--out DIR]
#
# Needs Debian's dataset-fashion-mnist. Run from the repository root; uses ./isthmus.
set -euo pipefail
seeds=16 epochs=3 alphas=11 parallelism=2 threshold=0.1 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --alphas) alphas=$2; shift 2 ;;
    --parallelism) parallelism=$2; shift 2 ;;
    --threshold) threshold=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "many_models.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -n "$out" ] || out="$(mktemp -d)"
mkdir -p "$out"
seed_list=$(seq -s ', ' 0 $((seeds - 1)))
cat > "$out/many.yaml" <<EOF
apiVersion: isthmus.dev/v1alpha1
kind: ConnectivitySweep
metadata:
  name: many
spec:
  model: {architecture: mlp, hidden: [512, 512]}
  dataset: {name: fashion-mnist, evalExamples: 10000}
  endpoints:
    train: {seeds: [$seed_list], epochs: $epochs, optimizer: adam, learningRate: 1.0e-3, batchSize: 128}
  pairs: all
  alignments: [none, weight-matching]
  paths: [linear]
  alphas: $alphas
  metrics: [loss, accuracy, {type: basins, linkage: average, threshold: $threshold}]
  seeds: {data: 0, eval: 0}
  execution: {parallelism: $parallelism, retries: 0, threads: 1}
EOF
cd "$here"
./isthmus validate "$out/many.yaml" >/dev/null  # builds the CLI first, outside the timing
start=$(date +%s.%N)
./isthmus run "$out/many.yaml" --store "$out/runs" 2>&1 \
  | while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done > "$out/run.log"
run_end=$(date +%s.%N)
results="$out/runs/many/results.json"

# The largest weight-matched basin's checkpoints, in endpoint order.
mapfile -t members < <(python3 - "$results" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
wm = [m for m in r["basins"] if m["alignment"] == "weight-matching"][0]
largest = max(wm["basins"], key=lambda b: len(b["members"]))
ckpt = {e["name"]: e["checkpoint"] for e in r["endpoints"]}
for name in largest["members"]:
    print(ckpt[name])
EOF
)
printf '{architecture: mlp, hidden: [512, 512]}\n' > "$out/model.yaml"
printf '{name: fashion-mnist, evalExamples: 10000}\n' > "$out/data.yaml"
merge_start=$(date +%s.%N)
if [ "${#members[@]}" -ge 2 ]; then
  ( cd "$out/runs/many" && "$here/isthmus" merge --model "$out/model.yaml" --dataset "$out/data.yaml" \
      --alignment merge-many --out "$out/basin-merge.safetensors" "${members[@]}" ) > "$out/merge.log" 2>&1
fi
merge_end=$(date +%s.%N)

python3 - "$out/run.log" "$start" "$run_end" "$merge_start" "$merge_end" "$results" "${#members[@]}" <<'EOF'
import json, re, sys
log, start, run_end, m0, m1, results, k = sys.argv[1:8]
start, run_end, m0, m1, k = float(start), float(run_end), float(m0), float(m1), int(k)
stages = {}
for line in open(log):
    t, _, text = line.partition(" ")
    m = re.match(r"(train|align|evaluate|aggregate)-\d+", text)
    if m:
        s = stages.setdefault(m.group(1), [float(t), float(t)])
        s[0], s[1] = min(s[0], float(t)), max(s[1], float(t))
r = json.load(open(results))
print(f"{len(r['endpoints'])} endpoints, {len(r['curves'])} curves, {len(r['failures'])} failures")
prev = start
for name in ["train", "align", "evaluate", "aggregate"]:
    if name in stages:
        first, last = stages[name]
        print(f"{name:10s} {last - prev:8.1f} s wall (first line at +{first - start:.1f} s)")
        prev = last
print(f"{'run':10s} {run_end - start:8.1f} s wall in all")
for m in r["basins"]:
    sizes = sorted((len(b["members"]) for b in m["basins"]), reverse=True)
    strong = sum(1 for b in m["basins"] if b["stronglyConnected"])
    print(f"basins {m['alignment']:16s} {len(m['basins'])} basins, sizes {sizes}, {strong} strongly connected")
print(f"{'merge':10s} {m1 - m0:8.1f} s wall (MergeMany of the largest weight-matched basin, {k} members)")
print(f"{'total':10s} {m1 - start:8.1f} s wall")
EOF
[ -f "$out/merge.log" ] && tail -n 20 "$out/merge.log"
echo "outputs in $out"
