package dev.tessera.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the embedded defaults (tessera-defaults.yaml) into the tree a YAML parser makes of them, without one:
 * Jackson's YAML mapper cost every start ~200 ms (its classes, SnakeYAML's, and the JIT they set off). Knows the
 * subset that file is written in: block mappings by indentation, flow mappings and lists (a flow value may span
 * lines), {@code #} comments, double-quoted strings, plain scalars (null, true, false, whole and decimal numbers,
 * else text). Anything else is refused; a test holds its tree equal to Jackson's for the file.
 */
final class DefaultsReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Line(int indent, String text) {}

    private final List<Line> lines = new ArrayList<>();
    private int next;
    private String flow;
    private int at;

    private DefaultsReader(String yaml) {
        for (String raw : yaml.split("\n")) {
            String text = withoutComment(raw).stripTrailing();
            if (!text.isBlank()) lines.add(new Line(text.length() - text.stripLeading().length(), text.strip()));
        }
    }

    static ObjectNode read(String yaml) {
        DefaultsReader reader = new DefaultsReader(yaml);
        ObjectNode root = reader.block(0);
        if (reader.next < reader.lines.size()) throw reader.refused("indentation");
        return root;
    }

    /** The mapping whose keys stand at {@code indent}. */
    private ObjectNode block(int indent) {
        ObjectNode map = NODES.objectNode();
        while (next < lines.size() && lines.get(next).indent() == indent) {
            String text = lines.get(next++).text();
            int colon = text.indexOf(':');
            if (colon <= 0 || (colon + 1 < text.length() && text.charAt(colon + 1) != ' ')) throw refused(text);
            String key = text.substring(0, colon);
            String rest = text.substring(colon + 1).strip();
            if (!rest.isEmpty()) {
                map.set(key, rest.startsWith("{") || rest.startsWith("[") ? flowValue(rest) : scalar(rest));
            } else if (next < lines.size() && lines.get(next).indent() > indent) {
                map.set(key, block(lines.get(next).indent()));
            } else {
                map.set(key, NODES.nullNode());
            }
        }
        return map;
    }

    /** A flow value starting with {@code first}, continued on the next lines until its brackets close. */
    private JsonNode flowValue(String first) {
        StringBuilder text = new StringBuilder(first);
        while (!balanced(text) && next < lines.size()) text.append(' ').append(lines.get(next++).text());
        flow = text.toString();
        at = 0;
        JsonNode value = flowNode();
        skipSpaces();
        if (at != flow.length()) throw refused(flow);
        return value;
    }

    private JsonNode flowNode() {
        skipSpaces();
        char c = flow.charAt(at);
        if (c == '{') {
            ObjectNode map = NODES.objectNode();
            for (at++; !closes('}'); ) {
                String key = plain(":");
                at++;
                map.set(key, flowNode());
            }
            return map;
        }
        if (c == '[') {
            ArrayNode list = NODES.arrayNode();
            for (at++; !closes(']'); ) list.add(flowNode());
            return list;
        }
        return c == '"' ? NODES.textNode(quoted()) : scalar(plain(",}]"));
    }

    /** Past a separating comma; true (and past it) at the closing bracket. */
    private boolean closes(char bracket) {
        skipSpaces();
        if (at < flow.length() && flow.charAt(at) == ',') {
            at++;
            skipSpaces();
        }
        if (at >= flow.length()) throw refused(flow);
        if (flow.charAt(at) != bracket) return false;
        at++;
        return true;
    }

    /** Plain text up to one of {@code ends}, stripped. */
    private String plain(String ends) {
        int start = at;
        while (at < flow.length() && ends.indexOf(flow.charAt(at)) < 0) at++;
        if (at >= flow.length()) throw refused(flow);
        return flow.substring(start, at).strip();
    }

    private String quoted() {
        int end = flow.indexOf('"', at + 1);
        if (end < 0) throw refused(flow);
        String text = flow.substring(at + 1, end);
        at = end + 1;
        if (text.indexOf('\\') >= 0) throw refused(text);
        return text;
    }

    private void skipSpaces() {
        while (at < flow.length() && flow.charAt(at) == ' ') at++;
    }

    private JsonNode scalar(String text) {
        if (text.startsWith("\"")) {
            if (text.length() < 2 || !text.endsWith("\"") || text.indexOf('"', 1) != text.length() - 1
                    || text.indexOf('\\') >= 0) throw refused(text);
            return NODES.textNode(text.substring(1, text.length() - 1));
        }
        if (text.equals("null")) return NODES.nullNode();
        if (text.equals("true") || text.equals("false")) return NODES.booleanNode(text.equals("true"));
        if (text.matches("-?(0|[1-9][0-9]*)")) {
            long value = Long.parseLong(text);
            return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
        }
        if (text.matches("-?(0|[1-9][0-9]*)\\.[0-9]+")) return NODES.numberNode(Double.parseDouble(text));
        if (!text.matches("[A-Za-z0-9./][A-Za-z0-9./_-]*")) throw refused(text);
        return NODES.textNode(text);
    }

    private static boolean balanced(CharSequence text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '{' || c == '[')) depth++;
            else if (!quoted && (c == '}' || c == ']')) depth--;
        }
        return depth == 0;
    }

    /** The line without a {@code #} comment (one at its start or after a space, outside quotes). */
    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == '#' && !quoted && (i == 0 || line.charAt(i - 1) == ' ')) return line.substring(0, i);
        }
        return line;
    }

    private IllegalStateException refused(String text) {
        return new IllegalStateException("tessera-defaults.yaml: not in the subset DefaultsReader reads: " + text);
    }
}
