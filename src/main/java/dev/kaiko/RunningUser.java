package dev.kaiko;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;

/** Who this JVM runs as; the managed engine refuses root, so several places need to know. */
public final class RunningUser {

    private RunningUser() {}

    public static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Owner change of the path itself (a symbolic link is never followed), for files the engine user must write. */
    public static void chown(Path path, String user) throws IOException {
        var view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        var lookup = path.getFileSystem().getUserPrincipalLookupService();
        view.setOwner(lookup.lookupPrincipalByName(user));
    }
}
