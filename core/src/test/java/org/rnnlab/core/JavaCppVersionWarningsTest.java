package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/** Only JavaCPP's two expected version warnings are dropped; every other message passes. */
class JavaCppVersionWarningsTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger loader = context.getLogger("org.bytedeco.javacpp.Loader");
    private final JavaCppVersionWarnings filter = new JavaCppVersionWarnings();

    @Test
    void dropsTheMismatchOfTheOpenBlasAndOpenClPresets() {
        assertThat(filter.decide(null, loader, null,
                "Versions of org.bytedeco:javacpp:1.5.14 and org.bytedeco:openblas:0.3.30-1.5.12 do not match.", null, null))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, loader, null,
                "Versions of org.bytedeco:javacpp:1.5.14 and org.bytedeco:opencl:3.0-1.5.13 do not match.", null, null))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsEveryOtherMessage() {
        // another preset's mismatch (one a user adds), another logger, another message of the loader
        assertThat(filter.decide(null, loader, null,
                "Versions of org.bytedeco:javacpp:1.5.14 and org.bytedeco:ffmpeg:7.1-1.5.11 do not match.", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, context.getLogger("org.rnnlab.x"), null,
                "Versions of org.bytedeco:javacpp:1.5.14 and org.bytedeco:openblas:0.3.30-1.5.12 do not match.", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, loader, null, "Could not load library jnidnnl", null, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, loader, null, null, null, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, null, null, "Versions of org.bytedeco:javacpp:1.5.14 and org.bytedeco:openblas:0.3.30-1.5.12 do not match.",
                null, null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void dropsOnlyTheVersionsThePomPins() throws Exception {
        // another OpenBLAS (ND4J's own, in a project without the BOM): shown
        assertThat(filter.decide(null, loader, null,
                "Versions of org.bytedeco:javacpp:1.5.14 and org.bytedeco:openblas:0.3.19-1.5.7 do not match.", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("..", "pom.xml"));
        assertThat(pom).contains("<javacpp.version>" + JavaCppVersionWarnings.JAVACPP + "</javacpp.version>")
                .contains("<openblas.version>" + JavaCppVersionWarnings.OPENBLAS + "</openblas.version>")
                .contains("<opencl.version>" + JavaCppVersionWarnings.OPENCL + "</opencl.version>");
    }
}
