package io.longshore.registry.storage;

import io.longshore.registry.config.RegistryConfig;
import io.longshore.registry.oci.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The registry's files: content-addressed blobs under {@code blobs/<algorithm>/<2 hex>/<hex>} and
 * uploads in progress under {@code uploads/<uuid>}. Only a parsed {@link Digest} (validated hex)
 * or a server-generated {@link UUID} ever becomes part of a path. Every method blocks: call them on
 * a worker thread.
 */
@ApplicationScoped
public class BlobStorage {
    private final Path root;
    private final Path blobs;
    private final Path uploads;

    @jakarta.inject.Inject
    public BlobStorage(RegistryConfig config) {
        this(Path.of(config.storageRoot()));
    }

    public BlobStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.blobs = this.root.resolve("blobs");
        this.uploads = this.root.resolve("uploads");
    }

    public Path root() {
        return root;
    }

    public Path blobPath(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    public Path uploadPath(UUID id) {
        return uploads.resolve(id.toString());
    }

    /** An empty upload file. */
    public void createUpload(UUID id) {
        try {
            Files.createDirectories(uploads);
            Files.createFile(uploadPath(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean uploadExists(UUID id) {
        return Files.isRegularFile(uploadPath(id));
    }

    /**
     * Cuts an upload back to the bytes its record says were received: a chunk that broke off
     * half-way left more on disk than was acknowledged.
     */
    public void truncateUpload(UUID id, long size) {
        try (FileChannel channel = FileChannel.open(uploadPath(id), StandardOpenOption.WRITE)) {
            if (channel.size() > size) {
                channel.truncate(size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The digest of an upload's content, read from disk. */
    public Digest digestUpload(UUID id, String algorithm) {
        MessageDigest md = Digest.newMessageDigest(algorithm);
        try (FileChannel channel = FileChannel.open(uploadPath(id), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                md.update(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Digest.fromMessageDigest(algorithm, md);
    }

    /**
     * Makes an upload the blob's content with one atomic rename. Safe to repeat and to race: the
     * content of a digest is always the same bytes, so replacing one copy with another changes
     * nothing for readers.
     */
    public void commitUpload(UUID id, Digest digest) {
        Path target = blobPath(digest);
        try {
            Files.createDirectories(target.getParent());
            Files.move(uploadPath(id), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean blobExists(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    public void deleteUpload(UUID id) {
        deleteIfExists(uploadPath(id));
    }

    public void deleteBlob(Digest digest) {
        deleteIfExists(blobPath(digest));
    }

    /** Upload files not modified since {@code cutoff} (abandoned, or never recorded). */
    public List<UUID> uploadsOlderThan(Instant cutoff) {
        List<UUID> old = new ArrayList<>();
        if (!Files.isDirectory(uploads)) {
            return old;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(uploads)) {
            for (Path file : files) {
                UUID id;
                try {
                    id = UUID.fromString(file.getFileName().toString());
                } catch (IllegalArgumentException e) {
                    continue; // not ours
                }
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        old.add(id);
                    }
                } catch (NoSuchFileException e) {
                    // deleted meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return old;
    }

    /** Whether the storage root can be written (readiness). */
    public boolean writable() {
        try {
            Files.createDirectories(uploads);
            return Files.isWritable(uploads);
        } catch (IOException e) {
            return false;
        }
    }

    public InputStream openBlob(Digest digest) throws IOException {
        return Files.newInputStream(blobPath(digest));
    }

    private static void deleteIfExists(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
