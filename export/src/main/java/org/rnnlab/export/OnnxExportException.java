package org.rnnlab.export;

/** A model, layer or setting that has no ONNX form here; the message names it and says what is exported. */
public final class OnnxExportException extends RuntimeException {
    public OnnxExportException(String message) {
        super(message);
    }
}
