package dev.isthmus.workflows.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a Workflow's untyped {@code .status} into the typed records. */
class WorkflowStatusTest {

    @Test
    void readsPhaseNodesOutputsAndResources() {
        Map<String, Object> node =
                Map.of(
                        "name", "w.aggregate",
                        "type", "Pod",
                        "phase", "Succeeded",
                        "templateName", "aggregate",
                        "hostNodeName", "k1",
                        "children", List.of("n2"));
        Map<String, Object> status =
                Map.of(
                        "phase",
                        "Succeeded",
                        "progress",
                        "3/3",
                        "estimatedDuration",
                        12,
                        "resourcesDuration",
                        Map.of("cpu", 7, "nvidia.com/gpu", 40),
                        "outputs",
                        Map.of("parameters", List.of(Map.of("name", "summary", "value", "{}"))),
                        "nodes",
                        Map.of("n1", node));
        WorkflowStatus s = WorkflowStatus.of(status);
        assertTrue(s.finished());
        assertEquals("3/3", s.progress());
        assertEquals(40L, s.resourcesDuration().get("nvidia.com/gpu"));
        assertEquals("{}", WorkflowStatus.parameter(s.outputs(), "summary"));
        NodeStatus n1 = s.nodes().get("n1");
        assertEquals(NodeStatus.POD, n1.type());
        assertEquals("aggregate", n1.templateName());
        assertEquals(List.of("n2"), n1.childIds());
        assertFalse(n1.failed());
    }

    @Test
    void aWorkflowArgoHasNotTouchedHasAnEmptyStatus() {
        WorkflowStatus s = WorkflowStatus.of(null);
        assertFalse(s.finished());
        assertEquals(Map.of(), s.nodes());
        assertNull(WorkflowStatus.parameter(s.outputs(), "summary"));
        NodeStatus pending = new NodeStatus("n", null, "Pod", null, null, null, null, null);
        assertEquals("Pending", pending.phaseOrPending());
    }

    @Test
    void errorCountsAsFailedAndFinished() {
        assertTrue(WorkflowStatus.of(Map.of("phase", "Error")).finished());
        assertFalse(WorkflowStatus.of(Map.of("phase", "Running")).finished());
        assertTrue(new NodeStatus("n", null, "Pod", "Error", null, null, null, null).failed());
    }
}
