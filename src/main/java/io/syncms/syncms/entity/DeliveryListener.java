package io.syncms.syncms.entity;

/**
 * The application's receiver. Called on the participant's delivery thread at the delivery instant: keep it
 * short, or hand the work to an executor, so that the next delivery is not delayed.
 */
@FunctionalInterface
public interface DeliveryListener {
    void onDelivery(Delivery delivery);
}
