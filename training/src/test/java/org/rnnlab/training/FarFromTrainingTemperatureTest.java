package org.rnnlab.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FarFromTraining#temperatureHint(String, double, double, double, double)}: new stays mixing a ward's °F with the
 * other units' °C (a trial's: mean 49.07, 36.00 to 100.4) get the °F words from the far values' mean, which the whole
 * mean, between both units, never fitted.
 */
class FarFromTrainingTemperatureTest {

    private static final float[] MEAN = {36.9f};
    private static final float[] STD = {0.6f};

    /** 40 stays of 24 hours around 36.9 °C, the first {@code inFahrenheit} of them in °F. */
    private static List<float[][]> stays(int inFahrenheit) {
        List<float[][]> out = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            float[][] q = new float[24][1];
            for (int t = 0; t < 24; t++) {
                double c = 36.9 + 0.4 * Math.sin(s + t);
                q[t][0] = (float) (s < inFahrenheit ? 1.8 * c + 32 : c);
            }
            out.add(q);
        }
        return out;
    }

    @Test
    void aMixOfFahrenheitAndCelsiusStaysGetsTheFahrenheitWordsFromTheFarValues() {
        FarFromTraining.Feature far = FarFromTraining.judge(stays(8), MEAN, STD).get(0);
        assertThat(far.mean()).isBetween(45.0, 55.0);
        assertThat(far.farMean()).isBetween(98.0, 99.0);
        assertThat(FarFromTraining.temperatureHint("temp", far.mean(), MEAN[0], STD[0])).isEmpty(); // the whole mean: no words
        assertThat(FarFromTraining.temperatureHint("temp", far.mean(), far.farMean(), MEAN[0], STD[0]))
                .startsWith(" (°F against °C in some sequences? (x − 32) / 1.8 brings the far values' mean 98.")
                .contains(" to 36.");
        // every stay in °F: the whole mean's words, as before
        FarFromTraining.Feature all = FarFromTraining.judge(stays(40), MEAN, STD).get(0);
        assertThat(FarFromTraining.temperatureHint("temp", all.mean(), all.farMean(), MEAN[0], STD[0]))
                .startsWith(" (°F against °C? (x − 32) / 1.8 brings its mean to 36.");
    }

    @Test
    void farValuesThatFitNeitherUnitGetNoTemperatureWords() {
        List<float[][]> stays = stays(0);
        for (int s = 0; s < 8; s++) {
            for (float[] step : stays.get(s)) {
                step[0] = 60; // a dead probe's full scale: no unit of 36.9
            }
        }
        FarFromTraining.Feature far = FarFromTraining.judge(stays, MEAN, STD).get(0);
        assertThat(FarFromTraining.temperatureHint("temp", far.mean(), far.farMean(), MEAN[0], STD[0])).isEmpty();
        // a feature not named as a temperature: no words, whatever the values
        FarFromTraining.Feature mixed = FarFromTraining.judge(stays(8), MEAN, STD).get(0);
        assertThat(FarFromTraining.temperatureHint("lactate", mixed.mean(), mixed.farMean(), MEAN[0], STD[0])).isEmpty();
    }

    /**
     * Trial 76e: a carrier's -99 dropouts among another carrier's °F: the code's cells ({@link FarFromTraining#codes}) are
     * far values too, and bent the far values' mean (44.5 to 37.6) and so the °F hint's conversion (6.95 to 3.1). They are
     * left out of {@code farMean}; a feature whose far values are all the code has no far mean to convert.
     */
    @Test
    void cellsOfACodeForAMissingValueAreLeftOutOfTheFarValuesMean() {
        List<float[][]> stays = stays(8);
        for (int s = 8; s < 16; s++) { // in °C, with -99 at every sixth step
            for (int t = 0; t < 24; t += 6) {
                stays.get(s)[t][0] = -99;
            }
        }
        FarFromTraining.Feature far = FarFromTraining.judge(stays, MEAN, STD).get(0);
        assertThat(far.beyond()).isEqualTo(8 * 24 + 8 * 4); // the codes are far values: counted in the share
        assertThat(far.farMean()).isBetween(98.0, 99.0); // the °F stays' alone, as without the codes
        assertThat(FarFromTraining.temperatureHint("temp", far.mean(), far.farMean(), MEAN[0], STD[0]))
                .startsWith(" (°F against °C in some sequences? (x − 32) / 1.8 brings the far values' mean 98.").contains(" to 36.");
        // only the code far out: no far mean, no temperature words
        List<float[][]> codesOnly = stays(0);
        for (int s = 0; s < 8; s++) {
            for (int t = 0; t < 24; t += 6) {
                codesOnly.get(s)[t][0] = -99;
            }
        }
        FarFromTraining.Feature coded = FarFromTraining.judge(codesOnly, MEAN, STD).get(0);
        assertThat(coded.farMean()).isNaN();
        assertThat(FarFromTraining.temperatureHint("temp", coded.mean(), coded.farMean(), MEAN[0], STD[0])).isEmpty();
    }
}
