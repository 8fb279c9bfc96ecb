package dev.coro.tests;

import java.util.ArrayList;
import java.util.List;

/** A small line diff for readable test failures. */
final class Diff {
    private Diff() {
    }

    /**
     * Renders expected vs actual as a unified-style listing: {@code "  "} common lines,
     * {@code "- "} lines only expected, {@code "+ "} lines only actual. Tabs, carriage
     * returns and trailing spaces are made visible, and a missing final newline is noted.
     */
    static String render(String expected, String actual) {
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("    (- expected, + actual)\n");
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                sb.append("      ").append(visible(a.get(i))).append('\n');
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                sb.append("    + ").append(visible(b.get(j))).append('\n');
                j++;
            } else {
                sb.append("    - ").append(visible(a.get(i))).append('\n');
                i++;
            }
        }
        if (!expected.isEmpty() && !expected.endsWith("\n")) {
            sb.append("    (expected has no newline at end)\n");
        }
        if (!actual.isEmpty() && !actual.endsWith("\n")) {
            sb.append("    (actual has no newline at end)\n");
        }
        if (actual.isEmpty()) {
            sb.append("    (actual is empty)\n");
        }
        return sb.toString();
    }

    private static List<String> lines(String s) {
        List<String> result = new ArrayList<>();
        if (s.isEmpty()) {
            return result;
        }
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            if (nl < 0) {
                result.add(s.substring(start));
                break;
            }
            result.add(s.substring(start, nl));
            start = nl + 1;
        }
        return result;
    }

    private static String visible(String line) {
        StringBuilder sb = new StringBuilder();
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (c == '\t') {
                sb.append("\u2192");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (c == ' ' && k >= end) {
                sb.append('\u00b7');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"") + "\"";
    }

    static String indent(String s) {
        if (s.isEmpty()) {
            return "    (empty)\n";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines(s)) {
            sb.append("    | ").append(visible(line)).append('\n');
        }
        return sb.toString();
    }
}
