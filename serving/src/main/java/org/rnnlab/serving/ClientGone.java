package org.rnnlab.serving;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Whether the client of a request has gone: the batcher asks before it predicts the request and between the chunks of
 * a large one, so that work nobody will read is dropped ({@link MicroBatcher.Abandoned}).
 *
 * <p>Jetty's {@link Request#addFailureListener} is no such signal: Jetty also calls it when a request has seen no I/O
 * for the idle timeout (30 s; 1 s while the server drains), which is what a request waiting in the queue sees while its
 * client still waits (a SIGTERM test had its large requests dropped that way). And over HTTP/1.1 Jetty reads nothing from
 * a connection while its request is being handled, so a client that closes its connection while its prediction waits
 * is noticed by Jetty only when the answer is written, after the work. This check therefore looks at the {@link EndPoint}
 * (closed) and at the socket itself, without reading
 * from it: a connection that is readable but has no byte to read has reached its end (the client closed it, or reset
 * it). A readable connection with bytes waiting (a request pipelined behind a POST, which RFC 9112 advises clients
 * against) counts as alive. A client that only shuts down its sending side and still waits for the answer (rare; nginx
 * treats it as gone too, its status 499) is taken as gone.
 */
final class ClientGone implements BooleanSupplier {
    private final EndPoint endPoint;

    ClientGone(Request request) {
        endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    }

    @Override
    public boolean getAsBoolean() {
        if (!endPoint.isOpen()) {
            return true;
        }
        return endPoint instanceof SelectableChannelEndPoint s && s.getChannel() instanceof SocketChannel channel && atEnd(channel);
    }

    /**
     * Whether the peer has closed (or reset) the connection: readable, yet nothing to read. Polls a selector of its own,
     * which leaves Jetty's selector and the bytes on the connection untouched (about 20 µs).
     */
    static boolean atEnd(SocketChannel channel) {
        try (Selector selector = Selector.open()) {
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            boolean readable = selector.selectNow() > 0 && key.isReadable();
            key.cancel();
            return readable && channel.socket().getInputStream().available() == 0;
        } catch (ClosedChannelException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // cannot tell: predict
        }
    }
}
