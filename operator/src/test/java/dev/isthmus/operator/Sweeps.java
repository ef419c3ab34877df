package dev.isthmus.operator;

import dev.isthmus.api.result.RunSummary;
import dev.isthmus.api.result.Spread;
import dev.isthmus.api.result.SummaryRow;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sweep resources and simulated Argo progress for the operator's tests. */
public final class Sweeps {

    public static final String NAMESPACE = "test";

    private Sweeps() {}

    /** A small valid sweep (never run here: Argo's progress is simulated). */
    public static ConnectivitySweepResource small(String name, String extra) {
        String yaml =
                """
                apiVersion: isthmus.dev/v1alpha1
                kind: ConnectivitySweep
                metadata: {name: %s, namespace: %s}
                spec:
                  model: {architecture: mlp, hidden: [8]}
                  dataset: {name: fashion-mnist, trainExamples: 600, evalExamples: 200}
                  endpoints:
                    train: {seeds: [0, 1], epochs: 1, batchSize: 128}
                  alignments: [none, weight-matching]
                  paths: [linear]
                  alphas: 3
                  execution: {store: "s3://bucket/isthmus", parallelism: 1, retries: 0, threads: 1}
                %s
                """
                        .formatted(name, NAMESPACE, extra);
        return Serialization.unmarshal(yaml, ConnectivitySweepResource.class);
    }

    public static GenericKubernetesResource workflow(KubernetesClient client, String name) {
        return client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow")
                .inNamespace(NAMESPACE)
                .withName(name)
                .get();
    }

    /** A summary as the aggregate task writes it ({@link RunSummary}, through its own types). */
    public static String summary(String sweep, double noneBarrier, double alignedBarrier) {
        RunSummary summary =
                RunSummary.of(
                        sweep,
                        "h",
                        4,
                        List.of(),
                        List.of(row("none", noneBarrier), row("weight-matching", alignedBarrier)));
        return Serialization.asJson(summary);
    }

    private static SummaryRow row(String alignment, double barrier) {
        return new SummaryRow(
                alignment, "linear", 2, Map.of("lin", new Spread(barrier / 2, barrier)), Map.of());
    }

    /**
     * Argo-shaped status: one Pod node per entry of {@code pods} (display name → phase) and, when
     * {@code summary} is given, a Succeeded aggregate node publishing it.
     */
    public static Map<String, Object> status(
            String phase,
            Map<String, String> pods,
            String summary,
            String started,
            String finished) {
        Map<String, Object> nodes = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> pod : pods.entrySet()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", "n" + i);
            node.put("name", pod.getKey()); // required by Argo's schema
            node.put("displayName", pod.getKey());
            node.put("type", "Pod");
            node.put("templateName", pod.getKey().replaceAll("\\(.*", ""));
            node.put("phase", pod.getValue());
            if (pod.getValue().equals("Failed")) {
                node.put("message", "Error (exit code 1)");
            }
            nodes.put("n" + i++, node);
        }
        if (summary != null) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", "agg");
            node.put("name", "aggregate");
            node.put("displayName", "aggregate");
            node.put("type", "Pod");
            node.put("templateName", "aggregate");
            node.put("phase", "Succeeded");
            node.put(
                    "outputs",
                    Map.of("parameters", List.of(Map.of("name", "summary", "value", summary))));
            nodes.put("agg", node);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", phase);
        status.put("startedAt", started);
        if (finished != null) {
            status.put("finishedAt", finished);
        }
        status.put("nodes", nodes);
        long done =
                new ArrayList<>(nodes.values())
                        .stream()
                                .map(n -> ((Map<?, ?>) n).get("phase"))
                                .filter(p -> p.equals("Succeeded") || p.equals("Failed"))
                                .count();
        status.put("progress", done + "/" + nodes.size());
        return status;
    }

    /** Replaces a Workflow's status, as Argo's controller would. */
    public static void setStatus(
            KubernetesClient client, String workflow, Map<String, Object> status) {
        client.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow")
                .inNamespace(NAMESPACE)
                .withName(workflow)
                .edit(
                        w -> {
                            w.getAdditionalProperties().put("status", status);
                            return w;
                        });
    }

    /** The sweep with its spec's alphas and execution section replaced (in place; returned). */
    public static ConnectivitySweepResource respec(
            ConnectivitySweepResource sweep,
            Integer alphas,
            dev.isthmus.api.spec.ExecutionSpec execution) {
        var s = sweep.getSpec();
        sweep.setSpec(
                new dev.isthmus.api.spec.SweepSpec(
                        s.model(),
                        s.dataset(),
                        s.endpoints(),
                        s.pairs(),
                        s.alignments(),
                        s.paths(),
                        alphas,
                        s.metrics(),
                        s.seeds(),
                        execution,
                        s.regression(),
                        s.schedule()));
        return sweep;
    }
}
