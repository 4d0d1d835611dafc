package dev.tessera.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The fetcher's only resolver: every address a connection will use is checked by {@link AddressRules} here,
 * so the socket connects only to checked addresses (no second lookup: no DNS rebinding).
 */
public final class CheckedResolver implements SocketAddressResolver {
    private final AddressRules rules;
    private final Executor executor;

    public CheckedResolver(AddressRules rules, Executor executor) {
        this.rules = rules;
        this.executor = executor;
    }

    @Override
    public void resolve(String host, int port, java.util.Map<String, Object> context,
                        Promise<List<InetSocketAddress>> promise) {
        executor.execute(() -> {
            try {
                rules.checkHost(host);
                List<InetSocketAddress> checked = new ArrayList<>();
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    rules.checkAddress(host, address);
                    checked.add(new InetSocketAddress(address, port));
                }
                promise.succeeded(checked);
            } catch (UnknownHostException | RuntimeException e) {
                promise.failed(e);
            }
        });
    }
}
