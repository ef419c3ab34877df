package dev.isthmus.workers.align;

import java.util.SortedMap;

/**
 * The outcome of aligning B to A.
 *
 * @param perms permutation per group: {@code perms.get(p)[i]} is B's unit placed in A's slot i
 * @param sweeps coordinate-descent sweeps run (with weight matching's restarts, those of the
 *     descent kept; 1 for activation matching; for orthogonal, the rounds of permutation and
 *     Procrustes steps over both starts)
 * @param objective the method's objective at the result: Σ⟨W_A, π(W_B)⟩ for weight matching (for
 *     orthogonal, between the LayerNorm-folded networks), the summed activation correlation for
 *     activation matching
 */
public record Alignment(SortedMap<String, int[]> perms, int sweeps, double objective) {}
