package dev.isthmus.workers.models;

import dev.isthmus.workers.io.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@link Transformer}'s parameters: PyTorch {@code state_dict} names and shapes, PyTorch's default
 * initialisation, and the symmetries that act on them.
 *
 * <pre>
 * embed.weight                (p+1, d)     pos_embed.weight         (3, d)
 * blocks.{l}.ln1.weight/bias  (d)          blocks.{l}.ln2.weight/bias  (d)
 * blocks.{l}.attn.q|k|v.weight (d, d)      blocks.{l}.attn.q|k|v.bias  (d)    rows head by head
 * blocks.{l}.attn.o.weight    (d, d)       blocks.{l}.attn.o.bias      (d)    columns head by head
 * blocks.{l}.mlp.fc1.weight   (d_mlp, d)   blocks.{l}.mlp.fc1.bias     (d_mlp)
 * blocks.{l}.mlp.fc2.weight   (d, d_mlp)   blocks.{l}.mlp.fc2.bias     (d)
 * ln_f.weight/bias            (d)          unembed.weight (p, d), unembed.bias (p)
 * </pre>
 */
public final class TransformerNames {
    public static final String EMBED = "embed.weight";
    public static final String POS_EMBED = "pos_embed.weight";
    public static final String LN_F = "ln_f";
    public static final String UNEMBED = "unembed";

    /** The residual stream's permutation group (and, for {@code orthogonal}, its rotation). */
    public static final String RESIDUAL = "P_residual";

    private TransformerNames() {}

    /** {@code blocks.{l}.}, the prefix of block l's parameters. */
    public static String block(int l) {
        return "blocks." + l + ".";
    }

    /** Permutes the MLP units of block l. */
    public static String mlpGroup(int l) {
        return "P_" + l + "_mlp";
    }

    /** Permutes heads, and dimensions within each head, of block l's queries and keys. */
    public static String qkGroup(int l) {
        return "P_" + l + "_qk";
    }

    /** Permutes heads, and dimensions within each head, of block l's values and output. */
    public static String voGroup(int l) {
        return "P_" + l + "_vo";
    }

    /** The head order shared by {@link #qkGroup} and {@link #voGroup} of block l. */
    public static String headsOf(int l) {
        return "heads_" + l;
    }

    static List<String> forwardOrder(Transformer t) {
        List<String> names = new ArrayList<>(List.of(EMBED, POS_EMBED));
        for (int l = 0; l < t.layers(); l++) {
            String p = block(l);
            for (String s : new String[] {"ln1", "attn.q", "attn.k", "attn.v", "attn.o", "ln2"}) {
                names.add(p + s + ".weight");
                names.add(p + s + ".bias");
            }
            for (String s : new String[] {"mlp.fc1", "mlp.fc2"}) {
                names.add(p + s + ".weight");
                names.add(p + s + ".bias");
            }
        }
        names.addAll(List.of(LN_F + ".weight", LN_F + ".bias", UNEMBED + ".weight"));
        names.add(UNEMBED + ".bias");
        return names;
    }

    static SortedMap<String, long[]> shapes(Transformer t) {
        long d = t.dModel();
        long p = t.modulus();
        SortedMap<String, long[]> s = new TreeMap<>();
        s.put(EMBED, new long[] {p + 1, d});
        s.put(POS_EMBED, new long[] {Transformer.CONTEXT, d});
        for (int l = 0; l < t.layers(); l++) {
            String b = block(l);
            for (String n : new String[] {"ln1", "ln2"}) {
                s.put(b + n + ".weight", new long[] {d});
                s.put(b + n + ".bias", new long[] {d});
            }
            for (String n : new String[] {"attn.q", "attn.k", "attn.v", "attn.o"}) {
                s.put(b + n + ".weight", new long[] {d, d});
                s.put(b + n + ".bias", new long[] {d});
            }
            s.put(b + "mlp.fc1.weight", new long[] {t.dMlp(), d});
            s.put(b + "mlp.fc1.bias", new long[] {t.dMlp()});
            s.put(b + "mlp.fc2.weight", new long[] {d, t.dMlp()});
            s.put(b + "mlp.fc2.bias", new long[] {d});
        }
        s.put(LN_F + ".weight", new long[] {d});
        s.put(LN_F + ".bias", new long[] {d});
        s.put(UNEMBED + ".weight", new long[] {p, d});
        s.put(UNEMBED + ".bias", new long[] {p});
        return s;
    }

    /** PyTorch's default initialisation of the module owning {@code name}. */
    static HostTensor initial(
            String name, long[] shape, int dModel, int dMlp, SplittableRandom rng) {
        int size = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        float[] v = new float[size];
        if (name.equals(EMBED) || name.equals(POS_EMBED)) {
            for (int i = 0; i < size; i++) v[i] = (float) gaussian(rng); // nn.Embedding
        } else if (name.startsWith(LN_F) || name.contains(".ln1.") || name.contains(".ln2.")) {
            if (name.endsWith(".weight")) Arrays.fill(v, 1f); // nn.LayerNorm
        } else {
            int fanIn = name.contains("mlp.fc2") ? dMlp : dModel; // nn.Linear
            double bound = 1 / Math.sqrt(fanIn);
            for (int i = 0; i < size; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return HostTensor.ofFloats(shape, v);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(); // (0, 1]
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /**
     * Per block: the MLP units ({@code P_l_mlp}); heads as blocks of d_head rows, shared by the
     * query/key rows ({@code P_l_qk}) and the value rows and output columns ({@code P_l_vo}), each
     * also permuting dimensions within a head; and one permutation of the residual stream ({@code
     * P_residual}) across all blocks, which is also the {@link ResidualStream}.
     */
    static PermutationSpec permutationSpec(Transformer t) {
        String r = RESIDUAL;
        SortedMap<String, List<String>> axes = new TreeMap<>();
        SortedMap<String, PermutationSpec.Blocked> blocked = new TreeMap<>();
        List<ResidualStream.Norm> norms = new ArrayList<>();
        List<ResidualStream.Writer> writers = new ArrayList<>();
        axes.put(EMBED, Arrays.asList(null, r));
        axes.put(POS_EMBED, Arrays.asList(null, r));
        writers.add(new ResidualStream.Writer(EMBED, 1));
        writers.add(new ResidualStream.Writer(POS_EMBED, 1));
        for (int l = 0; l < t.layers(); l++) {
            String b = block(l);
            String qk = qkGroup(l);
            String vo = voGroup(l);
            String mlp = mlpGroup(l);
            for (String n : new String[] {"ln1", "ln2"}) {
                axes.put(b + n + ".weight", List.of(r));
                axes.put(b + n + ".bias", List.of(r));
            }
            put(axes, b + "attn.q", qk, r);
            put(axes, b + "attn.k", qk, r);
            put(axes, b + "attn.v", vo, r);
            axes.put(b + "attn.o.weight", List.of(r, vo));
            axes.put(b + "attn.o.bias", List.of(r));
            put(axes, b + "mlp.fc1", mlp, r);
            axes.put(b + "mlp.fc2.weight", List.of(r, mlp));
            axes.put(b + "mlp.fc2.bias", List.of(r));
            blocked.put(qk, new PermutationSpec.Blocked(headsOf(l), t.dHead()));
            blocked.put(vo, new PermutationSpec.Blocked(headsOf(l), t.dHead()));
            norms.add(norm(b + "ln1", b + "attn.q", b + "attn.k", b + "attn.v"));
            norms.add(norm(b + "ln2", b + "mlp.fc1"));
            for (String w :
                    new String[] {
                        "attn.o.weight", "attn.o.bias", "mlp.fc2.weight", "mlp.fc2.bias"
                    }) {
                writers.add(new ResidualStream.Writer(b + w, 0));
            }
        }
        axes.put(LN_F + ".weight", List.of(r));
        axes.put(LN_F + ".bias", List.of(r));
        axes.put(UNEMBED + ".weight", Arrays.asList(null, r));
        axes.put(UNEMBED + ".bias", Arrays.asList((String) null));
        norms.add(norm(LN_F, UNEMBED));
        return new PermutationSpec(
                axes, blocked, new ResidualStream(r, t.dModel(), norms, writers));
    }

    /** A linear layer whose output axis is permuted by {@code out} and input axis by {@code in}. */
    private static void put(SortedMap<String, List<String>> axes, String p, String out, String in) {
        axes.put(p + ".weight", List.of(out, in));
        axes.put(p + ".bias", List.of(out));
    }

    private static ResidualStream.Norm norm(String ln, String... readers) {
        List<ResidualStream.Linear> linears = new ArrayList<>();
        for (String x : readers) linears.add(new ResidualStream.Linear(x + ".weight", x + ".bias"));
        return new ResidualStream.Norm(ln + ".weight", ln + ".bias", linears);
    }
}
