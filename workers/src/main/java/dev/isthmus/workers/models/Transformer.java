package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.engine.HostArrays;
import dev.isthmus.workers.io.HostTensor;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A pre-LayerNorm transformer for modular addition, as in Nanda et al. 2023 ("Progress measures for
 * grokking via mechanistic interpretability"): the sequence is the tokens {@code a}, {@code b} and
 * {@code =} (token id p), embedded with a token embedding (p + 1 rows) plus a learned position
 * embedding, then {@code layers} blocks of causal multi-head self-attention and a ReLU MLP, each
 * reading the residual stream through its own LayerNorm, a final LayerNorm, and an unembedding to p
 * classes read at the last position.
 *
 * <p>Inputs are the modular-addition dataset's features one-hot(a) ++ one-hot(b) (2p columns); the
 * model turns them into one-hot tokens and embeds them with a matrix product, which equals an
 * embedding lookup. Parameter names are the {@code state_dict} names of the PyTorch module in the
 * docs/architectures.md ({@link TransformerNames}); initialisation follows PyTorch's defaults
 * ({@code nn.Embedding}: N(0, 1); {@code nn.Linear}: U(−1/√fan_in, 1/√fan_in) for weight and bias;
 * {@code nn.LayerNorm}: ones and zeros). The last block computes queries, the attention output and
 * the MLP at the last position only, which is all the logits depend on.
 */
public final class Transformer implements Model {
    /** a, b and "=". */
    public static final int CONTEXT = 3;

    public static final float LAYER_NORM_EPS = 1e-5f;

    private final int modulus;
    private final int layers;
    private final int dModel;
    private final int heads;
    private final int dMlp;

    public Transformer(int modulus, int layers, int dModel, int heads, int dMlp) {
        if (modulus < 2 || layers < 1 || heads < 1 || dMlp < 1 || dModel % heads != 0) {
            throw new BadInputException(
                    String.format(
                            "transformer: expected modulus >= 2, layers >= 1, dMlp >= 1 and dModel"
                                    + " a multiple of heads, got modulus %d, layers %d, dModel %d,"
                                    + " heads %d, dMlp %d",
                            modulus, layers, dModel, heads, dMlp));
        }
        this.modulus = modulus;
        this.layers = layers;
        this.dModel = dModel;
        this.heads = heads;
        this.dMlp = dMlp;
    }

    public int modulus() {
        return modulus;
    }

    public int layers() {
        return layers;
    }

    public int dModel() {
        return dModel;
    }

    public int heads() {
        return heads;
    }

    public int dHead() {
        return dModel / heads;
    }

    public int dMlp() {
        return dMlp;
    }

    @Override
    public SortedMap<String, long[]> parameterShapes() {
        return TransformerNames.shapes(this);
    }

    @Override
    public SortedMap<String, HostTensor> initialise(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SortedMap<String, HostTensor> out = new TreeMap<>();
        SortedMap<String, long[]> shapes = parameterShapes();
        for (String name : TransformerNames.forwardOrder(this)) {
            long[] shape = shapes.get(name);
            out.put(name, TransformerNames.initial(name, shape, dModel, dMlp, rng));
        }
        return out;
    }

    @Override
    public NDArray forward(Params params, NDArray x) {
        return run(params, x, null);
    }

    @Override
    public SortedMap<String, NDArray> activations(Params params, NDArray x) {
        SortedMap<String, NDArray> out = new TreeMap<>();
        run(params, x, out);
        return out;
    }

    /** Logits (n, p); when {@code hidden} is given, each block's MLP units at the last position. */
    private NDArray run(Params params, NDArray x, SortedMap<String, NDArray> hidden) {
        NDManager m = x.getManager();
        long n = x.getShape().get(0);
        NDArray h = tokens(m, x).matMul(params.get(TransformerNames.EMBED)); // (n, 3, d)
        h = h.add(params.get(TransformerNames.POS_EMBED)); // (n, 3, d)
        NDArray mask = layers > 1 ? causalMask(m) : null; // (3, 3); the last block needs none
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            h = new TransformerBlock(this, params, l).apply(h, last, last ? null : mask, hidden);
        }
        NDArray z = norm(h, TransformerNames.LN_F, params).reshape(n, dModel); // (n, d)
        return linear(z, TransformerNames.UNEMBED, params); // (n, p)
    }

    /** one-hot(a) ++ one-hot(b), (n, 2p) → one-hot tokens a, b, "=" over p + 1 ids, (n, 3, p+1). */
    private NDArray tokens(NDManager m, NDArray x) {
        long n = x.getShape().get(0);
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != 2L * modulus) {
            throw new BadInputException(
                    "transformer mod "
                            + modulus
                            + ": expected inputs of shape [n, "
                            + 2 * modulus
                            + "] (one-hot(a) ++ one-hot(b)), got "
                            + x.getShape());
        }
        NDArray ab = x.reshape(n, 2, modulus).concat(m.zeros(new Shape(n, 2, 1)), 2); // (n,2,p+1)
        float[] equals = new float[modulus + 1];
        equals[modulus] = 1f;
        NDArray eq =
                HostArrays.of(m, equals, new Shape(1, 1, modulus + 1)).broadcast(n, 1, modulus + 1);
        return ab.concat(eq, 1); // (n, 3, p+1)
    }

    /** 0 on and below the diagonal, −∞ above: position i attends to positions ≤ i. */
    private static NDArray causalMask(NDManager m) {
        float[] mask = new float[CONTEXT * CONTEXT];
        for (int i = 0; i < CONTEXT; i++) {
            for (int j = i + 1; j < CONTEXT; j++) mask[i * CONTEXT + j] = Float.NEGATIVE_INFINITY;
        }
        return HostArrays.of(m, mask, new Shape(CONTEXT, CONTEXT));
    }

    /** LayerNorm over the last axis with the named weight and bias. */
    static NDArray norm(NDArray x, String prefix, Params params) {
        NDArray w = params.get(prefix + ".weight");
        return LayerNorm.layerNorm(x, w.getShape(), w, params.get(prefix + ".bias"), LAYER_NORM_EPS)
                .singletonOrThrow();
    }

    /** {@code nn.Linear}: x (..., in) → (..., out) with weight (out, in) and bias (out). */
    static NDArray linear(NDArray x, String prefix, Params params) {
        return x.matMul(params.get(prefix + ".weight").transpose())
                .add(params.get(prefix + ".bias"));
    }

    /** Rows {@code from..} of the sequence axis: (n, t, d) → (n, t − from, d). */
    static NDArray fromPosition(NDArray x, int from) {
        return x.get(new NDIndex(":, {}:, :", from));
    }

    static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    @Override
    public PermutationSpec permutationSpec() {
        return TransformerNames.permutationSpec(this);
    }

    @Override
    public String describe() {
        return String.format(
                "transformer mod %d: %d layer(s), d_model %d, %d heads, d_mlp %d",
                modulus, layers, dModel, heads, dMlp);
    }
}
