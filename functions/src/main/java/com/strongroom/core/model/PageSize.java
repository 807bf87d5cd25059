package com.strongroom.core.model;

import com.strongroom.core.error.InvalidInputException;

/** The bound a paged listing puts on the page size it is asked for. */
public final class PageSize {
    private PageSize() {
    }

    /** {@code pageSize} itself when it is 1 to {@code max}; otherwise a 400 naming the bound. */
    public static int checked(int pageSize, int max) {
        if (pageSize < 1 || pageSize > max) {
            throw new InvalidInputException("pageSize", "must be 1 to " + max);
        }
        return pageSize;
    }
}
