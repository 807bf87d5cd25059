package com.strongroom.core.port;

import com.strongroom.core.audit.Checkpoint;
import java.util.Optional;

/** Signs checkpoints with the stamp's signing key and verifies them. */
public interface CheckpointSigner {
    String sign(Checkpoint checkpoint);

    /** The checkpoint a signed value states, if its signature is the stamp's; empty for anything else. */
    Optional<Checkpoint> verify(String signed);
}
