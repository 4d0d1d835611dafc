package dev.tessera.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a balancer template of deploy/ (haproxy.cfg, nginx.conf) for N nodes: each line naming
 * {@code ${TESSERA_NODE1}} is repeated once per node (node1 becoming nodeK), lines naming the template's other
 * nodes are dropped, then every {@code ${NAME}} outside comments is replaced from the given values.
 */
public final class BalancerConfig {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final Pattern OTHER_NODE = Pattern.compile("\\$\\{TESSERA_NODE([2-9]|\\d\\d+)}");

    private BalancerConfig() {}

    /** The config for {@code nodes} (host:port each), with {@code values} for the other placeholders. */
    public static String fill(String template, List<String> nodes, Map<String, String> values) {
        if (nodes.isEmpty()) throw new IllegalArgumentException("a balancer needs at least one node");
        List<String> out = new ArrayList<>();
        for (String line : template.split("\n", -1)) {
            if (line.stripLeading().startsWith("#")) {
                out.add(line);
            } else if (line.contains("${TESSERA_NODE1}")) {
                for (int k = 1; k <= nodes.size(); k++) {
                    out.add(substitute(line.replace("node1", "node" + k).replace("${TESSERA_NODE1}", nodes.get(k - 1)),
                            values));
                }
            } else if (!OTHER_NODE.matcher(line).find()) {
                out.add(substitute(line, values));
            }
        }
        return String.join("\n", out);
    }

    private static String substitute(String line, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) throw new IllegalArgumentException("no value for ${" + m.group(1) + "} in: " + line);
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        return m.appendTail(b).toString();
    }
}
