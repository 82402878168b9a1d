package io.shoal.config.internal;

import java.util.regex.Pattern;

/** Environment variable names as POSIX shells accept them: letters, digits and {@code _}, not starting with a digit. */
public final class EnvVars {
    /** Why a name is refused, for messages. */
    public static final String NAME_RULE = "letters, digits and _, not starting with a digit";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvVars() {}

    public static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }
}
