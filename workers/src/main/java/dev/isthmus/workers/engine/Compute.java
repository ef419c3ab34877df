package dev.isthmus.workers.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.isthmus.api.validation.BadInputException;
import java.util.Locale;

/**
 * Opens DJL's PyTorch engine offline with a fixed number of compute threads (results are
 * reproducible only for a fixed thread count) and picks the device: {@code auto} takes a GPU when
 * the engine sees one.
 */
public final class Compute {

    private static volatile Integer configuredThreads;

    /** The thread count this thread's kernels were given, once {@link #bindThread} ran on it. */
    private static final ThreadLocal<Integer> BOUND = new ThreadLocal<>();

    private Compute() {}

    /**
     * Loads the engine with {@code threads} intra-op threads. The thread count is process-wide and
     * fixed at first load: asking for another count later is an error, not a silent change.
     */
    public static synchronized Engine engine(int threads) {
        if (configuredThreads == null) {
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            configuredThreads = threads;
        } else if (configuredThreads != threads) {
            throw new IllegalStateException(
                    "the compute engine already runs with "
                            + configuredThreads
                            + " thread(s); cannot switch to "
                            + threads
                            + " in the same process");
        }
        return Engine.getEngine("PyTorch");
    }

    /**
     * Gives the calling thread's kernels the engine's thread count. libtorch applies its count to
     * the thread that loaded it: OpenMP's and oneMKL's counts are per thread ({@code
     * omp_set_num_threads}, {@code mkl_set_num_threads_local}), and a thread that never set them
     * uses one per core. A matrix product's bits depend on how many threads split it (seen with
     * oneMKL on an Intel Xeon, with AVX-512 or AVX2 kernels alike), so a task run on a pool thread
     * gave other bits than the same task on the main thread. Every thread that runs a task calls
     * this first; it costs one native call per thread.
     */
    public static void bindThread() {
        Integer threads = configuredThreads;
        if (threads == null || threads.equals(BOUND.get())) return;
        JniUtils.setNumThreads(threads);
        BOUND.set(threads);
    }

    /** The device for {@code execution.device}: auto, cpu or gpu. */
    public static Device device(String requested, int threads) {
        Engine engine = engine(threads);
        String d = requested == null ? "auto" : requested.toLowerCase(Locale.ROOT);
        return switch (d) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (engine.getGpuCount() == 0) {
                    throw new BadInputException(
                            "spec.execution.device: gpu requested but the PyTorch engine sees no"
                                    + " GPU (use auto or cpu)");
                }
                yield Device.gpu();
            }
            case "auto" -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            default ->
                    throw new BadInputException(
                            "spec.execution.device: expected auto, cpu or gpu, got " + requested);
        };
    }

    /**
     * A new CPU root manager on the engine as it is loaded, or, when nothing has loaded it yet,
     * with one thread per core (for work outside a sweep's compute settings, such as a model's
     * self-test).
     */
    public static synchronized NDManager cpuManager() {
        int threads =
                configuredThreads != null
                        ? configuredThreads
                        : Runtime.getRuntime().availableProcessors();
        return engine(threads).newBaseManager(Device.cpu());
    }

    /** A new root manager on the given device; close it when the command ends. */
    public static NDManager manager(Device device, int threads) {
        return engine(threads).newBaseManager(device);
    }
}
