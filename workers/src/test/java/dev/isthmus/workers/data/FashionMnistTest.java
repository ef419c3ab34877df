package dev.isthmus.workers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.api.spec.SeedsSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Fashion-MNIST from Debian's dataset-fashion-mnist package. */
class FashionMnistTest {
    private static Dataset dataset;

    @BeforeAll
    static void load() {
        long start = System.nanoTime();
        dataset = Datasets.load(spec(null, null), null);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Fashion-MNIST loaded in %.2f s%n", seconds);
        assertTrue(seconds < 15, "loading took " + seconds + " s");
    }

    @Test
    void hasTheFullSplitsOfFlattenedImages() {
        assertEquals(60000, dataset.train().size());
        assertEquals(10000, dataset.eval().size());
        assertEquals(784, dataset.features());
        assertEquals(10, dataset.classes());
        assertEquals(60000 * 784, dataset.train().x().length);
    }

    @Test
    void everyClassAppearsEquallyOften() {
        assertArrayEquals(filled(6000), classCounts(dataset.train()));
        assertArrayEquals(filled(1000), classCounts(dataset.eval()));
    }

    @Test
    void trainingPixelsAreStandardised() {
        float[] x = dataset.train().x();
        double sum = 0;
        double squares = 0;
        for (float v : x) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / x.length;
        double std = Math.sqrt(squares / x.length - mean * mean);
        assertEquals(0, mean, 0.001);
        assertEquals(1, std, 0.001);
    }

    @Test
    void secondLoadReusesTheCachedArrays() {
        Dataset again = Datasets.load(spec(null, null), new SeedsSpec(5L, 6L, null));
        assertSame(dataset.train().x(), again.train().x());
        assertSame(dataset.eval().x(), again.eval().x());
    }

    @Test
    void evalSplitTrainEvaluatesOnTheTrainingRows() {
        DatasetSpec spec =
                new DatasetSpec("fashion-mnist", null, 1000, null, "train", null, null, null, null);
        Dataset onTrain = Datasets.load(spec, null);
        assertEquals(1000, onTrain.train().size());
        assertSame(onTrain.train(), onTrain.eval());
    }

    @Test
    void subsetsAreDeterministicAndFollowTheEvalSeed() {
        Dataset a = Datasets.load(spec(1000, 500), new SeedsSpec(0L, 1L, null));
        Dataset b = Datasets.load(spec(1000, 500), new SeedsSpec(0L, 1L, null));
        Dataset c = Datasets.load(spec(1000, 500), new SeedsSpec(0L, 2L, null));
        assertEquals(1000, a.train().size());
        assertEquals(500, a.eval().size());
        float[] firstRows = new float[1000 * 784];
        System.arraycopy(dataset.train().x(), 0, firstRows, 0, firstRows.length);
        assertArrayEquals(firstRows, a.train().x());
        assertArrayEquals(a.train().x(), c.train().x());
        assertArrayEquals(a.eval().x(), b.eval().x());
        assertArrayEquals(a.eval().y(), b.eval().y());
        assertTrue(!java.util.Arrays.equals(a.eval().x(), c.eval().x()));
    }

    private static DatasetSpec spec(Integer trainExamples, Integer evalExamples) {
        return new DatasetSpec(
                "fashion-mnist", null, trainExamples, evalExamples, null, null, null, null, null);
    }

    private static int[] classCounts(Split split) {
        int[] counts = new int[10];
        for (int label : split.y()) {
            counts[label]++;
        }
        return counts;
    }

    private static int[] filled(int value) {
        int[] a = new int[10];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
