package dev.isthmus.workers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isthmus.api.spec.DatasetSpec;
import dev.isthmus.api.spec.SeedsSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The modular-addition task: correct labels, a complete split of all pairs, seeded shuffles. */
class ModularAdditionTest {

    @Test
    void everyRowIsLabelledWithTheSumModP() {
        Dataset d = ModularAddition.generate(13, 0.3, 4);
        assertEquals(26, d.features());
        assertEquals(13, d.classes());
        for (Split split : new Split[] {d.train(), d.eval()}) {
            for (int i = 0; i < split.size(); i++) {
                int[] ab = decode(split, i, 13);
                assertEquals((ab[0] + ab[1]) % 13, split.y()[i], "row " + i);
            }
        }
    }

    @Test
    void splitsPartitionAllPairs() {
        Dataset d = ModularAddition.generate(13, 0.3, 4);
        assertEquals(Math.round(0.3 * 169), d.train().size());
        assertEquals(169 - d.train().size(), d.eval().size());
        Set<Integer> pairs = new HashSet<>();
        for (Split split : new Split[] {d.train(), d.eval()}) {
            for (int i = 0; i < split.size(); i++) {
                int[] ab = decode(split, i, 13);
                pairs.add(ab[0] * 13 + ab[1]);
            }
        }
        assertEquals(169, pairs.size());
    }

    @Test
    void defaultsGiveHalfOfThe97SquaredPairs() {
        Dataset d = Datasets.load(spec(null, null), null);
        assertEquals(194, d.features());
        assertEquals(97, d.classes());
        assertEquals(4705, d.train().size()); // round(0.5 * 9409)
        assertEquals(4704, d.eval().size());
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Dataset a = Datasets.load(spec(11, 0.5), new SeedsSpec(3L, null, null));
        Dataset b = Datasets.load(spec(11, 0.5), new SeedsSpec(3L, null, null));
        Dataset c = Datasets.load(spec(11, 0.5), new SeedsSpec(4L, null, null));
        assertArrayEquals(a.train().x(), b.train().x());
        assertArrayEquals(a.eval().y(), b.eval().y());
        assertFalse(Arrays.equals(a.train().x(), c.train().x()));
    }

    @Test
    void rejectsFractionsThatLeaveASplitEmpty() {
        DatasetException e =
                assertThrows(DatasetException.class, () -> ModularAddition.generate(5, 1.0, 0));
        assertEquals(
                "spec.dataset.trainFraction: expected a value in (0, 1) that leaves at least one"
                        + " of the 25 pairs in each split, got 1.0",
                e.getMessage());
        assertThrows(DatasetException.class, () -> ModularAddition.generate(5, 0.01, 0));
    }

    @Test
    void rejectsATooSmallModulus() {
        DatasetException e =
                assertThrows(DatasetException.class, () -> ModularAddition.generate(1, 0.5, 0));
        assertEquals("spec.dataset.modulus: expected 2..1000, got 1", e.getMessage());
    }

    /** Recovers (a, b) from a row, checking it is exactly two one-hot blocks. */
    private static int[] decode(Split split, int row, int p) {
        int a = -1;
        int b = -1;
        int ones = 0;
        for (int j = 0; j < 2 * p; j++) {
            float v = split.x()[row * 2 * p + j];
            if (v == 1f) {
                ones++;
                if (j < p) {
                    a = j;
                } else {
                    b = j - p;
                }
            } else {
                assertEquals(0f, v);
            }
        }
        assertEquals(2, ones);
        return new int[] {a, b};
    }

    private static DatasetSpec spec(Integer modulus, Double trainFraction) {
        return new DatasetSpec(
                "modular-addition", null, null, null, null, modulus, trainFraction, null, null);
    }
}
