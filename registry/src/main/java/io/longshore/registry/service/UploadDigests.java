package io.longshore.registry.service;

import io.longshore.registry.oci.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running sha256 of each upload, kept between its chunks so that finishing an upload needs no
 * second read of the file. Only a cache: an upload whose state is missing or behind (a restart, a
 * chunk that broke off) is digested from disk instead. Also the per-upload writer lock: one chunk
 * at a time.
 */
@ApplicationScoped
public class UploadDigests {
    private record State(MessageDigest digest, long size) {
    }

    private final Map<UUID, State> states = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> writing = new ConcurrentHashMap<>();

    /** Claims the upload for one writer; false when another request is writing it. */
    public boolean lock(UUID id) {
        return writing.putIfAbsent(id, Boolean.TRUE) == null;
    }

    public void unlock(UUID id) {
        writing.remove(id);
    }

    public boolean isLocked(UUID id) {
        return writing.containsKey(id);
    }

    /** The running sha256 of an upload that has {@code size} bytes, or null when unknown. Removes it. */
    public MessageDigest take(UUID id, long size) {
        State state = states.remove(id);
        if (state != null && state.size() == size) {
            return state.digest();
        }
        return size == 0 ? Digest.newMessageDigest(Digest.SHA256) : null;
    }

    public void put(UUID id, MessageDigest digest, long size) {
        if (digest != null) {
            states.put(id, new State(digest, size));
        }
    }

    public void forget(UUID id) {
        states.remove(id);
    }
}
