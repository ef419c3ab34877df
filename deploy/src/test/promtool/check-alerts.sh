#!/usr/bin/env bash
# The chart's alerts checked by Prometheus's own tool: `promtool check rules` on the
# PrometheusRule's spec.groups, then `promtool test rules alerts.test.yaml` (every alert firing
# after its `for:`, silent when it must be, labels and annotations compared). The rule comes from
# manifests/monitoring.yaml, which deploy's ManifestsTest keeps equal to `helm template` of the
# chart with manifests/values-monitoring.yaml. Needs Debian's prometheus package (promtool).
set -euo pipefail
cd "$(dirname "$0")"
root=../../../..

PYTHON=${PYTHON:-python3}
command -v promtool >/dev/null || { echo "check-alerts: promtool missing (apt-get install prometheus)" >&2; exit 1; }
"$PYTHON" -c 'import yaml' || { echo "check-alerts: $PYTHON lacks yaml (apt-get install python3-yaml)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# spec.groups of the one PrometheusRule, as a plain Prometheus rule file.
"$PYTHON" - "$root/manifests/monitoring.yaml" "$work/rules.yaml" <<'EOF'
import sys, yaml
rules = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "PrometheusRule"]
if len(rules) != 1:
    sys.exit(f"check-alerts: expected one PrometheusRule in {sys.argv[1]}, found {len(rules)}")
yaml.safe_dump({"groups": rules[0]["spec"]["groups"]}, open(sys.argv[2], "w"), sort_keys=False)
EOF
cp alerts.test.yaml "$work/"

# Every alert of the rule file has tests (promtool itself does not require it).
python3 - "$work/rules.yaml" "$work/alerts.test.yaml" <<'EOF'
import sys, yaml
alerts = {r["alert"] for g in yaml.safe_load(open(sys.argv[1]))["groups"] for r in g["rules"] if "alert" in r}
tested = {t["alertname"] for c in yaml.safe_load(open(sys.argv[2]))["tests"] for t in c.get("alert_rule_test", [])}
if alerts - tested:
    sys.exit(f"check-alerts: alerts without tests: {sorted(alerts - tested)}")
print(f"check-alerts: {len(alerts)} alerts, all tested: {', '.join(sorted(alerts))}")
EOF
promtool check rules "$work/rules.yaml"
promtool test rules "$work/alerts.test.yaml"
