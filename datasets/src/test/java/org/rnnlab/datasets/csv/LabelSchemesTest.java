package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.LoggedWarnings;

/**
 * Labels written in two schemes, each in groups of its own, are warned of with a group column (a sleep-staging trial's
 * subjects A13 and A14 labelled 'Sleep stage W/1/2/3/R', the others 'W/N1/N2/N3/REM', trained a 10-class model with no
 * word of it); groups of one class each (a diagnosis per patient) are not.
 */
class LabelSchemesTest {
    private static final CsvOptions BY_SUBJECT = CsvOptions.defaults()
            .withColumns(Column.named("id"), Column.named("t"), Column.named("stage"))
            .withFeatures(List.of(Column.named("x"))).withGroupColumn(Column.named("subject"));

    @TempDir
    Path dir;

    /** 12 subjects of 12 sequences each (3 steps); {@code stages.apply(s)} subject s's labels, taken in turn. */
    private Path subjects(String name, IntFunction<String[]> stages) throws IOException {
        Random r = new Random(name.hashCode());
        List<String> lines = new ArrayList<>(List.of("id,subject,t,x,stage"));
        for (int s = 0; s < 12; s++) {
            String[] own = stages.apply(s);
            for (int k = 0; k < 12; k++) {
                for (int t = 0; t < 3; t++) {
                    lines.add(String.format(Locale.ROOT, "s%02d_%d,s%02d,%d,%.3f,%s", s, k, s, t, r.nextGaussian(), own[k % own.length]));
                }
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static List<String> warnings(Path f, CsvOptions options) throws Exception {
        return LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(f, options));
    }

    @Test
    void twoSchemesOfLabelsInGroupsOfTheirOwnAreNamedWithTheSmallerSetsGroups() throws Exception {
        String[] aasm = {"W", "N1", "N2", "REM"};
        String[] rk = {"Sleep stage W", "Sleep stage 1", "Sleep stage 2", "Sleep stage R"};
        Path f = subjects("mixed.csv", s -> s >= 10 ? rk : aasm);
        assertThat(warnings(f, BY_SUBJECT)).anySatisfy(w -> assertThat(w).contains("2 sets of classes never share a group of "
                + "group column subject: 'N1', 'N2', 'REM', 'W' in 10 groups (120 training sequences), and 'Sleep stage 1', "
                + "'Sleep stage 2', 'Sleep stage R', 'Sleep stage W' only in the 2 groups 's10', 's11' (24 training sequences), "
                + "which hold none of the other classes: two annotation schemes", "Each label is a class of its own (8 in these sets)",
                "--set labelNames=N1,N2,REM,W (or your own list) refuses any label left out"));
        // without a group column, nothing to tell the schemes by
        CsvOptions noGroup = CsvOptions.defaults().withColumns(Column.named("id"), Column.named("t"), Column.named("stage"))
                .withFeatures(List.of(Column.named("x")));
        assertThat(warnings(f, noGroup)).noneMatch(w -> w.contains("never share a group"));
    }

    @Test
    void groupsOfOneClassEachAreNoSchemes() throws Exception {
        // a diagnosis per patient: every class in groups of its own, one class each
        String[] classes = {"healthy", "mild", "moderate", "severe"};
        Path perPatient = subjects("diagnosis.csv", s -> new String[] {classes[s % 4]});
        assertThat(warnings(perPatient, BY_SUBJECT)).noneMatch(w -> w.contains("never share a group"));
        // a patient whose diagnosis changed joins two classes, in sets whose other groups hold one class: still none
        Path changed = subjects("changed.csv", s -> s == 0 ? new String[] {"healthy", "mild"} : s == 1
                ? new String[] {"moderate", "severe"} : new String[] {classes[s % 4]});
        assertThat(warnings(changed, BY_SUBJECT)).noneMatch(w -> w.contains("never share a group"));
        assertThat(LabelSchemes.find(List.of())).isEmpty();
    }

    @Test
    void disjointSetsOfOtherClassesGetANeutralLineWithoutAdviceThatWouldDropThem() throws Exception {
        // a review: emotion crossed with gender, one actor per group, got "two annotation schemes" and advice to keep the
        // first set's labels only, which would drop every male class
        String[] female = {"female_angry", "female_happy", "female_sad"};
        String[] male = {"male_angry", "male_happy", "male_sad"};
        Path actors = subjects("actors.csv", s -> s % 2 == 0 ? female : male);
        assertThat(warnings(actors, BY_SUBJECT)).anySatisfy(w -> assertThat(w).contains("2 sets of classes never share a group",
                "each class is learnt from its own set's groups only").doesNotContain("annotation schemes", "labelNames"));
        // species by site: three sets that share no names
        Path sites = subjects("sites.csv", s -> s < 4 ? new String[] {"robin", "wren", "jay"} : s < 8
                ? new String[] {"gull", "tern", "heron"} : new String[] {"owl", "kite"});
        assertThat(warnings(sites, BY_SUBJECT)).anySatisfy(w -> assertThat(w).contains("3 sets of classes never share a group")
                .doesNotContain("annotation schemes", "labelNames"));
    }

    @Test
    void threeWaysOfWritingOneSchemeAreCountedAndOneSchemeIsToldByNamesNotCounts() throws Exception {
        String[] aasm = {"W", "N1", "N2", "N3", "REM"};
        String[] rk = {"Sleep stage W", "Sleep stage 1", "Sleep stage 2", "Sleep stage 3", "Sleep stage 4", "Sleep stage R"};
        String[] lower = {"w", "n1", "n2", "n3", "rem"};
        Path f = subjects("three.csv", s -> s >= 10 ? rk : s >= 8 ? lower : aasm);
        assertThat(warnings(f, BY_SUBJECT)).anySatisfy(w -> assertThat(w).contains("3 sets of classes never share a group",
                "3 annotation schemes", "(16 in these sets)", "--set labelNames=N1,N2,N3,REM,W").doesNotContain("two annotation"));
        assertThat(LabelSchemes.sameScheme(List.of("W", "N1", "REM"), List.of("Sleep stage W", "Sleep stage 1", "Sleep stage R")))
                .isTrue();
        assertThat(LabelSchemes.sameScheme(List.of("cat", "dog"), List.of("Cat", "Dog"))).isTrue();
        // similar counts alone are not one scheme, nor names that match once two different decorations are taken off
        assertThat(LabelSchemes.sameScheme(List.of("W", "N1", "REM"), List.of("walk", "run", "sit"))).isFalse();
        assertThat(LabelSchemes.sameScheme(List.of("female_angry", "female_sad"), List.of("male_angry", "male_sad"))).isFalse();
        // matching names of very different counts: not one scheme written two ways
        assertThat(LabelSchemes.sameScheme(List.of("W", "N1"), List.of("w", "n1", "x", "y", "z"))).isFalse();
    }
}
