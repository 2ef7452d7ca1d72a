package io.syncms.platform.boundary;

import io.syncms.platform.control.ProblemPage;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Makes a problem's type URI lead to its documentation: {@code GET /problems/chum/not-found} answers 303 to
 * {@code /problems/#chum/not-found}, a path the page does not document 404. The page itself is answered here
 * too, since this mapping hides it from the container's static files. Open like {@code /health}: only
 * {@code /api} needs credentials.
 */
@WebServlet("/problems/*")
public class ProblemDocs extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PAGE = "/problems/index.html";

    private transient byte[] html;
    private transient ProblemPage page;

    @Override
    public void init() throws ServletException {
        try (InputStream in = getServletContext().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new ServletException(PAGE + " is not in the application");
            }
            html = in.readAllBytes();
        } catch (IOException e) {
            throw new ServletException(PAGE + " cannot be read", e);
        }
        page = new ProblemPage(new String(html, StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String pageUri = request.getContextPath() + "/problems/";
        if (path == null) {
            response.sendRedirect(pageUri); // the page's relative links need the slash
        } else if (path.equals("/") || path.equals("/index.html")) {
            response.setContentType("text/html;charset=UTF-8");
            response.setContentLength(html.length);
            response.getOutputStream().write(html);
        } else {
            Optional<String> documented = page.documented(path);
            if (documented.isPresent()) {
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", pageUri + "#" + documented.get());
            } else {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        }
    }
}
