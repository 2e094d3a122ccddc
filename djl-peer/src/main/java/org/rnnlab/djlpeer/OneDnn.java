package org.rnnlab.djlpeer;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * libtorch's global switch for its oneDNN (MKLDNN) kernels: what PyTorch exposes as
 * {@code torch.backends.mkldnn.enabled}; DJL 0.36 has no API for it, so this calls libtorch's own
 * {@code at::globalContext().setUserEnabledMkldnn(bool)} through JNA (which DJL itself depends on).
 *
 * <p>Why the peer needs it: libtorch 2.x runs a float32 LSTM on the CPU through oneDNN's RNN primitive, in
 * training too. On this machine oneDNN 3.7.1 (in libtorch 2.7.1) picks its fast {@code brgemm} implementation
 * only for forward inference; for forward training and backward it falls back to its {@code ref}
 * implementation ({@code ONEDNN_VERBOSE=1} shows {@code rnn,ref,forward_training} and {@code rnn,ref,backward}),
 * which makes an LSTM training step about 3x slower than libtorch's native (ATen) LSTM kernels, the ones
 * PyTorch 1.13 uses. GRU and RNN never take the oneDNN path. So the peer trains with oneDNN off and infers
 * with it on (its inference is about 3x faster than the native kernels).
 */
final class OneDnn {

    /** {@code at::globalContext()}. */
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    /** {@code at::Context::setUserEnabledMkldnn(bool)}. */
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledMkldnnEb";
    /** {@code at::Context::userEnabledMkldnn() const}. */
    private static final String IS_ENABLED = "_ZNK2at7Context17userEnabledMkldnnEv";

    private static Switch handle;
    private static boolean looked;

    private OneDnn() {
    }

    private record Switch(Pointer context, Function set, Function get) {
    }

    /** The switch, looked up once in the loaded libtorch_cpu (null if it is not there, e.g. another libtorch). */
    private static synchronized Switch handle() {
        if (!looked) {
            looked = true;
            try {
                Path lib = Path.of(LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"));
                NativeLibrary torch = NativeLibrary.getInstance(lib.toString());
                Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
                handle = new Switch(context, torch.getFunction(SET_ENABLED), torch.getFunction(IS_ENABLED));
            } catch (RuntimeException | LinkageError e) {
                System.err.println("djl-peer: libtorch's oneDNN switch not found (" + e.getMessage()
                        + "); LSTM training keeps libtorch's default (oneDNN) path");
            }
        }
        return handle;
    }

    /** Whether the switch can be used in this process (the PyTorch engine must be loaded). */
    static boolean available() {
        return handle() != null;
    }

    /** Turns libtorch's oneDNN kernels on or off; returns whether the switch exists (nothing happens otherwise). */
    static boolean setEnabled(boolean enabled) {
        Switch s = handle();
        if (s == null) {
            return false;
        }
        s.set().invokeVoid(new Object[] {s.context(), (byte) (enabled ? 1 : 0)});
        return true;
    }

    /** libtorch's current setting; true where the switch does not exist (libtorch's default). */
    static boolean enabled() {
        Switch s = handle();
        // a C++ bool comes back in the low byte only
        return s == null || (s.get().invokeInt(new Object[] {s.context()}) & 0xFF) != 0;
    }
}
