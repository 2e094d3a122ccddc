package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnlab.datasets.UnitFactors;

/**
 * Trial 75a: bridge B5 logged strain in strain among others in microstrain (1/7.36e5 of the usual spread, its level bent by
 * the bridge's stiffness and class mix), bridge B6 its deck temperature in °F. Both were named in one sentence that
 * offered per-sequence scaling and then called it "no remedy for a unit", with no factor for B5. Each group now has its
 * own diagnosis and fix: B5 micro- against base units and "multiply by 1e6", B6 the °F conversion, and a bridge whose
 * accelerometer is merely 40 times louder (no unit's factor) per-sequence scaling, which the other two are told is no
 * remedy.
 */
class GroupScalesPerGroupAdviceTest {

    private static final List<String> FEATURES = List.of("strain", "vert_acc", "deck_temp");

    /** 8 bridges of 12 vehicles: B5 in strain (and 0.74 times as stiff), B6's deck_temp in °F, B7's vert_acc 40 times louder. */
    private static List<CsvSequence> bridges() {
        Random r = new Random(75);
        String[] classes = {"car", "van", "bus", "truck"};
        List<CsvSequence> out = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            String bridge = "B" + b;
            double stiffness = b == 5 ? 0.74 : 0.9 + 0.2 * r.nextDouble();
            double climate = 11 + 3 * r.nextDouble();
            for (int v = 0; v < 12; v++) {
                int axles = 2 + v % 4;
                double temp = climate + 2 * r.nextGaussian();
                float[][] steps = new float[100][3];
                for (int t = 0; t < 100; t++) {
                    double bumps = 0;
                    for (int a = 0; a < axles; a++) {
                        double at = 20 + 15 * a;
                        bumps += 40 * Math.exp(-(t - at) * (t - at) / 8.0);
                    }
                    double strain = stiffness * (bumps + r.nextGaussian());
                    steps[t][0] = (float) (b == 5 ? strain * 1e-6 : strain);
                    steps[t][1] = (float) (0.3 * r.nextGaussian() * (b == 7 ? 40 : 1));
                    double celsius = temp + 0.05 * r.nextGaussian();
                    steps[t][2] = (float) (b == 6 ? celsius * 1.8 + 32 : celsius);
                }
                out.add(new CsvSequence(bridge + "-v" + v, steps, classes[v % 4], null, bridge, null, 1));
            }
        }
        return out;
    }

    /** Group {@code group}'s own sentence of {@code warning}: from its name to the next group's. */
    private static String clause(String warning, String group) {
        int start = warning.indexOf("'" + group + "': ");
        assertThat(start).as("%s named in %s", group, warning).isNotNegative();
        int end = warning.indexOf(". '", start);
        return warning.substring(start, end < 0 ? warning.length() : end);
    }

    @Test
    void eachGroupGetsItsOwnCauseAndFixAndOnlyTheUnnamedOneIsOfferedPerSequenceScaling() {
        List<GroupScales.Shifted> shifted = GroupScales.find(bridges(), FEATURES);
        assertThat(shifted).extracting(GroupScales.Shifted::group).containsExactlyInAnyOrder("B5", "B6", "B7");
        String warning = GroupScales.warning(shifted, "bridge", 8);

        String b5 = clause(warning, "B5");
        assertThat(b5).contains("'B5': strain 1/", "another unit? strain about 1e-6 of the others' (a factor near 1.00e+06: micro- "
                + "against base units (microstrain logged as strain?)", "multiply strain in 'B5' by 1e6 (pandas: "
                + "df.loc[df['bridge'] == 'B5', 'strain'] *= 1e6)", "no remedy for a unit")
                .doesNotContain("°F").doesNotContain("or scale each sequence").doesNotContain("deck_temp").doesNotContain("vert_acc");

        String b6 = clause(warning, "B6");
        assertThat(b6).contains("'B6': deck_temp ", "another temperature scale? deck_temp: °F against °C: (x − 32) / 1.8 brings "
                + "the level of 'B6'", "convert deck_temp in 'B6' before training (pandas: df.loc[df['bridge'] == 'B6', 'deck_temp'] "
                + "= (df.loc[df['bridge'] == 'B6', 'deck_temp'] - 32) / 1.8)", "no remedy for it (as above)")
                .doesNotContain("a factor near").doesNotContain("or scale each sequence").doesNotContain("strain");

        String b7 = clause(warning, "B7");
        assertThat(b7).contains("'B7': vert_acc ", "times the groups' usual spread: another unit or scale? bring it to the others' "
                + "unit, or scale each sequence by its own statistics (--set sequenceScaling=standardize)")
                .doesNotContain("no remedy").doesNotContain("a factor near");
        // the full "no remedy" reason once, in the first unit group's sentence
        assertThat(warning.split("no remedy for a unit", -1)).hasSize(2);
    }

    @Test
    void aGroupsRatioBentAwayFromAMillionIsNamedByDecadesBeyondAThousandOnly() {
        // 1/7.36e5 is 0.13 decades from 1e-6: outside 12%, inside 0.2 decades
        assertThat(UnitFactors.factor(1 / 7.36e5, 1.12)).isEmpty();
        assertThat(UnitFactors.ofGroups(1 / 7.36e5, 1.12)).hasValueSatisfying(f -> {
            assertThat(f.factor()).isEqualTo(1e6);
            assertThat(f.words()).startsWith("micro- against base units");
            assertThat(f.about()).isEqualTo("about 1e-6 of the others'");
            assertThat(f.written()).isEqualTo("1e6");
        });
        assertThat(UnitFactors.named(1.05e6)).hasValueSatisfying(w -> assertThat(w).contains("micro- against base units"));
        assertThat(UnitFactors.ofGroups(1.4e6, 1.12)).isPresent();
        // 0.3 decades off, and between the powers of 1000: no unit
        assertThat(UnitFactors.ofGroups(2e6, 1.12)).isEmpty();
        assertThat(UnitFactors.ofGroups(3e4, 1.12)).isEmpty();
        // under a thousand the table's narrow tolerance alone: 79 is no "factor near 100"
        assertThat(UnitFactors.ofGroups(79, 1.12)).isEmpty();
        assertThat(UnitFactors.ofGroups(1 / 750.0, 1.12)).hasValueSatisfying(f -> assertThat(f.about()).isEqualTo("about 1/1000 "
                + "of the others'"));
        assertThat(UnitFactors.ofGroups(9.8, 1.05)).hasValueSatisfying(f -> assertThat(f.about()).isEqualTo("about 9.80665 times "
                + "the others'"));
    }
}
