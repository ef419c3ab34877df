package dev.isthmus.workers.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The basin map's cells keep aligned barriers readable. */
class BasinSvgTest {

    @Test
    void smallBarriersKeepThreeDecimals() {
        assertEquals("0.010", BasinSvg.cell(0.0097));
        assertEquals("0.000", BasinSvg.cell(0.0));
        assertEquals("0.10", BasinSvg.cell(0.1));
        assertEquals("1.21", BasinSvg.cell(1.2072));
        assertEquals("–", BasinSvg.cell(null));
    }
}
