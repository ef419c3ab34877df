"""Every PromQL query of the Grafana dashboard returns a series through Prometheus's HTTP API, and
every series of manifests/metrics.txt is scraped with its type (from Prometheus's metadata API).

python3 dashboard_queries.py PROMETHEUS_URL DASHBOARD_JSON METRICS_TXT; exits 1 on any miss.
"""
import json
import math
import sys
import time
import urllib.parse
import urllib.request

prometheus, dashboard_file, metrics_file = sys.argv[1:]
# Grafana's variables as a person who opens the dashboard sees them: this job, All, a 5 min range.
VARIABLES = {"$job": "isthmus-operator", "$alignment": ".*", "$path": ".*",
             "$__rate_interval": "15s", "$__range": "5m"}
WAIT = 20


def api(path, **params):
    with urllib.request.urlopen(f"{prometheus}/api/v1/{path}?{urllib.parse.urlencode(params)}") as r:
        body = json.load(r)
    if body["status"] != "success":
        sys.exit(f"dashboard: {path} {params}: {body}")
    return body["data"]


def panels(node):
    for panel in node.get("panels", []):
        yield panel
        yield from panels(panel)


problems = []
queries = [(p["title"], t["expr"]) for p in panels(json.load(open(dashboard_file))) for t in p.get("targets", [])]
for title, expr in queries:
    promql = expr
    for name, value in sorted(VARIABLES.items(), key=lambda kv: -len(kv[0])):
        promql = promql.replace(name, value)
    # A rate needs two scrapes of a series in its window: a series that appeared a moment ago gets
    # up to WAIT seconds (scrapes are 1 s apart) before its query counts as empty.
    deadline = time.monotonic() + WAIT
    while True:
        result = api("query", query=promql)["result"]
        values = [float(s["value"][1]) for s in result]
        ok = result and not any(math.isnan(v) for v in values)
        if ok or time.monotonic() > deadline:
            break
        time.sleep(1)
    shown = ", ".join(f"{s['metric'] or '{}'}={s['value'][1]}" for s in result[:4])
    print(f"  {'ok ' if ok else 'NO '} {title}: {promql}\n       -> {len(result)} series: {shown}")
    if not ok:
        problems.append(f"{title}: {promql} returned {len(result)} series {values}")

metadata = api("metadata")
listed = [l.strip() for l in open(metrics_file) if l.strip() and not l.startswith("#")]
for name in listed:
    family, expected = name, "gauge"
    for suffix in ("_bucket", "_count", "_sum"):
        if name.endswith(suffix):
            family, expected = name[: -len(suffix)], "histogram"
    if name.endswith("_total"):
        expected = "counter"
    types = {m["type"] for key in (family, family.removesuffix("_total")) for m in metadata.get(key, [])}
    series = api("series", **{"match[]": name})
    ok = series and expected in types
    print(f"  {'ok ' if ok else 'NO '} {name}: {len(series)} series, type {'/'.join(sorted(types)) or 'none'}")
    if not ok:
        problems.append(f"{name}: {len(series)} series, type {types or 'none'}, expected {expected}")

if problems:
    sys.exit("dashboard: " + "; ".join(problems))
print(f"dashboard: all {len(queries)} queries returned data; all {len(listed)} listed series scraped with their types")
