package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.SharedDataDirectory;
import org.rnnlab.evaluation.cli.TrainEvaluatePredictTest.Run;
import org.rnnlab.evaluation.run.DataWarnings;

/**
 * A bioinformatician's trial through train, predict and evaluate, with DNA written one base per word: texts with a large
 * share of words the model does not know (an RNA line, a protein, a line of gaps) were classified without a word, training
 * texts of no known word (lines written without spaces) trained silently, and unspaced DNA was scored at the baseline with
 * exit 0. Ordinary sentences stay quiet.
 */
class UnknownWordsCliTest {

    @TempDir
    static Path dir;

    private static Path model;

    private static String bases(Random r, int length, String alphabet, boolean spaced) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(spaced && i > 0 ? " " : "").append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** A DNA model trained on 300 lines of 60 bases, one base per word, 5% of them written without spaces. */
    @BeforeAll
    static void train() throws Exception {
        Random r = new Random(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add((i % 2 == 0 ? "donor" : "other") + "\t" + bases(r, 60, i % 2 == 0 ? "ACGTG" : "ACGTA", i % 20 != 3));
        }
        Path out = dir.resolve("run");
        Run train = run("train", "--dataset", "text", "--train", Files.write(dir.resolve("dna.tsv"), lines).toString(), "--hidden",
                "4", "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        model = out.resolve("model.rnnlab");
        // the lines without spaces are named in the run's data warnings, with how to write them
        assertThat(Files.readString(out.resolve("data-warnings.txt"))).containsPattern("text: \\d+ of the 210 training texts(, \\d+ "
                + "of the 45 validation texts)? and \\d+ of the 45 test texts have no word of the vocabulary \\(training dna.tsv:\\d+, ")
                .contains("the model reads each as <unk> alone, so it learns nothing of a training one but its label")
                .contains("15 of the 300 texts are one word each (e.g. dna.tsv:4, '")
                .contains("write them one character per word as the others are (Python: ' '.join(s))");
        // the training texts' share of unknown words travels with the model: about 0, a line without spaces in 20
        try (var classifier = org.rnnlab.training.ModelBundle.load(model)) {
            var share = classifier.card().encoder().orElseThrow().unknownShare();
            assertThat(share.training()).isLessThan(0.002);
            assertThat(share.heldOut()).isLessThan(0.002).isGreaterThan(0);
        }
    }

    /** Runs the command, also returning the warnings the data readers logged meanwhile. */
    private static Run logged(List<String> warnings, String... args) {
        return DataWarnings.capture(() -> run(args), warnings);
    }

    @Test
    void textsWithALargeShareOfUnknownWordsAreNamedWithTheirCommonestUnknownWords() throws Exception {
        Random r = new Random(12);
        String dna = bases(r, 60, "ACGT", true);
        String rna = dna.replace('T', 'U');
        long us = rna.chars().filter(c -> c == 'U').count();
        String[] b = bases(r, 60, "ACGT", true).split(" ");
        String gaps = java.util.stream.IntStream.range(0, b.length).mapToObj(i -> i % 2 == 0 ? b[i] : "-")
                .collect(Collectors.joining(" "));
        String protein = bases(r, 60, "ACDEFGHIKLMNPQRSTVWY", true);
        Path input = Files.write(dir.resolve("new.txt"), List.of(dna, rna, gaps, protein));
        List<String> warnings = new ArrayList<>();
        Run p = logged(warnings, "predict", "--model", model.toString(), "--input", input.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out().lines().skip(1)).hasSize(4);
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).startsWith(input + ": 3 text(s) have a large share of "
                + "words the model does not know (line(s) 2 (" + us + " of 60 tokens, " + Math.round(100.0 * us / 60) + "%), 3 (30 of 60 "
                + "tokens, 50%), 4 (")
                .contains("; marked from 50% of a text's tokens, or 20% of a longer one), where new text like the model's "
                        + "training texts holds about ")
                .contains("the commonest unknown words: '-' (30), 'u' (" + us + ")")
                .contains("their predictions rest largely on the unknown-word token"));
        // evaluate says the same of labelled lines, and scores them
        Path labelled = Files.write(dir.resolve("new.tsv"), List.of("donor\t" + dna, "other\t" + rna, "donor\t" + gaps));
        List<String> evaluated = new ArrayList<>();
        Run e = logged(evaluated, "evaluate", "--model", model.toString(), "--input", labelled.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(evaluated).anySatisfy(w -> assertThat(w).contains("2 text(s) have a large share of words the model does not know"));
        // the DNA alone: quiet
        List<String> quiet = new ArrayList<>();
        Path clean = Files.write(dir.resolve("clean.txt"), List.of(dna, bases(r, 60, "ACGT", true)));
        assertThat(logged(quiet, "predict", "--model", model.toString(), "--input", clean.toString()).code()).isZero();
        assertThat(quiet).isEmpty();
    }

    @Test
    void unspacedDnaIsRefusedWhenNoTextHasAKnownWordAndWarnedOfWithWhyOtherwise() throws Exception {
        Random r = new Random(13);
        Path unspaced = Files.write(dir.resolve("unspaced.txt"), List.of(bases(r, 60, "ACGT", false), bases(r, 60, "ACGT", false),
                bases(r, 60, "ACGT", false)));
        Run p = run("predict", "--model", model.toString(), "--input", unspaced.toString());
        assertThat(p.code()).as("every prediction would be the unknown-word prior").isEqualTo(1);
        assertThat(p.err()).contains(unspaced + ": none of the 3 texts has a word of the model's vocabulary (unknown words: '")
                .contains("every prediction would be the unknown-word prior, the same whatever the text; the model's words are "
                        + "single characters: write one per word (Python: ' '.join(s))");
        assertThat(p.out()).isEmpty();
        // one text alone (a word the model never saw, "Meh"): its prediction and the warning, as serve answers it (a review)
        Path one = Files.write(dir.resolve("one.txt"), List.of(bases(r, 60, "ACGT", false)));
        List<String> singleWarnings = new ArrayList<>();
        Run single = logged(singleWarnings, "predict", "--model", model.toString(), "--input", one.toString());
        assertThat(single.code()).as(single.err()).isZero();
        assertThat(single.out().lines().count()).isEqualTo(2);
        assertThat(singleWarnings).anySatisfy(w -> assertThat(w).contains("have no word of the model's vocabulary"));
        Path labelled = Files.write(dir.resolve("unspaced.tsv"), List.of("donor\t" + bases(r, 60, "ACGT", false),
                "other\t" + bases(r, 60, "ACGT", false)));
        Run e = run("evaluate", "--model", model.toString(), "--input", labelled.toString());
        assertThat(e.code()).as("before: a full report at the baseline, exit 0").isEqualTo(1);
        assertThat(e.err()).contains("none of the 2 texts has a word of the model's vocabulary")
                .contains("the model's words are single characters: write one per word (Python: ' '.join(s))");
        // most lines unspaced, one spaced: scored, and the warning says why
        Path most = Files.write(dir.resolve("most.tsv"), List.of("donor\t" + bases(r, 60, "ACGT", false),
                "other\t" + bases(r, 60, "ACGT", false), "donor\t" + bases(r, 60, "ACGT", true)));
        List<String> warnings = new ArrayList<>();
        Run scored = logged(warnings, "evaluate", "--model", model.toString(), "--input", most.toString());
        assertThat(scored.code()).as(scored.err()).isZero();
        assertThat(warnings).anySatisfy(w -> assertThat(w).isEqualTo(most + ": 2 text(s) have no word of the model's vocabulary "
                + "(line(s) 1, 2): their predictions rest on the unknown-word token alone; the model's words are single "
                + "characters: write one per word (Python: ' '.join(s))"));
        // a FASTA file of unspaced sequences: its hint says to space the characters too
        Path fasta = Files.write(dir.resolve("seqs.fa.txt"), List.of(">seq1", bases(r, 60, "ACGT", false), ">seq2",
                bases(r, 60, "ACGT", false)));
        List<String> fastaWarnings = new ArrayList<>();
        Run f = logged(fastaWarnings, "predict", "--model", model.toString(), "--input", fasta.toString());
        assertThat(f.code()).isEqualTo(1);
        assertThat(fastaWarnings).anySatisfy(w -> assertThat(w).contains("as the header lines of a FASTA file do")
                .contains("its characters separated by spaces, since the model's words are single characters (Python: ' '.join(s))"));
    }

    @Test
    void ordinarySentencesStayQuiet(@TempDir Path own) throws Exception {
        Optional<Path> folder = SharedDataDirectory.locate("sentiment-labelled-sentences");
        Assumptions.assumeTrue(folder.isPresent(), "shared/data/sentiment-labelled-sentences not found (set -D"
                + SharedDataDirectory.PROPERTY + " or " + SharedDataDirectory.ENVIRONMENT + "): skipping the real-data test");
        Path out = own.resolve("run");
        List<String> trainWarnings = new ArrayList<>();
        Run train = logged(trainWarnings, "train", "--dataset", "sentiment", "--data", folder.get().toString(), "--hidden", "4",
                "--epochs", "1", "--quiet", "--out", out.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(trainWarnings).noneMatch(w -> w.contains("no word of the vocabulary") || w.contains("one word each"));
        // new sentences of the three sites, written as users write them
        List<String> sentences = new ArrayList<>();
        for (String name : List.of("amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt")) {
            Files.readAllLines(folder.get().resolve(name)).stream().skip(900).map(l -> l.substring(0, l.lastIndexOf('\t')))
                    .forEach(sentences::add);
        }
        sentences.add("The battery died after two days and support never answered.");
        sentences.add("Lovely little place, friendly staff, we'll be back!");
        List<String> warnings = new ArrayList<>();
        Path input = Files.write(own.resolve("sentences.txt"), sentences);
        Run p = logged(warnings, "predict", "--model", out.resolve("model.rnnlab").toString(), "--input", input.toString());
        assertThat(p.code()).as(p.err()).isZero();
        // at most a handful marked: since the half rule (a multilingual trial's review with 1 of 2 words unknown), a short
        // sentence with half its words unknown is (here "... 1 text(s) ... (2 of 4 tokens, 50%)" of the 302 sentences)
        assertThat(warnings).noneMatch(w -> w.contains("no word of the model's vocabulary"));
        assertThat(warnings).filteredOn(w -> w.contains("large share of words")).allSatisfy(w -> assertThat(w)
                .matches("(?s).*: [1-3] text\\(s\\) have a large share of words.*"));
    }
}
