package dev.isthmus.api.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Sizes and counts in messages, and the Kubernetes memory quantities budgets come from. */
class UnitsTest {

    @Test
    void bytesUseBinaryUnits() {
        assertEquals("512 B", Units.bytes(512));
        assertEquals("1.5 KiB", Units.bytes(1536));
        assertEquals("23 GiB", Units.bytes(23.0 * (1L << 30)));
        assertEquals("2.9 TiB", Units.bytes(3.2e12));
    }

    @Test
    void countsAreExactBelowAMillion() {
        assertEquals("269,322", Units.count(269_322));
        assertEquals("8.0e11", Units.count(7.96e11));
        assertEquals("5.0e9", Units.count(4_999_950_000.0));
    }

    @Test
    void quantitiesParseAsKubernetesWritesThem() {
        assertEquals(16.0 * (1L << 30), Units.quantity("16Gi"));
        assertEquals(512.0 * (1L << 20), Units.quantity("512Mi"));
        assertEquals(8e9, Units.quantity("8G"));
        assertEquals(1.5 * (1L << 40), Units.quantity("1.5Ti"));
        assertEquals(1000, Units.quantity("1000"));
        assertThrows(NumberFormatException.class, () -> Units.quantity("lots"));
        assertThrows(NumberFormatException.class, () -> Units.quantity("-1Gi"));
    }
}
