#!/usr/bin/env bash
# Runs the operator image as the chart's Deployment runs it and checks it with a real Prometheus.
#
# 1. With no API server reachable it exits 1 with exactly one line on its output.
# 2. Against an API server (FakeCluster: Fabric8's mock server, Argo's part simulated) it starts
#    read-only as 65532 and answers /q/health/{started,live,ready} and /q/metrics.
# 3. Prometheus (Debian's package) scrapes that /q/metrics every second while the simulated runs
#    finish; then every PromQL query of the shipped Grafana dashboard must return a series through
#    Prometheus's HTTP API, and every series of manifests/metrics.txt must be there with its type.
#
#   images/check-operator.sh [IMAGE]    # default: the tag images/build.sh makes
# Needs the operator module's test classes (./mvnw verify or test-compile) and `prometheus`.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(sed -n 's/^appVersion: "\(.*\)"$/\1/p' charts/isthmus/Chart.yaml)
IMAGE=${1:-${REGISTRY:-ghcr.io/isthmus-dev}/isthmus-operator:$VERSION}
API_PORT=18443 HTTP_PORT=18080 PROM_PORT=19090 # on 127.0.0.1
command -v prometheus >/dev/null || { echo "check-operator: prometheus missing (apt-get install prometheus)" >&2; exit 1; }
docker image inspect "$IMAGE" >/dev/null || { echo "check-operator: no image $IMAGE (run images/build.sh)" >&2; exit 1; }

work=$(mktemp -d /tmp/isthmus-check-operator.XXXXXX)
pids=()
cleanup() {
  docker rm -f isthmus-check-operator >/dev/null 2>&1 || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
lockdown=(--read-only --user 65532:65532 --cap-drop ALL --security-opt no-new-privileges --tmpfs /tmp)
start=$SECONDS

# 1. No API server: the pod's default (kubernetes.default.svc) resolves nowhere without a network.
rc=0
docker run --rm "${lockdown[@]}" --network none "$IMAGE" >"$work/no-api.log" 2>&1 || rc=$?
lines=$(grep -c . "$work/no-api.log" || true)
if [ "$rc" != 1 ] || [ "$lines" != 1 ] || ! grep -q '^isthmus-operator: cannot reach the Kubernetes API server' "$work/no-api.log"; then
  cat "$work/no-api.log" >&2
  echo "check-operator: without an API server expected exit 1 and one line, got exit $rc and $lines lines" >&2
  exit 1
fi
echo "no API server: exit 1 after $((SECONDS - start)) s, one line: $(cat "$work/no-api.log")"

# 2. The mock API server (operator test classpath), then the operator with the chart's settings.
./mvnw -o -B -q -pl operator -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; exit 1; }
java -cp "operator/target/test-classes:operator/target/classes:$(cat "$work/cp.txt")" \
  dev.isthmus.operator.FakeCluster "$API_PORT" manifests/crd/connectivitysweeps.isthmus.dev-v1.yml \
  "$work/go" >"$work/cluster.log" 2>&1 &
pids+=($!)
# wait_for WHAT COMMAND...: retries COMMAND for up to 120 s.
wait_for() {
  local what=$1 i
  shift
  for i in $(seq 600); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  tail -n 30 "$work"/*.log >&2
  docker logs isthmus-check-operator 2>&1 | tail -n 30 >&2 || true
  echo "check-operator: timed out waiting for $what" >&2
  exit 1
}
wait_for "the mock API server" grep -q 'API server on' "$work/cluster.log"
docker run -d --name isthmus-check-operator "${lockdown[@]}" --network host \
  -e QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL="http://127.0.0.1:$API_PORT" \
  -e QUARKUS_HTTP_PORT="$HTTP_PORT" \
  -e KUBERNETES_NAMESPACE=isthmus-system \
  -e QUARKUS_OPERATOR_SDK_CONTROLLERS_CONNECTIVITYSWEEP_NAMESPACES=JOSDK_ALL_NAMESPACES \
  -e QUARKUS_PROFILE=single-replica `# the chart's one replica: no leader election` \
  "$IMAGE" >/dev/null
t=$SECONDS
for probe in started live ready; do
  wait_for "/q/health/$probe" curl -fsS "http://127.0.0.1:$HTTP_PORT/q/health/$probe"
done
echo "operator image: read-only as $(docker exec isthmus-check-operator id -u), healthy after $((SECONDS - t)) s"
curl -fsS "http://127.0.0.1:$HTTP_PORT/q/metrics" >"$work/first-scrape.txt"
grep -q '^# TYPE ' "$work/first-scrape.txt" \
  || { cat "$work/first-scrape.txt" >&2; echo "check-operator: /q/metrics is no Prometheus scrape" >&2; exit 1; }
echo "/q/metrics before any sweep: $(grep -c '^# TYPE ' "$work/first-scrape.txt") metric families"

# 3. Prometheus scrapes the operator every second while the simulated runs finish.
cat >"$work/prometheus.yml" <<EOF
global: {scrape_interval: 1s, evaluation_interval: 1s}
scrape_configs:
  - job_name: isthmus-operator
    metrics_path: /q/metrics
    static_configs: [{targets: ["127.0.0.1:$HTTP_PORT"]}]
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$work/prometheus.log" 2>&1 &
pids+=($!)
up() { curl -fsS "http://127.0.0.1:$PROM_PORT/api/v1/query?query=up" | grep -q '"value":\[[0-9.]*,"1"\]'; }
wait_for "Prometheus's first scrape" up
touch "$work/go"
wait_for "the simulated runs" grep -q 'scenario done' "$work/cluster.log"
sleep 3
python3 images/check/dashboard_queries.py "http://127.0.0.1:$PROM_PORT" \
  charts/isthmus/files/isthmus-dashboard.json manifests/metrics.txt
echo "check-operator: done in $((SECONDS - start)) s"
rm -rf "$work"
