package io.longshore.common.messaging;

/** Message keys are {@code <cluster>/<id>}: the cluster decides the partition, the id the entity. */
public final class MessageKeys {
    private MessageKeys() {
    }

    public static String of(String cluster, String id) {
        return cluster + "/" + id;
    }

    public static String cluster(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }
}
