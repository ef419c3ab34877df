package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * Writes Argo objects as YAML for {@code kubectl apply}: fields in declaration order, empty ones
 * left out, multi-line strings (the sweep spec) as literal blocks, and strings that would read back
 * as numbers or booleans quoted (Argo types counts and quantities as strings).
 */
public final class ArgoYaml {

    private static final ObjectMapper YAML =
            YAMLMapper.builder(
                            YAMLFactory.builder().stringQuotingChecker(new PlainScalars()).build())
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build();

    private ArgoYaml() {}

    public static String write(ArgoResource resource) {
        try {
            return YAML.writeValueAsString(resource);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mapper, for reading rendered YAML back (tests, tools). */
    public static ObjectMapper mapper() {
        return YAML;
    }
}
