package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packed rows of a CSV table give back every row as it was added, cell for cell. */
class PackedRowsTest {

    @Test
    void rowsComeBackCellForCellWhateverTheyHold() {
        List<String[]> added = List.of(new String[] {"s1", "0", "0.12345678", "up"}, new String[] {"", "", ""},
                new String[] {"Aktivität", "日本語", "🙂", "a,b \"quoted\""}, new String[] {"nul\0inside", "x"}, new String[] {"only"},
                new String[] {"", "trailing", ""}, new String[] {});
        PackedRows rows = new PackedRows();
        added.forEach(rows::add);
        assertThat(rows).hasSize(added.size());
        for (int pass = 0; pass < 2; pass++) { // twice: from the bytes, and again after other rows were read in between
            for (int i = 0; i < added.size(); i++) {
                assertThat(rows.get(i)).as("row " + i).containsExactly(added.get(i));
                assertThat(rows.get(i)).as("row " + i + " again").containsExactly(added.get(i));
            }
        }
        assertThat(rows.get(3)[0]).isEqualTo("nul\0inside");
        for (int i = 0; i < added.size(); i++) { // one cell at a time, as column scans read them
            for (int c = 0; c < added.get(i).length; c++) {
                rows.get((i + 1) % added.size()); // another row last read: the cell comes from the packed bytes
                assertThat(rows.cell(i, c)).as("row " + i + " cell " + c).isEqualTo(added.get(i)[c]);
            }
        }
        assertThatThrownBy(() -> rows.get(added.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aRowReplacedReadsAsTheNewOneAndManyRowsGrowTheStore() {
        PackedRows rows = new PackedRows();
        List<String[]> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String[] row = {"s" + i / 10, Integer.toString(i % 10), Float.toString(i * 0.001f), i % 3 == 0 ? "a" : "b"};
            rows.add(row);
            expected.add(row);
        }
        assertThat(rows.get(17)[2]).isEqualTo(expected.get(17)[2]); // cached
        rows.replaceAll(r -> java.util.Arrays.copyOfRange(r, 1, r.length)); // dropping an index column, as CsvTable does
        for (int i = 0; i < expected.size(); i++) {
            assertThat(rows.get(i)).containsExactly(java.util.Arrays.copyOfRange(expected.get(i), 1, 4));
        }
        LongList lines = new LongList();
        for (long i = 0; i < 5000; i++) {
            lines.add(i * 3_000_000_000L);
        }
        assertThat(lines).hasSize(5000);
        assertThat(lines.get(4999)).isEqualTo(4999 * 3_000_000_000L);
    }
}
