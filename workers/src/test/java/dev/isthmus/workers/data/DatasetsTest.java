package dev.isthmus.workers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.spec.DatasetSpec;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch by name, spec validation, and the train/eval example limits. */
class DatasetsTest {
    /** 10 rows of one feature whose value is the row number, labelled row % 2. */
    private static final Dataset TEN =
            new Dataset("ten", rows(0, 10), rows(100, 10), 1, 2, "ten rows");

    @Test
    void trainExamplesKeepsTheFirstRows() {
        Dataset d = Datasets.restrict(TEN, 4, null, false, 0);
        assertArrayEquals(new float[] {0, 1, 2, 3}, d.train().x());
        assertArrayEquals(new int[] {0, 1, 0, 1}, d.train().y());
        assertSame(TEN.eval(), d.eval());
    }

    @Test
    void evalExamplesPicksASeededSubsetInAscendingOrder() {
        Dataset a = Datasets.restrict(TEN, null, 5, false, 1);
        Dataset b = Datasets.restrict(TEN, null, 5, false, 1);
        assertArrayEquals(a.eval().x(), b.eval().x());
        float[] x = a.eval().x();
        assertEquals(5, x.length);
        for (int i = 1; i < x.length; i++) {
            assertTrue(x[i - 1] < x[i], Arrays.toString(x));
        }
        assertTrue(x[0] >= 100, "rows come from the test split: " + Arrays.toString(x));
    }

    @Test
    void evalSeedChangesTheSubset() {
        boolean differs = false;
        float[] first = Datasets.restrict(TEN, null, 5, false, 0).eval().x();
        for (long seed = 1; seed < 5; seed++) {
            differs |=
                    !Arrays.equals(first, Datasets.restrict(TEN, null, 5, false, seed).eval().x());
        }
        assertTrue(differs);
    }

    @Test
    void evalOnTrainSamplesTheKeptTrainingRows() {
        Dataset d = Datasets.restrict(TEN, 6, 3, true, 0);
        for (float v : d.eval().x()) {
            assertTrue(v < 6, "value " + v);
        }
        assertEquals(3, d.eval().size());
    }

    @Test
    void evalExamplesBeyondTheSplitKeepsItWhole() {
        assertSame(TEN.eval(), Datasets.restrict(TEN, null, 50, false, 0).eval());
    }

    @Test
    void trainExamplesBeyondTheSplitIsRejected() {
        DatasetException e =
                assertThrows(
                        DatasetException.class, () -> Datasets.restrict(TEN, 11, null, false, 0));
        assertEquals(
                "spec.dataset.trainExamples: expected 1..10 (the ten training split), got 11",
                e.getMessage());
    }

    @Test
    void unknownNameIsRejected() {
        DatasetException e =
                assertThrows(DatasetException.class, () -> Datasets.load(named("cifar-10"), null));
        assertEquals(
                "spec.dataset.name: expected fashion-mnist, modular-addition, sparse-parity or"
                        + " tensors, got cifar-10",
                e.getMessage());
    }

    @Test
    void unknownEvalSplitIsRejected() {
        DatasetSpec spec =
                new DatasetSpec(
                        "modular-addition", null, null, null, "val", null, null, null, null);
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.load(spec, null));
        assertEquals("spec.dataset.evalSplit: expected test or train, got val", e.getMessage());
    }

    @Test
    void missingFashionMnistFolderNamesTheDebianPackage(@TempDir Path dir) {
        Path missing = dir.resolve("fmnist");
        DatasetSpec spec =
                new DatasetSpec(
                        "fashion-mnist",
                        missing.toString(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.load(spec, null));
        assertTrue(
                e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aRelativeFashionMnistFolderResolvesAgainstTheGivenBase(@TempDir Path dir)
            throws Exception {
        // A cluster pod's working directory is not the claim: the path must resolve against the
        // base the sweep gives (the claim's mount, or the sweep file's folder), not the process's.
        java.nio.file.Files.createDirectories(dir.resolve("datasets"));
        java.nio.file.Files.createSymbolicLink(
                dir.resolve("datasets/fashion-mnist"), Path.of(FashionMnist.DEFAULT_PATH));
        DatasetSpec spec =
                new DatasetSpec(
                        "fashion-mnist",
                        "datasets/fashion-mnist",
                        null,
                        100,
                        null,
                        null,
                        null,
                        null,
                        null);
        Dataset data = Datasets.load(spec, null, dir);
        assertEquals(100, data.eval().y().length);
        assertTrue(data.description().contains(dir.resolve("datasets/fashion-mnist").toString()));
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.load(spec, null));
        assertTrue(e.getMessage().contains("datasets/fashion-mnist"), e.getMessage());
    }

    @Test
    void subsetCopiesTheRequestedRows() {
        Split s = new Split(new float[] {0, 1, 2, 3, 4, 5}, new int[] {7, 8, 9}, 3, 2);
        Split picked = s.subset(new int[] {2, 0});
        assertArrayEquals(new float[] {4, 5, 0, 1}, picked.x());
        assertArrayEquals(new int[] {9, 7}, picked.y());
        assertThrows(IllegalArgumentException.class, () -> s.subset(new int[] {3}));
    }

    private static DatasetSpec named(String name) {
        return new DatasetSpec(name, null, null, null, null, null, null, null, null);
    }

    private static Split rows(int first, int n) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = first + i;
            y[i] = i % 2;
        }
        return new Split(x, y, n, 1);
    }
}
