package org.rnnlab.evaluation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.datasets.DatasetOptions;
import org.rnnlab.evaluation.train.TrainRequest;
import org.rnnlab.evaluation.train.TrainRun;
import org.rnnlab.core.CellType;
import org.rnnlab.core.ModelSpec;
import org.rnnlab.training.Trainer;
import org.rnnlab.training.TrainingConfig;

/** Starts DL4J's real training UI with a real training run and talks to it over HTTP on localhost. */
class TrainingUiTest {

    @Test
    void theUiAnswersDuringTrainingAndStopsWithTheRun(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI overview = URI.create("http://localhost:" + port + "/train/overview");
        List<Integer> statuses = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        Trainer.Listener fetchDuringTraining = new Trainer.Listener() {
            @Override
            public void onIteration(int epoch, int batch, int batchesPerEpoch, double loss) {
                if (epoch == 1 && batch == 2) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(overview).timeout(Duration.ofSeconds(20)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.add(r.statusCode());
                        bodies.add(r.body());
                    } catch (IOException | InterruptedException e) {
                        statuses.add(-1);
                        bodies.add(e.toString());
                    }
                }
            }
        };
        TrainRequest request = new TrainRequest("temporal-order", DatasetOptions.defaults().with("trainSize", "64")
                .with("validationSize", "16").with("testSize", "16"), ModelSpec.of(CellType.LSTM).withHiddenSizes(List.of(4)),
                TrainingConfig.defaults().withEpochs(1).withBatchSize(16), 1);
        try (TrainingUi ui = new TrainingUi(port)) {
            assertThat(ui.url()).isEqualTo(overview.toString());
            TrainRun.run(request, dir, List.of("test"), new Trainer.Options(fetchDuringTraining, dir.resolve("checkpoints"), null,
                    ui::attach));
        }
        assertThat(statuses).as("bodies %s", bodies).containsExactly(200);
        assertThat(bodies.get(0)).containsIgnoringCase("<html");
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(overview).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }
}
