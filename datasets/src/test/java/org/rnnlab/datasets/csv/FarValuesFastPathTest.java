package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The far-value check of a table decodes each row once per pass and decides most columns by selection, not a full sort
 * (trial 78c F2: 13 of a 4-million-row file's 16 minutes went to the checks, this one decoding every row again for each
 * feature); its findings are those of the full judgement on each column's values as written, as before.
 */
class FarValuesFastPathTest {

    /**
     * Generated columns of several shapes (normal, lognormal, heavy-tailed, quantised, constant bulk), with and without
     * injected far values (typed 10 times too large, 0 among values near 96, a code such as -9999), some cells missing or
     * text: the table's findings equal those of the full judgement of each column read cell by cell as before.
     */
    @Test
    void findingsOfGeneratedColumnsWithFarValuesAreThoseOfTheFullJudgement() {
        int found = 0;
        for (int seed = 0; seed < 12; seed++) {
            Random random = new Random(seed);
            int n = 300 + random.nextInt(6000);
            int features = 6;
            List<String[]> rows = new PackedRows();
            List<Long> lines = new LongList();
            for (int r = 0; r < n; r++) {
                String[] row = new String[features + 1];
                row[0] = "s" + r / 50;
                for (int f = 0; f < features; f++) {
                    row[f + 1] = cell(random, seed, f, r, n);
                }
                rows.add(row);
                lines.add((long) r + 2);
            }
            List<String> header = new ArrayList<>(List.of("id"));
            for (int f = 0; f < features; f++) {
                header.add("f" + f);
            }
            CsvTable table = new CsvTable(Path.of("generated.csv"), header, rows, lines);
            int[] cols = {1, 2, 3, 4, 5, 6};
            List<FarValues.Found> fast = FarValues.find(table, cols);
            assertThat(fast).as("seed %d", seed).isEqualTo(asBefore(table, cols));
            found += fast.size();
        }
        assertThat(found).as("the generated data hold far values to find").isGreaterThan(10);
    }

    /** The old reading: each column on its own, every cell through the table's missing and number checks. */
    private static List<FarValues.Found> asBefore(CsvTable table, int[] cols) {
        List<FarValues.Found> out = new ArrayList<>();
        int n = table.rows().size();
        for (int f = 0; f < cols.length; f++) {
            double[] v = new double[n];
            long[] lines = new long[n];
            int m = 0;
            for (int r = 0; r < n; r++) {
                if (cols[f] >= table.rows().get(r).length || table.missing(r, cols[f])) {
                    continue;
                }
                double x;
                try {
                    x = (float) table.number(r, cols[f]);
                } catch (RuntimeException e) {
                    continue;
                }
                if (Double.isFinite(x)) {
                    v[m] = x;
                    lines[m++] = table.lines().get(r);
                }
            }
            out.addAll(FarValues.find(f, Arrays.copyOf(v, m), Arrays.copyOf(lines, m)));
        }
        return out;
    }

    private static String cell(Random random, int seed, int f, int r, int n) {
        if (random.nextInt(100) == 0) {
            return ""; // missing
        }
        if (r % 997 == 5) {
            return "n/a"; // text, which the check skips (rare: the old reading's error message for it scans the whole table)
        }
        boolean far = seed % 3 != 2 && r % (n / 7) == 3; // about 7 far values, in most tables
        double x = switch (f) {
            case 0 -> 37 + random.nextGaussian() * 0.5 + (far ? 330 : 0);                     // a temperature typed 10x
            case 1 -> far ? 0 : 96 + random.nextGaussian();                                    // SpO2 with zeros
            case 2 -> Math.exp(random.nextGaussian() * 2);                                     // lognormal: a tail, no far values
            case 3 -> random.nextGaussian() / Math.max(1e-3, Math.abs(random.nextGaussian())); // Cauchy-like
            case 4 -> far ? -9999 : Math.round(random.nextGaussian() * 3);                     // quantised, with a code
            default -> r % 97 == 0 ? 1 + (far ? 1e6 : 0) : 0;                                  // a bulk of one value
        };
        return f == 4 || f == 5 ? Long.toString(Math.round(x)) : String.format(Locale.ROOT, "%.6f", x);
    }

    @Test
    void eachRowIsDecodedOncePerPassNotOncePerColumn() {
        PackedRows rows = new PackedRows();
        List<Long> lines = new LongList();
        Random random = new Random(7);
        for (int r = 0; r < 5000; r++) {
            String[] row = new String[13];
            row[0] = "s" + r / 100;
            for (int c = 1; c < row.length; c++) {
                row[c] = String.format(Locale.ROOT, "%.6f", random.nextGaussian());
            }
            rows.add(row);
            lines.add((long) r + 2);
        }
        CsvTable table = new CsvTable(Path.of("wide.csv"), null, rows, lines);
        long before = rows.decoded();
        FarValues.find(table, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        // one pass for the 12 columns (60,000 decodes before: one per row and column)
        assertThat(rows.decoded() - before).isLessThanOrEqualTo(rows.size());
    }

    @Test
    void selectionPutsEachValueWhereASortWouldEvenAmongTiesAndSignedZeros() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(400);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = switch (random.nextInt(4)) {
                    case 0 -> 0.0;
                    case 1 -> -0.0;
                    case 2 -> random.nextInt(3);
                    default -> random.nextGaussian();
                };
            }
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(n);
            double[] selected = x.clone();
            FarValues.select(selected, 0, n - 1, k);
            assertThat(Double.compare(selected[k], sorted[k])).as("k %d of %s", k, Arrays.toString(x)).isZero();
            for (int i = 0; i < n; i++) {
                assertThat(Double.compare(selected[i], selected[k]) * Integer.signum(i - k)).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void theQuickTestSaysNoneExactlyWhereTheFullJudgementFindsNone() {
        for (int seed = 0; seed < 60; seed++) {
            Random random = new Random(seed);
            int n = 250 + random.nextInt(3000);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = seed % 4 == 0 ? Math.exp(random.nextGaussian() * 2) : Math.round(random.nextGaussian() * 10) / 10.0;
            }
            for (int j = 0; j < seed % 7; j++) { // 0 to 6 far values, above or below
                v[random.nextInt(n)] = seed % 2 == 0 ? 100 + random.nextInt(50) : -100.5 - random.nextInt(50);
            }
            // (no far value here is a code such as -9999, which the full judgement leaves to the code checks)
            assertThat(FarValues.anyFar(v)).as("seed %d", seed).isEqualTo(!FarValues.find(0, v, null).isEmpty());
        }
    }
}
