package dev.isthmus.api.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A sweep broken into stages of tasks; the same spec always yields the same plan.
 *
 * @param sweep the sweep's name
 * @param specHash hex SHA-256 of the canonical spec with defaults applied
 * @param endpoints every endpoint, in endpoint order
 * @param stages tasks per stage, in execution order (a stage may be empty)
 */
public record Plan(
        String sweep, String specHash, List<Endpoint> endpoints, Map<Stage, List<Task>> stages) {

    public List<Task> tasks(Stage stage) {
        return stages.getOrDefault(stage, List.of());
    }

    public List<Task> allTasks() {
        List<Task> all = new ArrayList<>();
        for (Stage s : Stage.values()) all.addAll(tasks(s));
        return all;
    }

    public Task task(Stage stage, int index) {
        List<Task> tasks = tasks(stage);
        if (index < 0 || index >= tasks.size()) {
            throw new NoSuchElementException(
                    "no task "
                            + Task.id(stage, index)
                            + ": stage "
                            + stage.cliName()
                            + " has "
                            + tasks.size()
                            + " task(s)");
        }
        return tasks.get(index);
    }

    public Task task(String id) {
        int dash = id.lastIndexOf('-');
        return task(Stage.parse(id.substring(0, dash)), Integer.parseInt(id.substring(dash + 1)));
    }

    public Endpoint endpoint(String name) {
        for (Endpoint e : endpoints) {
            if (e.name().equals(name)) return e;
        }
        throw new NoSuchElementException("no endpoint named " + name);
    }
}
