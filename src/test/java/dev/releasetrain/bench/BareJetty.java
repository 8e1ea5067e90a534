package dev.releasetrain.bench;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The floor under the door: the Jetty Release Train runs on, reading each body and answering 202, nothing else (no
 * signature, no JSON, no store). {@code bench/compare-probot} loads it like the two servers, so the HTTP layer's own
 * share of a delivery's CPU is measured, not guessed. A program, not a test.
 *
 * <pre>java ... BareJetty PORT</pre>
 */
public final class BareJetty {
    private BareJetty() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Source.consumeAll(request, Callback.from(() -> {
                    response.setStatus(202);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
                    Content.Sink.write(response, true, "Accepted.", callback);
                }, callback::failed));
                return true;
            }
        });
        server.start();
        server.join();
    }
}
