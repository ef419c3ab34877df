package dev.isthmus.workers.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads checkpoints that must fit one model: every file is checked against the model's parameter
 * shapes as it is read, and a mismatch names the file.
 *
 * @param shapes the tensors the model expects, by name
 * @param integers the tensors that may also be I64 (PyTorch's integer buffers)
 */
public record CheckpointLoader(Map<String, long[]> shapes, Set<String> integers) {

    /**
     * Reads {@code file} and checks it.
     *
     * @throws CheckpointException if the file is unreadable or does not fit the model
     */
    public Checkpoint load(Path file) {
        Checkpoint c = Safetensors.read(file);
        ShapeCheck.requireShapes(file.toString(), c, shapes, integers);
        return c;
    }
}
