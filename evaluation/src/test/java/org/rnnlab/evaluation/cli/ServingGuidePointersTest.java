package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * serving.md's pointers ({@code see *Name*}) name a heading or the bold opening of a paragraph in the guide, as the guide's
 * convention says (java-api.md's first lines: {@code grep -rn 'Name' docs/} finds it): trial 76e F9 followed two pointers
 * to *far outside the training data*, which was running text only.
 */
class ServingGuidePointersTest {

    @Test
    void everyPointerNamesAHeadingOrABoldOpening() throws IOException {
        Path guide = Path.of("..", "docs", "guide");
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Stream.concat(Files.list(guide), Files.list(guide.getParent()))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                all.append(Files.readString(f)).append('\n');
            }
        }
        String docs = all.toString();
        Matcher m = Pattern.compile("see \\*([^*]+)\\*").matcher(Files.readString(guide.resolve("serving.md")));
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).contains("Values far outside the training data");
        for (String name : named) {
            // the name, or its start (*Model files are data* for "Model files are data, never code")
            boolean heading = Pattern.compile("(?m)^#+ " + Pattern.quote(name)).matcher(docs).find();
            boolean bold = docs.contains("**" + name);
            assertThat(heading || bold).as("serving.md: see *%s*", name).isTrue();
        }
    }
}
