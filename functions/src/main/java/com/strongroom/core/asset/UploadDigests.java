package com.strongroom.core.asset;

import com.strongroom.core.crypto.ContentFormat;
import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running SHA-256 of each resumable upload's plaintext, taken on this instance while its parts are staged, so
 * that completion need not read the whole content back to check it.
 * <p>
 * It can only shorten that check, never replace it: a part is hashed only right after its predecessor (a part that
 * arrives early waits, boundedly, for predecessors still being staged here, and is otherwise left out), and
 * completion trusts the digest only as far as each part it covers was hashed from exactly the blocks the upload's
 * record now lists (compared through a digest of the block ids, so memory stays small whatever the part count).
 * Block ids are unique per staging, so a part staged again, or on another instance, breaks the match from there
 * on, and completion reads back and hashes the rest. Nothing here survives a restart, and nothing
 * needs to.
 */
public final class UploadDigests {
    /** Open uploads tracked at once; the least recently used is forgotten first (it is then read back). */
    static final int MAX_UPLOADS = 1_000;

    private record Key(TenantId tenant, AssetId upload) {
    }

    /** How far an upload's running digest reaches: the state after its first {@code parts} parts. */
    record Progress(int parts, MessageDigest digest) {
    }

    private final Duration maxWait;
    private final Map<Key, Chain> chains = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Chain> eldest) {
            return size() > MAX_UPLOADS;
        }
    };

    /** @param maxWait the longest a part waits for a predecessor that is being staged on this instance */
    public UploadDigests(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Marks part {@code number} as being staged here; close the arrival when the request ends, however it ends. */
    Arrival arrive(TenantId tenant, AssetId upload, int number) {
        Chain chain;
        synchronized (chains) {
            chain = chains.computeIfAbsent(new Key(tenant, upload), k -> new Chain());
        }
        chain.enter(number);
        return new Arrival(chain, number);
    }

    /**
     * The digest over the longest run of parts, from the first, that were hashed here from exactly the blocks
     * {@code recorded} lists (the upload's parts in order); a fresh digest over none when nothing matches.
     */
    Progress progress(TenantId tenant, AssetId upload, List<UploadPart> recorded) {
        Chain chain;
        synchronized (chains) {
            chain = chains.get(new Key(tenant, upload));
        }
        return chain == null ? new Progress(0, ContentFormat.sha256()) : chain.progress(recorded);
    }

    void forget(TenantId tenant, AssetId upload) {
        synchronized (chains) {
            chains.remove(new Key(tenant, upload));
        }
    }

    /** One part being staged. */
    final class Arrival implements AutoCloseable {
        private final Chain chain;
        private final int number;

        private Arrival(Chain chain, int number) {
            this.chain = chain;
            this.number = number;
        }

        /** Adds the part's plaintext, staged as {@code blockIds}, if every part before it has been hashed here. */
        void hash(List<String> blockIds, byte[] plaintext) {
            chain.hash(number, blockIds, plaintext, maxWait);
        }

        @Override
        public void close() {
            chain.leave(number);
        }
    }

    /**
     * One upload's running digest. Memory stays small whatever the number of parts: only the last {@link #WINDOW}
     * steps are kept, each with the content digest after that part and a digest of the block ids so far (what
     * completion compares with the records).
     */
    private static final class Chain {
        static final int WINDOW = 8;

        private record Step(int part, MessageDigest content, MessageDigest blocks) {
        }

        private final Deque<Step> recent = new ArrayDeque<>();
        private final Map<Integer, Integer> inFlight = new HashMap<>();
        private int hashed;
        /** A part hashed before the window was staged again: what came after it can no longer be rebuilt. */
        private boolean broken;

        synchronized void enter(int number) {
            inFlight.merge(number, 1, Integer::sum);
        }

        synchronized void leave(int number) {
            inFlight.computeIfPresent(number, (n, count) -> count == 1 ? null : count - 1);
            notifyAll();
        }

        void hash(int number, List<String> blockIds, byte[] plaintext, Duration maxWait) {
            Step base;
            synchronized (this) {
                if (broken || !awaitPredecessors(number, maxWait)) {
                    return;
                }
                base = number == 1 ? null : step(number - 1);
                if (number > 1 && base == null) {
                    broken = true;
                    return;
                }
            }
            MessageDigest content = base == null ? ContentFormat.sha256() : copy(base.content());
            content.update(plaintext);
            MessageDigest blocks = base == null ? ContentFormat.sha256() : copy(base.blocks());
            updateBlocks(blocks, blockIds);
            synchronized (this) {
                // A predecessor staged again meanwhile: this part was hashed on top of what it replaced.
                if (broken || (base != null && step(number - 1) != base)) {
                    return;
                }
                // A part staged again replaces itself; what came after it was hashed on top of the old one.
                while (!recent.isEmpty() && recent.peekLast().part() >= number) {
                    recent.removeLast();
                }
                recent.addLast(new Step(number, content, blocks));
                if (recent.size() > WINDOW) {
                    recent.removeFirst();
                }
                hashed = number;
                notifyAll();
            }
        }

        private Step step(int part) {
            for (Step step : recent) {
                if (step.part() == part) {
                    return step;
                }
            }
            return null;
        }

        /** Waits while every missing predecessor is being staged here; true when all of them have been hashed. */
        private boolean awaitPredecessors(int number, Duration maxWait) {
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (!broken && hashed < number - 1 && missingAreInFlight(number)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !broken && hashed >= number - 1;
        }

        private boolean missingAreInFlight(int number) {
            for (int n = hashed + 1; n < number; n++) {
                if (!inFlight.containsKey(n)) {
                    return false;
                }
            }
            return true;
        }

        /** The latest kept step whose block ids so far are exactly the recorded ones. */
        synchronized Progress progress(List<UploadPart> recorded) {
            Progress trusted = new Progress(0, ContentFormat.sha256());
            if (broken) {
                return trusted;
            }
            MessageDigest blocks = ContentFormat.sha256();
            for (int part = 1; part <= Math.min(hashed, recorded.size()); part++) {
                updateBlocks(blocks, recorded.get(part - 1).blockIds());
                Step step = step(part);
                if (step != null && MessageDigest.isEqual(copy(blocks).digest(), copy(step.blocks()).digest())) {
                    trusted = new Progress(part, copy(step.content()));
                }
            }
            return trusted;
        }

        private static void updateBlocks(MessageDigest digest, List<String> blockIds) {
            digest.update((String.join(",", blockIds) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 implementation cannot be copied", e);
        }
    }
}
