/**
 * The whiteboard through which other bundles add interfaces to the objects the D-Bus exporter serves: register
 * a {@link org.mpathbus.exporter.dbus.spi.BusInterface} and every object of its {@link
 * org.mpathbus.exporter.dbus.spi.ObjectType} carries it (InterfacesAdded), unregister it and they lose it
 * (InterfacesRemoved). The exporter admits, authorizes (polkit), dispatches and logs the calls; the provider
 * carries them out. dbus-java stays private to the exporter, so everything here is plain Java.
 */
@Export
@Version("1.2.0")
package org.mpathbus.exporter.dbus.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
