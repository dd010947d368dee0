package org.mpathbus.api;

/** Whether the map's dm device is live or suspended. */
public enum DmMapState implements Labeled {
    ACTIVE,
    SUSPENDED
}
