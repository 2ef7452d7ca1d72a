package io.syncms.players.boundary;

import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.Problem;
import io.syncms.players.control.PlayerForbiddenException;
import io.syncms.security.entity.SecurityProblem;
import jakarta.enterprise.context.ApplicationScoped;

/** A player token used for another group, role or id: 403, {@code AUTH-FORBIDDEN2}. */
@ApplicationScoped
public class PlayerProblems implements ProblemTranslator {

    @Override
    public Problem translate(Throwable failure) {
        return failure instanceof PlayerForbiddenException ? Problem.of(SecurityProblem.FORBIDDEN, "AUTH-FORBIDDEN2", failure.getMessage())
                : null;
    }
}
