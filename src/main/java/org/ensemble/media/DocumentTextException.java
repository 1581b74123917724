package org.ensemble.media;

import java.io.IOException;

/** The text of a DOCX or PDF cannot be had, with what kind of problem it is, so a person can be told what to ask for. */
public class DocumentTextException extends IOException {

    public enum Problem {
        /** It needs a password to open. */
        ENCRYPTED,
        /** It declares a DTD or entities (which can point at files and addresses outside it); Word never writes one. */
        DECLARES_ENTITIES,
        /** Its structure is broken or not a document Tika or Ensemble can read. */
        DAMAGED
    }

    private final Problem problem;

    DocumentTextException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
