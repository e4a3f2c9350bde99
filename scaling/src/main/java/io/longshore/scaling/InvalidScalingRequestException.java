package io.longshore.scaling;

/** A scaling request breaks one of Application Auto Scaling's rules; the message names the member and the rule. */
public final class InvalidScalingRequestException extends RuntimeException {
    private final String member;

    public InvalidScalingRequestException(String member, String rule) {
        super(member + ": " + rule);
        this.member = member;
    }

    public String member() {
        return member;
    }
}
