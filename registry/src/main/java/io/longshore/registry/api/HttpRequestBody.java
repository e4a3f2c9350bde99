package io.longshore.registry.api;

import io.longshore.registry.service.RequestBody;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * A paused request's body, streamed into a file without ever being held whole: each chunk goes to
 * an {@link AsyncFile} (whose writes run off the event loop) and through the running digest, and
 * the request is paused while the file's write queue is full.
 */
final class HttpRequestBody implements RequestBody {
    private static final int BATCH_BYTES = 1 << 20;
    private static final int WRITE_QUEUE_BYTES = 8 << 20;
    private final Vertx vertx;
    private final HttpServerRequest request;
    private boolean consumed;

    HttpRequestBody(Vertx vertx, HttpServerRequest request) {
        this.vertx = vertx;
        this.request = request;
    }

    @Override
    public boolean present() {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    boolean consumed() {
        return consumed;
    }

    @Override
    public Uni<Long> writeTo(Path file, long position, MessageDigest digest) {
        consumed = true;
        Promise<Long> result = Promise.promise();
        vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreate(false)
                .setTruncateExisting(false), opened -> {
                    if (opened.failed()) {
                        request.resume();
                        result.tryFail(opened.cause());
                        return;
                    }
                    AsyncFile out = opened.result();
                    out.setWritePos(position);
                    out.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
                    long[] written = {0};
                    Buffer[] batch = {Buffer.buffer(BATCH_BYTES)};
                    out.exceptionHandler(e -> {
                        out.close();
                        result.tryFail(e);
                    });
                    request.handler(buffer -> {
                        written[0] += buffer.length();
                        if (digest != null) {
                            digest.update(buffer.getByteBuf().nioBuffer());
                        }
                        // the socket hands over chunks of a few KiB; each file write is a hop to a
                        // worker thread, so they are batched into writes of about a MiB
                        batch[0].appendBuffer(buffer);
                        if (batch[0].length() >= BATCH_BYTES) {
                            out.write(batch[0]);
                            batch[0] = Buffer.buffer(BATCH_BYTES);
                            if (out.writeQueueFull()) {
                                request.pause();
                                out.drainHandler(ignored -> request.resume());
                            }
                        }
                    });
                    request.exceptionHandler(e -> {
                        out.close();
                        result.tryFail(e);
                    });
                    request.endHandler(ignored -> {
                        if (batch[0].length() > 0) {
                            out.write(batch[0]);
                        }
                        out.close(closed -> {
                            if (closed.succeeded()) {
                                result.tryComplete(written[0]);
                            } else {
                                result.tryFail(closed.cause());
                            }
                        });
                    });
                    request.resume();
                });
        return Uni.createFrom().completionStage(() -> result.future().toCompletionStage());
    }

    /** Reads the whole body into memory, refusing more than {@code limit} bytes (manifests). */
    Uni<byte[]> read(int limit, java.util.function.Supplier<RuntimeException> tooLarge) {
        consumed = true;
        Promise<byte[]> result = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(buffer -> {
            if (result.future().isComplete()) {
                return;
            }
            if (body.length() + buffer.length() > limit) {
                result.tryFail(tooLarge.get());
                return;
            }
            body.appendBuffer(buffer);
        });
        request.exceptionHandler(result::tryFail);
        request.endHandler(ignored -> result.tryComplete(body.getBytes()));
        request.resume();
        return Uni.createFrom().completionStage(() -> result.future().toCompletionStage());
    }

    @Override
    public void discard() {
        if (!consumed) {
            consumed = true;
            if (!request.isEnded()) {
                request.handler(buffer -> { });
                request.resume();
            }
        }
    }
}
