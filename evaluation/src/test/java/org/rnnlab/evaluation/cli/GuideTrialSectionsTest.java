package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The guide's sections written for trials say what the commands do: long waveform records and per-sequence scaling
 * (a power-quality trial), progress output (the same trial), which notebook outputs depend on the machine (a
 * lecturer's trial), and labels kept in a file of their own, the checks after a large file's reading and resident memory
 * (a network-flow trial). Whitespace is compared as one space, so that the text may be wrapped anywhere.
 */
class GuideTrialSectionsTest {

    private static String read(String... path) throws IOException {
        return Files.readString(Path.of("..", path)).replaceAll("\\s+", " ");
    }

    private static String section(String text, String heading) {
        int start = text.indexOf("### " + heading);
        assertThat(start).as("the section '" + heading + "'").isNotNegative();
        int end = text.indexOf(" ### ", start + 4);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    @Test
    void longRecordsAreGivenTheWaysForwardWithTheConvOptionAsTrainReadsIt() throws IOException {
        // a power-quality trial: 1,000-4,000-step waveforms, models near chance, and no word in the guide on what to do
        String yourData = read("docs", "guide", "your-data.md");
        String longRecords = section(yourData, "Long, densely sampled records");
        assertThat(longRecords).contains("Resample every record to one sampling rate first")
                .contains("per-cycle RMS").contains("`--conv 8x16/4,8x16/4`").contains("no truncated backpropagation through time")
                .contains("0.14-0.48").contains("0.70").contains("1.00").contains("one trial's synthetic data");
        assertThat(yourData).contains("- [Long, densely sampled records](#long-densely-sampled-records)");
        // the option as train --help spells it: KERNELxCHANNELS/STRIDE, and the head the section names
        String help = Main.commandLine().getSubcommands().get("train").getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertThat(help).contains("--conv=KxC[/S]").contains("KERNELxCHANNELS/STRIDE").contains("a stride of s shortens the sequence s-fold")
                .contains("--head=");
        assertThat(longRecords).contains("`--conv KxC/S`").contains("`--head max`");
    }

    @Test
    void whatRnnlabDoesNotDoHasAShortSectionNearTheTopThatTheReadmeAndTrainHelpPointTo() throws IOException {
        // trial 78b F7: a user with a remaining life, tags and per-step states found nothing in train --help, and the guide's
        // words on them sat in one 2,465-line file under "Other checks of the training file"
        String yourData = read("docs", "guide", "your-data.md");
        String section = section(yourData, "What rnnlab does not do");
        assertThat(yourData.indexOf("### What rnnlab does not do")).isLessThan(yourData.indexOf("### In four commands"));
        assertThat(section).contains("one label per sequence").contains("pd.cut(").contains("one yes/no model per tag")
                .contains("`rnnlab data windows --label COLUMN --label-rule all`").contains("transform('last')").contains("`--set labelNames=...`");
        assertThat(yourData).contains("- [What rnnlab does not do](#what-rnnlab-does-not-do)");
        assertThat(read("README.md")).contains("(docs/guide/your-data.md#what-rnnlab-does-not-do)");
        String help = Main.commandLine().getSubcommands().get("train").getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertThat(help).contains("label (one class per sequence; a quantity to regress, tags of a multi-label row or a label per "
                + "time step are not learned as such: what to do instead is in docs/guide/your-data.md, What rnnlab does not do)");
    }

    @Test
    void anEventInALongRunHasASectionOfItsOwnAndTheReadmeSaysWhenToPool() throws IOException {
        // trial 77a F6: the pooling advice sat under the waveform section, which a 1 Hz engine-log user skips, and the README's
        // own-data section never named --head
        String yourData = read("docs", "guide", "your-data.md");
        String event = section(yourData, "An event somewhere in a long run");
        assertThat(event).contains("**Pool with `--head max`.**").contains("reads the last step only")
                .contains("A small GRU or LSTM read at its last step typically carries tens to hundreds of steps, a vanilla RNN fewer")
                .contains("`train` warns before its first epoch").contains("data-warnings.txt");
        assertThat(yourData).contains("- [An event somewhere in a long run](#an-event-somewhere-in-a-long-run)");
        assertThat(section(yourData, "Long, densely sampled records")).doesNotContain("An event somewhere");
        String readme = read("README.md");
        assertThat(readme).contains("A short event somewhere in a long recording").contains("needs `--head max`, which pools every step")
                .contains("(docs/guide/your-data.md#an-event-somewhere-in-a-long-run)");
        assertThat(read("docs", "guide", "commands.md")).contains("(your-data.md#an-event-somewhere-in-a-long-run)");
    }

    @Test
    void standardizeIsSaidToRemoveAnAcSignalsAmplitude() throws IOException {
        // the same trial: standardize divides by each record's own sd, an AC waveform's RMS: a whole-record sag looks normal
        String levels = section(read("docs", "guide", "your-data.md"), "Levels that differ between recordings");
        assertThat(levels).contains("`standardize` also removes each sequence's own scale")
                .contains("a sag, a swell or an interruption over its whole length looks like a normal one");
    }

    @Test
    void progressOutputIsDescribed() throws IOException {
        // the same trial: bars with time left in a terminal, epoch lines in a file, --quiet: none of it in the guide
        String commands = read("docs", "guide", "commands.md");
        String progress = section(commands, "Progress output");
        assertThat(progress).contains("estimated time left (of that epoch, not of the whole run)")
                .contains("there are no bars: `train` writes one line per finished epoch").contains("`--quiet` (`train`, `compare`)");
        assertThat(commands).contains("- [Progress output](#progress-output)");
        for (String command : new String[] {"train", "compare"}) {
            assertThat(Main.commandLine().getSubcommands().get(command).getCommandSpec().findOption("--quiet")).as(command).isNotNull();
        }
    }

    @Test
    void theLongLayoutSaysHowLabelsKeptApartAreMergedIn() throws IOException {
        // a network-flow trial: labels per flow in their own file; the long layout needs them on every row, said only implicitly
        String longLayout = section(read("docs", "guide", "your-data.md"), "Long CSV layout");
        assertThat(longLayout).contains("Labels kept apart, one per sequence").contains("no setting of this layout reads them")
                .contains("df = pd.read_csv('flows.csv').merge(pd.read_csv('labels.csv'), on='flow_id', how='left', validate='many_to_one')")
                .contains("which training refuses naming the sequence and line");
    }

    @Test
    void theChecksAfterALargeFilesReadingAreSaidAsTheySayThemselves() throws IOException {
        // the same trial: 12-76 s of checks after a 2 s read passed without a line, and the guide said so
        String progress = section(read("docs", "guide", "commands.md"), "Progress output");
        // trial 74d F9: said for a file of any size once the checks have run 5 s
        assertThat(progress).contains("`csv: checking 306624 rows of flows_enc.csv (sequence ids, time order, duplicates, feature values, "
                + "splits): 5 s so far ...`").contains("on a file of any size").contains("checks over within 5 s say nothing").contains("`csv: still checking sub.csv (15 s so far; far values: 40% of 7200000 cells)`").contains("`csv: checked flows_enc.csv in")
                .doesNotContain("without a line");
    }

    @Test
    void memorySaysResidentMemoryFollowsTheHeapBoundAndHowToLowerIt() throws IOException {
        // the same trial: 2.3-2.6 GB resident for a 19 MB file, and the guide gave no way to predict or lower it
        String memory = section(read("docs", "guide", "commands.md"), "Memory");
        assertThat(memory).contains("The bound is what resident memory approaches, not what the data need")
                .contains("`RNNLAB_JAVA_OPTS=-Xmx512m ./rnnlab ...`").contains("1.98 GB under the default 2 GiB bound and 1.52 GB");
    }

    @Test
    void theMachineDependentNotebookOutputIsNamedWithTheStoredValue() throws IOException {
        // a lecturer's trial: 02's trained-GRU gate table moved by 0.01-0.04 on a re-run, and the guide did not say
        String notebooks = read("docs", "guide", "notebooks.md");
        assertThat(notebooks).contains("Stored outputs that depend on the machine").contains("0.322 stored, 0.293 re-run");
        // the stored value named is the notebook's
        assertThat(Files.readString(Path.of("..", "notebooks", "02-gated-cells.ipynb"))).contains("pianists     update gate z 0.322");
    }

    @Test
    void notebooksSayHowToGetJupyterWithoutAptAndKeepTheKernelPrivate() throws IOException {
        // a lecturer's trial: setup installs Jupyter with apt only (`apt-get: command not found` elsewhere), and registers the
        // kernel for the whole user, which JUPYTER_DATA_DIR (honoured by setup and run) keeps private
        String notebooks = read("docs", "guide", "notebooks.md").replaceAll("\\s+", " ");
        assertThat(notebooks).contains("install Jupyter first, `pip install notebook nbconvert` (or `conda install notebook nbconvert`)")
                .contains("`JUPYTER_DATA_DIR=/some/dir bash notebooks/setup` keeps the kernel registration in that folder");
    }

    @Test
    void resultsGiveTheAgreementTaskWithAndWithoutClipping() throws IOException {
        // the same trial: the agreement numbers with and without clipping were nowhere in the docs
        String results = read("docs", "RESULTS.md").replaceAll("\\s+", " ");
        assertThat(results).contains("### Agreement with and without gradient clipping")
                .contains("./rnnlab compare --cells rnn --seeds 3 --clip none,l2:1.0")
                .contains("| rnn clip=l2:1.0 | 0.9989 ± 0.0019 | 0.9900 ± 0.0115 | 0.5289 ± 0.0084 |")
                .contains("Clipping addresses exploding, not vanishing, gradients");
    }
}
