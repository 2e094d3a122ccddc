package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;

/**
 * Trial 77g: contract clauses trained with {@code --set group=contract_id} (as compare's "to keep a model" command repeats
 * it) had 57 of 60 contracts in training and test, a result line without a word and {@code "testSharesGroups": false}; the
 * run wrote no split-groups.csv, so evaluate scored clauses of training contracts without the warning CSV runs give.
 */
class TextGroupRunFilesTest {

    private static final String[] LABELS = {"liability", "termination", "payment"};

    private static Path clauses(Path dir) throws Exception {
        List<String> lines = new ArrayList<>(List.of("clause_id\tcontract_id\tlabel\ttext"));
        int id = 0;
        for (int c = 0; c < 24; c++) {
            for (int i = 0; i < 9; i++) {
                String label = LABELS[i % LABELS.length];
                lines.add(String.format("CL%04d\tK%03d\t%s\t%s clause %d of contract w%d", id++, c, label, label, i, c));
            }
        }
        return Files.write(dir.resolve("clauses.tsv"), lines);
    }

    private static Run train(Path file, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "text", "--train", file.toString(), "--set",
                "idColumn=clause_id", "--set", "group=contract_id", "--set", "minFrequency=1", "--hidden", "4", "--epochs", "1",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void aGroupColumnKeepsContractsApartWritesSplitGroupsAndEvaluateWarnsOfKnownContracts(@TempDir Path dir) throws Exception {
        Path file = clauses(dir);
        Path out = dir.resolve("run");
        Run trained = train(file, out);
        assertThat(trained.code()).as(trained.err()).isZero();
        JsonNode results = org.rnnlab.core.Json.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("testSharesGroups").asBoolean()).isFalse();
        assertThat(trained.out()).doesNotContain("optimistic for new groups");
        // split-groups.csv: each contract in one split, as the clauses of splits.csv say
        List<String> groups = Files.readAllLines(out.resolve("split-groups.csv"));
        assertThat(groups.get(0)).isEqualTo("group,split");
        Map<String, Set<String>> splitsOf = new HashMap<>();
        groups.subList(1, groups.size()).forEach(l -> splitsOf.computeIfAbsent(l.split(",")[0], k -> new HashSet<>())
                .add(l.split(",")[1]));
        assertThat(splitsOf).hasSize(24);
        assertThat(splitsOf.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        String trainedContract = splitsOf.entrySet().stream().filter(e -> e.getValue().contains("train")).findFirst().orElseThrow()
                .getKey();
        String testedContract = splitsOf.entrySet().stream().filter(e -> e.getValue().contains("test")).findFirst().orElseThrow()
                .getKey();
        // new clauses (not copies), three of a training contract and three of a test one
        List<String> fresh = new ArrayList<>(List.of("clause_id\tcontract_id\tlabel\ttext"));
        for (int i = 0; i < 3; i++) {
            fresh.add("NEW" + i + "\t" + trainedContract + "\t" + LABELS[i] + "\t" + LABELS[i] + " new wording " + i);
            fresh.add("NEX" + i + "\t" + testedContract + "\t" + LABELS[i] + "\t" + LABELS[i] + " other wording " + i);
        }
        Path input = Files.write(dir.resolve("new.tsv"), fresh);
        Run evaluated = run("evaluate", "--model", out.resolve("model.rnnlab").toString(), "--input", input.toString());
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.err()).contains("evaluate: warning: 3 of the 6 texts come from 1 group(s) of group column contract_id "
                + "that this model's run trained or selected on", "e.g. [" + trainedContract + "]", "optimistic for groups it has "
                + "never seen");
    }

    @Test
    void theCarveByClassSaysItsScoresAreOptimisticForNewGroups(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Run trained = train(clauses(dir), out, "--set", "splitBy=class");
        assertThat(trained.code()).as(trained.err()).isZero();
        JsonNode results = org.rnnlab.core.Json.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("testSharesGroups").asBoolean()).isTrue();
        assertThat(trained.out()).containsPattern("test accuracy [0-9.]+, macro-F1 [0-9.]+.* \\(optimistic for new groups: \\d+ of "
                + "the \\d+ training groups of group column contract_id also have test sequences");
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"splitBy\" : \"class\"");
    }
}
