package com.strongroom.core.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.port.SendBudget;
import com.strongroom.testing.InMemorySendBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockSendBudgetTest {
    private static final Instant MINUTE = Instant.parse("2026-11-30T12:00:00Z");

    /** The shared budget, counting how often it is drawn from. */
    private static final class CountedBudget implements SendBudget {
        final InMemorySendBudget budget;
        int draws;

        CountedBudget(int perMinute) {
            budget = new InMemorySendBudget(perMinute);
        }

        @Override
        public Grant reserve(Instant now, int wanted) {
            draws++;
            return budget.reserve(now, wanted);
        }
    }

    @Test
    void drawsFromTheSharedBudgetOncePerBlock() {
        CountedBudget shared = new CountedBudget(600);
        BlockSendBudget instance = BlockSendBudget.over(shared, 600);

        int granted = 0;
        for (int i = 0; i < 60; i++) {
            granted += instance.reserve(MINUTE.plusMillis(i * 100L), 2).sends();
        }

        assertEquals(120, granted);
        assertEquals(4, shared.draws);
    }

    @Test
    void instancesTogetherNeverExceedTheMinutesBudgetAndUseAllOfItWhenAskedForMore() {
        CountedBudget shared = new CountedBudget(30);
        List<BlockSendBudget> instances = List.of(new BlockSendBudget(shared, 4), new BlockSendBudget(shared, 4),
                new BlockSendBudget(shared, 7));
        Random random = new Random(7);
        int[] grantedPerMinute = new int[3];
        for (int i = 0; i < 3_000; i++) {
            Instant now = MINUTE.plusMillis(random.nextInt(180_000));
            int minute = (int) Duration.between(MINUTE, now).toMinutes();
            SendBudget.Grant grant = instances.get(random.nextInt(3)).reserve(now, 1 + random.nextInt(3));
            grantedPerMinute[minute] += grant.sends();
            assertTrue(grantedPerMinute[minute] <= 30, "minute " + minute + ": " + grantedPerMinute[minute]);
        }
        // Ascending times would use every send; random times may leave a block in hand when its minute ends.
        for (int granted : grantedPerMinute) {
            assertTrue(granted >= 30 - 3 * 6, "granted " + granted);
        }
    }

    @Test
    void sendsInHandAreGivenUpWhenTheMinuteEnds() {
        CountedBudget shared = new CountedBudget(100);
        BlockSendBudget instance = new BlockSendBudget(shared, 10);

        assertEquals(1, instance.reserve(MINUTE.plusSeconds(59), 1).sends());
        SendBudget.Grant next = instance.reserve(MINUTE.plusSeconds(60), 1);

        assertEquals(1, next.sends());
        assertEquals(2, shared.draws);
        // The new minute's draw is a whole block: 9 of the old minute's sends were not carried over.
        assertEquals(90, shared.budget.reserve(MINUTE.plusSeconds(61), 1_000).sends());
    }

    @Test
    void aSpentBudgetGrantsNothingUntilTheNextMinute() {
        BlockSendBudget instance = new BlockSendBudget(new InMemorySendBudget(3), 2);
        List<Integer> grants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            grants.add(instance.reserve(MINUTE.plusSeconds(10), 1).sends());
        }

        SendBudget.Grant spent = instance.reserve(MINUTE.plusSeconds(20), 1);

        assertEquals(List.of(1, 1, 1, 0), grants);
        assertEquals(0, spent.sends());
        assertEquals(Duration.ofSeconds(40), spent.retryAfter());
        assertEquals(1, instance.reserve(MINUTE.plusSeconds(60), 1).sends());
    }

    @Test
    void aWantedCountLargerThanTheBlockIsDrawnWhole() {
        CountedBudget shared = new CountedBudget(100);
        BlockSendBudget instance = new BlockSendBudget(shared, 2);

        assertEquals(12, instance.reserve(MINUTE, 12).sends());
        assertEquals(1, shared.draws);
    }

    @Test
    void refusesAnEmptyBlock() {
        assertThrows(IllegalArgumentException.class, () -> new BlockSendBudget(new InMemorySendBudget(1), 0));
    }
}
