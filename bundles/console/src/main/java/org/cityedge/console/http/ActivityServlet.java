package org.cityedge.console.http;

import java.io.IOException;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/** Tells someone about every request before the wrapped servlet answers it (the on-demand listener's idle time). */
public final class ActivityServlet implements Servlet {

    private final Servlet delegate;
    private final Runnable onRequest;

    public ActivityServlet(Servlet delegate, Runnable onRequest) {
        this.delegate = delegate;
        this.onRequest = onRequest;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        delegate.init(config);
    }

    @Override
    public ServletConfig getServletConfig() {
        return delegate.getServletConfig();
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        onRequest.run();
        delegate.service(request, response);
    }

    @Override
    public String getServletInfo() {
        return delegate.getServletInfo();
    }

    @Override
    public void destroy() {
        delegate.destroy();
    }
}
