import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a Workflow that `isthmus render` printed into the pods Argo would start, in DAG order:
 * for each, OUT/NN-stage-item.argv holds the container's command and arguments and .env its
 * environment, NUL-separated, after Argo's substitution of {{item}}, {{inputs.parameters.*}} and
 * {{workflow.parameters.*}}. Any other {{...}} left in them is an error. Run with the worker's
 * classpath: java -cp "cli/target/isthmus.jar:cli/target/lib/*" RenderedTasks.java WF OUT
 */
public class RenderedTasks {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    public static void main(String[] args) throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(Path.of(args[0]).toFile()).get("spec");
        Path out = Files.createDirectories(Path.of(args[1]));
        Map<String, String> workflow = new HashMap<>();
        for (JsonNode p : spec.at("/arguments/parameters")) {
            workflow.put("workflow.parameters." + p.get("name").asText(), p.get("value").asText());
        }
        Map<String, JsonNode> templates = new HashMap<>();
        for (JsonNode t : spec.get("templates")) {
            templates.put(t.get("name").asText(), t);
        }
        int pod = 0;
        for (JsonNode task : templates.get(spec.get("entrypoint").asText()).at("/dag/tasks")) {
            JsonNode template = templates.get(task.get("template").asText());
            if (template.get("container") == null) {
                throw new IllegalStateException(task + ": expected a container template");
            }
            JsonNode sequence = task.at("/withSequence/count");
            int items = sequence.isMissingNode() ? 1 : Integer.parseInt(sequence.asText());
            for (int item = 0; item < items; item++) {
                Map<String, String> values = new HashMap<>(workflow);
                values.put("item", Integer.toString(item));
                for (JsonNode p : task.at("/arguments/parameters")) {
                    values.put("inputs.parameters." + p.get("name").asText(), substitute(p.get("value").asText(), values));
                }
                String name = String.format("%02d-%s-%d", pod++, task.get("name").asText(), item);
                ByteArrayOutputStream argv = new ByteArrayOutputStream();
                for (JsonNode a : template.at("/container/command")) write(argv, substitute(a.asText(), values));
                for (JsonNode a : template.at("/container/args")) write(argv, substitute(a.asText(), values));
                ByteArrayOutputStream env = new ByteArrayOutputStream();
                for (JsonNode e : template.at("/container/env")) {
                    write(env, e.get("name").asText() + "=" + substitute(e.get("value").asText(), values));
                }
                Files.write(out.resolve(name + ".argv"), argv.toByteArray());
                Files.write(out.resolve(name + ".env"), env.toByteArray());
            }
        }
    }

    static String substitute(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1).trim());
            if (value == null) throw new IllegalStateException("no value for {{" + m.group(1) + "}} in " + text);
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        return m.appendTail(sb).toString();
    }

    static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
