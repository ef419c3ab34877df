package dev.isthmus.api.validation;

import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.spec.SweepSpec;
import java.util.List;

/** The semantic checks of a bound sweep, section by section, in document order. */
public final class SweepValidator {

    private SweepValidator() {}

    /** Every semantic problem of {@code sweep} (defaults not yet applied); empty when valid. */
    public static List<Problem> validate(ConnectivitySweep sweep) {
        ProblemCollector problems = new ProblemCollector();
        check(sweep, problems);
        return problems.problems();
    }

    static void check(ConnectivitySweep sweep, ProblemCollector problems) {
        DocumentRules.check(sweep, problems);
        SweepSpec spec = sweep.spec();
        if (!problems.required("spec", spec)) {
            return;
        }
        ModelRules.check(spec.model(), problems);
        DatasetRules.check(spec.dataset(), problems);
        ArchitectureRules.checkDataset(spec, problems);
        EndpointRules.check(spec.endpoints(), problems);
        PairRules.check(spec, problems);
        MeasurementRules.check(spec, problems);
        MergeRules.check(spec, problems);
        ExecutionRules.check(spec, problems);
        ScheduleRules.check(spec.schedule(), problems);
    }
}
