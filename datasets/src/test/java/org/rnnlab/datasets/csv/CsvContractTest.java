package org.rnnlab.datasets.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetFormatException;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.datasets.Datasets;
import org.rnnlab.datasets.NewData;
import org.rnnlab.datasets.SequenceDataset;
import org.rnnlab.datasets.Split;

/** The CSV data contract: encodings, quoting, splits from files/columns/groups, missing values, reading new files. */
class CsvContractTest {

    @TempDir
    Path dir;

    /** Long layout: n sequences, 3 steps, features a and b, label by parity, subject = i % 6. */
    private Path longFile(String name, int from, int n, String extraHeader, IntFunction<String> extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("sequence_id,time,a,b,label" + extraHeader));
        for (int i = from; i < from + n; i++) {
            for (int t = 0; t < 3; t++) {
                lines.add("s" + i + "," + t + "," + (i + t) + "," + (i * 0.5) + "," + (i % 2 == 0 ? "even" : "odd") + extra.apply(i));
            }
        }
        return Files.write(dir.resolve(name), lines);
    }

    private static SequenceDataset open(DatasetOptions o) {
        return Datasets.open("csv", o);
    }

    /** {@link #open(DatasetOptions)}, adding the loader's warnings to {@code warnings}. */
    private static SequenceDataset open(DatasetOptions o, List<String> warnings) throws IOException {
        SequenceDataset[] d = new SequenceDataset[1];
        try {
            warnings.addAll(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> d[0] = open(o)));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return d[0];
    }

    @Test
    void testAndValidationFilesAreUsedWholeNeverCarvedFromTrain() throws IOException {
        Path train = longFile("train.csv", 0, 40, "", i -> "");
        Path validation = longFile("validation.csv", 100, 10, "", i -> "");
        Path test = longFile("test.csv", 200, 14, "", i -> "");
        SequenceDataset d = open(DatasetOptions.defaults().withFiles(train, test).withValidationFile(validation));
        assertThat(d.split(Split.TRAIN).size()).isEqualTo(40);
        assertThat(d.split(Split.VALIDATION).size()).isEqualTo(10);
        assertThat(d.split(Split.TEST).size()).isEqualTo(14);
        assertThat(d.split(Split.TEST).examples()).allMatch(s -> s.values()[0][0] >= 200);
        SequenceDataset carved = open(DatasetOptions.defaults().withFiles(train, test));
        assertThat(carved.split(Split.TEST).size()).isEqualTo(14);
        assertThat(carved.split(Split.VALIDATION).size()).isEqualTo(6); // 15% of 40, stratified
        assertThat(carved.split(Split.TRAIN).size()).isEqualTo(34);
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(train, test).with("testFraction", "0.2")))
                .hasMessageContaining("testFraction does not apply: the test sequences are given by the file");
    }

    @Test
    void splitColumnIsDetectedAndValidationIsCarvedWhenItHasNone() throws IOException {
        Path f = longFile("s.csv", 0, 40, ",split", i -> i < 30 ? ",train" : ",test");
        SequenceDataset d = open(DatasetOptions.defaults().withFiles(f, null));
        assertThat(d.split(Split.TEST).size()).isEqualTo(10);
        assertThat(d.split(Split.VALIDATION).size()).isEqualTo(5); // 15% of the 30 training sequences: 4.5, rounded
        assertThat(d.split(Split.TRAIN).size()).isEqualTo(25);
        assertThat(d.input().featureNames()).containsExactly("a", "b");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(f, null).with("testFraction", "0.1")))
                .hasMessageContaining("testFraction does not apply: the test sequences are given by the split column split");
        Path test = longFile("test.csv", 200, 4, ",split", i -> ",test");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(f, test)))
                .hasMessageContaining("the split column marks 10 sequences 'test' and a test file");
    }

    @Test
    void aTestSplitCarvedBesideASplitColumnOfTrainAndValidationIsAWarning() throws IOException {
        // a trial's split column held train and validation only: 3 of its training stations became a test split, said at INFO
        Path f = longFile("tv.csv", 0, 40, ",split", i -> i < 32 ? ",train" : ",validation");
        List<String> warnings = new ArrayList<>();
        SequenceDataset d = open(DatasetOptions.defaults().withFiles(f, null), warnings);
        assertThat(d.split(Split.TEST).size()).isEqualTo(5); // 15% of the 32 training sequences
        assertThat(d.split(Split.VALIDATION).size()).isEqualTo(8);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("tv.csv: the split column split marks no sequence 'test': 5 of "
                + "its 'train' sequences were carved as a test split (testFraction 0.15 by default) and are not trained on; for a "
                + "final model trained on all of them, --set testFraction=0; or mark the rows to test on 'test' in the split column"));
        assertThat(warnings.stream().filter(CsvSequenceDataset::isCarveWarning)).hasSize(1);
        // by group: the groups carved are named
        Path g = longFile("tvg.csv", 0, 40, ",split,subject", i -> (i < 32 ? ",train" : ",validation") + ",p" + (i / 4));
        List<String> byGroup = new ArrayList<>();
        open(DatasetOptions.defaults().withFiles(g, null).with("group", "subject"), byGroup);
        assertThat(byGroup).anySatisfy(w -> assertThat(w).contains("the split column split marks no sequence 'test': ")
                .containsPattern("of its 'train' sequences \\(\\d group\\(s\\) of group column subject: 'p[0-7]'"));
        // asked for (testFraction given), none asked (a final model), or test rows marked: nothing to warn of
        for (DatasetOptions o : List.of(DatasetOptions.defaults().withFiles(f, null).with("testFraction", "0.2"),
                DatasetOptions.defaults().withFiles(f, null).with("testFraction", "0"),
                DatasetOptions.defaults().withFiles(longFile("tt.csv", 0, 40, ",split", i -> i < 32 ? ",train" : ",test"), null))) {
            List<String> none = new ArrayList<>();
            open(o, none);
            assertThat(none).noneMatch(w -> w.contains("marks no sequence 'test'"));
        }
    }

    @Test
    void groupColumnKeepsEverySubjectInOneSplit() throws IOException {
        Path f = longFile("g.csv", 0, 60, ",subject", i -> ",p" + (i % 6));
        SequenceDataset d = open(DatasetOptions.defaults().withFiles(f, null).with("group", "subject"));
        Set<Float> seen = new HashSet<>();
        List<Set<Integer>> subjects = new ArrayList<>();
        for (Split s : Split.values()) {
            Set<Integer> g = new HashSet<>();
            d.split(s).examples().forEach(e -> g.add(((int) e.values()[0][0]) % 6));
            subjects.add(g);
            d.split(s).examples().forEach(e -> assertThat(seen.add(e.values()[0][0])).isTrue());
        }
        assertThat(seen).hasSize(60);
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                Set<Integer> both = new HashSet<>(subjects.get(a));
                both.retainAll(subjects.get(b));
                assertThat(both).as("subjects in two splits").isEmpty();
            }
        }
        assertThat(subjects.get(1)).isNotEmpty();
        assertThat(subjects.get(2)).isNotEmpty();
    }

    @Test
    void aSplitCarvedByGroupFarFromItsFractionIsWarnedOfWithTheFractionItHolds() throws IOException {
        Path test = longFile("gt.csv", 500, 6, ",subject", i -> ",q" + i);
        // 4 subjects of 10 sequences: the 15% of validation (6 sequences) takes a whole subject, 25% of the training data
        Path coarse = longFile("g4.csv", 0, 40, ",subject", i -> ",p" + (i % 4));
        List<String> warnings = new ArrayList<>();
        assertThat(open(DatasetOptions.defaults().withFiles(coarse, test).with("group", "subject"), warnings)
                .split(Split.VALIDATION).size()).isEqualTo(10);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("the validation split carved by group column subject holds 25% "
                + "of the training sequences where 15% was asked (--set validationFraction=0.15)").contains("--data-seed"));
        // 20 subjects of 2: the carved split comes to 15%, nothing to warn of
        Path fine = longFile("g20.csv", 0, 40, ",subject", i -> ",p" + (i % 20));
        List<String> none = new ArrayList<>();
        assertThat(open(DatasetOptions.defaults().withFiles(fine, test).with("group", "subject"), none).split(Split.VALIDATION).size())
                .isEqualTo(6);
        assertThat(none).noneSatisfy(w -> assertThat(w).contains("carved by group column"));
    }

    /** {@code bytes} gzip-compressed into {@code name}. */
    private Path gzip(String name, byte[] bytes) throws IOException {
        Path gz = dir.resolve(name);
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes);
        }
        return gz;
    }

    /**
     * A gzip-compressed file, told by its first bytes and not its name, is read as the text it holds, for training and for
     * new data alike (trial 78c F6: a 541 MB file kept as 155 MB of gzip was refused, to be unpacked first); the encoding
     * checks judge that text, and a damaged one is refused by name. Other compressions are still refused, naming theirs.
     */
    @Test
    void aGzipFileIsReadAsTheTextItHoldsAndOtherCompressionsAreNamed() throws IOException {
        Path plain = longFile("z.csv", 0, 10, "", i -> "");
        Path gz = gzip("z.csv.gz", Files.readAllBytes(plain));
        Path unnamed = Files.copy(gz, dir.resolve("z-data")); // told by its bytes: no .gz in the name
        // the size the heap is judged by is the text's, from the gzip trailer
        assertThat(org.rnnlab.datasets.TextFiles.textSize(gz)).isEqualTo(Files.size(plain)).isGreaterThan(Files.size(gz));
        SequenceDataset read = open(DatasetOptions.defaults().withFiles(plain, null));
        for (Path packed : List.of(gz, unnamed)) {
            SequenceDataset fromGzip = open(DatasetOptions.defaults().withFiles(packed, null));
            for (Split s : Split.values()) {
                assertThat(fromGzip.split(s).size()).isEqualTo(read.split(s).size());
                for (int i = 0; i < read.split(s).size(); i++) {
                    assertThat(fromGzip.split(s).get(i).values()).isDeepEqualTo(read.split(s).get(i).values());
                    assertThat(fromGzip.split(s).get(i).label()).isEqualTo(read.split(s).get(i).label());
                }
            }
        }
        // new data (predict, evaluate) with the model's contract
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(plain, CsvOptions.defaults()).schema();
        Path fresh = gzip("new.csv.gz", "b,a,sequence_id\n0.5,1,q\n0.5,2,q\n7,8,r\n".getBytes(StandardCharsets.UTF_8));
        NewData data = NewData.csv(fresh, schema, false);
        assertThat(data.ids()).containsExactly("q", "r");
        assertThat(data.values().get(0)).isDeepEqualTo(new float[][] {{1, 0.5f}, {2, 0.5f}});
        // the encoding checks read the text inside: Windows-1252 bytes are refused as not UTF-8, naming the file and the line
        byte[] latin = ("sequence_id,time,a,b,label\ns1,0,1,2,caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        Path cp1252 = gzip("latin.csv.gz", latin);
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(cp1252, null))).hasMessageContaining("latin.csv.gz")
                .hasMessageContaining("byte 0xE9").hasMessageContaining("not valid UTF-8").hasMessageContaining("encoding=windows-1252");
        byte[] whole = Files.readAllBytes(gz);
        Path cut = Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(cut, null))).hasMessageContaining("cut.csv.gz")
                .hasMessageContaining("gzip-compressed (its first bytes say so) but damaged or cut short");
        // a damaged gzip header (compression method 7, not deflate's 8) is named as such, by the whole read and by the looks
        // at the first lines alike (review 78 R3: its compressed bytes were read as text, "not UTF-8" or a bad header)
        byte[] badHeader = whole.clone();
        badHeader[2] = 7;
        Path header = Files.write(dir.resolve("header.csv.gz"), badHeader);
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(header, null))).hasMessageContaining("header.csv.gz")
                .hasMessageContaining("gzip-compressed (its first bytes say so) but damaged or cut short: damaged gzip header");
        assertThatThrownBy(() -> org.rnnlab.datasets.TextFiles.newReader(header, StandardCharsets.UTF_8))
                .isInstanceOf(org.rnnlab.datasets.DatasetFormatException.class).hasMessageContaining("header.csv.gz")
                .hasMessageContaining("damaged gzip header");
        Path zip = dir.resolve("z.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("z.csv"));
            out.write(Files.readAllBytes(plain));
        }
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(zip, null))).hasMessageContaining("the file is zip-compressed");
    }

    @Test
    void aGroupSplitTheClassProtectionChangedHasAnotherChecksum() throws IOException {
        // 8 subjects of 6 sequences; p7's are all 'rare': for some seeds the old carving sent them whole to test
        List<String> lines = new ArrayList<>(List.of("sequence_id,time,a,subject,label"));
        for (int p = 0; p < 8; p++) {
            for (int k = 0; k < 6; k++) {
                for (int t = 0; t < 3; t++) {
                    lines.add("s" + p + "_" + k + "," + t + "," + (p + 0.1 * t) + ",p" + p + "," + (p == 7 ? "rare" : p % 2 == 0 ? "x" : "y"));
                }
            }
        }
        Path f = Files.write(dir.resolve("groups.csv"), lines);
        int changed = 0;
        for (long seed = 0; seed < 12; seed++) {
            SequenceDataset d = open(DatasetOptions.defaults().withFiles(f, null).with("group", "subject").withSeed(seed));
            assertThat(d.split(Split.TRAIN).examples()).anyMatch(e -> e.values()[0][0] == 7f);
            if (d.provenance().parameters().containsKey("groupCarving")) {
                changed++;
            }
        }
        assertThat(changed).as("seeds whose split the protection changed").isBetween(1, 11);
    }

    @Test
    void groupCarvingThatWouldLeaveAClassUntrainedIsRefused() throws IOException {
        // every "even" sequence is subject p0's; test and validation need two of the three subjects, so one class
        // would lose all its training sequences whichever way they are carved
        Path f = longFile("g1.csv", 0, 30, ",subject", i -> i % 2 == 0 ? ",p0" : i % 4 == 1 ? ",p1" : ",p2");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(f, null).with("group", "subject")))
                .hasMessageContaining("would have no training sequences")
                .hasMessageContaining("3 groups in all");
        // with the test data given, only validation is carved, and p0 stays in training
        Path test = longFile("g1test.csv", 100, 4, ",subject", i -> ",q9");
        SequenceDataset d = open(DatasetOptions.defaults().withFiles(f, test).with("group", "subject"));
        assertThat(d.split(Split.TRAIN).examples()).anyMatch(e -> ((int) e.values()[0][0]) % 2 == 0);
    }

    @Test
    void quotedFieldsBomAndCrlfAreRead() throws IOException {
        String text = "\uFEFFsequence_id,time,\"a\",b,label\r\n\"x,1\",0,1,2,\"say \"\"hi\"\"\"\r\n\"x,1\",1,3,4,\"say \"\"hi\"\"\"\r\n"
                + "y,0,5,6,no\r\n";
        Path f = Files.write(dir.resolve("q.csv"), text.getBytes(StandardCharsets.UTF_8));
        CsvSequenceDataset d = CsvSequenceDataset.load(CsvSources.longFile(f), CsvOptions.defaults().withFractions(0, 0));
        assertThat(d.labelNames()).containsExactly("no", "say \"hi\"");
        assertThat(d.input().featureNames()).containsExactly("a", "b");
        assertThat(d.split(Split.TRAIN).size()).isEqualTo(2);
        assertThat(d.split(Split.TRAIN).examples()).anySatisfy(s -> assertThat(s.values()).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}}));
    }

    @Test
    void otherEncodingsAreRefusedWithByteOffset() throws IOException {
        byte[] latin1 = "sequence_id,a,label\ns1,1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("latin1.csv"), latin1);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("latin1.csv:2: byte 0xE9 at byte offset 28 is not valid UTF-8");
        // a NUL byte is named with its line too (a user found only the offset)
        Path nul = Files.write(dir.resolve("nul.csv"), "sequence_id,a,label\ns1,1,x\ns1,\u00002,x\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(nul, CsvOptions.defaults()))
                .hasMessageContaining("nul.csv:3: byte 0x00 at byte offset 30");
        Path comma = Files.writeString(dir.resolve("comma.csv"), "sequence_id,a,label\ns1,\"0,5\",x\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(comma, CsvOptions.defaults()))
                .hasMessageContaining("comma.csv:2: value '0,5' in column 'a' is not a number").hasMessageContaining("decimal commas");
        Path g = Files.write(dir.resolve("utf16.csv"), "sequence_id,a,label\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(g, CsvOptions.defaults())).hasMessageContaining("UTF-16");
    }

    @Test
    void aTextColumnAmongDefaultFeaturesIsNamedWithTheSettingsThatPlaceIt() throws Exception {
        // a spreadsheet's subject column: before, "value 'P0' in column 'Subject' is not a number", and no way out was named
        Path f = Files.writeString(dir.resolve("subjects.csv"), "sequence_id,acc X,Subject,acc Y,label\ns1,0.5,P0,1,x\ns1,0.4,P0,2,x\n"
                + "s2,1.5,P1,3,y\ns3,0.1,P2,1,x\ns4,0.9,P3,2,y\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withFractions(0, 0)))
                .hasMessageContaining("subjects.csv: column(s) 'Subject' ('P0', line 2) hold text, and every column without a role is read as a "
                        + "feature")
                .hasMessageContaining("--set group=Subject keeps each of its values in one split")
                .hasMessageContaining("--set 'features=acc X,acc Y'")
                // a subject column is a group, not a one-hot feature (that would leak who it is)
                .hasMessageNotContaining("get_dummies").hasMessageNotContaining("astype(int)");
        Path weather = Files.writeString(dir.resolve("weather.csv"), "sequence_id,a,weather,label\ns1,0.5,rain,x\ns2,1.5,sun,y\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(weather, CsvOptions.defaults().withFractions(0, 0)))
                .hasMessageContaining("'weather' ('rain', line 2)")
                .hasMessageContaining("one 0/1 column per category (pandas: pd.get_dummies(df, columns=['weather'], dtype=int))");
        // a device column, and pandas >= 2's get_dummies output (True/False) without dtype=int: read as 1 and 0, with a
        // warning (trial 79c F2/F3; BmsExportTest), not refused as text
        Path dummies = Files.writeString(dir.resolve("dummies.csv"), "sequence_id,a,dev_A,dev_B,label\ns1,0.5,True,False,x\n"
                + "s2,1.5,False,True,y\n");
        assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(dummies,
                CsvOptions.defaults().withFractions(0, 0)))).anySatisfy(w -> assertThat(w).contains("feature column(s) 'dev_A' "
                + "(2 cells), 'dev_B' (2 cells) hold True/False"));
        // text further down a column of numbers is named in the same message, with how much of the column it is, and left
        // out of the features suggested (a trial's amounts failed on line 5 after following the suggestion: 7 runs for one file)
        Path later = Files.writeString(dir.resolve("later.csv"), "sequence_id,amount,b,c,label\ns1,1.0,x,3,p\ns1,$26.18,y,4,p\n"
                + "s2,2.0,x,5,q\ns2,3.5,y,6,q\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(later, CsvOptions.defaults().withFractions(0, 0)))
                .hasMessageContaining("column(s) 'amount' ('$26.18', line 3: 1 of its 4 values are not numbers, the rest are), "
                        + "'b' ('x', line 2) hold text")
                .hasMessageContaining("--set features=c")
                .hasMessageContaining("'amount' hold(s) amounts with a currency sign ($26.18)");
        // a column of numbers with one stray marker in 120 stays among the features suggested (the reader's own message
        // then says what to write for it: a review); a currency sign among chosen features gets its own hint too
        StringBuilder stray = new StringBuilder("sequence_id,x,kind,label\n");
        for (int i = 0; i < 120; i++) {
            stray.append("s").append(i / 4).append(',').append(i == 7 ? "-" : Integer.toString(i)).append(",a,").append(i / 4 % 2 == 0
                    ? "p" : "q").append('\n');
        }
        Path strayFile = Files.writeString(dir.resolve("stray.csv"), stray);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(strayFile, CsvOptions.defaults().withFractions(0, 0)))
                .hasMessageContaining("'x' ('-', line 9: 1 of its 120 values are not numbers, the rest are), 'kind' ('a', line 2)")
                .hasMessageContaining("--set features=x");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(later, CsvOptions.defaults().withFractions(0, 0)
                .withFeatures(List.of(Column.named("amount"), Column.named("c")))))
                .hasMessageContaining("value '$26.18' in column 'amount' is not a number")
                .hasMessageContaining("an amount with a currency sign is not read: write the number alone (pandas: df['amount'] = "
                        + "df['amount'].str.replace(r'[$€£¥,]', '', regex=True).astype(float)"); // df[col] before (trial 79h F2)
    }

    @Test
    void aFirstRowOfNumbersReadAsTheHeaderIsWarnedOf() throws Exception {
        // a headerless file read with the default header=true: its first row silently became the column names
        Path f = Files.writeString(dir.resolve("nohdr.csv"), "s1,0.00,-0.84,0.47,x\ns1,0.02,-0.79,0.32,x\ns2,0,1.5,2.5,y\ns2,1,1.6,2.4,y\n"
                + "s3,0,0.5,0.2,x\ns4,0,0.1,0.9,y\n");
        // the columns chosen by index, as for a headerless file, but header=false forgotten
        DatasetOptions byIndex = new DatasetOptions(null, f, null, 1, 0, null, java.util.Map.of("sequenceId", "0", "time", "1",
                "label", "4", "validationFraction", "0", "testFraction", "0"), null);
        List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvTable.class, () -> open(byIndex));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("nohdr.csv: the header (line 1) holds numbers as column names "
                + "(3 of its 5: [0.00, -0.84, 0.47])").contains("give --set header=false"));
        Path named = Files.writeString(dir.resolve("named.csv"), "sequence_id,t,a,b,label\ns1,0,1,2,x\ns2,0,2,3,y\n");
        assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvTable.class,
                () -> CsvSequenceDataset.fromLongCsv(named, CsvOptions.defaults().withFractions(0, 0)))).noneMatch(w -> w.contains("numbers"));
    }

    @Test
    void aHeaderLineThatTheModelsFilesDidNotHaveOrLackIsNamed() throws Exception {
        // a model trained with a header; new data without its header line: said so, not advised a setting predict refuses
        Path named = Files.writeString(dir.resolve("named.csv"), "seq_id,t,f1,f2,label\ns1,0,1,2,x\ns1,1,2,3,x\ns2,0,2,3,y\n"
                + "s2,1,3,4,y\n");
        CsvSchema withHeader = CsvSequenceDataset.fromLongCsv(named, CsvOptions.defaults().withColumns(Column.named("seq_id"),
                Column.named("t"), Column.named("label")).withFractions(0, 0)).schema();
        Path bare = Files.writeString(dir.resolve("bare.csv"), "n1,0,0.5,1.5,x\nn1,1,0.7,1.2,x\n");
        List<String> warnings = new ArrayList<>();
        warnings.addAll(org.rnnlab.datasets.LoggedWarnings.of(CsvTable.class, () -> assertThatThrownBy(
                () -> CsvSequenceDataset.readAll(bare, withHeader, false, new ArrayList<>()))
                .hasMessageContaining("bare.csv:1: the first line holds numbers (0, 0.5, 1.5) where a header naming the columns "
                        + "[seq_id, t, f1, f2, label] was expected")
                .hasMessageContaining("add that line first")
                .hasMessageNotContaining("header=false")));
        assertThat(warnings).as("no advice of a setting that predict and evaluate refuse").isEmpty();
        // a model trained on headerless files (columns by position); new data with a header line
        Path headerless = Files.writeString(dir.resolve("headerless.csv"), "s1,0,1,2,x\ns1,1,2,3,x\ns2,0,2,3,y\ns2,1,3,4,y\n");
        CsvSchema byPosition = CsvSequenceDataset.fromLongCsv(headerless, CsvOptions.defaults().withHeader(false)
                .withColumns(Column.at(0), Column.at(1), Column.at(4)).withFractions(0, 0)).schema();
        Path headed = Files.writeString(dir.resolve("headed.csv"), "seq_id,t,f1,f2,label\nn1,0,0.5,1.5,x\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(headed, byPosition, false, new ArrayList<>()))
                .hasMessageContaining("headed.csv:1: this line looks like a header (seq_id,t,f1,f2,label) where a file without one "
                        + "was expected")
                .hasMessageContaining("tail -n +2 headed.csv")
                .hasMessageNotContaining("is not a number");
        // the same file without its header reads; a first row with a missing-value marker is data, not a header
        Path fine = Files.writeString(dir.resolve("fine.csv"), "n1,0,0.5,1.5,x\nn1,1,0.7,1.2,x\n");
        assertThat(CsvSequenceDataset.readAll(fine, byPosition, false, new ArrayList<>())).hasSize(1);
        Path gap = Files.writeString(dir.resolve("gap.csv"), "n1,0,NA,1.5,x\nn1,1,0.7,1.2,x\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(gap, byPosition, false, new ArrayList<>()))
                .hasMessageContaining("missing value").hasMessageNotContaining("looks like a header");
        // training with header=false on a file that has one: the same words, with the setting to leave out
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(named, CsvOptions.defaults().withHeader(false)
                .withColumns(Column.at(0), Column.at(1), Column.at(4)).withFractions(0, 0)))
                .hasMessageContaining("named.csv:1: this line looks like a header").hasMessageContaining("leave out --set header=false");
        // a headerless training file without its id chosen: the hint names an index, not a column name
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(headerless, CsvOptions.defaults().withHeader(false).withFractions(0, 0)))
                .hasMessageContaining("--set sequenceId=INDEX (0-based: the file has no header)");
    }

    @Test
    void missingValuesAreAnErrorUnlessAPolicyIsChosen() throws Exception {
        Path f = Files.writeString(dir.resolve("m.csv"), "sequence_id,a,b,label\ns1,1,?,x\ns1,2,5,x\ns1,NA,6,x\ns2,1,1,y\ns2,2,2,y\n");
        CsvOptions o = CsvOptions.defaults().withFractions(0, 0);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o))
                .hasMessageContaining("m.csv:2: missing value '?' in column 'b' of sequence 's1'")
                .hasMessageContaining("--missing trim|ffill|interpolate|zero|drop").hasMessageNotContaining("end padding");
        CsvSequenceDataset[] read = new CsvSequenceDataset[1];
        List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> read[0] = CsvSequenceDataset.fromLongCsv(f, o.withMissing(MissingValues.FFILL)));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("csv: " + f + ": filled 2 missing value(s) in 1 sequence(s): "
                + "'s1' (line 2, column 'b') (--missing ffill").endsWith("; by column: 'a' 1 of 5 (20%), 'b' 1 of 5 (20%)"));
        CsvSequenceDataset ffill = read[0];
        // 7 columns with values filled: the 5 with most are named, the rest counted (a trial's sixth was left out silently)
        List<String> seven = new ArrayList<>(List.of("sequence_id,f1,f2,f3,f4,f5,f6,f7,label"));
        for (int i = 0; i < 10; i++) {
            for (int t = 0; t < 5; t++) {
                StringBuilder row = new StringBuilder("s" + i);
                for (int k = 1; k <= 7; k++) { // column fk empty in the first k sequences, at step 1 (odd k) or 3 (even k)
                    row.append(',').append(i < k && t == (k % 2 == 1 ? 1 : 3) ? "" : String.format(java.util.Locale.ROOT, "%.2f",
                            Math.sin(i + t * k)));
                }
                seven.add(row + (i % 2 == 0 ? ",x" : ",y"));
            }
        }
        Path many = Files.write(dir.resolve("seven.csv"), seven);
        assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.fromLongCsv(many,
                o.withMissing(MissingValues.INTERPOLATE)))).anySatisfy(w -> assertThat(w).startsWith("csv: " + many + ": filled 28 "
                + "missing value(s)").endsWith("; by column: 'f7' 7 of 50 (14%), 'f6' 6 of 50 (12%), 'f5' 5 of 50 (10%), 'f4' 4 of 50 "
                + "(8%), 'f3' 3 of 50 (6%) and 2 more column(s) (3 value(s))"));
        // new data read with a model's contract (predict, evaluate): the fills are said too, per file (a user's try: silent)
        Path fresh = Files.writeString(dir.resolve("new.csv"), "sequence_id,a,b,label\nn1,1,,x\nn1,2,5,x\nn2,1,1,y\n");
        List<String> onNew = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(fresh,
                ffill.schema(), false, new ArrayList<>()));
        assertThat(onNew).containsExactly("csv: " + fresh + ": filled 1 missing value(s) in 1 sequence(s): 'n1' (line 2, column 'b') "
                + "(--missing ffill: each from the last observed value of its feature and sequence, or the first one before it); "
                + "by column: 'b' 1 of 3 (33%)");
        // the folder layout: counted per labels file (training list, test list), not lumped per folder
        Path folder = Files.createDirectories(dir.resolve("seqs"));
        StringBuilder trainList = new StringBuilder("file,label\n");
        StringBuilder testList = new StringBuilder("file,label\n");
        for (int i = 0; i < 12; i++) {
            String gap = i == 0 || i >= 8 ? "" : "1"; // file 0 (training) and files 8-11 (test) miss one value
            Files.writeString(folder.resolve("s" + i + ".csv"), "a,b\n1," + gap + "\n2,3\n");
            (i < 8 ? trainList : testList).append("s").append(i).append(".csv,").append(i % 2 == 0 ? "x" : "y").append('\n');
        }
        Path trainLabels = Files.writeString(folder.resolve("labels.csv"), trainList);
        Path testLabels = Files.writeString(folder.resolve("test-labels.csv"), testList);
        List<String> byList = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.load(
                new CsvSources(folder, trainLabels, null, testLabels, false, false), o.withMissing(MissingValues.FFILL)));
        assertThat(byList).anySatisfy(w -> assertThat(w).startsWith("csv: " + trainLabels + ": filled 1 missing value(s) in 1 sequence(s): ")
                .contains("(s0.csv line 2, column 'b')") // the sequence's own file, as the count is per labels file
                .contains("(--missing ffill: each from the last observed value of its feature and sequence, or the first one before it)"));
        assertThat(byList).anySatisfy(w -> assertThat(w).startsWith("csv: " + testLabels + ": filled 4 missing value(s) in 4 sequence(s), e.g. ")
                .contains(", column 'b')").satisfies(x -> assertThat(x.split("\\.csv line ")).hasSize(4))); // 3 named of 4
        // read from a copy of standard input: named as the user gave it, not by the temporary copy
        org.rnnlab.datasets.InputNames.alias(fresh, "standard input");
        try {
            assertThat(org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class, () -> CsvSequenceDataset.readAll(fresh,
                    ffill.schema(), false, new ArrayList<>()))).singleElement().asString().startsWith("csv: standard input: filled 1");
        } finally {
            org.rnnlab.datasets.InputNames.clear(fresh);
        }
        assertThat(ffill.split(Split.TRAIN).examples()).anySatisfy(s -> assertThat(s.values())
                .isDeepEqualTo(new float[][] {{1, 5}, {2, 5}, {2, 6}}));
        // interpolate: s1's 'a' at step 3 has no value after it (the last observed), 'b' at step 1 none before (the first)
        List<String> interpolated = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> read[0] = CsvSequenceDataset.fromLongCsv(f, o.withMissing(MissingValues.INTERPOLATE)));
        assertThat(interpolated).anySatisfy(w -> assertThat(w).contains("filled 2 missing value(s) in 1 sequence(s)")
                .contains("(--missing interpolate: each on the straight line between the observed values of its feature and sequence "
                        + "around it, or the nearest one at a sequence's start or end)"));
        assertThat(read[0].split(Split.TRAIN).examples()).anySatisfy(s -> assertThat(s.values())
                .isDeepEqualTo(new float[][] {{1, 5}, {2, 5}, {2, 6}}));
        Path gaps = Files.writeString(dir.resolve("gaps.csv"), "sequence_id,a,label\ns1,1,x\ns1,,x\ns1,,x\ns1,7,x\ns2,1,y\ns2,2,y\n");
        assertThat(CsvSequenceDataset.fromLongCsv(gaps, o.withMissing(MissingValues.INTERPOLATE)).split(Split.TRAIN).examples())
                .anySatisfy(s -> assertThat(s.values()).isDeepEqualTo(new float[][] {{1}, {3}, {5}, {7}}));
        CsvSequenceDataset zero = CsvSequenceDataset.fromLongCsv(f, o.withMissing(MissingValues.ZERO));
        assertThat(zero.split(Split.TRAIN).examples()).anySatisfy(s -> assertThat(s.values())
                .isDeepEqualTo(new float[][] {{1, 0}, {2, 5}, {0, 6}}));
        Path g = Files.writeString(dir.resolve("m2.csv"), "sequence_id,a,label\ns1,,x\ns2,1,y\ns3,2,x\ns4,3,y\n");
        CsvSequenceDataset drop = CsvSequenceDataset.fromLongCsv(g, o.withMissing(MissingValues.DROP));
        assertThat(drop.split(Split.TRAIN).size()).isEqualTo(3);
        assertThat(drop.schema().missing()).isEqualTo(MissingValues.DROP);
    }

    @Test
    void aLabelColumnWithAValuePerSequenceIsRefusedWithAHint() throws IOException {
        List<String> lines = new ArrayList<>(List.of("sequence_id,a,label"));
        for (int i = 0; i < 40; i++) {
            lines.add("s" + i + "," + i + ",v" + i);
        }
        Path f = Files.write(dir.resolve("ids.csv"), lines);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults()))
                .hasMessageContaining("has 40 distinct values in 40 training sequences: is it the right column?");
    }

    @Test
    void newFilesAreReadByHeaderNameWithTheTrainingContract() throws IOException {
        Path train = longFile("train.csv", 0, 20, "", i -> "");
        CsvSequenceDataset d = CsvSequenceDataset.fromLongCsv(train, CsvOptions.defaults());
        ObjectMapper json = new ObjectMapper();
        CsvSchema schema = json.readValue(json.writeValueAsString(d.schema()), CsvSchema.class);
        assertThat(schema).isEqualTo(d.schema());
        Path reordered = Files.writeString(dir.resolve("new.csv"), "b,a,sequence_id\n0.5,1,q\n0.5,2,q\n7,8,r\n");
        NewData data = NewData.csv(reordered, schema, false);
        assertThat(data.ids()).containsExactly("q", "r");
        assertThat(data.values().get(0)).isDeepEqualTo(new float[][] {{1, 0.5f}, {2, 0.5f}});
        assertThat(data.labels()).containsOnlyNulls();
        Path renamed = Files.writeString(dir.resolve("renamed.csv"), "sequence_id,a,c\nq,1,2\n");
        assertThatThrownBy(() -> NewData.csv(renamed, schema, false))
                .hasMessageContaining("feature column(s) [b] missing");
        Path extra = Files.writeString(dir.resolve("extra.csv"), "sequence_id,a,b,colour\nq,1,2,red\n");
        assertThatThrownBy(() -> NewData.csv(extra, schema, false))
                .hasMessageContaining("column(s) [colour] are not part of the model's data layout");
        assertThatThrownBy(() -> NewData.csv(reordered, schema, true)).hasMessageContaining("no label column 'label'")
                .hasMessageContaining("rename the file's column for the label to 'label'");
        Path labelledOtherwise = Files.writeString(dir.resolve("labelled.csv"), "sequence_id,a,b,labels\nq,1,2,x\n");
        assertThatThrownBy(() -> NewData.csv(labelledOtherwise, schema, true)).hasMessageContaining("did you mean 'labels'?");
        // text given to a CSV model: the CSV error, and what the file looks like
        Path text = Files.writeString(dir.resolve("new.txt"), "I love the pizza\nthe match, the goal\n");
        assertThatThrownBy(() -> NewData.csv(text, schema, false)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("new.txt").hasMessageContaining("this model reads CSV sequences, and new.txt looks like text");
        Path sameAsTraining = longFile("again.csv", 50, 3, "", i -> "");
        NewData labelled = NewData.csv(sameAsTraining, schema, true);
        assertThat(labelled.labels()).containsExactly("even", "odd", "even");
    }

    @Test
    void filesAreRefusedForDatasetsThatCannotUseThem() throws IOException {
        Path f = longFile("x.csv", 0, 4, "", i -> "");
        assertThatThrownBy(() -> Datasets.open("agreement", DatasetOptions.defaults().withFiles(null, f)))
                .hasMessageContaining("--test do(es) not apply to dataset agreement");
        assertThatThrownBy(() -> Datasets.open("har", DatasetOptions.defaults().withFiles(f, null).withValidationFile(f)))
                .hasMessageContaining("--train, --validation do(es) not apply to dataset har");
    }

    @Test
    void heldOutDataMustBeOtherDataAndGroupsAreTags() throws IOException {
        Path train = longFile("t.csv", 0, 40, ",subject", i -> ",p" + (i % 5));
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(train, train)))
                .hasMessageContaining("--train and --test name the same file");
        Path test = longFile("te.csv", 100, 6, ",subject", i -> ",p1");
        Path validation = longFile("va.csv", 200, 6, ",subject", i -> ",p2");
        // nothing is carved, but the group is still each sequence's tag (for --cv by group), numbered in sorted order
        List<String> warnings = new ArrayList<>();
        SequenceDataset given = open(DatasetOptions.defaults().withFiles(train, test).withValidationFile(validation)
                .with("group", "subject"), warnings);
        // the user named the group column, and the given files put subjects p1 and p2 in training and held-out data
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("1 of the 5 groups of group column subject have sequences "
                + "in the training file and in the test data, e.g. [p1]"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("in the training file and in the validation data, e.g. [p2]"));
        assertThat(given.split(Split.TEST).examples()).allSatisfy(s -> assertThat(s.tags()).containsEntry("subject", 1));
        assertThat(given.split(Split.VALIDATION).examples()).allSatisfy(s -> assertThat(s.tags()).containsEntry("subject", 2));
        assertThat(given.split(Split.TRAIN).examples()).extracting(s -> s.tags().get("subject")).containsOnly(0, 1, 2, 3, 4);
        // a test file alone (the validation split carved from training by group) is checked too: a user's try found the
        // commonest own-data setup, --train, --test and a group column, unwarned
        List<String> testOnly = new ArrayList<>();
        assertThat(open(DatasetOptions.defaults().withFiles(train, test).with("group", "subject"), testOnly).split(Split.VALIDATION)
                .size()).isPositive();
        assertThat(testOnly).anySatisfy(w -> assertThat(w).contains("1 of the 5 groups of group column subject have sequences "
                + "in the training file and in the test data, e.g. [p1]"));
        // a validation file that holds the test sequences picks the kept epoch on them
        List<String> same = new ArrayList<>();
        open(DatasetOptions.defaults().withFiles(train, test).withValidationFile(Files.copy(test, dir.resolve("te-copy.csv")))
                .with("group", "subject"), same);
        assertThat(same).anySatisfy(w -> assertThat(w).contains("6 test sequence(s) are also in the validation data with the same values (6 under the same sequence id"));
        assertThat(same).anySatisfy(w -> assertThat(w).contains("groups of group column subject have sequences in the validation and in "
                + "the test data, e.g. [p1]").contains("groups the model was selected on"));
    }

    /**
     * Paths are taken as the operating system resolves them: through a symbolic link, {@code link/..} is the folder
     * of the link's target, not the folder holding the link (a lexical normalization read another file); the same file
     * given twice through a link is still refused.
     */
    @Test
    void sameFileIsDecidedAsTheOperatingSystemResolvesPaths() throws IOException {
        Path train = longFile("t.csv", 0, 40, "", i -> "");
        Path inner = Files.createDirectories(dir.resolve("real").resolve("inner"));
        Path link = Files.createSymbolicLink(dir.resolve("lnk"), inner);
        Files.copy(longFile("other.csv", 300, 10, "", i -> ""), dir.resolve("real").resolve("t.csv"));
        Path viaLink = link.resolve("..").resolve("t.csv"); // real/t.csv: 10 sequences, not the 40 of t.csv
        SequenceDataset d = open(DatasetOptions.defaults().withFiles(train, viaLink));
        assertThat(d.split(Split.TEST).size()).isEqualTo(10);
        Path linkToTrain = Files.createSymbolicLink(dir.resolve("t-link.csv"), train);
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(train, linkToTrain)))
                .hasMessageContaining("--train and --test name the same file");
    }

    /** --limit keeps the ids of the sequences it keeps (for the run's splits.csv and evaluate's leakage warning). */
    @Test
    void aLimitedDatasetKeepsTheIdsOfWhatItKeeps() throws IOException {
        SequenceDataset full = open(DatasetOptions.defaults().withFiles(longFile("lim.csv", 0, 40, "", i -> ""), null));
        SequenceDataset limited = full.limit(3);
        for (Split split : Split.values()) {
            List<String> all = full.sequenceIds().get(split);
            assertThat(limited.sequenceIds().get(split)).as(split.toString()).hasSize(Math.min(3, all.size()))
                    .containsExactlyElementsOf(all.subList(0, Math.min(3, all.size())));
            assertThat(limited.split(split).size()).isEqualTo(limited.sequenceIds().get(split).size());
        }
    }

    /** A label named in labelNames without a training sequence gets an output the model cannot learn: warned of. */
    @Test
    void givenLabelNamesWithoutTrainingSequencesAreWarnedOf() throws Exception {
        Path train = longFile("names.csv", 0, 40, "", i -> "");
        List<String> warnings = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> open(DatasetOptions.defaults().withFiles(train, null).with("labelNames", "even,odd,triangle")));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("the label(s) [triangle] of --set labelNames have no sequence"
                + " in the training data"));
        List<String> clean = org.rnnlab.datasets.LoggedWarnings.of(CsvSequenceDataset.class,
                () -> open(DatasetOptions.defaults().withFiles(train, null).with("labelNames", "even,odd")));
        assertThat(clean).noneMatch(w -> w.contains("have no sequence"));
    }

    /** A time column in a format other than numbers or ISO-8601: the message's advice, followed as written, loads the file. */
    /** A missing time is named as missing, not as "not a number or a date-time" (a trial's NaN Julian dates). */
    @Test
    void aMissingTimeIsNamedAsSuch() throws IOException {
        for (String gap : List.of("NaN", "")) {
            Path f = Files.writeString(dir.resolve("gap.csv"), "sid,mjd,x,label\ns0,59000.1,1,a\ns0," + gap + ",2,a\ns1,59001.2,3,b\n");
            DatasetOptions o = DatasetOptions.defaults().withFiles(f, null).with("sequenceId", "sid").with("time", "mjd");
            assertThatThrownBy(() -> open(o)).hasMessageContaining("gap.csv:3: the time in column 'mjd' is missing ("
                    + (gap.isEmpty() ? "empty, or a code of --set naValues" : "'NaN'") + "; expected each row's time")
                    .hasMessageContaining("df.dropna(subset=['mjd'])").hasMessageNotContaining("not a number");
        }
    }

    @Test
    void timestampsGetAdviceThatWorksAsWritten() throws IOException {
        List<String> lines = new ArrayList<>(List.of("sid,t,x,y,label"));
        for (int i = 0; i < 12; i++) {
            for (int t = 0; t < 3; t++) {
                lines.add("s" + i + ",01/01/2024 00:00:0" + t + "," + (i + t) + "," + i + "," + (i % 2 == 0 ? "even" : "odd"));
            }
        }
        Path f = Files.write(dir.resolve("stamps.csv"), lines);
        DatasetOptions o = DatasetOptions.defaults().withFiles(f, null).with("sequenceId", "sid").with("time", "t");
        assertThatThrownBy(() -> open(o)).hasMessageContaining("stamps.csv:2: time '01/01/2024 00:00:00' in column 't' is not a number or an ISO-8601 date-time")
                .hasMessageContaining("'01/01/2024 00:00:00' is a date written day first (or month first: then %m and %d swap)")
                .hasMessageContaining("pd.to_datetime(df[\"t\"], format='%d/%m/%Y %H:%M:%S').dt.strftime('%Y-%m-%dT%H:%M:%S')")
                .hasMessageContaining("train with --set time=none (which no longer checks the order: rows out of order, in training "
                        + "or in new data, are then read as they stand, without a word) and leave the column out of the features: "
                        + "--set features=x,y;")
                .hasMessageContaining("predict or evaluate reads the file without its time column too");
        SequenceDataset d = open(o.with("time", "none").with("features", "x,y"));
        assertThat(d.split(Split.TRAIN).size() + d.split(Split.VALIDATION).size() + d.split(Split.TEST).size()).isEqualTo(12);
    }

    @Test
    void aHeadlessModelReadsNewFilesWithOrWithoutTheLabelColumn() throws IOException {
        Path f = Files.writeString(dir.resolve("nohead.csv"), "a,0.5,x,1\na,0.25,x,2\nb,3,y,1\nc,1,x,3\nd,2,y,4\n");
        CsvOptions o = CsvOptions.defaults().withHeader(false).withColumns(Column.at(0), null, Column.at(2)).withFractions(0, 0);
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(f, o).schema();
        Path unlabelled = Files.writeString(dir.resolve("new.csv"), "q,0.5,1\nq,0.25,2\n");
        NewData data = NewData.csv(unlabelled, schema, false);
        assertThat(data.values().get(0)).isDeepEqualTo(new float[][] {{0.5f, 1}, {0.25f, 2}});
        assertThatThrownBy(() -> NewData.csv(unlabelled, schema, true)).hasMessageContaining("new.csv: the file has 3 columns; the "
                + "model was trained on headerless files of 4 columns (sequence id column 0, label column 2, feature columns 1, 3), "
                + "matched by position");
    }

    @Test
    void aHeadlessModelWithATimeColumnRefusesNewDataWhoseMissingColumnIsAGuess() throws IOException {
        // a user's try: id,label,time,value trained headerless; new data without the time column read the label as the time
        // ("time -1 of sequence 'te0000' does not increase"), as if the label column had been left out
        Path f = Files.writeString(dir.resolve("mid.csv"), "a,x,0,1\na,x,1,2\nb,y,0,3\nb,y,1,4\nc,x,0,5\nc,x,1,6\n");
        CsvOptions o = CsvOptions.defaults().withHeader(false).withColumns(Column.at(0), Column.at(2), Column.at(1)).withFractions(0, 0);
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(f, o).schema();
        Path noTime = Files.writeString(dir.resolve("notime.csv"), "q,x,7\nq,x,8\n");
        // predict: one column fewer is the file without its label, unless the column then read as the time does not increase
        // within a sequence (here 'x', 'x'), as a label does not: then it is the file without its time column
        assertThat(NewData.csv(noTime, schema, false).values().get(0)).isDeepEqualTo(new float[][] {{7}, {8}});
        Path numericLabels = Files.writeString(dir.resolve("numlabels.csv"), "q,-1,7\nq,-1,8\nr,1,9\n"); // UCR's labels
        assertThat(NewData.csv(numericLabels, schema, false).values().get(0)).isDeepEqualTo(new float[][] {{7}, {8}});
        // unlabelled new data with their time column (the common case, read so before): the time increases, the label is gone
        Path noLabel = Files.writeString(dir.resolve("nolabel.csv"), "q,0,7\nq,1,8\nr,0,9\n");
        assertThat(NewData.csv(noLabel, schema, false).values().get(0)).isDeepEqualTo(new float[][] {{7}, {8}});
        // two columns fewer but not the label and the time: which are missing cannot be told
        Path other = Files.writeString(dir.resolve("other.csv"), "q,7\nq,8\n");
        assertThatThrownBy(() -> NewData.csv(other, schema, true)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("other.csv: the file has 2 columns; the model was trained on headerless files of 4 columns "
                        + "(sequence id column 0, label column 1, time column 2, feature column 3), matched by position");
        // evaluate needs the label: then only the time can be missing, and the file reads by position without it
        NewData labelled = NewData.csv(noTime, schema, true);
        assertThat(labelled.values().get(0)).isDeepEqualTo(new float[][] {{7}, {8}});
        // predict without label and time: the two left keep their order
        Path bare = Files.writeString(dir.resolve("bare.csv"), "q,7\nq,8\n");
        assertThat(NewData.csv(bare, schema, false).values().get(0)).isDeepEqualTo(new float[][] {{7}, {8}});
        // the same with an ISO-8601 time column: its values increase as the numbers do (they read as labels before)
        Path iso = Files.writeString(dir.resolve("iso.csv"), "a,x,2024-03-22T17:00:00Z,1\na,x,2024-03-22T17:00:01Z,2\n"
                + "b,y,2024-03-22T17:00:00Z,3\nb,y,2024-03-22T17:00:01Z,4\nc,x,2024-03-22T17:00:00Z,5\nc,x,2024-03-22T17:00:01Z,6\n");
        CsvSchema isoSchema = CsvSequenceDataset.fromLongCsv(iso, o).schema();
        Path isoNoLabel = Files.writeString(dir.resolve("isonolabel.csv"), "q,2024-03-22T17:00:00Z,7\nq,2024-03-22T17:00:01Z,8\n");
        NewData read = NewData.csv(isoNoLabel, isoSchema, false);
        assertThat(read.values().get(0)).isDeepEqualTo(new float[][] {{7}, {8}});
        assertThat(read.labels()).containsOnlyNulls();
    }

    @Test
    void aHeadlessFileOneColumnShortThatReadsBothWaysIsRefused() throws IOException {
        // a user's try: id,time,energy,vib,label trained headerless; new data without the time column whose energy (a
        // cumulative counter) increases within every sequence: read as the file without its label, energy became the time,
        // vib the energy and the label vib, and predict scored 0.52 instead of 0.72 with exit 0
        Path f = Files.writeString(dir.resolve("counter.csv"), "a,0,10,0.5,1\na,1,12,0.7,1\nb,0,3,0.1,2\nb,1,5,0.3,2\n");
        CsvOptions o = CsvOptions.defaults().withHeader(false).withColumns(Column.at(0), Column.at(1), Column.at(4)).withFractions(0, 0);
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(f, o).schema();
        Path noTime = Files.writeString(dir.resolve("counter-notime.csv"), "q,20,0.2,1\nq,21,0.4,1\nr,7,0.9,2\nr,9,0.8,2\n");
        assertThatThrownBy(() -> NewData.csv(noTime, schema, false)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("counter-notime.csv: the file has 4 columns, one fewer than the model's headerless training "
                        + "files of 5 (label column 4, time column 1), matched by position, and it reads both ways: as the file "
                        + "without its label (column 1 then the time, and it increases within every sequence) and as the file "
                        + "without its time (column 3 then the label, and it has one value within every sequence); give all 5 "
                        + "columns");
        // evaluate needs the label, so only the time can be missing: read so
        assertThat(NewData.csv(noTime, schema, true).values().get(0)).isDeepEqualTo(new float[][] {{20, 0.2f}, {21, 0.4f}});
        // the same file without its label: the last column varies within a sequence, so it is no label: read without it
        Path noLabel = Files.writeString(dir.resolve("counter-nolabel.csv"), "q,0,20,0.2\nq,1,21,0.4\nr,0,7,0.9\n");
        assertThat(NewData.csv(noLabel, schema, false).values().get(0)).isDeepEqualTo(new float[][] {{20, 0.2f}, {21, 0.4f}});
        // with the model's labels known, a last feature of one value per sequence that holds no label (a device setting) is
        // no label: the file without its label (a review: refused as ambiguous); one that holds labels stays ambiguous
        Path setting = Files.writeString(dir.resolve("counter-setting.csv"), "q,0,20,3\nq,1,21,3\nr,0,7,7\nr,1,9,7\n");
        assertThat(NewData.csv(setting, schema, false, null, List.of("1", "2")).values().get(0))
                .isDeepEqualTo(new float[][] {{20, 3}, {21, 3}});
        assertThatThrownBy(() -> NewData.csv(noTime, schema, false, null, List.of("1", "2"))).hasMessageContaining("reads both ways");
        // sequences of one row each: every column is constant within them, so the file without its label, as before
        Path single = Files.writeString(dir.resolve("counter-single.csv"), "q,0,20,0.2\nr,0,7,0.9\n");
        assertThat(NewData.csv(single, schema, false).values().get(0)).isDeepEqualTo(new float[][] {{20, 0.2f}});
    }

    @Test
    void aPipeOrDeviceAsTrainingFileIsNamedAsSuchNotAsMissing() {
        // a user's --train <(zcat ...) and /dev/stdin: "file not found", though they were there
        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device), "no /dev/null on this system");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(device, CsvOptions.defaults()))
                .isInstanceOf(org.rnnlab.datasets.DatasetFormatException.class)
                .hasMessageContaining("/dev/null: a pipe or device, not a regular file").hasMessageContaining("save it to a file first")
                .hasMessageNotContaining("not found");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(dir.resolve("absent.csv"), CsvOptions.defaults()))
                .hasMessageContaining("absent.csv: file not found");
    }

    @Test
    void aSemicolonFileWithDecimalCommasGetsBothHints() throws IOException {
        // a user's try: the usual European spreadsheet export got '4 columns (expected 1 ...)' and then a timestamp hint
        Path semi = dir.resolve("semi.csv");
        Files.writeString(semi, "sequence_id;time;acc_x;label\nr0;0,00;0,12;walk\nr0;0,02;0,13;walk\n");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(semi, null)))
                .hasMessageContaining("semi.csv:2: 3 columns (expected 1 as in the header [sequence_id;time;acc_x;label]); the header "
                        + "reads as one column but holds ';'").hasMessageContaining("--set delimiter=';'")
                .hasMessageContaining("decimal commas, which are not read");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(semi, null).with("delimiter", ";")))
                .hasMessageContaining("semi.csv:2: time '0,00' in column 'time' has a decimal comma, which is not read");
    }

    /** A column name a letter or two off gets the close names; a label column absent says where labels come from. */
    @Test
    void typosGetTheCloseNamesAndAMissingLabelColumnTheLayouts() throws IOException {
        Path f = dir.resolve("stars.csv");
        Files.writeString(f, "star_id,mjd,mag,mag_err,class\ns0,1,0.1,0.01,a\ns0,2,0.2,0.01,a\n");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(f, null).with("sequenceId", "starid")))
                .hasMessageContaining("no column named 'starid'").hasMessageContaining("did you mean 'star_id'?");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(f, null).with("sequenceId", "star_id")
                .with("time", "mjd").with("label", "class").with("features", "mag,mag_er")))
                .hasMessageContaining("no column named 'mag_er'").hasMessageContaining("did you mean 'mag_err'?");
        Path unlabelled = Files.writeString(dir.resolve("unlabelled.csv"), "star_id,mjd,mag\ns0,1,0.1\ns0,2,0.2\n");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(unlabelled, null).with("sequenceId", "star_id")
                .with("time", "mjd").with("label", "type")))
                .hasMessageContaining("no column named 'type'").hasMessageNotContaining("did you mean")
                .hasMessageContaining("labels kept in a separate file are joined in first");
        // a header with a label-like name: that name is suggested, not the other layouts
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(f, null).with("sequenceId", "star_id").with("time", "mjd")))
                .hasMessageContaining("--set label=class").hasMessageNotContaining("separate file");
        assertThat(Column.closeHint("home", List.of("window_id", "home_id", "power_w"))).isEqualTo("; did you mean 'home_id'?");
        assertThat(Column.closeHint("power", List.of("window_id", "home_id", "power_w"))).isEqualTo("; did you mean 'power_w'?");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(f, null).with("sequenceID", "star_id")))
                .hasMessageContaining("unknown setting 'sequenceID'").hasMessageContaining("did you mean sequenceId?");
        // short names: no guesses ('t' is one edit from every one-letter column)
        assertThat(Column.closeHint("t", List.of("id", "ts", "x", "y", "label"))).isEmpty();
        assertThat(Column.editDistance("mag_er", "mag_err", 1)).isEqualTo(1);
        assertThat(Column.editDistance("abc", "xyz", 1)).isEqualTo(2);
    }

    /** An export that begins with '#' comment lines (astronomy, instruments; a trial's): named, with the way to drop them. */
    @Test
    void commentLinesAtTheTopAreNamedAsSuch() throws IOException {
        Path oneWord = dir.resolve("comment1.csv");
        Files.writeString(oneWord, "# ZTF light curves\nsequence_id,time,x,label\nr0,0,0.1,a\nr0,1,0.2,a\n");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(oneWord, null)))
                .hasMessageContaining("the header line starts with '#', a comment line? Comment lines are not skipped")
                .hasMessageContaining("grep -v '^#'").hasMessageNotContaining("space-separated");
        Path withCommas = dir.resolve("comment2.csv");
        Files.writeString(withCommas, "# ZTF DR20, g band\nsequence_id,time,x,label\nr0,0,0.1,a\nr0,1,0.2,a\n");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(withCommas, null)))
                .hasMessageContaining("comment2.csv:2: 4 columns (expected 2 as in the header [# ZTF DR20, g band]); the header "
                        + "line starts with '#', a comment line?");
        // a column named '#' or '#id' (pandas' index_label) is a header, not a comment
        assertThat(Column.commentHint(List.of("#", "time", "x"))).isEmpty();
        assertThat(Column.commentHint(List.of("#id", "time", "x"))).isEmpty();
        assertThat(Column.commentHint(List.of("# id", "time", "x"))).isNotEmpty();
    }

    @Test
    void aFileWithoutHeaderGetsTheHeaderFalseHint() throws IOException {
        Path headerless = dir.resolve("headerless.csv");
        Files.writeString(headerless, "wal-00,0.00,0.12,walk\nwal-00,0.02,0.13,walk\n");
        assertThatThrownBy(() -> open(DatasetOptions.defaults().withFiles(headerless, null)))
                .hasMessageContaining("no column named 'sequence_id' (expected one of [wal-00, 0.00, 0.12, walk]); the first line "
                        + "holds numbers such as 0.00: if the file has no header, train with --set header=false")
                .hasMessageContaining("--set label=3 if the label is the last column");
    }

    @Test
    void aLongFileGivenToAFolderModelIsSaidToBeManySequencesNotToBeIgnoredIntoOne() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fold"));
        List<String> labels = new ArrayList<>(List.of("file,label"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(folder.resolve("u" + i + ".csv"), "c0,c1\n" + i + ",1\n" + (i + 1) + ",2\n" + (i + 2) + ",0\n");
            labels.add("u" + i + ".csv," + (i % 2 == 0 ? "yes" : "no"));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        CsvSchema schema = CsvSequenceDataset.fromFolder(folder, CsvOptions.defaults().withFractions(0.25, 0.25)).schema();
        // a trial's long file to a folder model: the refusal suggested --ignore-columns ...,utterance_id, which then read 256
        // utterances as one sequence
        Path longFile = Files.writeString(dir.resolve("long.csv"), "utterance_id,frame,c0,c1\na,0,1,2\na,1,1,2\nb,0,3,4\nb,1,3,4\n"
                + "c,0,5,6\nc,1,5,6\n");
        assertThatThrownBy(() -> NewData.csv(longFile, schema, false)).hasMessageContaining("column 'utterance_id' holds 3 values, each "
                + "on consecutive rows, as a sequence id does in the long layout").hasMessageContaining("this file would be one sequence "
                + "of 6 steps").hasMessageContaining("for k, g in df.groupby(ID): g[['c0', 'c1']].to_csv(f'{k}.csv', index=False)");
        // a time in whole seconds (0, 0, 1, 1, ...): a time, not an id (a review)
        Path seconds = Files.writeString(dir.resolve("seconds.csv"), "second,c0,c1\n0,1,2\n0,1,2\n1,3,4\n1,3,4\n");
        assertThatThrownBy(() -> NewData.csv(seconds, schema, false)).hasMessageContaining("column(s) [second] are not features of "
                + "this data").hasMessageNotContaining("sequence id does");
        // an extra column of other values (a counter): the usual refusal
        Path counter = Files.writeString(dir.resolve("counter.csv"), "frame,c0,c1\n0,1,2\n1,1,2\n2,3,4\n");
        assertThatThrownBy(() -> NewData.csv(counter, schema, false)).hasMessageContaining("column(s) [frame] are not features of "
                + "this data").hasMessageNotContaining("sequence id does");
    }

    @Test
    void windowIdsSharedByStationsAreToldToBeMadeUniqueNotPivoted() throws IOException {
        // a trial's 72-hour windows named by their start hour at 8 stations: told to pivot on station_code as sktime channels
        StringBuilder csv = new StringBuilder("window,station_code,time,level,rain,label\n");
        for (String window : new String[] {"2021-10-04T01", "2021-10-04T07"}) {
            for (String station : new String[] {"G01", "G02", "G03"}) {
                for (int t = 0; t < 3; t++) {
                    csv.append(window).append(',').append(station).append(',').append(t).append(",1.5,0.2,normal\n");
                }
            }
        }
        Path f = Files.writeString(dir.resolve("windows.csv"), csv);
        CsvOptions o = CsvOptions.defaults().withColumns(Column.named("window"), Column.named("time"), Column.named("label"))
                .withFeatures(List.of(Column.named("level"), Column.named("rain")));
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, o)).hasMessageContaining("the ids seem to be numbered per "
                + "'station_code', so different recordings share one id").hasMessageNotContaining("sktime");
    }

    @Test
    void aLongModelsIdUnderAnotherNameIsToldToBeRenamedAndReusedIdsAreNotCalledPerStepLabels() throws IOException {
        Path train = longFile("train.csv", 0, 20, "", i -> "");
        CsvSchema schema = CsvSequenceDataset.fromLongCsv(train, CsvOptions.defaults()).schema();
        // 3 recordings under 'recording': renaming it is the way, not one sequence id for the whole file (a review)
        Path renamed = Files.writeString(dir.resolve("renamed.csv"), "recording,a,b\nr1,1,2\nr1,1,2\nr2,3,4\nr2,3,4\nr3,5,6\nr3,5,6\n");
        assertThatThrownBy(() -> NewData.csv(renamed, schema, false)).hasMessageContaining("no sequence id column 'sequence_id'")
                .hasMessageContaining("column 'recording' holds 3 values, each on consecutive rows")
                .hasMessageContaining("df.rename(columns={'recording': 'sequence_id'})").hasMessageNotContaining("my-sequence");
        // the column of the most blocks, not the first: machine before cycle (a trial's pumps, each of several cycles)
        Path two = Files.writeString(dir.resolve("two.csv"), "machine,cycle,a,b\nm1,c1,1,2\nm1,c1,1,2\nm1,c2,3,4\nm1,c2,3,4\n"
                + "m2,c3,5,6\nm2,c3,5,6\nm2,c4,7,8\nm2,c4,7,8\n");
        assertThatThrownBy(() -> NewData.csv(two, schema, false)).hasMessageContaining("column 'cycle' holds 4 values, each on "
                + "consecutive rows").hasMessageContaining("df.rename(columns={'cycle': 'sequence_id'})");
        Path single = Files.writeString(dir.resolve("single.csv"), "a,b\n1,2\n3,4\n");
        assertThatThrownBy(() -> NewData.csv(single, schema, false)).hasMessageContaining("a file of one sequence needs it too");
        // windows w0, w1 numbered per subject, of other labels: the ids are reused, not labels per step
        Path reused = Files.writeString(dir.resolve("reused.csv"), "sequence_id,time,a,b,subject,label\n"
                + "w0,0,1,2,s1,x\nw0,1,1,2,s1,x\nw0,0,1,2,s2,y\nw0,1,1,2,s2,y\nw1,0,1,2,s1,x\nw1,1,1,2,s1,x\n");
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(reused, CsvOptions.defaults().withFeatures(List.of(Column.named("a"),
                Column.named("b"))))).hasMessageContaining("has label 'y' (expected 'x'").hasMessageContaining("the time starts again")
                .hasMessageNotContaining("label per time step");
    }

    @Test
    void predictionsInAFolderOrAsItsLabelsFileAreNamedSoNotTakenForLabels() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("segments"));
        List<String> labels = new ArrayList<>(List.of("file,label"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(folder.resolve("seg" + i + ".csv"), "lead1\n" + i + "\n" + (i + 1) + "\n" + (i + 3) + "\n");
            labels.add("seg" + i + ".csv," + (i % 2 == 0 ? "normal" : "af"));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        CsvSchema schema = CsvSequenceDataset.fromFolder(folder, CsvOptions.defaults().withFractions(0.25, 0.25)).schema();
        Path unlabelled = Files.createDirectories(dir.resolve("new"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(unlabelled.resolve("n" + i + ".csv"), "lead1\n1\n2\n");
        }
        // predict's output written into the folder (a trial): not "a labels file (a column 'file')" to rename
        Files.writeString(unlabelled.resolve("preds.csv"), "id,label,p_af,p_normal\nn0.csv,af,0.6,0.4\nn1.csv,normal,0.1,0.9\n");
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(unlabelled, schema, false, new ArrayList<>()))
                .hasMessageContaining("preds.csv:1: looks like rnnlab's predictions").hasMessageNotContaining("rename it");
        // renamed to labels.csv, as the old message advised: refused for evaluation, which scored 1.0 against it
        Files.move(unlabelled.resolve("preds.csv"), unlabelled.resolve("labels.csv"));
        assertThatThrownBy(() -> CsvSequenceDataset.readAll(unlabelled, schema, true, new ArrayList<>()))
                .hasMessageContaining("labels.csv:1: looks like rnnlab's predictions").hasMessageContaining("measures nothing");
    }

    @Test
    void blankGroupsAreRefusedAndATimeColumnNamedForAFolderToo() throws IOException {
        // 4 of 20 sequences without a patient (a trial: they became one "patient", placed whole in training)
        StringBuilder csv = new StringBuilder("sequence_id,patient,x,label\n");
        for (int i = 0; i < 20; i++) {
            for (int t = 0; t < 3; t++) {
                csv.append('s').append(i).append(',').append(i < 4 ? "" : "p" + (i % 8)).append(',').append(t + i).append(',')
                        .append(i % 2 == 0 ? "a" : "b").append('\n');
            }
        }
        Path f = Files.writeString(dir.resolve("patients.csv"), csv);
        assertThatThrownBy(() -> CsvSequenceDataset.fromLongCsv(f, CsvOptions.defaults().withGroupColumn(Column.named("patient"))))
                .hasMessageContaining("patients.csv:2: sequence 's0' has no value in group column patient (4 sequence(s) in all")
                .hasMessageContaining("fillna");
        // --set time=time with a folder: the files' time column, not a feature (it was refused; trial 76d), though the
        // default name is the default's
        Path folder = Files.createDirectories(dir.resolve("timed"));
        List<String> labels = new ArrayList<>(List.of("file,label"));
        for (int i = 0; i < 8; i++) {
            Files.writeString(folder.resolve("f" + i + ".csv"), "time,x\n0,1\n0.5,2\n");
            labels.add("f" + i + ".csv," + (i % 2 == 0 ? "a" : "b"));
        }
        Files.write(folder.resolve("labels.csv"), labels);
        CsvSequenceDataset timed = (CsvSequenceDataset) Datasets.open("csv", DatasetOptions.defaults().withDataDir(folder)
                .with("time", "time"));
        assertThat(timed.schema().featureNames()).containsExactly("x");
        assertThat(timed.schema().time()).isEqualTo(Column.named("time"));
        // not chosen, a column named time of the folder's files stays a feature, as before
        assertThat(((CsvSequenceDataset) Datasets.open("csv", DatasetOptions.defaults().withDataDir(folder))).schema()
                .featureNames()).containsExactly("time", "x");
    }
}
