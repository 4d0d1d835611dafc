package dev.tessera.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The fetcher's only resolver, so it runs for every connection, every redirect hop included: the host is checked
 * by {@link AddressRules#checkHost}, then resolved once (an address literal in any notation, or {@code localhost},
 * without asking DNS), then every address is checked by {@link AddressRules#checkAddress}. The socket connects only
 * to those checked addresses (no second lookup, so DNS rebinding cannot swap them); one refused address refuses
 * the host. A refusal fails the request with a {@link ForbiddenSourceException} before any byte is sent.
 */
public final class CheckedResolver implements SocketAddressResolver {
    private final AddressRules rules;
    private final Executor executor;

    public CheckedResolver(AddressRules rules, Executor executor) {
        this.rules = rules;
        this.executor = executor;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        executor.execute(() -> {
            try {
                promise.succeeded(resolve(host, port));
            } catch (UnknownHostException | RuntimeException e) {
                promise.failed(e);
            }
        });
    }

    /** The checked addresses of {@code host}, or a {@link ForbiddenSourceException}. */
    List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        rules.checkHost(host);
        List<InetSocketAddress> checked = new ArrayList<>();
        for (InetAddress address : lookup(HostName.normalize(host))) {
            rules.checkAddress(host, address);
            checked.add(new InetSocketAddress(address, port));
        }
        return checked;
    }

    private static List<InetAddress> lookup(String normalized) throws UnknownHostException {
        byte[] literal = HostLiteral.parse(normalized);
        if (literal != null) return List.of(InetAddress.getByAddress(literal));
        if (HostName.isLocalhost(normalized)) {
            return List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), InetAddress.getByAddress(
                    new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        }
        return List.of(InetAddress.getAllByName(normalized));
    }
}
