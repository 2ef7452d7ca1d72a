/**
 * Chum with REFINIO ONE: one.core's Chum protocol 8 (frames, connection, exporter and importer
 * services, version merge, ONE's Chum log object) on a transport-free socket seam,
 * {@link io.syncms.onechum.control.OneSocket}. See {@code docs/one-chum.md}.
 */
package io.syncms.onechum;
