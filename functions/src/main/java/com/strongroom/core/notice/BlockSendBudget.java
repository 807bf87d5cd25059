package com.strongroom.core.notice;

import com.strongroom.core.port.SendBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An instance's share of the stamp's send budget, drawn from the shared budget a block at a time.
 * <p>
 * The shared budget is one document that every worker of every instance would otherwise read and replace once per
 * notice: a single point of contention that capped the notifier at the rate one document can be replaced. This
 * instance draws at least {@code block} sends at once and hands them out locally until the minute ends; what it has
 * not used by then is given up, never carried over, so the stamp never sends more per minute than the budget
 * allows. An instance that stops with sends in hand leaves them unused for the rest of that minute.
 */
public final class BlockSendBudget implements SendBudget {
    private final SendBudget shared;
    private final int block;
    private Instant minute = Instant.MIN;
    private int inHand;

    public BlockSendBudget(SendBudget shared, int block) {
        if (block < 1) {
            throw new IllegalArgumentException("block must be positive");
        }
        this.shared = shared;
        this.block = block;
    }

    /** A twentieth of the minute's budget per draw: the shared document is written at most about 20 times a minute. */
    public static BlockSendBudget over(SendBudget shared, int perMinute) {
        return new BlockSendBudget(shared, Math.max(1, perMinute / 20));
    }

    @Override
    public synchronized Grant reserve(Instant now, int wanted) {
        Instant current = now.truncatedTo(ChronoUnit.MINUTES);
        if (!current.equals(minute)) {
            minute = current;
            inHand = 0;
        }
        if (inHand < wanted) {
            Grant drawn = shared.reserve(now, Math.max(block, wanted - inHand));
            inHand += drawn.sends();
            if (inHand == 0) {
                return drawn;
            }
        }
        int granted = Math.min(wanted, inHand);
        inHand -= granted;
        return new Grant(granted, Duration.between(now, current.plus(Duration.ofMinutes(1))));
    }
}
