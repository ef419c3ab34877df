package dev.isthmus.api.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.isthmus.api.admission.Admission;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.SpecDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a sweep document (YAML, or JSON), reports every problem in it at once, and returns it with
 * defaults applied.
 */
public final class SweepLoader {

    private static final ObjectMapper YAML =
            YAMLMapper.builder(
                            YAMLFactory.builder().stringQuotingChecker(new YamlQuoting()).build())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build();
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private SweepLoader() {}

    /** Loads {@code file}; {@code .json} files are read as JSON, anything else as YAML. */
    public static ConnectivitySweep load(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = ParseMessages.utf8(bytes, "");
        } catch (BadInputException e) {
            throw new SpecException(
                    file.toString(),
                    List.of(
                            new Problem(
                                    "file", e.getMessage() + "; a sweep is YAML or JSON text")));
        } catch (NoSuchFileException e) {
            throw new SpecException(file.toString(), List.of(new Problem("file", "not found")));
        } catch (AccessDeniedException e) {
            throw new SpecException(
                    file.toString(),
                    List.of(new Problem("file", "cannot be read: permission denied")));
        } catch (IOException e) {
            throw new SpecException(
                    file.toString(),
                    List.of(new Problem("file", "cannot be read (" + ioReason(e) + ")")));
        }
        return parse(text, file.toString());
    }

    /**
     * Parses, validates and completes one sweep document.
     *
     * @param text YAML (JSON is valid YAML); read as strict JSON when the source ends in .json
     * @param sourceName the file name for messages, or null
     * @throws SpecException with every problem found
     */
    public static ConnectivitySweep parse(String text, String sourceName) {
        boolean json = sourceName != null && sourceName.toLowerCase(Locale.ROOT).endsWith(".json");
        JsonNode root = readTree(json ? JSON : YAML, text, sourceName);
        ProblemCollector problems = new ProblemCollector();
        JsonNode checked = StructureCheck.check(root, ConnectivitySweep.class, problems);
        ConnectivitySweep sweep = checked == null ? null : bind(checked);
        if (sweep != null) {
            SweepValidator.check(sweep, problems);
        }
        if (!problems.isEmpty()) {
            throw new SpecException(sourceName, problems.problems());
        }
        ConnectivitySweep complete = SpecDefaults.apply(sweep);
        // Counted before the Planner would build the pairs: 100,000 seeds are 5·10⁹ of them.
        List<Problem> tooLarge = Admission.plannable(complete.spec());
        if (!tooLarge.isEmpty()) {
            throw new SpecException(sourceName, tooLarge);
        }
        return complete;
    }

    /** The sweep as YAML, fields in declaration order, nulls left out. */
    public static String toYaml(ConnectivitySweep sweep) {
        try {
            return YAML.writeValueAsString(sweep);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(ObjectMapper mapper, String text, String sourceName) {
        try (JsonParser parser = mapper.createParser(text)) {
            JsonNode first = mapper.readTree(parser);
            if (first == null || first.isMissingNode() || first.isNull()) {
                throw fail(sourceName, new Problem("document", "is empty"));
            }
            int count = 1;
            while (mapper.readTree(parser) != null) {
                count++;
            }
            if (count > 1) {
                throw fail(
                        sourceName, new Problem("document", "expected one document, got " + count));
            }
            return first;
        } catch (JsonProcessingException e) {
            throw fail(sourceName, syntaxProblem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a file could not be read, without Java's exception names. */
    static String ioReason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "an input/output error" : m;
    }

    private static ConnectivitySweep bind(JsonNode tree) {
        try {
            return JSON.treeToValue(tree, ConnectivitySweep.class);
        } catch (JsonProcessingException e) {
            // The structural check admits only what binds; reaching here is a bug in it.
            throw new IllegalStateException("checked sweep did not bind: " + e.getMessage(), e);
        }
    }

    private static Problem syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            // SnakeYAML's own message spans several lines; its "problem" is the useful sentence.
            Mark mark = yaml.getProblemMark();
            return syntaxProblem(mark.getLine() + 1, mark.getColumn() + 1, yaml.getProblem());
        }
        JsonLocation location = e.getLocation();
        String message = ParseMessages.what(e);
        if (location == null) {
            return syntaxProblem(0, 0, message);
        }
        return syntaxProblem(location.getLineNr(), location.getColumnNr(), message);
    }

    private static Problem syntaxProblem(int line, int column, String message) {
        String where = line <= 0 ? "document" : "line " + line + ", column " + column;
        String sentence = message.isEmpty() ? "cannot be parsed" : message;
        return new Problem(
                where, sentence.substring(0, 1).toLowerCase(Locale.ROOT) + sentence.substring(1));
    }

    private static SpecException fail(String sourceName, Problem problem) {
        return new SpecException(sourceName, List.of(problem));
    }
}
