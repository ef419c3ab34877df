package dev.isthmus.api.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every word a sweep file accepts for a kind of thing, once: one enum per vocabulary, whose
 * constants spell the YAML's words ({@code WEIGHT_MATCHING} is {@code weight-matching}). Parsing
 * keeps the raw strings, so validation still reports every problem at once with its field; the
 * validator's vocabularies, and the messages listing what is accepted, are built from these enums
 * in declaration order.
 */
public final class Names {
    private Names() {}

    /** A vocabulary word. */
    public interface Word {
        /** The name a sweep file spells: the constant's name in lower case, '_' as '-'. */
        default String wire() {
            return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The names of {@code words}, in declaration order. */
    public static <E extends Enum<E> & Word> List<String> of(Class<E> words) {
        return Arrays.stream(words.getEnumConstants()).map(Word::wire).toList();
    }

    /** The word spelled {@code name}, if any. */
    public static <E extends Enum<E> & Word> Optional<E> parse(Class<E> words, String name) {
        return Arrays.stream(words.getEnumConstants())
                .filter(w -> w.wire().equals(name))
                .findFirst();
    }

    public enum Architecture implements Word {
        MLP,
        RESNET,
        TRANSFORMER,
        ONNX
    }

    public enum Normalization implements Word {
        NONE,
        BATCHNORM,
        LAYERNORM
    }

    public enum Dataset implements Word {
        FASHION_MNIST,
        MODULAR_ADDITION,
        SPARSE_PARITY,
        TENSORS
    }

    public enum EvalSplit implements Word {
        TEST,
        TRAIN
    }

    public enum Optimizer implements Word {
        ADAM,
        SGD
    }

    public enum Alignment implements Word {
        NONE,
        WEIGHT_MATCHING,
        ACTIVATION_MATCHING,
        ORTHOGONAL
    }

    /** How {@code isthmus merge} brings k checkpoints into one frame before averaging them. */
    public enum MergeAlignment implements Word {
        NONE,
        WEIGHT_MATCHING,
        MERGE_MANY
    }

    public enum WarmStart implements Word {
        NONE,
        ACTIVATION_MATCHING
    }

    public enum Repair implements Word {
        NONE,
        RESET,
        REPAIR
    }

    public enum Path implements Word {
        LINEAR,
        BEZIER
    }

    public enum Metric implements Word {
        LOSS,
        ACCURACY,
        DECOMPOSITION,
        ATTRIBUTION,
        CKA,
        CONFIDENCE,
        BASINS,
        ENSEMBLE
    }

    public enum Linkage implements Word {
        SINGLE,
        AVERAGE,
        COMPLETE
    }

    public enum Device implements Word {
        AUTO,
        CPU,
        GPU
    }
}
