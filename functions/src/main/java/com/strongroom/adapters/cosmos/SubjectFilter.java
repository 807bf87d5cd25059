package com.strongroom.adapters.cosmos;

import com.azure.cosmos.models.SqlParameter;
import java.util.ArrayList;
import java.util.List;

/** The query condition "the document's {@code subjects} holds any of these blind-index values", with its parameters. */
final class SubjectFilter {
    private SubjectFilter() {
    }

    /** Adds one parameter per value to {@code parameters} and returns the condition, in parentheses. */
    static String anyOf(List<String> subjectIndex, List<SqlParameter> parameters) {
        List<String> tests = new ArrayList<>();
        for (int i = 0; i < subjectIndex.size(); i++) {
            tests.add("ARRAY_CONTAINS(c.subjects, @subject" + i + ")");
            parameters.add(new SqlParameter("@subject" + i, subjectIndex.get(i)));
        }
        return "(" + String.join(" OR ", tests) + ")";
    }
}
