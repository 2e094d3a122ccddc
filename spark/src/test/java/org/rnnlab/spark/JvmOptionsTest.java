package org.rnnlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** spark/jvm-options (read by ./rnnlab, local-cluster.sh and surefire) holds the JVM options of the Spark version built with. */
class JvmOptionsTest {

    @Test
    void jvmOptionsAreSparksModuleOptions() throws Exception {
        List<String> file = Files.readAllLines(Path.of("jvm-options")).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(file).containsExactlyInAnyOrder(JavaModuleOptions.defaultModuleOptions().strip().split("\\s+"));
    }
}
