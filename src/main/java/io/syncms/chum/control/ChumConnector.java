package io.syncms.chum.control;

import io.syncms.platform.entity.TraceParent;

/** Reaches the exporter of another instance by its URL. */
public interface ChumConnector {

    ChumPeer connect(String url);

    /** As {@link #connect(String)}, the Chum's requests telling the other side which trace they belong to. */
    default ChumPeer connect(String url, TraceParent trace) {
        return connect(url);
    }
}
