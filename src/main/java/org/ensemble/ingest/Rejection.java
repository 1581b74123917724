package org.ensemble.ingest;

/** A contribution that cannot go on, with a reason a person can act on. */
class Rejection extends Exception {
    Rejection(String reason) {
        super(reason);
    }
}
