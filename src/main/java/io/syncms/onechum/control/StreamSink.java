package io.syncms.onechum.control;

/** Receives the chunks of one streamed answer, on the socket's thread, in order. */
public interface StreamSink {

    void binary(byte[] payload);

    void text(String chunk);
}
