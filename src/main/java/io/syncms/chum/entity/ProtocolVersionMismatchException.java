package io.syncms.chum.entity;

/**
 * The two instances speak different versions of the Chum protocol; the Chum is aborted on both sides
 * (code {@code CHUM-VERSION1}, HTTP 409).
 */
public class ProtocolVersionMismatchException extends ChumException {

    private static final long serialVersionUID = 1L;

    private final String importerInstance;
    private final int importerVersion;
    private final String exporterInstance;
    private final int exporterVersion;

    public ProtocolVersionMismatchException(String importerInstance, int importerVersion, String exporterInstance,
                                            int exporterVersion) {
        super("CHUM-VERSION1", "Chum protocol version mismatch: instance \"" + importerInstance + "\" speaks version "
                + importerVersion + ", instance \"" + exporterInstance + "\" speaks version " + exporterVersion);
        this.importerInstance = importerInstance;
        this.importerVersion = importerVersion;
        this.exporterInstance = exporterInstance;
        this.exporterVersion = exporterVersion;
    }

    public String importerInstance() {
        return importerInstance;
    }

    public int importerVersion() {
        return importerVersion;
    }

    public String exporterInstance() {
        return exporterInstance;
    }

    public int exporterVersion() {
        return exporterVersion;
    }
}
