package org.rnnlab.core.layers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named scratch buffers of a recurrent kernel, kept outside DL4J's workspaces and reused across time
 * steps and minibatches: a buffer grows (by reallocation) only when a call needs more elements than it
 * has, so a training run allocates once per layer instead of once per step. A call with the name and shape of the
 * previous one returns the same view object. Not thread-safe: each
 * layer instance has its own (DL4J clones a network per thread).
 */
final class KernelBuffers {

    private final Map<String, INDArray> buffers = new HashMap<>();
    /** The last view handed out per buffer, returned again for the same shape (an ND4J array costs microseconds to make). */
    private final Map<String, View> views = new HashMap<>();

    private record View(INDArray flat, long[] shape, INDArray array) {
    }

    /**
     * A c-order view of {@code shape} over buffer {@code name}; its contents are whatever the buffer
     * held before (callers overwrite them), zero when newly allocated.
     */
    INDArray get(String name, DataType type, long... shape) {
        return get(name, type, 'c', shape);
    }

    /**
     * As {@link #get(String, DataType, long...)}, in {@code order} ('c' or 'f'): a buffer added element by element to
     * an array of that order (a part's weight gradient to DL4J's 'f'-order gradient view) then runs as one linear loop
     * instead of a strided one.
     */
    INDArray get(String name, DataType type, char order, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        INDArray flat = buffers.get(name);
        if (flat == null || flat.dataType() != type || flat.length() < n) {
            long capacity = flat == null || flat.dataType() != type ? n : Math.max(n, flat.length() + flat.length() / 2);
            flat = Nd4j.createUninitializedDetached(type, capacity).assign(0);
            buffers.put(name, flat);
        }
        View last = views.get(name);
        if (last != null && last.flat() == flat && Arrays.equals(last.shape(), shape) && last.array().ordering() == order) {
            return last.array();
        }
        // a view sharing the buffer's memory (reshape of a sub-range could silently copy)
        INDArray view = Nd4j.create(flat.data(), shape, Nd4j.getStrides(shape, order), 0, order);
        views.put(name, new View(flat, shape.clone(), view));
        return view;
    }

    /** A copy of {@code array} outside any workspace, to be kept between calls (e.g. a carried state). */
    @SuppressWarnings("try")
    static INDArray detached(INDArray array) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return array.dup();
        }
    }
}
