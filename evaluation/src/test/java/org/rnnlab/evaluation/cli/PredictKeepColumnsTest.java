package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --keep-columns} copies columns of the input that hold one value per sequence (a subject, the true label)
 * beside each prediction, so that predictions join back to what the user knows of each sequence (a trial's sleep lab joined
 * its subjects by hand); a column that changes within a sequence, or that the file lacks, is an error naming it.
 */
class PredictKeepColumnsTest {

    @Test
    void keptColumnsFollowTheProbabilitiesOneValuePerSequence(@TempDir Path dir) throws Exception {
        StringBuilder train = new StringBuilder("id,t,a,b,label\n");
        for (int s = 0; s < 24; s++) {
            for (int t = 0; t < 6; t++) {
                train.append("s").append(s).append(',').append(t).append(',').append(s % 2 == 0 ? t : -t).append(',')
                        .append(0.5 * t).append(',').append(s % 2 == 0 ? "up" : "down").append('\n');
            }
        }
        Path data = Files.writeString(dir.resolve("train.csv"), train);
        Path out = dir.resolve("run");
        TrainEvaluatePredictTest.Run trained = run("train", "--dataset", "csv", "--train", data.toString(), "--set", "sequenceId=id",
                "--set", "time=t", "--cell", "rnn", "--hidden", "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = out.resolve("model.rnnlab").toString();

        // new runs: columns in another order, a subject and a note the model never saw, the true label
        Path fresh = Files.writeString(dir.resolve("new.csv"), "subject,id,b,a,t,label,note\n"
                + "alice,n1,0,0,0,up,\"first, night\"\nalice,n1,0.5,1,1,up,\"first, night\"\n"
                + "bob,n2,0,0,0,down,x\nbob,n2,0.5,-1,1,down,x\n");
        TrainEvaluatePredictTest.Run kept = run("predict", "--model", model, "--input", fresh.toString(),
                "--keep-columns", "subject,label,note");
        assertThat(kept.code()).as(kept.err()).isZero();
        List<String> lines = kept.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,label,p_down,p_up,subject,input_label,note,length_untested,far_from_training,far_reasons,constant_features,low_confidence"); // low_confidence last
        assertThat(lines.get(1)).startsWith("n1,").containsPattern(",alice,up,\"first, night\",[^,]*,[^,]*,[^,]*,[^,]*,(true|false)$");
        assertThat(lines.get(2)).startsWith("n2,").containsPattern(",bob,down,x,[^,]*,[^,]*,[^,]*,[^,]*,(true|false)$");
        assertThat(lines).hasSize(3);
        // the same columns without the option: 'subject' and 'note' are unknown columns, refused as before
        TrainEvaluatePredictTest.Run unknown = run("predict", "--model", model, "--input", fresh.toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("subject");

        Path varying = Files.writeString(dir.resolve("varying.csv"), "id,t,a,b,subject\nn1,0,0,0,alice\nn1,1,1,0.5,bob\n");
        TrainEvaluatePredictTest.Run changes = run("predict", "--model", model, "--input", varying.toString(), "--keep-columns", "subject");
        assertThat(changes.code()).isEqualTo(1);
        assertThat(changes.err()).contains(varying + ":3: --keep-columns subject: 'bob' here, but 'alice' at line 2 in the same "
                + "sequence 'n1' (expected one value per sequence");
        assertThat(changes.out()).isEmpty();
        assertThat(changes.err()).contains("subject@first or subject@last copies its value at the sequence's first or last row");
        // the value at the sequence's first or last row (e.g. a window's end time), under NAME_first / NAME_last
        TrainEvaluatePredictTest.Run ends = run("predict", "--model", model, "--input", varying.toString(), "--keep-columns",
                "subject@first,subject@last,t@last");
        assertThat(ends.code()).as(ends.err()).isZero();
        List<String> endLines = ends.out().lines().toList();
        assertThat(endLines.get(0)).endsWith(",subject_first,subject_last,t_last,length_untested,far_from_training,far_reasons,constant_features,low_confidence");
        assertThat(endLines.get(1)).startsWith("n1,").containsPattern(",alice,bob,1,[^,]*,[^,]*,[^,]*,[^,]*,(true|false)$");

        TrainEvaluatePredictTest.Run absent = run("predict", "--model", model, "--input", fresh.toString(), "--keep-columns", "subjct");
        assertThat(absent.code()).as("a misspelt name is a usage error, as with --ignore-columns").isEqualTo(2);
        assertThat(absent.err()).contains("--keep-columns subjct: no column named 'subjct' in " + fresh
                + " (expected one of subject, id, b, a, t, label, note; names must match the header as written)");

        // usage errors before any work: a name twice, a name the output has already under both spellings
        TrainEvaluatePredictTest.Run twice = run("predict", "--model", model, "--input", fresh.toString(), "--keep-columns", "note,note");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("--keep-columns note,note: 'note' is named twice");
        TrainEvaluatePredictTest.Run taken = run("predict", "--model", model, "--input", fresh.toString(), "--keep-columns",
                "input_label,label");
        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).contains("--keep-columns label: the output has a column input_label already");
        // a folder of one file per sequence has no one table to copy from
        Path folder = Files.createDirectories(dir.resolve("seqs"));
        Files.writeString(folder.resolve("n1.csv"), "t,a,b\n0,0,0\n1,1,0.5\n");
        TrainEvaluatePredictTest.Run fromFolder = run("predict", "--model", model, "--input", folder.toString(), "--keep-columns", "a");
        assertThat(fromFolder.code()).isEqualTo(2);
        assertThat(fromFolder.err()).contains("--keep-columns copies columns of one long-layout CSV file, and " + folder + " is a folder");
        // the file's own problems keep predict's words (a review found train's --set advice once the columns were read first)
        Path semicolons = Files.writeString(dir.resolve("semi.csv"), "id;t;a;b;subject\nn1;0;0;0;alice\n");
        TrainEvaluatePredictTest.Run semi = run("predict", "--model", model, "--input", semicolons.toString(), "--keep-columns", "subject");
        assertThat(semi.code()).isEqualTo(1);
        assertThat(semi.err()).contains("give predict and evaluate --delimiter ';'").doesNotContain("--set delimiter");
        // --ignore-columns errors name only what was given to it
        TrainEvaluatePredictTest.Run both = run("predict", "--model", model, "--input", fresh.toString(), "--ignore-columns", "a",
                "--keep-columns", "note");
        assertThat(both.err()).contains("--ignore-columns a: the model reads [a]").doesNotContain("a,note");
    }

    @Test
    void aFolderModelKeepsItsLabelsFilesColumns(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // ECG segments with their patient in labels.csv: a trial joined the predictions to the patients by hand
        Path folder = Files.createDirectories(dir.resolve("segments"));
        java.util.List<String> labels = new java.util.ArrayList<>(java.util.List.of("file,label,patient"));
        java.util.Random r = new java.util.Random(2);
        for (int i = 0; i < 24; i++) {
            StringBuilder rows = new StringBuilder("lead1\n");
            for (int t = 0; t < 6; t++) {
                rows.append((float) (r.nextGaussian() + (i % 2 == 0 ? 1 : -1))).append('\n');
            }
            Files.writeString(folder.resolve("seg" + i + ".csv"), rows);
            labels.add("seg" + i + ".csv," + (i % 2 == 0 ? "normal" : "af") + ",P" + (i / 4));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        Path run = dir.resolve("run");
        TrainEvaluatePredictTest.Run trained = run("train", "--dataset", "csv", "--data", folder.toString(), "--cell", "rnn",
                "--hidden", "3", "--epochs", "1", "--quiet", "--out", run.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        String model = run.resolve("model.rnnlab").toString();
        TrainEvaluatePredictTest.Run kept = run("predict", "--model", model, "--input", folder.toString(), "--keep-columns", "patient");
        assertThat(kept.code()).as(kept.err()).isZero();
        java.util.List<String> lines = kept.out().lines().toList();
        assertThat(lines.get(0)).endsWith(",patient,length_untested,far_from_training,far_reasons,constant_features,low_confidence");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("seg5.csv,").containsPattern(",P1,[^,]*,[^,]*,[^,]*,[^,]*,(true|false)$"));
        // a folder without a labels file has nothing to keep from
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.copy(folder.resolve("seg0.csv"), bare.resolve("seg0.csv"));
        TrainEvaluatePredictTest.Run none = run("predict", "--model", model, "--input", bare.toString(), "--keep-columns", "patient");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--keep-columns copies columns of the labels file of this model's folder layout");
    }
}
