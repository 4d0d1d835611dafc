package dev.tessera.cli;

import dev.tessera.config.Build;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"tessera " + Build.version()};
    }
}
