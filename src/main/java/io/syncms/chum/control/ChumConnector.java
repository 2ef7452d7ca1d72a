package io.syncms.chum.control;

/** Reaches the exporter of another instance by its URL. */
public interface ChumConnector {

    ChumPeer connect(String url);
}
