package io.longshore.registry.api;

import io.netty.buffer.Unpooled;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Sends a byte range of a blob file as a steady stream of 32 KiB writes, each read from the file
 * into a reused direct buffer, with up to 16 writes in flight: what Go's net/http does for the CNCF
 * registry. {@code sendfile} hands the kernel a MiB at a time and refills the socket only once much
 * of it has drained; that burstier flow woke skopeo twice as often and cost it more CPU, and pulls
 * were 4–11 % slower than from distribution (docs/benchmarks.md). Reads run on the event loop, as
 * {@code sendfile}'s do: blobs are usually in the page cache, having just been pushed or pulled.
 */
final class BlobSender {
    private static final int CHUNK_BYTES = 32 << 10;
    private static final int IN_FLIGHT = 16;
    // Buffers of finished writes, shared by all sends: 16 MiB of direct memory at most.
    private static final BlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(512);

    private final HttpServerResponse response;
    private final FileChannel file;
    private final long end;
    private final Promise<Void> done = Promise.promise();
    private long position;
    private int inFlight;
    private boolean finished;

    private BlobSender(HttpServerResponse response, FileChannel file, long offset, long length) {
        this.response = response;
        this.file = file;
        this.position = offset;
        this.end = offset + length;
    }

    /** Sends {@code length} bytes of {@code path} from {@code offset} as the response's body, and ends it. */
    static Future<Void> send(HttpServerResponse response, Path path, long offset, long length) {
        FileChannel file;
        try {
            file = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        response.putHeader("Content-Length", Long.toString(length));
        BlobSender sender = new BlobSender(response, file, offset, length);
        sender.pump();
        return sender.done.future();
    }

    private void pump() {
        try {
            while (!finished && position < end && inFlight < IN_FLIGHT) {
                sendNextChunk(take());
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        if (!finished && position == end && inFlight == 0) {
            finished = true;
            closeIfIdle();
            response.end().onComplete(done);
        }
    }

    private void sendNextChunk(ByteBuffer buffer) throws IOException {
        inFlight++;
        try {
            buffer.clear().limit((int) Math.min(CHUNK_BYTES, end - position));
            readFully(buffer);
            buffer.flip();
            response.write(Buffer.buffer(Unpooled.wrappedBuffer(buffer)), written -> onWritten(buffer, written));
        } catch (IOException | RuntimeException e) {
            inFlight--; // no write handler will run for it
            POOL.offer(buffer);
            throw e;
        }
    }

    // A buffer is reused only once Netty has handed its bytes to the socket.
    private void onWritten(ByteBuffer buffer, AsyncResult<Void> written) {
        inFlight--;
        POOL.offer(buffer); // dropped for the GC when the pool is full
        if (written.failed()) {
            fail(written.cause());
        } else if (!finished) {
            pump();
        }
        closeIfIdle();
    }

    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            int read = file.read(buffer, position);
            if (read < 0) {
                throw new IOException("blob file ends at " + position + ", before the " + end + " bytes it should hold");
            }
            position += read;
        }
    }

    private void fail(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        response.reset(); // the length was promised: a short body must not look complete
        done.tryFail(failure);
        closeIfIdle();
    }

    // Closing twice is harmless: a channel's close is idempotent.
    private void closeIfIdle() {
        if (finished && inFlight == 0) {
            try {
                file.close();
            } catch (IOException e) {
                // read-only: nothing is lost
            }
        }
    }

    private static ByteBuffer take() {
        ByteBuffer buffer = POOL.poll();
        return buffer != null ? buffer : ByteBuffer.allocateDirect(CHUNK_BYTES);
    }
}
