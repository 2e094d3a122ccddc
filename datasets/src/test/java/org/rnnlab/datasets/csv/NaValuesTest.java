package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.Split;

/**
 * {@code --set naValues=-9999}: cells holding a code for a missing value are missing values, filled by the {@code --missing}
 * policy, in training and, stored with the model, in new data (a hydrology trial's -9999 rain had to be edited out with sed).
 */
class NaValuesTest {
    @TempDir
    Path dir;

    private Path stations(String name) throws Exception {
        StringBuilder csv = new StringBuilder("sequence_id,time,rain,level,label\n");
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 4; t++) {
                String rain = i == 3 && t == 1 ? "-9999" : i == 5 && t == 2 ? "-9999.00" : Double.toString(t + 0.5);
                csv.append('s').append(i).append(',').append(t).append(',').append(rain).append(',').append(i + t).append(',')
                        .append(i % 2 == 0 ? "normal" : "flood").append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void codesAreMissingValuesFilledByThePolicyAndStoredWithTheSchema() throws Exception {
        Path f = stations("codes.csv");
        // without the setting: read as a number (the standardiser's warning names it)
        CsvSequenceDataset plain = CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withFractions(0, 0));
        assertThat(plain.split(Split.TRAIN).size()).isEqualTo(20);
        CsvOptions o = CsvOptions.defaults().withFractions(0, 0).withMissing(MissingValues.INTERPOLATE).withNaValues(List.of("-9999"));
        CsvSequenceDataset read = CsvSequenceDataset.fromLongCsv(f, o);
        CsvSequence s3 = CsvSequenceDataset.readAll(f, read.schema(), true, new ArrayList<>()).stream()
                .filter(q -> q.id().equals("s3")).findFirst().orElseThrow();
        assertThat(s3.values()[1][0]).isEqualTo(1.5f); // interpolated between 0.5 and 2.5, not -9999
        CsvSequence s5 = CsvSequenceDataset.readAll(f, read.schema(), true, new ArrayList<>()).stream()
                .filter(q -> q.id().equals("s5")).findFirst().orElseThrow();
        assertThat(s5.values()[2][0]).isEqualTo(2.5f); // -9999.00: the same code, written with zeros
        assertThat(read.schema().naValues()).containsExactly("-9999");
        assertThat(read.provenance().parameters()).containsEntry("naValues", "-9999");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readValue(json.writeValueAsString(read.schema()), CsvSchema.class)).isEqualTo(read.schema());
        assertThat(read.schema().toString()).contains("naValues=[-9999]");
        // a schema without codes writes itself as before (its text is part of older runs' provenance)
        assertThat(plain.schema().toString()).endsWith("sequenceScaling=none]");
        // with the error policy the code is a missing value, refused as one
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o.withMissing(MissingValues.ERROR)))
                .hasMessageContaining("codes.csv:").hasMessageContaining("missing");
    }

    @Test
    void theSettingIsParsedAndAnEmptyCodeRefused() throws Exception {
        Path f = stations("set.csv");
        DatasetOptions o = DatasetOptions.defaults().withFiles(f, null).with("missing", "ffill").with("naValues", "-9999, -999");
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", o);
        assertThat(d.schema().naValues()).containsExactly("-9999", "-999");
        assertThatThrownBy(() -> Datasets.open("csv", o.with("naValues", "-9999,,-999"))).hasMessageContaining("naValues has an empty entry");
        assertThat(CsvTable.naCodes(List.of("-9999.0"))).contains("-9999", "-9999.0", "-9999.000000").doesNotContain("-99990");
        assertThat(CsvTable.naCodes(List.of("NODATA"))).containsExactly("NODATA");
    }
    /** A decimal-comma export writes the code -999 as {@code -999,0}: the code given as -999 matches it (a Spark trial, 69d). */
    @Test
    void aCodeWrittenWithADecimalCommaIsTheSameCode() throws Exception {
        StringBuilder csv = new StringBuilder("sequence_id;time;ph;label\n");
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 4; t++) {
                String ph = i == 3 && t == 1 ? "-999,0" : i == 4 && t == 2 ? "-999,00" : (t + 5) + ",5";
                csv.append('s').append(i).append(';').append(t).append(';').append(ph).append(';').append(i % 2 == 0 ? "a" : "b").append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("comma.csv"), csv);
        DatasetOptions o = DatasetOptions.defaults().withFiles(f, null).with("delimiter", ";").with("decimal", "comma")
                .with("missing", "interpolate").with("naValues", "-999");
        CsvSequenceDataset d = (CsvSequenceDataset) Datasets.open("csv", o);
        List<CsvSequence> all = CsvSequenceDataset.readAll(f, d.schema(), true, new ArrayList<>());
        CsvSequence s3 = all.stream().filter(q -> q.id().equals("s3")).findFirst().orElseThrow();
        assertThat(s3.values()[1][0]).isEqualTo(6.5f); // between 5,5 and 7,5, not -999
        CsvSequence s4 = all.stream().filter(q -> q.id().equals("s4")).findFirst().orElseThrow();
        assertThat(s4.values()[2][0]).isEqualTo(7.5f);
        assertThat(CsvTable.naCodes(List.of("-999"))).contains("-999,0", "-999,000").doesNotContain("-999,5");
    }
}
