package dev.isthmus.api.admission;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.PairsSpec;
import dev.isthmus.api.spec.SweepSpec;
import dev.isthmus.api.validation.Problem;
import dev.isthmus.api.validation.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses, before any work, a sweep that cannot be planned (too many tasks), cannot fit the memory
 * of the process that would run it, needs an array larger than Java can index, or plans more work
 * than allowed; each refusal names the field and the numbers.
 */
public final class Admission {

    /** A plan holds at most this many tasks (100 checkpoints, all pairs, 3 × 2 paths: 44,651). */
    public static final long MAX_TASKS = 1_000_000;

    /** The most elements one Java array (so one host tensor) holds. */
    public static final double MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final double GFLOPS = 100e9;
    private static final double YEAR = 365.25 * 24 * 3600;

    private Admission() {}

    /** Problems of a spec whose plan is too large to build; counted, never built. */
    public static List<Problem> plannable(SweepSpec spec) {
        TaskCount count = TaskCount.of(spec);
        if (count.tasks() <= MAX_TASKS) return List.of();
        String field;
        String cause;
        boolean explicit = spec.pairs() != null && PairsSpec.EXPLICIT.equals(spec.pairs().mode());
        if (explicit) {
            field = "spec.pairs";
            cause = Units.count(count.pairs()) + " pairs";
        } else if (count.trained() > 0
                && (spec.endpoints().checkpoints() == null
                        || count.trained() >= count.endpoints() - count.trained())) {
            field = "spec.endpoints.train.seeds";
            cause =
                    Units.count(count.trained())
                            + " seeds make "
                            + Units.count(count.pairs())
                            + " pairs";
        } else {
            field = "spec.endpoints.checkpoints";
            cause =
                    Units.count(count.endpoints())
                            + " endpoints make "
                            + Units.count(count.pairs())
                            + " pairs";
        }
        String tasks =
                count.tasks() == Long.MAX_VALUE
                        ? "more than 9.2e18 tasks"
                        : Units.count(count.tasks()) + " tasks";
        return List.of(
                new Problem(
                        field,
                        cause
                                + " and "
                                + tasks
                                + " with "
                                + count.alignments()
                                + " alignment(s) and "
                                + count.paths()
                                + " path(s); a plan holds at most "
                                + String.format(Locale.ROOT, "%,d", MAX_TASKS)
                                + " tasks"));
    }

    /**
     * Throws unless {@code sweep} (validated, defaults applied) fits {@code budget}.
     *
     * @param source the file the sweep came from, for the message
     * @throws SpecException naming the field that makes it too large
     */
    public static Estimate requireFits(ConnectivitySweep sweep, Budget budget, String source) {
        Estimate e = Estimate.of(sweep.spec());
        List<Problem> problems = problems(e, budget);
        if (!problems.isEmpty()) throw new SpecException(source, problems);
        return e;
    }

    /** Every reason {@code e} does not fit {@code budget}, most important first. */
    public static List<Problem> problems(Estimate e, Budget budget) {
        List<Problem> problems = new ArrayList<>();
        String limit =
                "the budget is " + Units.bytes(budget.bytes()) + " (" + budget.source() + ")";
        double one = e.processBytes(1);
        double all = e.processBytes(budget.parallel());
        if (one > budget.bytes()) {
            Term top = e.terms().get(0);
            problems.add(
                    new Problem(
                            top.field(),
                            top.cause()
                                    + " ("
                                    + Units.bytes(top.each())
                                    + " "
                                    + top.as()
                                    + "); "
                                    + (top.copies() > 1
                                            ? "a task holds "
                                                    + top.copies()
                                                    + " ("
                                                    + top.copiesWhat()
                                                    + ") and needs "
                                            : "a task needs ")
                                    + Units.bytes(one)
                                    + " with the dataset and runtime; "
                                    + limit));
        } else if (all > budget.bytes()) {
            problems.add(
                    new Problem(
                            "spec.execution.parallelism",
                            budget.parallel()
                                    + " tasks at once need "
                                    + Units.bytes(all)
                                    + " ("
                                    + Units.bytes(e.taskBytes())
                                    + " each, plus the dataset and runtime), and "
                                    + limit
                                    + "; at most "
                                    + fitting(e, budget.bytes())
                                    + " fit"));
        }
        if (problems.isEmpty()) {
            for (Term array : e.arrays()) {
                if (array.bytes() > MAX_ARRAY) {
                    problems.add(
                            new Problem(
                                    array.field(),
                                    array.cause()
                                            + " of "
                                            + Units.count(array.bytes())
                                            + " elements; one array holds at most 2,147,483,639"
                                            + " (2^31 - 9)"));
                }
            }
        }
        if (e.flops() > budget.flops()) {
            Term top = e.work().get(0);
            problems.add(
                    new Problem(
                            top.field(),
                            top.cause()
                                    + " make "
                                    + Units.count(top.bytes())
                                    + " floating-point operations "
                                    + top.as()
                                    + " (about "
                                    + duration(top.bytes() / GFLOPS)
                                    + " at 100 GFLOP/s); the limit is "
                                    + Units.count(budget.flops())
                                    + " for the whole sweep"));
        }
        return problems;
    }

    private static long fitting(Estimate e, double bytes) {
        return Math.max(0, (long) ((bytes - e.processBytes(0)) / e.taskBytes()));
    }

    /** Seconds as the largest sensible unit: {@code 3.1 years}, {@code 5.2 days}, {@code 40 s}. */
    static String duration(double seconds) {
        if (seconds >= YEAR)
            return String.format(Locale.ROOT, "%s years", Units.count(seconds / YEAR));
        if (seconds >= 86400) return String.format(Locale.ROOT, "%.1f days", seconds / 86400);
        if (seconds >= 3600) return String.format(Locale.ROOT, "%.1f hours", seconds / 3600);
        return String.format(Locale.ROOT, "%.0f s", seconds);
    }
}
