package io.syncms.syncms.control;

import io.syncms.clock.entity.ClockEstimate;

/**
 * A remote application's clock relative to the master's, through the instance in between: the master's
 * clock minus the application's is (master − instance) − (application − instance). The error bounds and
 * one-way delays of the two links add up, since a message between application and master crosses both.
 */
public final class ClockComposition {

    private ClockComposition() {
    }

    /**
     * @param instanceToMaster the instance's estimate: master clock minus the instance's wall clock
     * @param applicationToInstance the application's clock minus the instance's wall clock
     * @return master clock minus the application's clock
     */
    public static ClockEstimate compose(ClockEstimate instanceToMaster, ClockEstimate applicationToInstance) {
        return new ClockEstimate(instanceToMaster.offsetMicros() - applicationToInstance.offsetMicros(),
                instanceToMaster.errorBoundMicros() + applicationToInstance.errorBoundMicros(),
                instanceToMaster.oneWayDelayMicros() + applicationToInstance.oneWayDelayMicros(),
                applicationToInstance.samplesUsed(), applicationToInstance.samplesTaken());
    }
}
