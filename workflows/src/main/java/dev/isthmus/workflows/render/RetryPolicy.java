package dev.isthmus.workflows.render;

import dev.isthmus.workflows.argo.Backoff;
import dev.isthmus.workflows.argo.RetryStrategy;

/**
 * Which failed pods Argo retries. {@code isthmus task} exits 2 on bad input (an invalid spec, a
 * corrupt checkpoint, a task whose inputs failed): the same input fails the same way again, so it
 * is not retried. Everything else is: exit 1 (a task failed, e.g. the store was unreachable), exit
 * 4 (too little memory for this attempt: {@link MemoryGrowth} gives the retry more), exit 137
 * (killed: out of memory, eviction), a node shutdown, a deleted pod (Argo's {@code Error} phase,
 * exit code -1 when none was recorded).
 */
public final class RetryPolicy {

    /** The exit code of {@code isthmus task} for bad input. */
    public static final int BAD_INPUT = 2;

    /**
     * The exit code of {@code isthmus task} when the attempt had too little memory: the pod's limit
     * is below the task's estimate, or the Java heap ran out.
     */
    public static final int OUT_OF_MEMORY = 4;

    /**
     * The retry condition, in Argo's expr language: retry unless the main container itself failed
     * with the bad-input exit code.
     */
    public static final String EXPRESSION =
            "lastRetry.status == \"Error\" || asInt(lastRetry.exitCode) != " + BAD_INPUT;

    /** First wait before a retry; doubled each time, at most {@link #CAP}. */
    public static final String FIRST_WAIT = "10s";

    public static final String CAP = "10m";

    private RetryPolicy() {}

    /** The strategy for {@code retries} retries, or null when there are none. */
    static RetryStrategy of(int retries) {
        if (retries < 1) {
            return null;
        }
        return new RetryStrategy(
                Integer.toString(retries), "Always", EXPRESSION, new Backoff(FIRST_WAIT, "2", CAP));
    }
}
