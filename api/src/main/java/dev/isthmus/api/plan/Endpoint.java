package dev.isthmus.api.plan;

/**
 * A network the sweep connects: trained by a task, or read from a checkpoint file.
 *
 * @param name endpoint name ({@code seed-3} or the checkpoint's name)
 * @param seed training seed, or null for a checkpoint
 * @param uri checkpoint location, or null for a trained endpoint
 * @param trainTask id of the task that trains it, or null
 * @param key content key of the endpoint's weights
 */
public record Endpoint(String name, Long seed, String uri, String trainTask, String key) {
    public boolean trained() {
        return trainTask != null;
    }
}
