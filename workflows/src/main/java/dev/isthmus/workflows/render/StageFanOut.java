package dev.isthmus.workflows.render;

import dev.isthmus.api.plan.Stage;
import dev.isthmus.api.validation.BadInputException;

/**
 * How one stage's tasks are spread over pods: pod {@code i} runs tasks {@code [i*batch,
 * min((i+1)*batch, tasks))}, so that a stage never needs more than a set number of pods (each pod
 * is a node in the Workflow's status, which lives in etcd).
 *
 * @param tasks tasks in the stage
 * @param batch tasks per pod
 * @param pods pods in the stage: ceil(tasks / batch)
 */
public record StageFanOut(Stage stage, int tasks, int batch, int pods) {

    /** The smallest batch size that keeps the stage within {@code maxPods} pods. */
    public static StageFanOut of(Stage stage, int tasks, int maxPods) {
        if (tasks < 1) {
            throw new BadInputException("stage " + stage.cliName() + " has no tasks");
        }
        int batch = ceilDiv(tasks, maxPods);
        return new StageFanOut(stage, tasks, batch, ceilDiv(tasks, batch));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
