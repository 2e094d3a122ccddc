package org.rnnlab.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.training.ModelBundle;
import org.rnnlab.training.ModelCard;

/**
 * The whole programs of docs/guide/java-api.md compile as printed, with their imports, and run: {@code TrainMyModel.java}
 * trains and saves a model whose card is filled as {@code rnnlab train} fills it, and {@code MyApp.java} loads it and
 * predicts (trial 81d F6: the guide's snippets needed imports from three packages, named only in comments, and one held
 * a {@code ...} placeholder).
 */
class GuideProgramsTest {

    /** The code block of the guide whose first line is {@code // NAME.java...}. */
    static String program(String guide, String name) {
        Matcher m = Pattern.compile("```java\n(// " + Pattern.quote(name) + ".java[^\n]*\n.*?)```", Pattern.DOTALL).matcher(guide);
        assertThat(m.find()).as("docs/guide/java-api.md has a java block starting // %s.java", name).isTrue();
        return m.group(1);
    }

    @Test
    void theGuidesProgramsCompileAndRun(@TempDir Path dir) throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "guide", "java-api.md"));
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path train = Files.writeString(src.resolve("TrainMyModel.java"), program(guide, "TrainMyModel"));
        Path app = Files.writeString(src.resolve("MyApp.java"), program(guide, "MyApp"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = javac.run(null, null, errors, "-cp", System.getProperty("java.class.path"), "-d", classes.toString(),
                train.toString(), app.toString());
        assertThat(code).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        Path model = dir.resolve("my-gru.rnnlab");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            loader.loadClass("TrainMyModel").getMethod("main", String[].class).invoke(null, (Object) new String[] {model.toString()});
            ModelCard card = ModelBundle.readCard(model);
            assertThat(card.heldOutConfidence()).isPresent();
            assertThat(card.trainingRange()).isNotNull();
            assertThat(card.metrics()).containsKey("test_accuracy");
            assertThat(card.storedSummaryBaseline()).isPresent();
            assertThat(card.csvSchema()).isPresent();
            PrintStream stdout = System.out;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                loader.loadClass("MyApp").getMethod("main", String[].class).invoke(null, (Object) new String[] {model.toString()});
            } finally {
                System.setOut(stdout);
            }
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("SequenceClassifier[gru-16, 2 features [temp, pressure]");
        }
    }
}
