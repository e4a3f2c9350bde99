package io.longshore.registry.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest {@code <algorithm>:<hex>}. Only sha256 (64 hex) and sha512 (128 hex) are
 * accepted, lower case, so that a parsed digest is always safe to use as a file name.
 */
public record Digest(String algorithm, String hex) {
    public static final String SHA256 = "sha256";
    public static final String SHA512 = "sha512";
    // The spec's general grammar; what passes it but is not sha256/sha512 is "unsupported".
    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

    public Digest {
        if (!isSupported(algorithm) || hex == null || hex.length() != hexLength(algorithm)
                || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a valid digest: " + algorithm + ":" + hex);
        }
    }

    /** Parses a digest or throws DIGEST_INVALID naming what is wrong. */
    public static Digest parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "a digest is required");
        }
        if (value.length() > 200 || !GRAMMAR.matcher(value).matches()) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID,
                    "digest must look like <algorithm>:<hex>, e.g. sha256:<64 hex digits>", value);
        }
        int colon = value.indexOf(':');
        String algorithm = value.substring(0, colon);
        String hex = value.substring(colon + 1);
        if (!isSupported(algorithm)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID,
                    "unsupported digest algorithm " + algorithm + "; use sha256 or sha512", value);
        }
        if (hex.length() != hexLength(algorithm) || !HEX.matcher(hex).matches()) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "a " + algorithm + " digest has "
                    + hexLength(algorithm) + " lower-case hex digits", value);
        }
        return new Digest(algorithm, hex);
    }

    /** Whether {@code value} is a digest (as opposed to a tag) by its shape: it contains a colon. */
    public static boolean looksLikeDigest(String value) {
        return value.indexOf(':') >= 0;
    }

    public static Digest of(String algorithm, byte[] content) {
        MessageDigest md = newMessageDigest(algorithm);
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest(content)));
    }

    public static Digest sha256(byte[] content) {
        return of(SHA256, content);
    }

    public static Digest fromMessageDigest(String algorithm, MessageDigest md) {
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
    }

    public static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(SHA512.equals(algorithm) ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isSupported(String algorithm) {
        return SHA256.equals(algorithm) || SHA512.equals(algorithm);
    }

    private static int hexLength(String algorithm) {
        return SHA512.equals(algorithm) ? 128 : 64;
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
