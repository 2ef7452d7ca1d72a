package io.syncms.chum.entity;

/** How many distinct objects, ID objects, BLOBs and CLOBs went one way, and their bytes. */
public record TransferCounts(long objects, long idObjects, long blobs, long clobs, long bytes) {

    public static final TransferCounts NONE = new TransferCounts(0, 0, 0, 0, 0);

    public long total() {
        return objects + idObjects + blobs + clobs;
    }
}
