package dev.isthmus.workflows.render;

import dev.isthmus.api.admission.Units;
import dev.isthmus.api.spec.ResourcesSpec;

/**
 * A retried worker pod gets more memory: attempt {@code n} (Argo's {@code {{retries}}}, 0 for the
 * first) requests and is limited to {@code memory × 2^n}, at most {@code maxMemory}, so a task
 * killed for memory (exit 137, which {@link RetryPolicy} retries) can fit on a later attempt. The
 * formula is one Argo expression in the template's {@code podSpecPatch}, so the Workflow does not
 * grow with the retry count. Argo applies the workflow-level patch (the executor's security
 * context, {@link PodSecurity#executorPatch()}) first and this one after it; both merge by
 * container name, so neither undoes the other.
 */
final class MemoryGrowth {

    private static final long MI = 1L << 20;

    private MemoryGrowth() {}

    /**
     * The patch for the {@code main} container, or null when memory cannot grow: no retries, no
     * memory, no cap, or a cap equal to the memory.
     */
    static String podSpecPatch(ResourcesSpec resources, int retries) {
        if (retries < 1 || resources == null) {
            return null;
        }
        String quantity = expression(resources.memory(), resources.maxMemory());
        if (quantity == null) {
            return null;
        }
        String memory = "{\"memory\":\"" + quantity + "\"}";
        return "{\"containers\":[{\"name\":\"main\",\"resources\":{\"requests\":"
                + memory
                + ",\"limits\":"
                + memory
                + "}}]}";
    }

    /**
     * The memory quantity for attempt {@code {{retries}}}: an expression in whole mebibytes when
     * both quantities are, otherwise in bytes (a bare number is a Kubernetes quantity). {@code
     * sprig.int}, not {@code asInt}, reads {@code retries}: Argo's submit-time validation puts a
     * placeholder text there, which {@code sprig.int} reads as 0 and {@code asInt} rejects. expr's
     * {@code **} yields a float; {@code min} caps it and {@code asInt} prints it without a fraction
     * or exponent.
     */
    static String expression(String memory, String maxMemory) {
        if (memory == null || maxMemory == null) {
            return null;
        }
        long base = (long) Units.quantity(memory);
        long cap = (long) Units.quantity(maxMemory);
        if (cap <= base) {
            return null;
        }
        boolean mebibytes = base % MI == 0 && cap % MI == 0;
        long unit = mebibytes ? MI : 1;
        return "{{=asInt(min("
                + cap / unit
                + ", "
                + base / unit
                + " * 2 ** sprig.int(retries)))}}"
                + (mebibytes ? "Mi" : "");
    }
}
