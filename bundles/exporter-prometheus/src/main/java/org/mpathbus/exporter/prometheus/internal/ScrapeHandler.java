package org.mpathbus.exporter.prometheus.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;

/**
 * GET /metrics: the format the Accept header asks for (OpenMetrics or the text format 0.0.4), gzip when
 * accepted. The handler never blocks a server thread: it queues the scrape for {@link Renderings} and sends
 * the shared bytes asynchronously, so a client that reads slowly holds bytes, not a thread. One exchange per
 * connection (Connection: close), so the connection's deadline is the exchange's.
 */
final class ScrapeHandler extends Handler.Abstract.NonBlocking {

    static final String PATH = "/metrics";
    private static final Logger LOG = System.getLogger(ScrapeHandler.class.getName());

    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Renderings renderings;

    ScrapeHandler(Renderings renderings) {
        this.renderings = renderings;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        if (!PATH.equals(Request.getPathInContext(request))) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, "only " + PATH + " is served");
            return true;
        }
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        renderings.scrape(kindAsked(request), new Exchange(request, response, callback));
        return true;
    }

    private Renderings.Kind kindAsked(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        ExpositionFormatWriter writer = formats.findWriter(accept);
        String encodings = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        boolean gzip = encodings != null && encodings.toLowerCase(Locale.ROOT).contains("gzip");
        return new Renderings.Kind(writer, EscapingScheme.fromAcceptHeader(accept), gzip);
    }

    /** One scrape: waits for its rendering, sends it, releases it when sent or failed. */
    private final class Exchange implements Renderings.Waiter {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final AtomicBoolean ended = new AtomicBoolean();

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        @Override
        public void rendered(Renderings.Rendering rendering) {
            Renderings.Kind kind = rendering.kind();
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, kind.writer().getContentType());
            if (kind.gzip()) {
                response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, rendering.length());
            Content.copy(new ByteBufferContentSource(rendering.slices()), response, Callback.from(() -> {
                renderings.release(rendering, this);
                end(null);
            }, failure -> {
                renderings.release(rendering, this);
                end(failure);
            }));
        }

        @Override
        public void failed(Exception e) {
            LOG.log(Level.ERROR, "a scrape of " + PATH + " failed to render: " + e, e);
            if (ended.compareAndSet(false, true)) {
                Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
            }
        }

        @Override
        public void cutOff() {
            request.getConnectionMetaData().getConnection().getEndPoint().close();
        }

        private void end(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                if (failure == null) {
                    callback.succeeded();
                } else {
                    callback.failed(failure);
                }
            }
        }
    }
}
