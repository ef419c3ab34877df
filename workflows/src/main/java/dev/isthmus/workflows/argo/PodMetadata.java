package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Argo's {@code Metadata}: labels and annotations put on pods. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodMetadata(Map<String, String> labels, Map<String, String> annotations) {

    public static PodMetadata labels(Map<String, String> labels) {
        return new PodMetadata(labels, null);
    }
}
