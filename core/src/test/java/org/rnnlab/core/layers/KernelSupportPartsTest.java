package org.rnnlab.core.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnnlab.core.CellType;

/**
 * {@link KernelSupport#minibatchParts}, what {@code rnnlab bench} asks before warning that {@code --threads} splits no
 * layer: the same rule as the kernels' own split ({@link KernelThreads#parts}), at the sizes the --threads help and
 * docs/RESULTS.md (*Two threads*) name: at batch 64 and two threads LSTM and GRU layers from hidden 128, the vanilla RNN
 * from 256; one sequence never.
 */
class KernelSupportPartsTest {

    @Test
    void splitsFromTheDocumentedSizesOnly() {
        assertThat(KernelSupport.minibatchParts(CellType.LSTM, 128, 64, 2)).isEqualTo(2);
        assertThat(KernelSupport.minibatchParts(CellType.GRU, 128, 64, 2)).isEqualTo(2);
        assertThat(KernelSupport.minibatchParts(CellType.RNN, 256, 64, 2)).isEqualTo(2);
        assertThat(KernelSupport.minibatchParts(CellType.LSTM, 64, 64, 2)).isEqualTo(1);
        assertThat(KernelSupport.minibatchParts(CellType.GRU, 64, 64, 2)).isEqualTo(1);
        assertThat(KernelSupport.minibatchParts(CellType.RNN, 128, 64, 2)).isEqualTo(1);
        assertThat(KernelSupport.minibatchParts(CellType.LSTM, 65_536, 1, 2)).isEqualTo(1);
        assertThat(KernelSupport.minibatchParts(CellType.LSTM, 512, 64, 1)).isEqualTo(1);
        // as the kernel decides it from its own count of multiply-adds
        assertThat(KernelSupport.minibatchParts(CellType.LSTM, 128, 64, 2))
                .isEqualTo(KernelThreads.parts(64, new CellKernel(9, 128, 4, LstmMath::of).stepMultiplyAdds(), 2));
        assertThat(KernelSupport.splitRule()).contains("at least 8 examples").contains("2^20 multiply-adds");
    }
}
