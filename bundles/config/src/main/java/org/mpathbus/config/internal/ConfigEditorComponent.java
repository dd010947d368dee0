package org.mpathbus.config.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.mpathbus.config.ConfigChange;
import org.mpathbus.config.ConfigEditException;
import org.mpathbus.config.ConfigEditor;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link ConfigEditor} service, with {@code multipath -t} as the second check where it is installed. */
@Component(service = ConfigEditor.class)
public final class ConfigEditorComponent implements ConfigEditor {

    private final DropInEditor editor;

    @Activate
    public ConfigEditorComponent(@Reference MultipathConfiguration configuration) {
        editor = new DropInEditor(configuration, MultipathToolsCheck.ifInstalled());
    }

    @Override
    public Path dropInFile() {
        return editor.dropInFile();
    }

    @Override
    public MultipathConfig change(ConfigChange change, Duration timeout, Applier applier)
            throws ConfigEditException, InterruptedException {
        return editor.change(change, timeout, applier);
    }
}
