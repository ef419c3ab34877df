#!/usr/bin/env bash
# Runs the worker image the way the rendered Workflow's pods run it, and compares with `isthmus run`.
#
# images/check/sweep.yaml (2 seeds, MLP, none and weight-matching) is rendered with
# `isthmus render`; every task of every stage then runs as its own container with the exact
# command, arguments and environment of its pod (RenderedTasks.java does Argo's substitution),
# locked down as the pod is: read-only root, uid 65532, no capabilities, no privilege escalation,
# no network, /tmp a tmpfs (the pod's emptyDir), the run store bind-mounted at /isthmus (the
# claim); the dataset is the image's own copy, at its default path. The first training container
# is killed with `docker kill` after its first epoch and started again. results.json (timings aside) and curves.csv must equal
# those of `isthmus run` on the same spec; any difference exits non-zero.
#
#   images/check-workers.sh [IMAGE]     # default: the tag images/build.sh makes
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(sed -n 's/^appVersion: "\(.*\)"$/\1/p' charts/isthmus/Chart.yaml)
IMAGE=${1:-${REGISTRY:-ghcr.io/isthmus-dev}/isthmus-workers:$VERSION}
DATA=/usr/share/datasets/fashion-mnist
CP="cli/target/isthmus.jar:cli/target/lib/*"
for f in "$DATA/train-images-idx3-ubyte.gz" cli/target/isthmus.jar; do
  [ -e "$f" ] || { echo "check-workers: $f missing" >&2; exit 1; }
done
docker image inspect "$IMAGE" >/dev/null || { echo "check-workers: no image $IMAGE (run images/build.sh)" >&2; exit 1; }

work=$(mktemp -d /tmp/isthmus-check-workers.XXXXXX)
trap 'docker rm -f "isthmus-check-$$" >/dev/null 2>&1 || true' EXIT
start=$SECONDS

# The reference: the local runner on the same spec, its store in the work folder.
java -Dai.djl.offline=true -jar cli/target/isthmus.jar run images/check/sweep.yaml \
  --store "$work/local" >"$work/local.log" 2>&1 || { cat "$work/local.log" >&2; exit 1; }
echo "isthmus run: $((SECONDS - start)) s"

# The pods: render, then expand each DAG task into one container's argv and env.
java -jar cli/target/isthmus.jar render images/check/sweep.yaml >"$work/workflow.yaml"
java -cp "$CP" images/check/RenderedTasks.java "$work/workflow.yaml" "$work/pods"
mkdir "$work/claim" && chown 65532:65532 "$work/claim" # the volume claim, as fsGroup 65532 sees it

lockdown=(--read-only --user 65532:65532 --cap-drop ALL --security-opt no-new-privileges
  --network none --tmpfs /tmp:rw,nosuid,nodev,mode=1777
  -v "$work/claim:/isthmus")
killed=0
for argv_file in "$work"/pods/*.argv; do
  pod=$(basename "$argv_file" .argv)
  mapfile -d '' -t argv <"$argv_file"
  mapfile -d '' -t env <"${argv_file%.argv}.env"
  envs=()
  for e in "${env[@]}"; do envs+=(-e "$e"); done
  name="isthmus-check-$$"
  t=$SECONDS
  docker create --name "$name" "${lockdown[@]}" "${envs[@]}" --entrypoint "${argv[0]}" "$IMAGE" \
    "${argv[@]:1}" >/dev/null
  if [ "$killed" = 0 ] && [ "${argv[2]}" = train ]; then
    # Kill the first training task once an epoch is logged, as a node loss would, then restart it.
    docker start "$name" >/dev/null
    until docker logs "$name" 2>&1 | grep -q 'epoch 1/'; do
      [ "$(docker inspect -f '{{.State.Running}}' "$name")" = true ] \
        || { docker logs "$name" >&2; echo "check-workers: $pod ended before it could be killed" >&2; exit 1; }
      sleep 0.2
    done
    docker kill "$name" >/dev/null
    docker wait "$name" >/dev/null
    echo "$pod: killed after epoch 1 (exit $(docker inspect -f '{{.State.ExitCode}}' "$name")), starting it again"
    killed=1
  fi
  docker start -a "$name" >"$work/$pod.log" 2>&1 || { cat "$work/$pod.log" >&2; echo "check-workers: $pod failed" >&2; exit 1; }
  docker rm "$name" >/dev/null
  echo "$pod: ok in $((SECONDS - t)) s"
done
[ "$killed" = 1 ] || { echo "check-workers: no training task was killed" >&2; exit 1; }

# The comparison: every figure of results.json but the timings, and curves.csv byte for byte.
python3 - "$work/local/container-check" "$work/claim/runs/container-check" <<'EOF'
import json, sys
def leaves(node):  # every number and string of results.json
    if isinstance(node, dict):
        return sum((leaves(v) for v in node.values()), [])
    if isinstance(node, list):
        return sum((leaves(v) for v in node), [])
    return [node]
local, pods = (json.load(open(d + "/results.json")) for d in sys.argv[1:])
for results in (local, pods):
    results.pop("timings")  # wall times of the tasks: the only figures allowed to differ
if local != pods:
    sys.exit("check-workers: results.json differs between isthmus run and the containers")
curves = [open(d + "/curves.csv").read() for d in sys.argv[1:]]
if curves[0] != curves[1]:
    sys.exit("check-workers: curves.csv differs between isthmus run and the containers")
print(f"compared {len(leaves(local))} values of results.json and {curves[0].count(chr(10))} lines of curves.csv")
EOF
echo "check-workers: results.json (timings aside) and curves.csv equal isthmus run; $((SECONDS - start)) s"
rm -rf "$work"
