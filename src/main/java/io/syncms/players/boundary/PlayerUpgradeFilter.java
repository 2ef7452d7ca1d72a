package io.syncms.players.boundary;

import io.syncms.platform.boundary.Problems;
import io.syncms.platform.entity.Problem;
import io.syncms.players.control.PlayerTokens;
import io.syncms.players.entity.PlayerGrant;
import io.syncms.security.boundary.ApiSecurity;
import io.syncms.security.entity.Caller;
import io.syncms.security.entity.MissingRoleException;
import io.syncms.security.entity.Role;
import io.syncms.security.entity.UnauthenticatedException;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Authenticates a player's WebSocket before the upgrade (401 or 403 as a problem, nothing read). A page
 * cannot set headers on a WebSocket, so the credential travels as an offered subprotocol,
 * {@code syncms.bearer.<base64url of the token>}, beside {@code syncms.v1}, the one the instance selects;
 * other clients may send {@code Authorization: Bearer <token>}. The token is a player token, the API
 * token, or a JWT with role {@code app} or {@code admin}. What it proved reaches the endpoint as the
 * request's principal.
 */
@WebFilter(urlPatterns = "/players/*", asyncSupported = true)
public class PlayerUpgradeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String BEARER_PROTOCOL = "syncms.bearer.";

    @Inject
    transient Players players;

    @Inject
    transient ApiSecurity security;

    @Inject
    transient Problems problems;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        PlayerGrant grant;
        try {
            String group = groupOf(request);
            grant = authenticate(request);
            if (!grant.allowsGroup(group)) {
                throw new io.syncms.players.control.PlayerForbiddenException("the player token is for group \"" + grant.group() + "\", not \"" + group + "\"");
            }
        } catch (RuntimeException e) {
            Problem problem = problems.of(e);
            response.setStatus(problem.status());
            problem.headers().forEach(response::setHeader);
            response.setContentType(Problem.MEDIA_TYPE);
            response.getOutputStream().write(problem.with("instance", request.getRequestURI()).toJson().toString()
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        PlayerPrincipal principal = new PlayerPrincipal(grant);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }
        }, response);
    }

    private PlayerGrant authenticate(HttpServletRequest request) {
        String token = offeredToken(request).orElse(null);
        if (token != null && token.startsWith(PlayerTokens.PREFIX)) {
            return players.tokens().verify(token).orElseThrow(() -> UnauthenticatedException.invalidToken(
                    "The player token is not valid or has expired"));
        }
        Caller caller = security.authenticate(token != null ? "Bearer " + token : request.getHeader("Authorization"));
        if (!caller.hasAnyOf(EnumSet.of(Role.APP, Role.ADMIN))) {
            throw new MissingRoleException("a player needs role app or admin");
        }
        return PlayerGrant.anyone(caller.name());
    }

    /** The token of a {@code syncms.bearer.*} subprotocol, if one is offered. */
    static Optional<String> offeredToken(HttpServletRequest request) {
        for (String header : Collections.list(request.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String offered : header.split(",")) {
                String protocol = offered.strip();
                if (protocol.startsWith(BEARER_PROTOCOL) && protocol.length() <= 2048) {
                    try {
                        return Optional.of(new String(Base64.getUrlDecoder().decode(protocol.substring(BEARER_PROTOCOL.length())),
                                StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException e) {
                        throw UnauthenticatedException.invalidToken("The syncms.bearer subprotocol is not base64url");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String groupOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String rest = path.startsWith("/players/") ? path.substring("/players/".length()) : "";
        // a path segment: '+' is a plus here, not a space as in a form; a bad %-escape is a 400
        return java.net.URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
