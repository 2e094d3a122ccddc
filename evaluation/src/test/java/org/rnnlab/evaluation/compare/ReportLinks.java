package org.rnnlab.evaluation.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that an HTML report references only files that exist next to it. */
public final class ReportLinks {
    private static final Pattern LINK = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private ReportLinks() {
    }

    /** The relative links (src and href) of a page. */
    public static List<String> links(Path html) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(Files.readString(html));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * Asserts every local link of the page resolves to an existing file, except the names in
     * {@code writtenByCaller} (files the command writes next to the report).
     */
    public static void assertAllLocalLinksExist(Path html, String... writtenByCaller) throws IOException {
        Set<String> allowed = Set.of(writtenByCaller);
        List<String> links = links(html);
        assertThat(links).isNotEmpty();
        for (String link : links) {
            assertThat(link).as("links must be relative").doesNotContain("://").doesNotStartWith("/");
            if (!allowed.contains(link)) {
                assertThat(html.resolveSibling(link)).as("linked from %s", html).isRegularFile();
            }
        }
    }
}
