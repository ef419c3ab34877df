package dev.isthmus.workflows.render;

import dev.isthmus.api.admission.Budget;
import dev.isthmus.api.admission.Units;
import dev.isthmus.api.spec.ResourcesSpec;

/**
 * A worker pod killed for memory is retried with more: after an out-of-memory kill (exit code 137,
 * which {@link RetryPolicy} retries) or an attempt that found too little memory itself ({@link
 * RetryPolicy#OUT_OF_MEMORY}: its limit below the task's estimate, or the Java heap exhausted),
 * attempt {@code n} (Argo's {@code {{retries}}}, 0 for the first) requests and is limited to {@code
 * memory × 2^n}, at most {@code maxMemory} ({@link Budget#grown}); a retry after any other failure
 * gets {@code memory} again. The rule is one Argo expression in the template's {@code
 * podSpecPatch}, so the Workflow does not grow with the retry count.
 *
 * <p>Argo 3.7 substitutes {@code retries} and {@code lastRetry.*} into the whole template of each
 * new attempt, the {@code podSpecPatch} included (the first attempt sees {@code lastRetry.exitCode}
 * "0"); at submission it validates with placeholders, on which an expression that fails stays
 * unevaluated. It applies the workflow-level patch (the executor's security context, {@link
 * PodSecurity#executorPatch()}) first and this one after it; both merge by container name, so
 * neither undoes the other.
 */
final class MemoryGrowth {

    /** The exit code of a container the kernel killed (SIGKILL), as for running out of memory. */
    static final String KILLED = "137";

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
     * The memory quantity of the attempt Argo is creating: whole mebibytes when both quantities
     * are, otherwise bytes (a bare number is a Kubernetes quantity). Single quotes keep the
     * expression free of characters JSON escapes. expr's {@code **} yields a float; {@code min}
     * caps it and {@code asInt} prints it without a fraction or exponent.
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
        return "{{=lastRetry.exitCode == '"
                + KILLED
                + "' || lastRetry.exitCode == '"
                + RetryPolicy.OUT_OF_MEMORY
                + "' ? asInt(min("
                + cap / unit
                + ", "
                + base / unit
                + " * 2 ** asInt(retries))) : "
                + base / unit
                + "}}"
                + (mebibytes ? "Mi" : "");
    }
}
