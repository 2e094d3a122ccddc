package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.NewData;

/**
 * A new day's packets, one-hot encoded or not, against a model whose features one-hot encode direction, protocol and TCP
 * flags (trial 74b F5, F6): the raw export is not told to rename its text column to one category's name, and a day without
 * a category (no icmp flow) is told that the missing column is one category of the group, that a column of 0s is the fix,
 * and, in the same message, of a new category's column beside it.
 */
class OneHotNewDayTest {

    @TempDir
    Path dir;

    private static final String[] DIRECTIONS = {"in", "out"};
    private static final String[] PROTOCOLS = {"icmp", "tcp", "udp"};
    private static final String[] FLAGS = {"A", "R", "S", "SA"};

    /** A packet's raw values: direction, protocol, and the TCP flags ("" for a packet not of tcp). */
    private record Packet(String direction, String protocol, String flags) {
    }

    private static Packet packet(int flow, int step, boolean icmp) {
        String protocol = icmp && flow % 5 == 0 ? "icmp" : flow % 3 == 0 ? "udp" : "tcp";
        return new Packet(DIRECTIONS[(flow + step) % 2], protocol, protocol.equals("tcp") ? FLAGS[(flow + step) % FLAGS.length]
                : "");
    }

    /** Flows of 5 packets, the text columns written as they were exported ({@code raw}) or one-hot encoded as named. */
    private static String flows(int count, boolean icmp, boolean raw, List<String> flagColumns) {
        StringBuilder csv = new StringBuilder("flow_id,timestamp,size," + (raw ? "direction,protocol,tcp_flags"
                : String.join(",", columns("direction_", DIRECTIONS)) + "," + String.join(",", columns("protocol_",
                icmp ? PROTOCOLS : new String[] {"tcp", "udp"})) + "," + String.join(",", flagColumns)) + ",label\n");
        for (int f = 0; f < count; f++) {
            for (int t = 0; t < 5; t++) {
                Packet p = packet(f, t, icmp);
                csv.append(String.format(Locale.ROOT, "f%d,%d.%03d,%d", f, 1000 + f, t, 40 + (f * 7 + t * 13) % 1400));
                if (raw) {
                    csv.append(',').append(p.direction()).append(',').append(p.protocol()).append(',').append(p.flags());
                } else {
                    for (String d : DIRECTIONS) {
                        csv.append(',').append(d.equals(p.direction()) ? 1 : 0);
                    }
                    for (String q : icmp ? PROTOCOLS : new String[] {"tcp", "udp"}) {
                        csv.append(',').append(q.equals(p.protocol()) ? 1 : 0);
                    }
                    for (String c : flagColumns) {
                        csv.append(',').append(c.equals("tcp_flags_" + p.flags()) ? 1 : 0);
                    }
                }
                csv.append(',').append(f % 4 == 0 ? "scan" : "benign").append('\n');
            }
        }
        return csv.toString();
    }

    private static List<String> columns(String prefix, String[] categories) {
        return Arrays.stream(categories).map(c -> prefix + c).toList();
    }

    private CsvSchema trained() throws Exception {
        Path file = Files.writeString(dir.resolve("flows_enc.csv"), flows(40, true, false, columns("tcp_flags_", FLAGS)));
        CsvOptions options = CsvOptions.defaults().withColumns(Column.named("flow_id"), Column.named("timestamp"),
                Column.named("label"));
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(file, options).schema();
        assertThat(schema.oneHot()).extracting(OneHotGroup::prefix).containsExactly("direction_", "protocol_", "tcp_flags_");
        return schema;
    }

    /**
     * F5: 'tcp_flags' is two letters from 'tcp_flags_A', but it is the raw column of the group tcp_flags_*, not a misspelt
     * feature: renaming it to one category's name would make a 0/1 column of flags. A misspelt feature beside it is still
     * named.
     */
    @Test
    void aRawColumnOfARecognisedGroupIsNotOfferedAsACategorysName() throws Exception {
        CsvSchema schema = trained();
        Path raw = Files.writeString(dir.resolve("nd_raw.csv"), flows(6, true, true, List.of()));
        for (CsvSchema s : List.of(schema, schema.withOneHot(null))) { // stored groups, and an older card's by the names
            assertThatThrownBy(() -> NewData.csv(raw, s, false)).isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("feature column(s) [direction_in, direction_out, protocol_icmp")
                    .hasMessageContaining("the model's features direction_*, protocol_*, tcp_flags_* look like a one-hot encoding "
                            + "of the column(s) 'direction', 'protocol', 'tcp_flags', which the file holds as written")
                    .hasMessageNotContaining("did you mean").hasMessageNotContaining("rename the file's column")
                    .hasMessageNotContaining("the model has not seen (its"); // the raw 'tcp_flags' is no category of tcp_*
        }
        Path misspelt = Files.writeString(dir.resolve("nd_raw2.csv"), Files.readString(raw).replaceFirst(",size,", ",sise,"));
        assertThatThrownBy(() -> NewData.csv(misspelt, schema, false)).hasMessageContaining("did you mean 'sise' for 'size'? "
                + "(rename the file's column to the model's name)").hasMessageNotContaining("'tcp_flags' for")
                .hasMessageContaining("look like a one-hot encoding of the column(s) 'direction', 'protocol', 'tcp_flags'");
    }

    /**
     * F6: get_dummies on a day without an icmp flow writes no protocol_icmp, and a flag the training never had gets a column
     * of its own: one message says both, with the reindex line, and the file rewritten as that line says is read.
     */
    @Test
    void aCategoryWithNoRowTodayIsToldAsOneAndANewCategoryInTheSameMessage() throws Exception {
        CsvSchema schema = trained();
        List<String> flags = new ArrayList<>(columns("tcp_flags_", FLAGS));
        flags.add(1, "tcp_flags_FPU");
        Path naive = Files.writeString(dir.resolve("nd_naive.csv"), flows(6, false, false, flags));
        String message = null;
        try {
            NewData.csv(naive, schema, false);
        } catch (DatasetFormatException e) {
            message = e.getMessage();
        }
        assertThat(message).isNotNull().contains("feature column(s) [protocol_icmp] missing")
                .contains("; the missing protocol_icmp (of the model's one-hot group protocol_*, which encodes 'protocol'; the file "
                        + "has its protocol_tcp, protocol_udp) look(s) like a category no row of this file has: pandas get_dummies "
                        + "writes a column only for the categories present; a column of 0s is the fix (no row is of that "
                        + "category), e.g. pandas: df['protocol_icmp'] = 0 (the model reads its columns by header name, so the "
                        + "file's other columns, those for --keep-columns, --group-column or --baseline-column among them, stay "
                        + "as they are)")
                .contains("; tcp_flags_FPU look(s) like a category of tcp_flags_* the model has not seen")
                .doesNotContain("did you mean").doesNotContain("reindex");
        // the fix as said, run by pandas where there is one: the column added, every other column kept (trial 74d F2: the
        // reindex line dropped the column predict's --keep-columns then asked for)
        Matcher m = Pattern.compile("e\\.g\\. pandas: (df\\['protocol_icmp'\\] = 0) \\(").matcher(message);
        assertThat(m.find()).isTrue();
        Path fixedFile = dir.resolve("nd_fixed.csv");
        Path python = Path.of("/usr/bin/python3");
        boolean pandas = Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import pandas")
                .redirectErrorStream(true).start().waitFor() == 0;
        if (pandas) {
            Path script = Files.writeString(dir.resolve("add.py"), "import pandas as pd\ndf = pd.read_csv('" + naive + "')\n"
                    + m.group(1) + "\ndf.to_csv('" + fixedFile + "', index=False)\n");
            Process run = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
            String out = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(run.waitFor()).as(out).isZero();
        } else {
            List<String> lines = Files.readAllLines(naive);
            StringBuilder fixed = new StringBuilder(lines.get(0)).append(",protocol_icmp\n");
            lines.subList(1, lines.size()).forEach(l -> fixed.append(l).append(",0\n"));
            Files.writeString(fixedFile, fixed);
        }
        List<String> header = Arrays.asList(Files.readAllLines(fixedFile).get(0).split(","));
        assertThat(header).containsAll(Arrays.asList(Files.readAllLines(naive).get(0).split(","))).contains("protocol_icmp");
        // the new category is still there, and said as before; left out with --ignore-columns (or kept beside the
        // predictions), the file is read
        assertThatThrownBy(() -> NewData.csv(fixedFile, schema, false)).hasMessageContaining("tcp_flags_FPU look(s) like a "
                + "category of tcp_flags_* the model has not seen");
        assertThat(NewData.csv(fixedFile, schema.withIgnored(List.of("tcp_flags_FPU")), false)).isNotNull();
        // an older card, without the groups recorded, is not told of categories by names alone
        assertThatThrownBy(() -> NewData.csv(naive, schema.withOneHot(null), false))
                .hasMessageContaining("feature column(s) [protocol_icmp] missing").hasMessageNotContaining("look(s) like a category no row");
    }

    /**
     * Trial 74c F4: a new plant's column plant_P4 against a model of plant_P1..P3 was offered as "did you mean 'plant_P4' for
     * 'plant_P1'" (rename): another category of the same one-hot group is a new category, not a misspelling, and renaming it
     * would say the rows are of another category. Here the file's only flag column is tcp_flags_P, one letter from
     * tcp_flags_A, R and S; the new category is said, no rename, and a misspelt feature beside it is still named.
     */
    @Test
    void anotherCategoryOfTheSameGroupIsNotOfferedAsAMisspelling() throws Exception {
        CsvSchema schema = trained();
        Path file = Files.writeString(dir.resolve("nd_newflag.csv"), flows(6, true, false, List.of("tcp_flags_P")));
        for (CsvSchema s : List.of(schema, schema.withOneHot(null))) { // stored groups, and an older card's by the names
            assertThatThrownBy(() -> NewData.csv(file, s, false)).isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("feature column(s) [tcp_flags_A, tcp_flags_R, tcp_flags_S, tcp_flags_SA] missing")
                    .hasMessageNotContaining("did you mean").hasMessageNotContaining("rename the file's column");
        }
        assertThatThrownBy(() -> NewData.csv(file, schema, false))
                .hasMessageContaining("tcp_flags_P look(s) like a category of tcp_flags_* the model has not seen");
        Path misspelt = Files.writeString(dir.resolve("nd_newflag2.csv"), Files.readString(file).replaceFirst(",size,", ",sise,"));
        assertThatThrownBy(() -> NewData.csv(misspelt, schema, false)).hasMessageContaining("did you mean 'sise' for 'size'? "
                + "(rename the file's column to the model's name)").hasMessageNotContaining("'tcp_flags_P' for");
    }
}
