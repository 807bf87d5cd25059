package com.strongroom.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Functions route template such as {@code tenants/{tenantId}/assets/{assetId?}} or {@code files/{*path}}.
 * Literal segments match case-insensitively, as in the Functions host; constraints after ':' are ignored.
 */
final class RouteTemplate {
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\*?)([A-Za-z0-9_]+)(?::[^}?]*)?(\\??)}");

    private final Pattern pattern;
    private final List<String> names = new ArrayList<>();

    RouteTemplate(String template) {
        StringBuilder regex = new StringBuilder("(?i)^");
        String[] segments = template.replaceAll("^/+|/+$", "").split("/");
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            Matcher m = PARAMETER.matcher(segment);
            if (m.matches()) {
                names.add(m.group(2));
                boolean catchAll = !m.group(1).isEmpty();
                boolean optional = !m.group(3).isEmpty();
                String group = "(?<" + m.group(2) + ">" + (catchAll ? ".*" : "[^/]+") + ")";
                regex.append(optional || catchAll ? "(?:" + (i > 0 ? "/" : "") + group + ")?" : (i > 0 ? "/" : "") + group);
            } else {
                regex.append(i > 0 ? "/" : "").append(Pattern.quote(segment));
            }
        }
        this.pattern = Pattern.compile(regex.append("/?$").toString());
    }

    /** The route values if {@code path} (without the route prefix) matches. */
    Optional<Map<String, String>> match(String path) {
        Matcher m = pattern.matcher(path.replaceAll("^/+", ""));
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            String value = m.group(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return Optional.of(values);
    }
}
