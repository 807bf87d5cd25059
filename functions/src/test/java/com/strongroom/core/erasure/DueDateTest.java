package com.strongroom.core.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.strongroom.core.model.ErasureRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * GDPR Art. 12(3) gives one month to answer; Regulation (EEC, Euratom) No 1182/71 Art. 3(2)(c) says how a month is
 * counted: the period ends with the last hour of the day in the next month that has the same number as the day of
 * receipt, or of that month's last day where there is none. Days are UTC days.
 */
class DueDateTest {
    @ParameterizedTest(name = "received {0}, {1} month(s): due {2}")
    @CsvSource({
            "2026-01-31T10:00:00Z, 1, 2026-02-28T23:59:59Z",   // no 31 February: that month's last day
            "2028-01-31T10:00:00Z, 1, 2028-02-29T23:59:59Z",   // leap year
            "2028-02-29T08:00:00Z, 1, 2028-03-29T23:59:59Z",   // same day number next month
            "2027-02-28T08:00:00Z, 1, 2027-03-28T23:59:59Z",   // a month end is not the month's end next month
            "2026-03-31T00:00:00Z, 1, 2026-04-30T23:59:59Z",
            "2026-04-30T23:59:59Z, 1, 2026-05-30T23:59:59Z",
            "2026-12-15T12:00:00Z, 1, 2027-01-15T23:59:59Z",   // over the year end
            "2026-01-31T10:00:00Z, 3, 2026-04-30T23:59:59Z",   // two more months: counted from receipt, not chained
            "2026-01-31T10:00:00Z, 2, 2026-03-31T23:59:59Z"})  // (31 Jan -> 28 Feb -> 28 Mar would be wrong)
    void oneCalendarMonthFromReceipt(String received, int months, String due) {
        assertEquals(Instant.parse(due), ErasureRequest.dueAt(Instant.parse(received), months));
    }

    @Test
    void theDayIsTheUtcDayOfReceipt() {
        // 31 January, 23:30 in Rio is already 1 February in UTC.
        Instant received = OffsetDateTime.parse("2026-01-31T23:30:00-02:00").toInstant();
        assertEquals(Instant.parse("2026-03-01T23:59:59Z"), ErasureRequest.dueAt(received, 1));
        // 1 February, 00:30 in Berlin is still 31 January in UTC.
        Instant berlin = OffsetDateTime.parse("2026-02-01T00:30:00+01:00").toInstant();
        assertEquals(Instant.parse("2026-02-28T23:59:59Z"), ErasureRequest.dueAt(berlin, 1));
    }

    @Test
    void overdueOnlyAfterTheLastSecondOfTheDueDay() {
        ErasureRequest request = ErasureFixtureRequests.receivedAt(Instant.parse("2026-01-31T10:00:00Z"));
        assertFalse(request.overdueAt(Instant.parse("2026-02-28T23:59:59Z")));
        assertTrue(request.overdueAt(Instant.parse("2026-03-01T00:00:00Z")));
    }
}
