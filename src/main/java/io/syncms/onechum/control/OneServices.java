package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneFrame.Request;

/** What one side serves to the other: answers each request through its {@link OneReply}. */
@FunctionalInterface
public interface OneServices {

    /** Called on a worker thread, never on the socket's; must answer every request exactly once. */
    void serve(Request request, OneReply reply);
}
