package dev.isthmus.workers.align;

import ai.djl.ndarray.NDManager;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.HostTensor;
import dev.isthmus.workers.models.PermutationSpec;
import dev.isthmus.workers.models.ResidualStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Weight matching with an orthogonal map of the residual stream (Theus et al. 2025, "Generalized
 * Linear Mode Connectivity for Transformers": permutations ⊂ orthogonal maps of the stream). Both
 * networks are first put in the canonical form of {@link LayerNormFolding}, where any Q with Q·1 =
 * 1 acting on every write (Q·w) and read (W·Qᵀ) of the stream is an exact symmetry. The descent
 * alternates two exact steps, each maximising Σ⟨W_A, π(W_B)⟩:
 *
 * <ol>
 *   <li>permutations: with Q fixed, weight matching over the other groups (MLP units, heads),
 *       warm-started from the previous P;
 *   <li>Procrustes: with the other permutations P fixed, Q = the orthogonal map with Q·1 = 1
 *       maximising tr(QᵀM), M = Σ W_A·P(W_B)ᵀ over every parameter axis on the stream ({@link
 *       Procrustes#fixingOnes}),
 * </ol>
 *
 * until a round gains at most 1e-9 of the objective. It runs from two starts and keeps the better
 * end: Q = the residual permutation found by Git Re-Basin's weight matching over all groups (so the
 * result is never worse than weight matching between canonical forms), and Q = Procrustes on the
 * stream parameters no other permutation touches (embeddings, unembedding), which finds a planted
 * rotation at once. The aligned B is returned in A's parametrisation ({@link
 * LayerNormFolding#inGaugeOf}), so the straight line from A to it is the straight line between the
 * canonical forms.
 */
public final class OrthogonalMatching {
    static final double RELATIVE_TOLERANCE = 1e-9;

    /**
     * Options of one run.
     *
     * @param maxRounds most alternations of the two steps
     * @param maxSweeps most weight-matching sweeps per permutation step
     * @param seed orders the groups in weight matching's sweeps
     */
    public record Options(int maxRounds, int maxSweeps, long seed) {}

    /**
     * What the descent found.
     *
     * @param alignment the permutations other than the stream's, the rounds run (as {@code sweeps})
     *     and the objective Σ⟨W_A, π(W_B)⟩ between canonical forms
     * @param aligned B aligned to A, in A's parametrisation
     * @param rotation Q, (d × d) row-major
     */
    public record Result(
            Alignment alignment, SortedMap<String, HostTensor> aligned, double[] rotation) {}

    private OrthogonalMatching() {}

    public static Result run(
            NDManager manager,
            PermutationSpec spec,
            Map<String, HostTensor> a,
            Map<String, HostTensor> b,
            Options options) {
        ResidualStream stream = spec.residual();
        if (stream == null) {
            throw new BadInputException(
                    "orthogonal: the architecture has no residual stream with an orthogonal"
                            + " symmetry (use weight-matching)");
        }
        Descent descent = new Descent(manager, spec, stream, a, b, options);
        Alignment wm =
                WeightMatching.run(
                        manager,
                        spec,
                        descent.ac,
                        descent.bc,
                        new WeightMatching.Options(options.maxSweeps(), options.seed(), null));
        SortedMap<String, int[]> wmPerms = new TreeMap<>(wm.perms());
        double[] wmQ = Procrustes.permutationMatrix(wmPerms.remove(stream.group()));
        State fromPermutation = descent.run(wmQ, wmPerms);
        State fromFree = descent.run(descent.freeProcrustes(), null);
        State best = fromFree.objective > fromPermutation.objective ? fromFree : fromPermutation;
        SortedMap<String, HostTensor> alignedC = descent.aligned(best);
        return new Result(
                new Alignment(
                        best.perms,
                        fromPermutation.rounds + fromFree.rounds,
                        WeightMatching.objective(descent.ac, alignedC)),
                LayerNormFolding.inGaugeOf(stream, alignedC, a),
                best.q);
    }

    /** Q, the other permutations, the objective there, and the rounds that led there. */
    private record State(
            double[] q, SortedMap<String, int[]> perms, double objective, int rounds) {}

    /** The alternation between the permutation step and the Procrustes step. */
    private static final class Descent {
        final NDManager manager;
        final ResidualStream stream;
        final Options options;
        final SortedMap<String, HostTensor> ac;
        final SortedMap<String, HostTensor> bc;
        final List<PermutationSpec.Axis> axes;
        final PermutationSpec others;

        Descent(
                NDManager manager,
                PermutationSpec spec,
                ResidualStream stream,
                Map<String, HostTensor> a,
                Map<String, HostTensor> b,
                Options options) {
            this.manager = manager;
            this.stream = stream;
            this.options = options;
            this.ac = LayerNormFolding.canonical(stream, a);
            this.bc = LayerNormFolding.canonical(stream, b);
            this.axes = streamAxes(spec, stream);
            this.others = spec.without(stream.group());
        }

        /** From Q (and optionally permutations to warm-start from) to a fixed point. */
        State run(double[] q, SortedMap<String, int[]> start) {
            SortedMap<String, int[]> perms = start;
            double objective = Double.NEGATIVE_INFINITY;
            int rounds = 0;
            while (rounds < options.maxRounds()) {
                rounds++;
                Alignment next =
                        WeightMatching.run(
                                manager,
                                others,
                                ac,
                                rotate(bc, axes, q),
                                new WeightMatching.Options(
                                        options.maxSweeps(), options.seed() + rounds, perms));
                perms = new TreeMap<>(next.perms());
                double[] nextQ = procrustes(Permutations.apply(others, perms, bc), axes);
                double value =
                        WeightMatching.objective(
                                ac, rotate(Permutations.apply(others, perms, bc), axes, nextQ));
                boolean gained =
                        rounds == 1 || value > objective + RELATIVE_TOLERANCE * Math.abs(objective);
                q = nextQ;
                objective = value;
                if (!gained) break;
            }
            return new State(q, perms, objective, rounds);
        }

        /**
         * Q from the stream parameters that no other permutation touches (embeddings, unembedding).
         */
        double[] freeProcrustes() {
            List<PermutationSpec.Axis> free = new ArrayList<>();
            for (PermutationSpec.Axis ax : axes) {
                long permuted =
                        others.axesToPerm().get(ax.param()).stream().filter(p -> p != null).count();
                if (permuted == 0) free.add(ax);
            }
            return procrustes(bc, free);
        }

        /** The Q with Q·1 = 1 maximising Σ⟨W_A, Q·W_B⟩ over the given stream axes. */
        double[] procrustes(Map<String, HostTensor> b, List<PermutationSpec.Axis> over) {
            int d = stream.width();
            double[] m =
                    new double[Math.multiplyExact(d, d)]; // Σ W_A·W_Bᵀ, stream axis first, (d, d)
            for (PermutationSpec.Axis ax : over) {
                AxisMatrix.of(ac.get(ax.param()), ax.axis())
                        .addCrossInto(AxisMatrix.of(b.get(ax.param()), ax.axis()), m);
            }
            return Procrustes.fixingOnes(m, d);
        }

        SortedMap<String, HostTensor> aligned(State s) {
            return Permutations.apply(others, s.perms, rotate(bc, axes, s.q));
        }
    }

    /** Q applied along every stream axis: writes become Q·w, reads W·Qᵀ. */
    public static SortedMap<String, HostTensor> rotate(
            Map<String, HostTensor> params, List<PermutationSpec.Axis> axes, double[] q) {
        SortedMap<String, HostTensor> out = new TreeMap<>(params);
        for (PermutationSpec.Axis ax : axes) {
            HostTensor t = params.get(ax.param());
            out.put(
                    ax.param(),
                    AxisMatrix.of(t, ax.axis()).leftMultiply(q).toTensor(t.shape(), ax.axis()));
        }
        return out;
    }

    /**
     * Every axis the stream's group acts on, except the LayerNorms' own: in canonical form they are
     * 1 and 0, which Q fixes.
     */
    public static List<PermutationSpec.Axis> streamAxes(
            PermutationSpec spec, ResidualStream stream) {
        List<String> norms = new ArrayList<>();
        for (ResidualStream.Norm n : stream.norms()) {
            norms.add(n.weight());
            norms.add(n.bias());
        }
        List<PermutationSpec.Axis> axes = new ArrayList<>();
        for (PermutationSpec.Axis ax : spec.permToAxes().get(stream.group())) {
            if (!norms.contains(ax.param())) axes.add(ax);
        }
        return axes;
    }
}
