package com.strongroom.core.asset;

import com.strongroom.core.model.AssetId;
import com.strongroom.core.model.TenantId;
import com.strongroom.core.model.UploadPart;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
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
 * record now lists. Block ids are unique per staging, so a part staged again, or on another instance, breaks the
 * match from there on, and completion reads back and hashes the rest. Nothing here survives a restart, and nothing
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
        return chain == null ? new Progress(0, newDigest()) : chain.progress(recorded);
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

    private static final class Chain {
        /** {@code after.get(k)}: the digest state after part k + 1; {@code blocks.get(k)}: what part k + 1 was. */
        private final List<MessageDigest> after = new ArrayList<>();
        private final List<List<String>> blocks = new ArrayList<>();
        private final Map<Integer, Integer> inFlight = new HashMap<>();

        synchronized void enter(int number) {
            inFlight.merge(number, 1, Integer::sum);
        }

        synchronized void leave(int number) {
            inFlight.computeIfPresent(number, (n, count) -> count == 1 ? null : count - 1);
            notifyAll();
        }

        void hash(int number, List<String> blockIds, byte[] plaintext, Duration maxWait) {
            MessageDigest base;
            synchronized (this) {
                if (!awaitPredecessors(number, maxWait)) {
                    return;
                }
                base = number == 1 ? null : after.get(number - 2);
            }
            MessageDigest digest = base == null ? newDigest() : copy(base);
            digest.update(plaintext);
            synchronized (this) {
                // A predecessor staged again meanwhile: this part was hashed on top of what it replaced.
                if (base != null && (after.size() < number - 1 || after.get(number - 2) != base)) {
                    return;
                }
                // A part staged again replaces itself; what came after it was hashed on top of the old one.
                truncate(number - 1);
                after.add(digest);
                blocks.add(List.copyOf(blockIds));
                notifyAll();
            }
        }

        /** Waits while every missing predecessor is being staged here; true when all of them have been hashed. */
        private boolean awaitPredecessors(int number, Duration maxWait) {
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (after.size() < number - 1 && missingAreInFlight(number)) {
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
            return after.size() >= number - 1;
        }

        private boolean missingAreInFlight(int number) {
            for (int n = after.size() + 1; n < number; n++) {
                if (!inFlight.containsKey(n)) {
                    return false;
                }
            }
            return true;
        }

        private void truncate(int parts) {
            while (after.size() > parts) {
                after.remove(after.size() - 1);
                blocks.remove(blocks.size() - 1);
            }
        }

        synchronized Progress progress(List<UploadPart> recorded) {
            int matched = 0;
            while (matched < Math.min(recorded.size(), blocks.size())
                    && blocks.get(matched).equals(recorded.get(matched).blockIds())) {
                matched++;
            }
            return new Progress(matched, matched == 0 ? newDigest() : copy(after.get(matched - 1)));
        }
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 implementation cannot be copied", e);
        }
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
