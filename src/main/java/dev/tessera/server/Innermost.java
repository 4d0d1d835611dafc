package dev.tessera.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/** Puts a handler innermost in a server's chain (inside a graceful-stop wrapper, say), where Javalin attaches. */
final class Innermost {
    private Innermost() {}

    static void insert(Server server, Handler.Wrapper handler) {
        Handler current = server.getHandler();
        if (!(current instanceof Handler.Wrapper outer)) {
            server.setHandler(handler);
            return;
        }
        while (outer.getHandler() instanceof Handler.Wrapper inner) outer = inner;
        outer.setHandler(handler);
    }
}
