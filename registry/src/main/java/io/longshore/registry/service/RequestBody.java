package io.longshore.registry.service;

import io.smallrye.mutiny.Uni;
import java.nio.file.Path;
import java.security.MessageDigest;

/** A request's body, streamed once into a file. Implemented by the HTTP layer. */
public interface RequestBody {

    /** Whether the request has a body (a Content-Length above zero or a chunked one). */
    boolean present();

    /**
     * Appends the body to {@code file} at {@code position}, updating {@code digest} (if not null) with
     * every byte; the number of bytes written.
     */
    Uni<Long> writeTo(Path file, long position, MessageDigest digest);

    /** Drops the body unread (the request was refused). */
    void discard();

    RequestBody NONE = new RequestBody() {
        @Override
        public boolean present() {
            return false;
        }

        @Override
        public Uni<Long> writeTo(Path file, long position, MessageDigest digest) {
            return Uni.createFrom().item(0L);
        }

        @Override
        public void discard() {
        }
    };
}
