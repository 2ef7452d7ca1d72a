package io.syncms.onechum.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a connection to {@code /one-chum/…} whose credential no registered ONE peer holds, with a
 * 401 problem, before the WebSocket upgrade: nothing of an unknown peer is read.
 */
@WebFilter(urlPatterns = "/one-chum/*", asyncSupported = true)
public class OneChumUpgradeFilter extends HttpFilter {

    @Inject
    OneChums chums;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo() != null ? request.getPathInfo()
                : request.getRequestURI().substring(request.getContextPath().length() + "/one-chum".length());
        String credential = path.startsWith("/") ? path.substring(1) : path;
        if (chums.peers().authenticate(credential).isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"/problems/chum/unauthenticated\",\"title\":\"Not authenticated\","
                + "\"status\":401,\"code\":\"CHUM-AUTH1\",\"detail\":\"No registered ONE peer holds this credential\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
