package io.syncms.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All REST resources of the module live under {@code /api}. */
@ApplicationPath("api")
public class JaxRsConfiguration extends Application {}
