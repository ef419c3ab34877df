package dev.isthmus.workers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.api.spec.SeedsSpec;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sparse-parity task: labels are the parity of the subset named in the description. */
class SparseParityTest {

    @Test
    void labelsAreTheParityOfTheDescribedSubset() {
        Dataset d = Datasets.load(spec(null, null), new SeedsSpec(9L, null, null));
        int[] subset = subsetFrom(d.description());
        assertEquals(3, subset.length);
        for (Split split : new Split[] {d.train(), d.eval()}) {
            for (int i = 0; i < split.size(); i++) {
                int minusOnes = 0;
                for (int j : subset) {
                    minusOnes += split.x()[i * 40 + j] == -1f ? 1 : 0;
                }
                assertEquals(minusOnes % 2, split.y()[i], "row " + i);
            }
        }
    }

    @Test
    void defaultsGive40BitsInPlusMinusOne() {
        Dataset d = Datasets.load(spec(null, null), null);
        assertEquals(40, d.features());
        assertEquals(2, d.classes());
        assertEquals(20000, d.train().size());
        assertEquals(5000, d.eval().size());
        for (float v : d.train().x()) {
            assertTrue(v == 1f || v == -1f, "value " + v);
        }
    }

    @Test
    void classesAreRoughlyBalanced() {
        Dataset d = Datasets.load(spec(null, null), null);
        double ones = Arrays.stream(d.train().y()).sum() / (double) d.train().size();
        assertEquals(0.5, ones, 0.02);
    }

    @Test
    void sameSeedGivesTheSameDataAndAnotherSeedAnother() {
        Dataset a = SparseParity.generate(20, 4, 500, 100, 1);
        Dataset b = SparseParity.generate(20, 4, 500, 100, 1);
        Dataset c = SparseParity.generate(20, 4, 500, 100, 2);
        assertArrayEquals(a.train().x(), b.train().x());
        assertArrayEquals(a.eval().y(), b.eval().y());
        assertEquals(a.description(), b.description());
        assertFalse(Arrays.equals(a.train().x(), c.train().x()));
    }

    @Test
    void trainAndTestAreDrawnIndependently() {
        Dataset d = SparseParity.generate(30, 3, 200, 200, 0);
        assertFalse(Arrays.equals(d.train().x(), d.eval().x()));
    }

    @Test
    void exampleCountsSetTheGeneratedSplitSizes() {
        Dataset d = Datasets.load(spec(300, 70), null);
        assertEquals(300, d.train().size());
        assertEquals(70, d.eval().size());
    }

    @Test
    void rejectsMoreRelevantBitsThanBits() {
        DatasetSpec spec =
                new DatasetSpec("sparse-parity", null, null, null, null, null, null, 5, 6);
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.load(spec, null));
        assertEquals("spec.dataset.relevant: expected 1..5 (bits), got 6", e.getMessage());
    }

    private static int[] subsetFrom(String description) {
        Matcher m = Pattern.compile("S = \\[([0-9, ]+)]").matcher(description);
        assertTrue(m.find(), description);
        return Arrays.stream(m.group(1).split(", ")).mapToInt(Integer::parseInt).toArray();
    }

    private static DatasetSpec spec(Integer trainExamples, Integer evalExamples) {
        return new DatasetSpec(
                "sparse-parity", null, trainExamples, evalExamples, null, null, null, null, null);
    }
}
