package dev.isthmus.workers.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.isthmus.workers.progress.Progress;
import java.util.ArrayList;
import java.util.List;

/** A progress sink that records how many arrays a manager holds after every training step. */
final class LiveArrays implements Progress {
    private final NDManager manager;
    final List<Integer> counts = new ArrayList<>();

    LiveArrays(NDManager manager) {
        this.manager = manager;
    }

    @Override
    public void start(String label, long total) {}

    @Override
    public void update(long done) {
        counts.add(manager.getManagedArrays().size());
    }

    @Override
    public void finish(String summary) {}

    /** The count after the last step equals the count after the first: nothing piled up. */
    void assertLevel() {
        assertEquals(
                counts.get(0), counts.get(counts.size() - 1), "arrays alive per step: " + counts);
    }
}
