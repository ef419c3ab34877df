package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * One pre-LayerNorm block of {@link Transformer}: {@code h + attn(ln1(h))}, then {@code h +
 * fc2(relu(fc1(ln2(h))))}. Attention is multi-head scaled dot-product attention with per-head
 * query, key and value rows of {@code q}, {@code k}, {@code v} ({@code d_head} rows per head, head
 * by head) and an output projection {@code o} whose columns are laid out the same way.
 */
final class TransformerBlock {
    private final Transformer model;
    private final Params params;
    private final int layer;

    TransformerBlock(Transformer model, Params params, int layer) {
        this.model = model;
        this.params = params;
        this.layer = layer;
    }

    /**
     * Applies the block to {@code h} (n, t, d).
     *
     * @param lastOnly compute only the last position's output, (n, 1, d): its query attends to
     *     every position, so no mask is needed
     * @param mask (t, t) added to the attention scores, or null
     * @param hidden receives the MLP units at the last position, (n, d_mlp), when not null
     */
    NDArray apply(NDArray h, boolean lastOnly, NDArray mask, Map<String, NDArray> hidden) {
        long n = h.getShape().get(0);
        int t = (int) h.getShape().get(1);
        int d = model.dModel();
        String p = TransformerNames.block(layer);
        NDArray a = Transformer.norm(h, p + "ln1", params); // (n, t, d)
        NDArray query = lastOnly ? Transformer.fromPosition(a, t - 1) : a; // (n, tq, d)
        NDArray residual = lastOnly ? Transformer.fromPosition(h, t - 1) : h; // (n, tq, d)
        int tq = (int) query.getShape().get(1);

        NDArray q = heads(Transformer.linear(query, p + "attn.q", params)); // (n, H, tq, dh)
        NDArray k = heads(Transformer.linear(a, p + "attn.k", params)); // (n, H, t, dh)
        NDArray v = heads(Transformer.linear(a, p + "attn.v", params)); // (n, H, t, dh)
        // 1/sqrt(d_head) as an array operand: op(Number) is unsafe under autograd (NOTES.md).
        NDArray scale = h.getManager().create((float) (1 / Math.sqrt(model.dHead())));
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale); // (n, H, tq, t)
        if (mask != null) scores = scores.add(mask);
        NDArray z = scores.softmax(3).matMul(v); // (n, H, tq, dh)
        z = z.transpose(0, 2, 1, 3).reshape(n, tq, d); // (n, tq, d), heads concatenated
        NDArray x = residual.add(Transformer.linear(z, p + "attn.o", params)); // (n, tq, d)

        NDArray m = Transformer.norm(x, p + "ln2", params); // (n, tq, d)
        NDArray u = Transformer.relu(Transformer.linear(m, p + "mlp.fc1", params)); // (n,tq,dm)
        if (hidden != null) {
            NDArray lastUnits = Transformer.fromPosition(u, tq - 1); // (n, 1, d_mlp)
            hidden.put(TransformerNames.mlpGroup(layer), lastUnits.reshape(n, model.dMlp()));
        }
        return x.add(Transformer.linear(u, p + "mlp.fc2", params)); // (n, tq, d)
    }

    /** (n, t, H·dh) → (n, H, t, dh). */
    private NDArray heads(NDArray x) {
        long n = x.getShape().get(0);
        long t = x.getShape().get(1);
        return x.reshape(n, t, model.heads(), model.dHead()).transpose(0, 2, 1, 3);
    }
}
