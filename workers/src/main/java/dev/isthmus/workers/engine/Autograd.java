package dev.isthmus.workers.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Gradient recording per thread. libtorch's grad mode is thread-local and on by default in new
 * threads, while DJL's {@code GradientCollector} allows one collector per process: concurrent
 * training tasks therefore switch grad mode on their own thread around the forward pass only, and
 * keep it off everywhere else (in-place parameter updates, evaluation).
 */
public final class Autograd {
    private Autograd() {}

    /** Stops recording on the calling thread; call at the start of every task. */
    public static void off() {
        JniUtils.setGradMode(false);
    }

    /** Runs {@code forward} with recording on and back-propagates the scalar it returns. */
    public static NDArray backward(Supplier<NDArray> forward) {
        JniUtils.setGradMode(true);
        try {
            NDArray loss = forward.get();
            try (NDArray seed = loss.onesLike()) {
                JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
            }
            return loss;
        } finally {
            JniUtils.setGradMode(false);
        }
    }

    /** Resets a parameter's accumulated gradient to zero. */
    public static void zeroGradient(NDArray param) {
        JniUtils.zeroGrad((PtNDArray) param);
    }
}
