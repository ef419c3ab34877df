package dev.isthmus.workers.models;

import dev.isthmus.api.validation.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * One basic block of a {@link ResNet}: {@code layer{group}.{index}}, two 3×3 convolutions from
 * {@code in} to {@code out} channels, the first with {@code stride}, and a 1×1 projection shortcut
 * when the shape changes.
 */
record ResNetBlock(int group, int index, int in, int out, int stride) {

    /** The blocks of a depth-(6n+2) network: three groups of n, channels 16/32/64 × width. */
    static List<ResNetBlock> layout(int depth, int width) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new BadInputException(
                    "spec.model.depth: must be 6n+2 with n >= 1 (8, 14, 20, 32, ...), got "
                            + depth);
        }
        if (width < 1) {
            throw new BadInputException("spec.model.width: must be >= 1, got " + width);
        }
        int n = (depth - 2) / 6;
        List<ResNetBlock> blocks = new ArrayList<>();
        int in = stemChannels(width);
        for (int group = 1; group <= 3; group++) {
            int out = stemChannels(width) << (group - 1); // 16, 32, 64 (× width)
            for (int index = 0; index < n; index++) {
                int stride = group > 1 && index == 0 ? 2 : 1;
                blocks.add(new ResNetBlock(group, index, in, out, stride));
                in = out;
            }
        }
        return List.copyOf(blocks);
    }

    static int stemChannels(int width) {
        return 16 * width;
    }

    /** A tensor or module name inside this block, such as {@code layer2.0.conv1}. */
    String name(String suffix) {
        return "layer" + group + "." + index + "." + suffix;
    }

    /** Whether the shortcut is a 1×1 convolution with its normalization (option B). */
    boolean projection() {
        return stride != 1 || in != out;
    }

    /** The residual stream permutation of the block's input. */
    String inPerm() {
        return ResNet.stream(index == 0 && group > 1 ? group - 1 : group);
    }

    /** The residual stream permutation of the block's output (its group's stream). */
    String outPerm() {
        return ResNet.stream(group);
    }

    /** The permutation of the channels between the block's two convolutions. */
    String innerPerm() {
        return "P_" + name("conv1");
    }
}
