package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.Sequence;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/**
 * {@code --set sequenceScaling=center|standardize}: each sequence minus its own per-feature mean (and divided by its own
 * standard deviation), after its missing values are handled; golden values, and the same scaling for new data read with
 * the model's schema, which stores it (cards saved before read as none).
 */
class SequenceScalingTest {

    @TempDir
    Path dir;

    @Test
    void standardizeFlattensASequenceConstantInEveryFeatureOnly() {
        // trial 69f: a constant spectrum (a dead detector) is read as 0 at every step under standardize, whatever its value
        float[][] flat = {{0.5f, 2}, {0.5f, 2}, {0.5f, 2}};
        float[][] oneVaries = {{0.5f, 2}, {0.5f, 3}, {0.5f, 2}};
        assertThat(SequenceScaling.STANDARDIZE.flattens(flat)).isTrue();
        assertThat(SequenceScaling.STANDARDIZE.flattens(oneVaries)).isFalse();
        assertThat(SequenceScaling.CENTER.flattens(flat)).isFalse();
        assertThat(SequenceScaling.NONE.flattens(flat)).isFalse();
        assertThat(SequenceScaling.STANDARDIZE.flattens(new float[][] {{0.5f, 2}})).as("one step: told as a length").isFalse();
        assertThat(SequenceScaling.STANDARDIZE.flattens(new float[][] {{0.5f}, {Float.NaN}})).isFalse();
        float[][] scaled = {{0.5f, 2}, {0.5f, 2}};
        SequenceScaling.STANDARDIZE.apply(scaled);
        assertThat(SequenceScaling.STANDARDIZE.flattens(scaled)).as("judged alike once scaled").isTrue();
    }

    @Test
    void centerAndStandardizeOnGoldenValues() {
        float[][] c = {{1, 10}, {2, 10}, {6, 10}};
        SequenceScaling.CENTER.apply(c);
        assertThat(c).isDeepEqualTo(new float[][] {{-2, 0}, {-1, 0}, {3, 0}});
        float[][] s = {{1, 10}, {3, 10}};
        SequenceScaling.STANDARDIZE.apply(s);
        // mean 2, population std 1; the constant feature is centred to 0, not divided by 0
        assertThat(s).isDeepEqualTo(new float[][] {{-1, 0}, {1, 0}});
        float[][] big = {{1e6f}, {1e6f + 2}, {1e6f + 4}};
        SequenceScaling.STANDARDIZE.apply(big); // sums in double: large offsets keep the small differences
        assertThat(big[0][0]).isCloseTo(-1.2247449f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(big[2][0]).isCloseTo(1.2247449f, org.assertj.core.data.Offset.offset(1e-5f));
        float[][] none = {{5}};
        SequenceScaling.NONE.apply(none);
        assertThat(none[0][0]).isEqualTo(5);
        float[][] one = {{5, 7}};
        SequenceScaling.STANDARDIZE.apply(one);
        assertThat(one).isDeepEqualTo(new float[][] {{0, 0}});
    }

    /**
     * The rule in words that the ONNX metadata and the guide give ({@link SequenceScaling#STANDARDIZE_RULE}), implemented as
     * written, is what {@link SequenceScaling#apply} computes, near the constant-feature tolerance too. Trial 76b: the
     * metadata said only "a feature constant within the sequence set to 0", and a port testing sd == 0 put 7.68 at the one
     * frame of a band stuck at -90 dB that read -89.9999.
     */
    @Test
    void theRuleInWordsIsWhatApplyComputes() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("standard deviation is at most (\\S+) x the largest absolute "
                + "value it takes in those steps").matcher(SequenceScaling.STANDARDIZE_RULE);
        assertThat(m.find()).as(SequenceScaling.STANDARDIZE_RULE).isTrue();
        double factor = Double.parseDouble(m.group(1));
        assertThat(factor).isEqualTo(SequenceScaling.CONSTANT_SD);
        float[] offs = {-89.9999f, 0.2000001f, 1000.0070f, 1000.0086f, 1000.06f, -90.01f, 0f};
        float[] base = {-90f, 0.2f, 1000f, 1000f, 1000f, -90f, 0f};
        int constant = 0;
        for (int c = 0; c < offs.length; c++) {
            float[][] values = new float[60][1];
            for (float[] step : values) {
                step[0] = base[c];
            }
            values[30][0] = offs[c];
            float[][] applied = copy(values);
            SequenceScaling.STANDARDIZE.apply(applied);
            float[][] written = asWritten(values, factor);
            for (int t = 0; t < values.length; t++) {
                assertThat(applied[t][0] + 0f).as("case %d step %d", c, t).isEqualTo(written[t][0] + 0f);
            }
            constant += applied[30][0] == 0 ? 1 : 0;
        }
        assertThat(constant).as("both sides of the tolerance tried").isBetween(1, offs.length - 1);
        float[][] floor = new float[60][1];
        for (float[] step : floor) {
            step[0] = -90f;
        }
        floor[30][0] = -89.9999f;
        SequenceScaling.STANDARDIZE.apply(floor);
        assertThat(floor[30][0]).as("the band at the -90 dB floor is constant, not 7.68 at its one frame").isZero();
    }

    /** The rule as {@link SequenceScaling#STANDARDIZE_RULE} words it, with its factor: in float64, the result in float32. */
    private static float[][] asWritten(float[][] values, double factor) {
        float[][] out = new float[values.length][values[0].length];
        for (int f = 0; f < values[0].length; f++) {
            double sum = 0;
            double largest = 0;
            for (float[] step : values) {
                sum += step[f];
                largest = Math.max(largest, Math.abs((double) step[f]));
            }
            double mean = sum / values.length;
            double squares = 0;
            for (float[] step : values) {
                squares += (step[f] - mean) * (step[f] - mean);
            }
            double sd = Math.sqrt(squares / values.length);
            for (int t = 0; t < values.length; t++) {
                out[t][f] = sd <= factor * largest ? 0f : (float) ((values[t][f] - mean) / sd);
            }
        }
        return out;
    }

    private static float[][] copy(float[][] values) {
        float[][] out = new float[values.length][];
        for (int t = 0; t < values.length; t++) {
            out[t] = values[t].clone();
        }
        return out;
    }

    @Test
    void parsedAsTheSettingWritesIt() {
        assertThat(SequenceScaling.parse(" Centre ")).isEqualTo(SequenceScaling.CENTER);
        assertThat(SequenceScaling.parse("standardise")).isEqualTo(SequenceScaling.STANDARDIZE);
        assertThat(SequenceScaling.STANDARDIZE).hasToString("standardize");
        assertThatThrownBy(() -> SequenceScaling.parse("zscore")).hasMessage("sequenceScaling 'zscore' is unknown (expected none, "
                + "center or standardize)");
    }

    @Test
    void trainingAndNewDataAreScaledAfterTheirGapsAreFilled() throws Exception {
        StringBuilder csv = new StringBuilder("sequence_id,a,label\n");
        for (int i = 0; i < 10; i++) {
            int offset = 100 * i; // each sequence at its own level; the class is in the shape
            String label = i % 2 == 0 ? ",up\n" : ",down\n";
            csv.append("s").append(i).append(',').append(offset).append(label);
            csv.append("s").append(i).append(',').append(i == 0 ? "" : offset + (i % 2 == 0 ? 2 : -2)).append(label);
            csv.append("s").append(i).append(',').append(offset + (i % 2 == 0 ? 4 : -4)).append(label);
        }
        Path file = Files.writeString(dir.resolve("levels.csv"), csv.toString());
        SequenceDataset read = Datasets.open("csv", DatasetOptions.defaults().withFiles(file, null).with("missing", "interpolate")
                .with("sequenceScaling", "center").with("validationFraction", "0").with("testFraction", "0"));
        List<float[][]> values = read.split(Split.TRAIN).examples().stream().map(Sequence::values).toList();
        // s0's gap interpolated (0, 2, 4) and then centred, as every other even sequence: -2, 0, 2
        assertThat(values).allSatisfy(v -> assertThat(Math.abs(v[0][0] + v[1][0] + v[2][0])).isLessThan(1e-4f));
        assertThat(values).anySatisfy(v -> assertThat(v).isDeepEqualTo(new float[][] {{-2}, {0}, {2}}));
        CsvSchema schema = ((CsvSequenceDataset) read).schema();
        assertThat(schema.sequenceScaling()).isEqualTo(SequenceScaling.CENTER);
        // it changes the data as read: in the dataset's provenance (and so its checksum), as a chosen file column is
        assertThat(read.provenance().parameters()).containsEntry("sequenceScaling", "center");
        // as rnnlab reads a model card (org.rnnlab.core.Json): every field required unless marked as added later
        ObjectMapper json = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setInjectableValues(new com.fasterxml.jackson.databind.InjectableValues.Std().addValue("rnnlab.absent", null));
        assertThat(json.readValue(json.writeValueAsString(schema), CsvSchema.class)).isEqualTo(schema);
        // a card saved before the field existed reads as none
        String old = json.writeValueAsString(schema).replaceAll(",\\s*\"sequenceScaling\"\\s*:\\s*\"CENTER\"", "");
        assertThat(old).doesNotContain("sequenceScaling");
        assertThat(json.readValue(old, CsvSchema.class).sequenceScaling()).isEqualTo(SequenceScaling.NONE);
        // new data with the model's schema: the same scaling
        Path fresh = Files.writeString(dir.resolve("new.csv"), "sequence_id,a\nn,500\nn,503\nn,506\n");
        assertThat(NewData.csv(fresh, schema, false).values().get(0)).isDeepEqualTo(new float[][] {{-3}, {0}, {3}});
        assertThatThrownBy(() -> Datasets.open("csv", DatasetOptions.defaults().withFiles(file, null).with("missing", "interpolate")
                .with("sequenceScaling", "yes"))).hasMessageContaining("sequenceScaling 'yes' is unknown");
    }
}
