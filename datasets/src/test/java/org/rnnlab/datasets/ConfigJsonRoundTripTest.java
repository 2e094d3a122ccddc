package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnlab.datasets.csv.Column;
import org.rnnlab.datasets.csv.CsvOptions;
import org.rnnlab.datasets.synthetic.Agreement;
import org.rnnlab.datasets.synthetic.TemporalOrder;
import org.rnnlab.datasets.text.TextDataset;

/** Every loader/generator setting record is written as JSON next to a model and must read back equal. */
class ConfigJsonRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Record> configs() {
        return Stream.of(Agreement.Config.defaults().withTrainMaxDistance(20), TemporalOrder.Config.defaults().withSeed(9),
                TextDataset.Config.defaults().withFractions(0.1, 0.2),
                CsvOptions.defaults().withFeatures(List.of(Column.named("x"), Column.at(3))).withSplitColumn(Column.named("split"))
                        .withLabelNames(List.of("b", "a")),
                DatasetOptions.defaults().withLimit(5).with("maxDistance", "12"));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void roundTripsThroughJson(Record config) throws Exception {
        String json = JSON.writeValueAsString(config);
        assertThat(JSON.readValue(json, config.getClass())).isEqualTo(config);
    }

    @Test
    void datasetSettingsAreWrittenInNameOrderWhateverOrderTheyWereGivenIn() throws Exception {
        DatasetOptions options = DatasetOptions.defaults().with("zeta", "1").with("alpha", "2").with("mid", "3");
        String json = JSON.writeValueAsString(options);
        assertThat(json).contains("\"settings\":{\"alpha\":\"2\",\"mid\":\"3\",\"zeta\":\"1\"}");
    }
}
