package dev.isthmus.workers.align;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.spec.AlignmentSpec;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.data.Split;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.Model;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Runs the alignment method a spec names and measures what it did. */
public final class Aligners {

    /**
     * An aligned B and how it was found.
     *
     * @param alignment the permutations, sweeps and objective
     * @param aligned B with the permutations applied
     * @param distanceBefore ‖θ_A − θ_B‖₂ over all parameters (buffers such as BatchNorm statistics
     *     excluded)
     * @param distanceAfter ‖θ_A − π(θ_B)‖₂
     */
    public record Outcome(
            Alignment alignment,
            SortedMap<String, HostTensor> aligned,
            double distanceBefore,
            double distanceAfter) {}

    /** Most Procrustes/permutation alternations of {@code orthogonal}. */
    static final int MAX_ROUNDS = 100;

    /** Weight-matching sweeps per permutation step of {@code orthogonal}. */
    static final int DEFAULT_MAX_SWEEPS = 100;

    private Aligners() {}

    /**
     * Aligns {@code b} to {@code a}.
     *
     * @param inputs training inputs, read only by methods that use activations
     * @param seed orders the groups in weight matching's sweeps
     */
    public static Outcome align(
            NDManager manager,
            Model model,
            AlignmentSpec method,
            long seed,
            Map<String, HostTensor> a,
            Map<String, HostTensor> b,
            Supplier<Split> inputs) {
        var spec = model.permutationSpec();
        if (AlignmentSpec.ORTHOGONAL.equals(method.type())) {
            return orthogonal(manager, model, method, seed, a, b);
        }
        if (method.usesActivations() && (spec.residual() != null || !spec.blocks().isEmpty())) {
            throw new BadInputException(
                    "activation-matching needs per-unit activations for every permutation group,"
                            + " which the attention heads and residual stream of "
                            + model.describe()
                            + " do not have (use weight-matching or orthogonal)");
        }
        // BatchNorm statistics follow the permutations but are not weights: weight matching's
        // cost, its objective and the distances leave them out (running variances would swamp
        // them).
        Set<String> buffers = model.buffers();
        Alignment result =
                switch (method.type()) {
                    case AlignmentSpec.NONE ->
                            new Alignment(
                                    new TreeMap<>(),
                                    0,
                                    WeightMatching.objective(
                                            without(a, buffers), without(b, buffers)));
                    case AlignmentSpec.ACTIVATION_MATCHING ->
                            ActivationMatching.run(
                                    manager, model, a, b, inputs.get(), method.examples());
                    case AlignmentSpec.WEIGHT_MATCHING -> {
                        Map<String, int[]> start =
                                method.usesActivations()
                                        ? ActivationMatching.run(
                                                        manager,
                                                        model,
                                                        a,
                                                        b,
                                                        inputs.get(),
                                                        method.examples())
                                                .perms()
                                        : null;
                        yield WeightMatching.run(
                                manager,
                                spec.withoutTensors(buffers),
                                without(a, buffers),
                                without(b, buffers),
                                new WeightMatching.Options(
                                        method.maxSweeps(), seed, start, method.descents()));
                    }
                    default ->
                            throw new BadInputException(
                                    "alignment " + method.type() + " is not implemented yet");
                };
        SortedMap<String, HostTensor> aligned =
                result.perms().isEmpty()
                        ? new TreeMap<>(b)
                        : Permutations.apply(spec, result.perms(), b);
        return new Outcome(
                result,
                aligned,
                Permutations.distance(without(a, buffers), without(b, buffers)),
                Permutations.distance(without(a, buffers), without(aligned, buffers)));
    }

    /** The tensors but the named ones. */
    private static Map<String, HostTensor> without(Map<String, HostTensor> t, Set<String> names) {
        if (names.isEmpty()) return t;
        Map<String, HostTensor> kept = new TreeMap<>(t);
        kept.keySet().removeAll(names);
        return kept;
    }

    /** Orthogonal matching; the architecture must have a residual stream. */
    private static Outcome orthogonal(
            NDManager manager,
            Model model,
            AlignmentSpec method,
            long seed,
            Map<String, HostTensor> a,
            Map<String, HostTensor> b) {
        if (model.permutationSpec().residual() == null) {
            throw new BadInputException(
                    "orthogonal rotates a transformer's residual stream, and "
                            + model.describe()
                            + " has no orthogonal symmetry (use weight-matching)");
        }
        int sweeps = method.maxSweeps() == null ? DEFAULT_MAX_SWEEPS : method.maxSweeps();
        OrthogonalMatching.Result r =
                OrthogonalMatching.run(
                        manager,
                        model.permutationSpec(),
                        a,
                        b,
                        new OrthogonalMatching.Options(MAX_ROUNDS, sweeps, seed));
        return new Outcome(
                r.alignment(),
                r.aligned(),
                Permutations.distance(a, b),
                Permutations.distance(a, r.aligned()));
    }
}
