package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.synthetic.Agreement;

class TagBandsTest {

    /** Distances 1..12 in every split, four examples each in training, two in validation and test, two classes. */
    private static SequenceDataset data() {
        List<Sequence> train = new ArrayList<>();
        List<Sequence> validation = new ArrayList<>();
        List<Sequence> test = new ArrayList<>();
        for (int d = 1; d <= 12; d++) {
            for (int i = 0; i < 8; i++) {
                Sequence s = new Sequence(new float[d][1], i % 2, Map.of("distance", d, "n", i));
                (i < 4 ? train : i < 6 ? validation : test).add(s);
            }
        }
        return new InMemorySequenceDataset("toy", InputDescription.dense(List.of("x"), 12), List.of("a", "b"),
                new SequenceSet(train), new SequenceSet(validation), new SequenceSet(test),
                new DatasetProvenance("toy", "generated", Map.of(), List.of(), 1));
    }

    @Test
    void equalWidthBandsDifferByAtMostOneValueWiderFirst() {
        // a user's try: maxDistance=10 gave 1-4, 5-8, 9-10, so the far band had half the examples of the others
        assertThat(TagBands.equalWidth("distance", 1, 10, 3).describe()).isEqualTo("distance:1-4,5-7,8-10");
        assertThat(TagBands.equalWidth("distance", 1, 12, 3).describe()).isEqualTo("distance:1-4,5-8,9-12");
        assertThat(TagBands.equalWidth("distance", 5, 12, 3).describe()).isEqualTo("distance:5-7,8-10,11-12");
        assertThat(TagBands.equalWidth("distance", 1, 2, 3).describe()).isEqualTo("distance:1,2");
        assertThat(TagBands.equalWidth("distance", 1, 4, 3).describe()).isEqualTo("distance:1-2,3-4"); // equal, if fewer
        assertThat(TagBands.equalWidth("distance", 3, 3, 3).describe()).isEqualTo("distance:3");
        assertThat(TagBands.equalWidth("d", 0, 99, 7).bands()).extracting(b -> b.max() - b.min() + 1)
                .containsExactly(15, 15, 14, 14, 14, 14, 14);
        assertThat(TagBands.equalWidth("distance", data(), 5).describe()).isEqualTo("distance:1-3,4-6,7-9,10-12");
        assertThat(TagBands.equalWidth("distance", data(), 7).describe()).isEqualTo("distance:1-2,3-4,5-6,7-8,9-10,11-12");
        assertThat(TagBands.equalWidth("distance", 1, 11, 3).describe()).isEqualTo("distance:1-4,5-8,9-11");
    }

    @Test
    void parsesDescribesAndReadsBackItsOwnText() throws Exception {
        TagBands b = TagBands.parse(" distance : 1-4, 5-8 ,9-12,15");
        assertThat(b.tag()).isEqualTo("distance");
        assertThat(b.bands()).containsExactly(new TagBands.Band(1, 4), new TagBands.Band(5, 8), new TagBands.Band(9, 12),
                new TagBands.Band(15, 15));
        assertThat(b.describe()).isEqualTo("distance:1-4,5-8,9-12,15");
        assertThat(b.label(0)).isEqualTo("distance 1-4");
        assertThat(b.label(3)).isEqualTo("distance 15");
        assertThat(TagBands.parse(b.describe())).isEqualTo(b);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readValue(json.writeValueAsString(b), TagBands.class)).isEqualTo(b);
    }

    @Test
    void refusesMalformedEmptyOrOverlappingBandsNamingThem() {
        assertThatThrownBy(() -> TagBands.parse("1-4,5-8")).hasMessageContaining("TAG:FROM-TO");
        assertThatThrownBy(() -> TagBands.parse("distance:")).hasMessageContaining("TAG:FROM-TO");
        assertThatThrownBy(() -> TagBands.parse("distance:1-4,x")).hasMessageContaining("band 'x'");
        assertThatThrownBy(() -> TagBands.parse("distance:1-4,,5-8")).hasMessageContaining("band ''");
        assertThatThrownBy(() -> TagBands.parse("distance:-3-4")).hasMessageContaining("band '-3-4'");
        assertThatThrownBy(() -> TagBands.parse("distance:8-5")).hasMessageContaining("8-5 is empty");
        assertThatThrownBy(() -> TagBands.parse("distance:1-5,5-8")).hasMessageContaining("1-5 then 5-8");
        assertThatThrownBy(() -> TagBands.parse("distance:5-8,1-4")).hasMessageContaining("ascend");
        assertThatThrownBy(() -> TagBands.parse("distance:1-99999999999")).hasMessageContaining("too large");
        assertThatThrownBy(() -> TagBands.parse("my tag:1-4")).hasMessageContaining("tag name");
    }

    @Test
    void selectKeepsExactlyTheExamplesOfItsBandInEverySplitInOrder() {
        SequenceDataset data = data();
        TagBands bands = TagBands.parse("distance:1-4,9-12");
        SequenceDataset far = bands.select(data, 1);
        for (Split split : Split.values()) {
            List<Sequence> expected = data.split(split).examples().stream()
                    .filter(s -> s.tags().get("distance") >= 9 && s.tags().get("distance") <= 12).toList();
            assertThat(far.split(split).examples()).containsExactlyElementsOf(expected);
        }
        assertThat(far.split(Split.TRAIN).size()).isEqualTo(16);
        assertThat(far.split(Split.TEST).size()).isEqualTo(8);
        assertThat(far.labelNames()).isEqualTo(data.labelNames());
        assertThat(far.provenance()).isEqualTo(data.provenance());
        SequenceDataset limited = far.limit(3);
        assertThat(limited.split(Split.TRAIN).examples()).containsExactlyElementsOf(far.split(Split.TRAIN).examples().subList(0, 3));
        assertThat(limited.split(Split.TRAIN).examples()).allMatch(s -> s.tags().get("distance") >= 9);
    }

    @Test
    void aBandWithoutTrainingOrTestExamplesOrAMissingTagIsAnErrorNamingWhatThereIs() {
        SequenceDataset data = data();
        assertThatThrownBy(() -> TagBands.parse("distance:1-4,13-16").selectAll(data))
                .hasMessageContaining("no train example has distance in 13-16").hasMessageContaining("distance 1..12");
        assertThatThrownBy(() -> TagBands.parse("length:1-4").selectAll(data))
                .hasMessageContaining("has no tag 'length'").hasMessageContaining("[distance, n]");
    }

    @Test
    void agreementBandsHoldEqualShares() {
        SequenceDataset data = Agreement.generate(new Agreement.Config(1200, 300, 300, 1, 12, 12, 3, 5));
        TagBands bands = TagBands.parse("distance:1-4,5-8,9-12");
        for (int b = 0; b < bands.size(); b++) {
            SequenceDataset band = bands.select(data, b);
            assertThat(band.split(Split.TRAIN).size()).isEqualTo(400);
            assertThat(band.split(Split.TEST).size()).isEqualTo(100);
            assertThat(band.textEncoder()).isEqualTo(data.textEncoder());
        }
    }
}
