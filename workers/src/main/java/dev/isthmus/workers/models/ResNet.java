package dev.isthmus.workers.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.io.HostTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The CIFAR ResNet family of He et al. 2016 (§4.2: depth 6n+2, three groups of n basic blocks with
 * 16/32/64 × width channels, stride 2 at the first block of groups 2 and 3, global average pooling,
 * a linear classifier) on square images given flattened as (n, channels·side·side). Tensor names
 * are the {@code state_dict} names of akamaster/pytorch_resnet_cifar10's {@code resnet.py} with
 * option-B shortcuts ({@code conv1}, {@code bn1}, {@code layer{g}.{b}.conv1|bn1|conv2|bn2}, {@code
 * layer{g}.0.shortcut.0|1}, {@code linear}); see {@link Norm} for the normalizations.
 */
public final class ResNet implements Model {
    private final int channels;
    private final int classes;
    private final int depth;
    private final int width;
    private final Norm norm;
    private final List<ResNetBlock> blocks;

    public ResNet(int channels, int classes, int depth, int width, String normalization) {
        this.channels = channels;
        this.classes = classes;
        this.depth = depth;
        this.width = width;
        this.norm = Norm.of(normalization);
        this.blocks = ResNetBlock.layout(depth, width);
    }

    /** The residual stream permutation of group {@code g} (1..3); group 1's includes the stem. */
    public static String stream(int group) {
        return "P_layer" + group;
    }

    private int features() {
        return ResNetBlock.stemChannels(width) * 4;
    }

    @Override
    public SortedMap<String, long[]> parameterShapes() {
        SortedMap<String, long[]> s = new TreeMap<>();
        int stem = ResNetBlock.stemChannels(width);
        conv(s, "conv1", stem, channels, 3);
        norm.shapes("bn1.", stem, s);
        for (ResNetBlock b : blocks) {
            conv(s, b.name("conv1"), b.out(), b.in(), 3);
            norm.shapes(b.name("bn1."), b.out(), s);
            conv(s, b.name("conv2"), b.out(), b.out(), 3);
            norm.shapes(b.name("bn2."), b.out(), s);
            if (b.projection()) {
                conv(s, b.name("shortcut.0"), b.out(), b.in(), 1);
                norm.shapes(b.name("shortcut.1."), b.out(), s);
            }
        }
        s.put("linear.weight", new long[] {classes, features()});
        s.put("linear.bias", new long[] {classes});
        return s;
    }

    private void conv(SortedMap<String, long[]> s, String name, int out, int in, int k) {
        s.put(name + ".weight", new long[] {out, in, k, k});
        if (norm == Norm.NONE) s.put(name + ".bias", new long[] {out});
    }

    /**
     * As akamaster's {@code _weights_init}: Kaiming-normal weights (std √(2 / fan_in)) for every
     * convolution and the classifier; PyTorch's default U(±1/√fan_in) biases; norms at 1 and 0.
     */
    @Override
    public SortedMap<String, HostTensor> initialise(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SortedMap<String, HostTensor> out = new TreeMap<>();
        SortedMap<String, long[]> shapes = parameterShapes();
        shapes.forEach( // in name order: deterministic
                (name, shape) -> {
                    long[] weight = shapes.get(name.replaceFirst("bias$", "weight"));
                    if (shape.length > 1) {
                        out.put(name, Init.normal(rng, shape, Math.sqrt(2.0 / Init.fanIn(shape))));
                    } else if (name.endsWith(".bias") && weight.length > 1) {
                        out.put(name, Init.uniform(rng, shape, 1 / Math.sqrt(Init.fanIn(weight))));
                    }
                });
        norm.initialise("bn1.", ResNetBlock.stemChannels(width), out);
        for (ResNetBlock b : blocks) {
            norm.initialise(b.name("bn1."), b.out(), out);
            norm.initialise(b.name("bn2."), b.out(), out);
            if (b.projection()) norm.initialise(b.name("shortcut.1."), b.out(), out);
        }
        return out;
    }

    @Override
    public NDArray forward(Params params, NDArray x) {
        return run(params, x, null, null, null);
    }

    @Override
    public TrainForward forwardTrain(Params params, NDArray x, double momentum) {
        SortedMap<String, NDArray> buffers = new TreeMap<>();
        NDArray logits = run(params, x, norm == Norm.BATCHNORM ? momentum : null, buffers, null);
        return new TrainForward(logits, buffers);
    }

    /**
     * The network on {@code x} (n, features). Evaluation ({@code buffers} null) frees each block's
     * intermediate arrays as it goes; training keeps them for the backward pass.
     *
     * @param momentum null: BatchNorm uses running statistics; else batch statistics
     * @param buffers receives updated running statistics (training), or null
     * @param acts receives per-permutation channel means (n, C), or null
     */
    private NDArray run(
            Params p,
            NDArray x,
            Double momentum,
            SortedMap<String, NDArray> buffers,
            Map<String, List<NDArray>> acts) {
        boolean free = buffers == null && acts == null;
        NDArray h = image(x); // (n, c, side, side)
        h = conv(p, "conv1", h, 1, 1); // (n, 16w, side, side)
        h = Activation.relu(norm.apply(p, "bn1.", h, momentum, buffers));
        record(acts, stream(1), h);
        for (ResNetBlock b : blocks) {
            if (!free) {
                h = block(p, b, h, momentum, buffers, acts);
                continue;
            }
            NDArray out;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                out = block(p, b, h, null, null, null);
                NDScope.unregister(out);
            }
            NDScope.register(out); // owned by the caller's scope, if any
            h.close(); // the previous block's output (or the stem's): no longer needed
            h = out;
        }
        long n = h.getShape().get(0);
        NDArray pooled = h.reshape(n, features(), -1).mean(new int[] {2}); // (n, 64w)
        NDArray w = p.get("linear.weight"); // (classes, 64w)
        return pooled.matMul(w.transpose()).add(p.get("linear.bias")); // (n, classes)
    }

    private NDArray block(
            Params p,
            ResNetBlock b,
            NDArray x,
            Double momentum,
            SortedMap<String, NDArray> buffers,
            Map<String, List<NDArray>> acts) {
        NDArray h = conv(p, b.name("conv1"), x, b.stride(), 1); // (n, out, side/stride, ...)
        h = Activation.relu(norm.apply(p, b.name("bn1."), h, momentum, buffers));
        record(acts, b.innerPerm(), h);
        h = conv(p, b.name("conv2"), h, 1, 1);
        h = norm.apply(p, b.name("bn2."), h, momentum, buffers);
        NDArray shortcut = x; // identity: same shape
        if (b.projection()) {
            shortcut = conv(p, b.name("shortcut.0"), x, b.stride(), 0); // 1×1, (n, out, ...)
            shortcut = norm.apply(p, b.name("shortcut.1."), shortcut, momentum, buffers);
        }
        NDArray out = Activation.relu(h.add(shortcut));
        record(acts, b.outPerm(), out);
        return out;
    }

    private NDArray conv(Params p, String name, NDArray x, int stride, int padding) {
        NDArray bias = norm == Norm.NONE ? p.get(name + ".bias") : null;
        return Conv2d.conv2d(
                        x,
                        p.get(name + ".weight"),
                        bias,
                        new Shape(stride, stride),
                        new Shape(padding, padding))
                .singletonOrThrow();
    }

    /** (n, channels·side²) → (n, channels, side, side). */
    private NDArray image(NDArray x) {
        long n = x.getShape().get(0);
        long f = x.getShape().get(1);
        long side = Math.round(Math.sqrt((double) f / channels));
        if (side * side * channels != f) {
            throw new BadInputException(
                    "resnet: expected square images with "
                            + channels
                            + " channel(s) given flattened, got "
                            + f
                            + " features per example");
        }
        return x.reshape(n, channels, side, side);
    }

    private static void record(Map<String, List<NDArray>> acts, String perm, NDArray h) {
        if (acts != null)
            acts.computeIfAbsent(perm, k -> new ArrayList<>()).add(ChannelMeans.of(h));
    }

    /**
     * Git Re-Basin's ResNet spec: one permutation per group's residual stream (the stem, every
     * block's conv2/bn2 output and shortcut, and the inputs of the next convolutions), one per
     * block between its two convolutions; norms follow their convolution's output channels.
     */
    @Override
    public PermutationSpec permutationSpec() {
        SortedMap<String, List<String>> axes = new TreeMap<>();
        convAxes(axes, "conv1", stream(1), null);
        norm.axes("bn1.", stream(1), axes);
        for (ResNetBlock b : blocks) {
            convAxes(axes, b.name("conv1"), b.innerPerm(), b.inPerm());
            norm.axes(b.name("bn1."), b.innerPerm(), axes);
            convAxes(axes, b.name("conv2"), b.outPerm(), b.innerPerm());
            norm.axes(b.name("bn2."), b.outPerm(), axes);
            if (b.projection()) {
                convAxes(axes, b.name("shortcut.0"), b.outPerm(), b.inPerm());
                norm.axes(b.name("shortcut.1."), b.outPerm(), axes);
            }
        }
        axes.put("linear.weight", Arrays.asList(null, stream(3)));
        axes.put("linear.bias", Collections.singletonList(null));
        return new PermutationSpec(axes);
    }

    private void convAxes(
            SortedMap<String, List<String>> axes, String name, String out, String in) {
        axes.put(name + ".weight", Arrays.asList(out, in, null, null)); // (out, in, kh, kw)
        if (norm == Norm.NONE) axes.put(name + ".bias", List.of(out));
    }

    /**
     * Per permutation, each example's channel means over H×W at every point the permutation acts
     * on, in evaluation mode: the inner ReLU output of a block for its own permutation; the stem
     * and every block output of a group, stacked as rows, for the group's stream.
     */
    @Override
    public SortedMap<String, NDArray> activations(Params params, NDArray x) {
        return ChannelMeans.collect(x, (chunk, acts) -> run(params, chunk, null, null, acts));
    }

    @Override
    public Set<String> buffers() {
        Set<String> out = new LinkedHashSet<>();
        norm.buffers("bn1.", out);
        for (ResNetBlock b : blocks) {
            norm.buffers(b.name("bn1."), out);
            norm.buffers(b.name("bn2."), out);
            if (b.projection()) norm.buffers(b.name("shortcut.1."), out);
        }
        return Collections.unmodifiableSet(out);
    }

    @Override
    public Set<String> integerBuffers() {
        Set<String> out = new LinkedHashSet<>();
        for (String b : buffers()) if (b.endsWith(Norm.NUM_BATCHES_TRACKED)) out.add(b);
        return Collections.unmodifiableSet(out);
    }

    @Override
    public String describe() {
        int c = ResNetBlock.stemChannels(width);
        return String.format(
                java.util.Locale.ROOT,
                "resnet%d %d/%d/%d channels %s, %d input channel(s), %d classes",
                depth,
                c,
                2 * c,
                4 * c,
                norm.specName(),
                channels,
                classes);
    }
}
