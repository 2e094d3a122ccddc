package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * A column such as a speaker, holding one value per sequence shared by several, is judged after the split, however the
 * split came about: carved at random, marked by a split column, or given as files; and in a folder layout's labels file,
 * whatever its name (a trial with spoken keywords of 30 speakers got no word for a split column or a labels file).
 */
class GroupLikeColumnsTest {
    private static final String[] WORDS = {"yes", "no", "up"};
    private static final CsvOptions OPTIONS = CsvOptions.defaults()
            .withColumns(Column.named("utterance_id"), Column.named("frame"), Column.named("label"))
            .withFeatures(List.of(Column.named("c0"), Column.named("c1")));

    @TempDir
    Path dir;

    private static List<String> warnings(LoggedWarnings.Action action) throws Exception {
        return LoggedWarnings.of(CsvSequenceDataset.class, action);
    }

    /**
     * 12 speakers of 6 utterances each (2 per word), 5 frames of 2 features; {@code split(u)} the split column's value of
     * utterance {@code u} (null: no split column); speakers from {@code firstSpeaker}.
     */
    private Path utterances(String name, int firstSpeaker, int speakers, IntFunction<String> split) throws IOException {
        Random r = new Random(name.hashCode());
        List<String> lines = new ArrayList<>();
        lines.add("utterance_id,speaker,frame,c0,c1,label" + (split == null ? "" : ",split"));
        for (int s = firstSpeaker; s < firstSpeaker + speakers; s++) {
            for (int k = 0; k < 6; k++) {
                int u = s * 6 + k;
                for (int t = 0; t < 5; t++) {
                    lines.add(String.format(Locale.ROOT, "u%d,spk%02d,%d,%.3f,%.3f,%s%s", u, s, t, r.nextGaussian(), r.nextGaussian(),
                            WORDS[k % 3], split == null ? "" : "," + split.apply(u)));
                }
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void theTextRefusalNamesASpeakerColumnAsTheGroupItMayBeAndAFrameCounterAsTheTime() throws Exception {
        Path f = utterances("text.csv", 0, 12, null);
        CsvOptions noTime = CsvOptions.defaults().withColumns(Column.named("utterance_id"), null, Column.named("label"));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, noTime)).hasMessageContaining("column(s) 'speaker' ('spk00', line 2) "
                + "hold text").hasMessageContaining("if 'speaker' names who or which session a sequence comes from, --set group=speaker")
                .hasMessageContaining("--set features=c0,c1 (and 'frame', by its name the time or step of the rows, with --set time=frame")
                .hasMessageNotContaining("get_dummies");
    }

    @Test
    void carvedAtRandomTheSharedSpeakersAreCountedAndTheGroupSettingNamed() throws Exception {
        Path f = utterances("carved.csv", 0, 12, null);
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'speaker' holds one value per sequence, shared by several "
                + "sequences (e.g. '", "of the 72 sequences; 12 values)", GroupLikeColumns.TEST_SHARES, "(carved at random)",
                "the validation and test scores are optimistic", "--set group=speaker carves each of its values into one split"));
        // with the group set, nothing of the kind: the carve keeps speakers apart
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS.withGroupColumn(Column.named("speaker")))))
                .noneMatch(w -> w.contains("holds one value per sequence"));
    }

    @Test
    void aFeatureNamedAsAGroupGetsTheSharedValuesCheckAsAnUnknownNameDoes() throws Exception {
        // trial 72d F2: user_id (integers) as a feature got only its name's note and a score line without "optimistic", where
        // the same column renamed user_pseudo_id got the count of shared values
        Path f = utterances("users.csv", 0, 12, null);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(0, lines.get(0).replace("speaker", "user_id"));
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, lines.get(i).replaceFirst(",spk(\\d+),", ",10$1,"));
        }
        Path users = Files.write(dir.resolve("users.csv"), lines);
        CsvOptions withUser = CsvOptions.defaults().withColumns(Column.named("utterance_id"), Column.named("frame"), Column.named("label"))
                .withFeatures(List.of(Column.named("c0"), Column.named("c1"), Column.named("user_id")));
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(users, withUser));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'user_id' (a feature) holds one value per sequence, "
                + "shared by several sequences (e.g. '", GroupLikeColumns.TEST_SHARES, "(carved at random)",
                "the validation and test scores are optimistic", "--set group=user_id carves each of its values into one split"));
    }

    @Test
    void withAGroupColumnAnotherColumnSharedAcrossTheCarveIsStillCounted() throws Exception {
        // a trial's stores kept apart by group=store_id, while every test SKU was a training SKU, without a word
        Random r = new Random(3);
        List<String> lines = new ArrayList<>(List.of("series,store,sku,week,units,label"));
        for (int st = 0; st < 12; st++) {
            for (int k = 0; k < 8; k++) {
                for (int t = 0; t < 6; t++) {
                    lines.add(String.format(Locale.ROOT, "st%d_sku%d,store%02d,sku%d,%d,%.3f,%s", st, k, st, k, t, r.nextGaussian(),
                            k % 2 == 0 ? "smooth" : "lumpy"));
                }
            }
        }
        Path f = Files.write(dir.resolve("stores.csv"), lines);
        CsvOptions byStore = CsvOptions.defaults().withColumns(Column.named("series"), Column.named("week"), Column.named("label"))
                .withFeatures(List.of(Column.named("units"))).withGroupColumn(Column.named("store"));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(f, byStore))).anySatisfy(w -> assertThat(w).contains(
                "column 'sku' holds one value per sequence, shared by several sequences", "(carved by group column store, which "
                + "keeps its own values apart, not these)", "--set group=sku carves each of its values into one split instead of "
                + "store's").doesNotContain("column 'store' holds"));
    }

    @Test
    void aSplitColumnThatDividesEachSpeakersUtterancesIsWarnedOfWithItsCounts() throws Exception {
        // the trial's split_rand.csv: utterances split at random, every speaker in every split
        Path f = utterances("split_rand.csv", 0, 12, u -> u % 6 == 0 ? "test" : u % 6 == 1 ? "validation" : "train");
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'speaker' holds one value per sequence",
                "12 of the test data's 12 values (e.g. 'spk00', 'spk01', 'spk02') also have training sequences (as the split "
                        + "column marks them)", "12 of the validation data's 12 values",
                "a split column that puts each value's sequences in one split keeps them apart (or --set split=none "
                        + "--set group=speaker carves so)"));

        // a split column by speaker: nothing shared, nothing warned of
        Path bySpeaker = utterances("split_speaker.csv", 0, 12, u -> u / 6 >= 10 ? "test" : u / 6 >= 8 ? "validation" : "train");
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(bySpeaker, OPTIONS)))
                .noneMatch(w -> w.contains("holds one value per sequence"));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(bySpeaker, OPTIONS)))
                .anySatisfy(w -> assertThat(w).contains("column 'speaker' holds one value per sequence",
                        "share none of its values with training: the split keeps them apart"));
    }

    @Test
    void aTestFileOfNewSpeakersIsNotSaidToShareThemWhileTheCarvedValidationSplitIs() throws Exception {
        Path train = utterances("train.csv", 0, 12, null);
        Path newSpeakers = utterances("new.csv", 12, 4, null);
        List<String> warned = warnings(() -> CsvSequenceDataset.load(new CsvSources(null, train, null, newSpeakers, false, false),
                OPTIONS));
        assertThat(warned).noneMatch(w -> w.contains(GroupLikeColumns.TEST_SHARES));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("of the validation data's", "(carved at random)",
                "the validation scores are optimistic (the kept epoch is chosen on 'speaker' values the model trained on)")
                .doesNotContain("test scores"));

        // a test file of the same speakers: counted, as the file's
        Path sameSpeakers = utterances("same.csv", 8, 4, null);
        List<String> shared = warnings(() -> CsvSequenceDataset.load(new CsvSources(null, train, null, sameSpeakers, false, false),
                OPTIONS));
        assertThat(shared).anySatisfy(w -> assertThat(w).contains("4 of the test data's 4 values", "(in the given file)",
                "a test file of other 'speaker' values than the training file's keeps them apart"));
    }

    @Test
    void aLabelsFileColumnOfSpeakersIsJudgedByItsContentNotItsName() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("fold"));
        Random r = new Random(7);
        List<String> labels = new ArrayList<>(List.of("file,label,talker,recorded,word_code,patient"));
        for (int u = 0; u < 48; u++) {
            List<String> rows = new ArrayList<>(List.of("c0,c1"));
            for (int t = 0; t < 4; t++) {
                rows.add(String.format(Locale.ROOT, "%.3f,%.3f", r.nextGaussian(), r.nextGaussian()));
            }
            Files.write(folder.resolve("u" + u + ".csv"), rows);
            // a date per file (one value per sequence, none shared), a copy of the label, and patients of one class each
            labels.add("u" + u + ".csv," + WORDS[u % 3] + ",t" + (u / 6) + ",2024-01-" + (10 + u) + ",w" + (u % 3) + ",p"
                    + (u % 3) + "-" + (u / 12));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        List<String> warned = warnings(() -> CsvSequenceDataset.fromFolder(folder, CsvOptions.defaults()));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'talker' holds one value per sequence, shared by several "
                + "sequences (e.g. '", "of the 48 sequences; 8 values)", GroupLikeColumns.TEST_SHARES, "--set group=talker carves"));
        // a column of one value per file (a recording date) is no group; nor is a copy of the label (as many values as
        // classes); patients whose recordings all have one class are (a review: the leak was skipped as a label copy)
        assertThat(warned).noneMatch(w -> w.contains("column 'recorded' holds") || w.contains("column 'word_code' holds"));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'patient' holds one value per sequence"));
    }

    /**
     * 12 subjects of 2 nights of 10 epochs each, one sequence per epoch (4 steps of 2 features), stages drawn at random:
     * {@code epoch} numbers the epochs of every night (crossed with the subjects), {@code night} names each night (nested in
     * its subject); with {@code split} a split column marking each sequence at random.
     */
    private Path nights(String name, boolean split) throws IOException {
        Random r = new Random(11);
        String[] stages = {"W", "N2", "REM"};
        List<String> lines = new ArrayList<>(List.of("epoch_id,subject,night,epoch,t,c0,c1,stage" + (split ? ",split" : "")));
        for (int s = 0; s < 12; s++) {
            for (int n = 1; n <= 2; n++) {
                for (int e = 0; e < 10; e++) {
                    String stage = stages[r.nextInt(3)];
                    String part = split ? "," + new String[] {"train", "train", "train", "validation", "test"}[r.nextInt(5)] : "";
                    for (int t = 0; t < 4; t++) {
                        lines.add(String.format(Locale.ROOT, "s%02d_n%d_e%d,s%02d,s%02d-n%d,%d,%d,%.3f,%.3f,%s%s", s, n, e, s, s, n, e,
                                t, r.nextGaussian(), r.nextGaussian(), stage, part));
                    }
                }
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static final CsvOptions BY_SUBJECT = CsvOptions.defaults()
            .withColumns(Column.named("epoch_id"), Column.named("t"), Column.named("stage"))
            .withFeatures(List.of(Column.named("c0"), Column.named("c1"))).withGroupColumn(Column.named("subject"));

    @Test
    void withAGroupColumnAColumnCrossedWithTheGroupsIsNotCalledGroupLikeWhileOneNestedInThemStillIs() throws Exception {
        // a sleep-staging trial: the epoch's index in its night, in every subject, marked every score optimistic
        Path carved = nights("carved.csv", false);
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(carved, BY_SUBJECT)))
                .noneMatch(w -> w.contains("holds one value per sequence"));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(carved, BY_SUBJECT)))
                .anySatisfy(w -> assertThat(w).contains("column 'epoch' holds one value per sequence", "crossed with group column "
                        + "subject: 10 of its 10 values each occur in more than half of the 12 groups, about once per group, and "
                        + "do not tell the class", "not who a sequence comes from"));

        // a split column that divides each night's epochs: the night, nested in its subject, is shared and warned of; the
        // epoch, shared as much, is not
        Path split = nights("split.csv", true);
        List<String> warned = warnings(() -> CsvSequenceDataset.fromLongCsv(split, BY_SUBJECT));
        assertThat(warned).anySatisfy(w -> assertThat(w).contains("column 'night' holds one value per sequence",
                GroupLikeColumns.TEST_SHARES, "(as the split column marks them)"));
        assertThat(warned).noneMatch(w -> w.contains("column 'epoch' holds"));
    }

    @Test
    void aSpeakerRecordedInEverySessionIsStillWarnedOfWithTheSessionAsGroup() throws Exception {
        // crossed with the sessions, but with 3 utterances in each: the model learns the voice
        Random r = new Random(13);
        List<String> lines = new ArrayList<>(List.of("utterance_id,session,speaker,frame,c0,c1,label"));
        int u = 0;
        for (int session = 0; session < 8; session++) {
            for (int speaker = 0; speaker < 6; speaker++) {
                for (int k = 0; k < 3; k++, u++) {
                    for (int t = 0; t < 5; t++) {
                        lines.add(String.format(Locale.ROOT, "u%d,ses%d,spk%d,%d,%.3f,%.3f,%s", u, session, speaker, t,
                                r.nextGaussian(), r.nextGaussian(), WORDS[k]));
                    }
                }
            }
        }
        Path f = Files.write(dir.resolve("sessions.csv"), lines);
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(f, OPTIONS.withGroupColumn(Column.named("session")))))
                .anySatisfy(w -> assertThat(w).contains("column 'speaker' holds one value per sequence", GroupLikeColumns.TEST_SHARES,
                        "(carved by group column session, which keeps its own values apart, not these)"));
    }

    /** 8 sessions of 6 speakers, one utterance each, the speaker written by {@code speaker}: crossed with the sessions. */
    private Path oncePerSession(String name, IntFunction<String> speaker) throws IOException {
        Random r = new Random(17);
        List<String> lines = new ArrayList<>(List.of("utterance_id,session,speaker,frame,c0,c1,label"));
        int u = 0;
        for (int session = 0; session < 8; session++) {
            for (int s = 0; s < 6; s++, u++) {
                String word = WORDS[r.nextInt(3)];
                for (int t = 0; t < 5; t++) {
                    lines.add(String.format(Locale.ROOT, "u%d,ses%d,%s,%d,%.3f,%.3f,%s", u, session, speaker.apply(s), t,
                            r.nextGaussian(), r.nextGaussian(), word));
                }
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void aSpeakerRecordedOnceInEverySessionIsWarnedOfWhileANumberedTakeIsAPosition() throws Exception {
        // a review: with a wrongly chosen --set group=session, a speaker of one utterance per session is crossed with the
        // sessions as an epoch is, and was said as information ("not who a sequence comes from"): it is the leak to name
        CsvOptions bySession = OPTIONS.withGroupColumn(Column.named("session"));
        Path named = oncePerSession("named.csv", s -> String.format(Locale.ROOT, "spk%d", s));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(named, bySession)))
                .anySatisfy(w -> assertThat(w).contains("column 'speaker' holds one value per sequence", GroupLikeColumns.TEST_SHARES,
                        "(carved by group column session, which keeps its own values apart, not these)"));
        Path ids = oncePerSession("ids.csv", s -> String.format(Locale.ROOT, "P%03d", s + 1));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(ids, bySession)))
                .anySatisfy(w -> assertThat(w).contains("column 'speaker' holds one value per sequence"));
        // the same layout of numbers 1..6 (a take within every session) is a position: information, with what to do if not
        Path takes = oncePerSession("takes.csv", s -> Integer.toString(s + 1));
        assertThat(warnings(() -> CsvSequenceDataset.fromLongCsv(takes, bySession))).noneMatch(w -> w.contains("holds one value"));
        assertThat(LoggedWarnings.infos(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(takes, bySession)))
                .anySatisfy(w -> assertThat(w).contains("column 'speaker' holds one value per sequence", "crossed with group column "
                        + "session", "if it does name who a sequence comes from, --set group=speaker carves by it instead"));
    }
}
