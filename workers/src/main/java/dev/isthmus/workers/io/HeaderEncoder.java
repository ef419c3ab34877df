package dev.isthmus.workers.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/** Writes the JSON header of a safetensors file the same way for the same checkpoint. */
final class HeaderEncoder {
    private HeaderEncoder() {}

    /**
     * The compact JSON header for {@code checkpoint}, tensors laid out contiguously in name order,
     * padded with spaces to a multiple of 8 bytes as the reference implementation does.
     */
    static byte[] encode(Checkpoint checkpoint) {
        ObjectNode root = SafetensorsHeader.JSON.createObjectNode();
        if (!checkpoint.metadata().isEmpty()) {
            ObjectNode metadata = root.putObject(Checkpoint.METADATA_KEY);
            checkpoint.metadata().forEach(metadata::put);
        }
        long offset = 0;
        for (var named : checkpoint.tensors().entrySet()) {
            HostTensor tensor = named.getValue();
            ObjectNode entry = root.putObject(named.getKey());
            entry.put("dtype", tensor.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long dim : tensor.shape()) {
                shape.add(dim);
            }
            entry.putArray("data_offsets").add(offset).add(offset + tensor.data().length);
            offset += tensor.data().length;
        }
        byte[] json;
        try {
            json = SafetensorsHeader.JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a tree of plain JSON values", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }
}
