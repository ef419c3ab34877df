package dev.isthmus.workers.io;

import dev.isthmus.api.validation.BadInputException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The contents of one safetensors file: free-form string metadata and tensors by name, both kept in
 * name order so that writing is deterministic.
 */
public record Checkpoint(Map<String, String> metadata, SortedMap<String, HostTensor> tensors) {
    /** Reserved header key for metadata; no tensor may use this name. */
    public static final String METADATA_KEY = "__metadata__";

    /** Copies both maps into unmodifiable name-ordered maps and rejects null entries. */
    public Checkpoint {
        metadata = Collections.unmodifiableSortedMap(copyWithoutNulls(metadata, "metadata"));
        tensors = Collections.unmodifiableSortedMap(copyWithoutNulls(tensors, "tensors"));
        if (tensors.containsKey(METADATA_KEY)) {
            throw new BadInputException(
                    "a tensor cannot be named " + METADATA_KEY + ", which safetensors reserves");
        }
    }

    /** A checkpoint without metadata. */
    public static Checkpoint of(Map<String, HostTensor> tensors) {
        return new Checkpoint(Map.of(), new TreeMap<>(tensors));
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws BadInputException naming the tensor if the checkpoint has no such tensor
     */
    public HostTensor require(String name) {
        HostTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new BadInputException(
                    "checkpoint has no tensor " + name + "; it has " + describeNames());
        }
        return tensor;
    }

    private String describeNames() {
        int shown = 8;
        if (tensors.isEmpty()) {
            return "none";
        }
        if (tensors.size() <= shown) {
            return String.join(", ", tensors.keySet());
        }
        return String.join(", ", tensors.keySet().stream().limit(shown).toList())
                + " and "
                + (tensors.size() - shown)
                + " more";
    }

    private static <V> TreeMap<String, V> copyWithoutNulls(Map<String, V> map, String what) {
        if (map == null) {
            throw new BadInputException(what + " must not be null");
        }
        TreeMap<String, V> copy = new TreeMap<>();
        map.forEach(
                (key, value) -> {
                    if (key == null || value == null) {
                        throw new BadInputException(what + " must not contain null keys or values");
                    }
                    copy.put(key, value);
                });
        return copy;
    }
}
