package dev.isthmus.api.plan;

import java.util.List;

/**
 * One unit of work, addressed by (stage, index); the key changes exactly when an input changes.
 *
 * @param stage the stage the task belongs to
 * @param index position within its stage, as passed to {@code isthmus task <stage> --index N}
 * @param key hex SHA-256 of the task's inputs (spec parts and the keys of the tasks it reads)
 * @param dependsOn ids of the tasks whose outputs this task reads
 * @param work what the task does
 */
public record Task(Stage stage, int index, String key, List<String> dependsOn, Work work) {

    /** Stable id such as {@code evaluate-3}. */
    public String id() {
        return id(stage, index);
    }

    public static String id(Stage stage, int index) {
        return stage.cliName() + "-" + index;
    }
}
