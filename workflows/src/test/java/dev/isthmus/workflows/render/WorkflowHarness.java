package dev.isthmus.workflows.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isthmus.workflows.argo.ArgoYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a rendered Argo Workflow the way Argo's controller would, without a cluster: the entrypoint
 * DAG's tasks in dependency order (each when its {@code depends} expression holds), {@code
 * withSequence} expanded, {@code {{item}}}, {@code {{inputs.parameters.*}}} and {@code
 * {{workflow.parameters.*}}} substituted, each pod's real command and argument list handed to a
 * {@link Pod} runner, failed pods retried as the template's retryStrategy says (limit and
 * expression), and output parameters read from their files. The volume mounts must be real folders
 * (render with {@code RenderOptions.withMounts}). Shared through this module's test-jar by the
 * workers' and the operator's end-to-end tests.
 */
public final class WorkflowHarness {

    /** Runs one pod's main container and returns its exit code. */
    public interface Pod {
        int run(String podName, int attempt, List<String> command, List<String> args);
    }

    /** One attempt of one pod. */
    public record Attempt(String pod, int attempt, List<String> args, int exitCode) {}

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([^}]+)}}");
    private static final Pattern DEPENDENCY =
            Pattern.compile("([A-Za-z0-9-]+)\\.(Succeeded|Failed|Errored|Skipped|Omitted)");

    private final JsonNode spec;
    private final Map<String, JsonNode> templates = new HashMap<>();
    private final Map<String, String> phases = new LinkedHashMap<>();
    public final List<Attempt> attempts = new ArrayList<>();
    public final Map<String, String> outputs = new LinkedHashMap<>();

    public WorkflowHarness(String yaml) throws IOException {
        JsonNode root = ArgoYaml.mapper().readTree(yaml);
        JsonNode s = root.get("spec");
        spec = s.has("workflowSpec") ? s.get("workflowSpec") : s;
        spec.get("templates").forEach(t -> templates.put(t.get("name").asText(), t));
    }

    /** Runs the whole DAG; returns each DAG task's phase, in the order the tasks ran. */
    public Map<String, String> run(Pod pod) {
        List<JsonNode> pending = new ArrayList<>();
        templates.get(spec.get("entrypoint").asText()).at("/dag/tasks").forEach(pending::add);
        while (!pending.isEmpty()) {
            JsonNode next =
                    pending.stream()
                            .filter(this::ready)
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "no runnable task among " + pending));
            pending.remove(next);
            String name = next.get("name").asText();
            phases.put(name, dependsHolds(next) ? runTask(next, pod) : "Omitted");
        }
        return phases;
    }

    private boolean ready(JsonNode task) {
        Matcher m = DEPENDENCY.matcher(task.path("depends").asText());
        while (m.find()) {
            if (!phases.containsKey(m.group(1))) return false;
        }
        return true;
    }

    private boolean dependsHolds(JsonNode task) {
        if (!task.has("depends")) return true;
        Matcher m = DEPENDENCY.matcher(task.get("depends").asText());
        String condition =
                m.replaceAll(r -> Boolean.toString(phases.get(r.group(1)).equals(r.group(2))));
        return ExprEvaluator.test(condition, Map.of());
    }

    private String runTask(JsonNode task, Pod pod) {
        JsonNode template = templates.get(task.get("template").asText());
        int count =
                task.has("withSequence")
                        ? Integer.parseInt(task.at("/withSequence/count").asText())
                        : 1;
        boolean allSucceeded = true;
        for (int item = 0; item < count; item++) {
            Map<String, String> vars = new HashMap<>();
            spec.at("/arguments/parameters")
                    .forEach(
                            p ->
                                    vars.put(
                                            "workflow.parameters." + p.get("name").asText(),
                                            p.get("value").asText()));
            vars.put("item", Integer.toString(item));
            for (JsonNode p : task.at("/arguments/parameters")) {
                vars.put(
                        "inputs.parameters." + p.get("name").asText(),
                        substitute(p.get("value").asText(), vars));
            }
            for (JsonNode p : template.at("/inputs/parameters")) {
                if (!vars.containsKey("inputs.parameters." + p.get("name").asText())) {
                    throw new IllegalStateException(
                            template.get("name") + " needs input " + p.get("name"));
                }
            }
            String podName =
                    task.get("name").asText() + (task.has("withSequence") ? "(" + item + ")" : "");
            allSucceeded &= runPod(podName, template, vars, pod);
        }
        return allSucceeded ? "Succeeded" : "Failed";
    }

    /** Runs one pod with its retries; true when an attempt succeeded. */
    private boolean runPod(String podName, JsonNode template, Map<String, String> vars, Pod pod) {
        JsonNode container = template.get("container");
        List<String> command = strings(container.get("command"), vars);
        List<String> args = strings(container.get("args"), vars);
        for (JsonNode mount : container.path("volumeMounts")) {
            if (!Files.isDirectory(Path.of(mount.get("mountPath").asText()))) {
                throw new IllegalStateException(
                        "mount path " + mount.get("mountPath") + " is not a folder here");
            }
        }
        JsonNode retry = template.path("retryStrategy");
        int limit = retry.has("limit") ? Integer.parseInt(retry.get("limit").asText()) : 0;
        for (int attempt = 1; ; attempt++) {
            int code = pod.run(podName, attempt, command, args);
            attempts.add(new Attempt(podName, attempt, args, code));
            if (code == 0) {
                readOutputs(template);
                return true;
            }
            Map<String, Object> lastRetry =
                    Map.of(
                            "lastRetry.exitCode",
                            Integer.toString(code),
                            "lastRetry.status",
                            "Failed",
                            "lastRetry.duration",
                            "1",
                            "lastRetry.message",
                            "exit code " + code);
            boolean retried =
                    retry.has("expression")
                            && ExprEvaluator.test(retry.get("expression").asText(), lastRetry);
            if (attempt > limit || !retried) return false;
        }
    }

    private void readOutputs(JsonNode template) {
        for (JsonNode p : template.at("/outputs/parameters")) {
            try {
                outputs.put(
                        p.get("name").asText(),
                        Files.readString(Path.of(p.at("/valueFrom/path").asText())));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "output parameter " + p.get("name") + " was not written", e);
            }
        }
    }

    private static List<String> strings(JsonNode list, Map<String, String> vars) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(substitute(n.asText(), vars)));
        return out;
    }

    private static String substitute(String text, Map<String, String> vars) {
        return VARIABLE.matcher(text)
                .replaceAll(
                        m -> {
                            String value = vars.get(m.group(1).strip());
                            if (value == null)
                                throw new IllegalStateException(
                                        "unresolved {{" + m.group(1) + "}} in " + text);
                            return Matcher.quoteReplacement(value);
                        });
    }
}
