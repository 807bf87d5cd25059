package com.strongroom.core.audit;

import java.util.HexFormat;

/** A position in an audit chain: the sequence of its last event and that event's hash (hex). */
public record ChainLink(long sequence, String hash) {
    /** Before the first event: sequence 0 and 32 zero bytes. */
    public static final ChainLink GENESIS = new ChainLink(0, HexFormat.of().formatHex(new byte[32]));
}
