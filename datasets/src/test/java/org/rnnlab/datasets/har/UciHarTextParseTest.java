package org.rnnlab.datasets.har;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast number parser agrees with {@link Double#parseDouble} bit for bit, or declines (NaN). */
class UciHarTextParseTest {

    private static double parse(String s) {
        return HarText.fastParse(s, 0, s.length());
    }

    @Test
    void agreesWithParseDoubleOnTheOfficialAndRawFormats() {
        Random r = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(10) - 6);
            for (String s : new String[] {HarNumberFormat.format(v).trim(), Double.toString(v), String.format("%.9f", v)}) {
                double fast = parse(s);
                if (!Double.isNaN(fast)) {
                    assertThat(Double.doubleToLongBits(fast)).as(s).isEqualTo(Double.doubleToLongBits(Double.parseDouble(s)));
                }
            }
        }
        assertThat(parse("2.5717778e-001")).isEqualTo(0.25717778);
        assertThat(parse("-1.0e+000")).isEqualTo(-1.0);
        assertThat(parse("42")).isEqualTo(42.0);
        assertThat(parse(".5")).isEqualTo(0.5);
    }

    @Test
    void declinesWhatItCannotParseExactly() {
        for (String s : new String[] {"abc", "NaN", "Infinity", "-", "+", ".", "1e", "1e+", "1.2.3", "0x10", "1e400",
            "1e-30", "12345678901234567890", "1,5", "1d", "0.91805558987665181"}) {
            assertThat(parse(s)).as(s).isNaN();
        }
    }
}
