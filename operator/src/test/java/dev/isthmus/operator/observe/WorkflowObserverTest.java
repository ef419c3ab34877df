package dev.isthmus.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.operator.resource.SummaryRow;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading Argo Workflow statuses: phases, progress, failed tasks, the summary parameter. */
class WorkflowObserverTest {

    static GenericKubernetesResource workflow(String yamlStatus) {
        return Serialization.unmarshal(
                """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  name: s-g1
                  labels: {isthmus.dev/sweep: s, isthmus.dev/generation: "1"}
                """
                        + yamlStatus,
                GenericKubernetesResource.class);
    }

    @Test
    void aWorkflowWithoutStatusIsPending() {
        RunObservation run = WorkflowObserver.observe(workflow(""));
        assertEquals("Pending", run.phase());
        assertEquals("0/0", run.progress());
        assertEquals(1L, run.generation());
        assertFalse(run.scheduled());
    }

    @Test
    void argoErrorCountsAsFailed() {
        assertEquals("Failed", WorkflowObserver.phase("Error"));
        assertEquals("Running", WorkflowObserver.phase("Running"));
    }

    @Test
    void aPodThatSucceededOnRetryIsNotAFailure() {
        RunObservation run =
                WorkflowObserver.observe(
                        workflow(
                                """
                                status:
                                  phase: Running
                                  resourcesDuration: {cpu: 30, memory: 60, nvidia.com/gpu: 42}
                                  nodes:
                                    r: {type: Retry, displayName: "train(0:0)", phase: Succeeded, children: [p1, p2]}
                                    p1: {type: Pod, displayName: "train(0:0)(0)", phase: Failed, message: OOMKilled}
                                    p2: {type: Pod, displayName: "train(0:0)(1)", phase: Succeeded}
                                    q: {type: Retry, displayName: "align(1:1)", phase: Failed, message: "No more retries left", children: [p3]}
                                    p3: {type: Pod, displayName: "align(1:1)(0)", phase: Failed, message: "Error (exit code 2)"}
                                """));
        assertEquals(List.of("align(1:1) failed: No more retries left"), run.failedTasks());
        assertEquals(Map.of("Failed", 2, "Succeeded", 1), run.tasksByState());
        assertEquals("3/3", run.progress());
        assertEquals(1, run.retries()); // train's second attempt; align had only one
        assertEquals(42.0, run.gpuSeconds());
    }

    @Test
    void theGlobalSummaryParameterIsReadWhenNoNodeHasIt() {
        RunObservation run =
                WorkflowObserver.observe(
                        workflow(
                                """
                                status:
                                  phase: Succeeded
                                  progress: 5/5
                                  outputs:
                                    parameters:
                                    - name: summary
                                      value: '{"schema":"isthmus.dev/summary/v1","summary":[{"alignment":"none","path":"bezier","pairs":1,"lossBarrier":{"lin":{"mean":0.1,"max":0.2}}}]}'
                                """));
        assertTrue(run.finished());
        assertEquals("5/5", run.progress());
        assertEquals(0.2, run.summary().get(0).maxLossBarrier());
        assertEquals("bezier", run.summary().get(0).path());
    }

    @Test
    void theIntervalsUpperEndAndTheBasinCountReachTheStatusRow() {
        List<SummaryRow> rows =
                WorkflowObserver.rows(
                        "{\"schema\":\"isthmus.dev/summary/v1\",\"summary\":[{\"alignment\":"
                                + "\"weight-matching\",\"path\":\"linear\",\"pairs\":28,"
                                + "\"lossBarrier\":{\"lin\":{\"mean\":0.04,\"max\":0.07}},"
                                + "\"lossBarrierInterval\":{\"lin\":{\"level\":0.95,\"lower\":"
                                + "{\"mean\":0.03,\"max\":0.05},\"upper\":{\"mean\":0.06,"
                                + "\"max\":0.08}}},\"basins\":2}]}");
        assertEquals(
                List.of(new SummaryRow("weight-matching", "linear", 28, 0.07, 0.04, 0.08, 2)),
                rows);
    }

    @Test
    void aSummaryOfAnotherSchemaIsIgnored() {
        assertEquals(List.of(), WorkflowObserver.rows("{\"schema\":\"other/v9\",\"summary\":[]}"));
        assertEquals(List.of(), WorkflowObserver.rows("not json"));
    }
}
