package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.ConfigException.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid {@code run} blocks are reported with file, line and key, like every other setting. */
class YamlRunConfigErrorsTest {
    private static final String RUN = "services.web.run";

    @Test
    void serversAndRunTogetherAreRefusedAtTheServiceLine() {
        assertOnly("""
                    servers: [127.0.0.1:9001]
                    run: {command: ./app}
                """, 3, "services.web", "has both servers and run; a service lists the servers it sends to,"
                + " or runs them itself (run), not both");
        assertOnly("    servers: []\n    run: {command: ./app}\n", 3, "services.web", "has both servers and run");
    }

    @Test
    void aServiceNeedsServersOrRun() {
        assertOnly("    balance: least_conn\n", 3, "services.web",
                "needs servers (the addresses it sends to) or run (a command Shoal starts as replicas)");
        assertOnly("", 3, "services.web", "needs servers");
        assertOnly("    servers: []\n", 4, "services.web.servers", "at least one server is required");
    }

    @Test
    void commandIsRequiredAndNotEmpty() {
        assertOnly("    run:\n      replicas: 2\n", 4, RUN + ".command", "required key is missing");
        assertOnly("    run:\n      command: []\n", 5, RUN + ".command", "must name at least the program to run");
        assertOnly("    run:\n      command: '   '\n", 5, RUN + ".command", "empty command; name at least the program to run");
        assertOnly("    run:\n      command: {java: app.jar}\n", 5, RUN + ".command",
                "expected a list of the program and its arguments, or one string, got a mapping");
        assertOnly("    run:\n      command:\n        - java\n        - ''\n", 7, RUN + ".command[1]", "missing value");
    }

    @Test
    void aOneStringCommandRefusesQuotes() {
        assertOnly("    run:\n      command: sh -c \"echo hi\"\n", 5, RUN + ".command",
                "quotes are not interpreted in a one-string command, which is only split on spaces; write the command as a list");
    }

    @Test
    void replicasAreZeroToAThousand() {
        assertOnly("    run:\n      command: ./app\n      replicas: 1001\n", 6, RUN + ".replicas",
                "must be between 0 and 1000, got 1001");
        assertOnly("    run:\n      command: ./app\n      replicas: -1\n", 6, RUN + ".replicas",
                "must be between 0 and 1000, got -1");
        assertOnly("    run:\n      command: ./app\n      replicas: many\n", 6, RUN + ".replicas",
                "expected a whole number, got 'many'");
    }

    @Test
    void durationsArePositive() {
        assertOnly("    run:\n      command: ./app\n      stop_grace_period: 0s\n", 6, RUN + ".stop_grace_period",
                "must be positive, got 0s");
        assertOnly("    run:\n      command: ./app\n      ready_timeout: 0ms\n", 6, RUN + ".ready_timeout",
                "must be positive, got 0s");
        assertOnly("    run:\n      command: ./app\n      stop_grace_period: 10\n", 6, RUN + ".stop_grace_period",
                "'10' has no unit; write e.g. 10s");
        assertOnly("    run:\n      command: ./app\n      restart:\n        backoff: 0s\n", 7, RUN + ".restart.backoff",
                "must be positive, got 0s");
        assertOnly("    run:\n      command: ./app\n      restart:\n        window: 0s\n", 7, RUN + ".restart.window",
                "must be positive, got 0s");
    }

    @Test
    void portEnvIsAVariableName() {
        assertOnly("    run:\n      command: ./app\n      port_env: 1PORT\n", 6, RUN + ".port_env",
                "not a valid environment variable name (letters, digits and _, not starting with a digit), got '1PORT'");
        assertOnly("    run:\n      command: ./app\n      port_env: HTTP-PORT\n", 6, RUN + ".port_env",
                "not a valid environment variable name");
        assertOnly("    run:\n      command: ./app\n      port_env: INSTANCE_ID\n", 6, RUN + ".port_env",
                "INSTANCE_ID is the replica's id (web-1, web-2, ...); name another variable");
    }

    @Test
    void restartLimits() {
        assertOnly("    run:\n      command: ./app\n      restart: {max_restarts: 0}\n", 6, RUN + ".restart.max_restarts",
                "must be at least 1, got 0");
        assertOnly("""
                    run:
                      command: ./app
                      restart:
                        backoff: 10s
                        max_backoff: 5s
                """, 8, RUN + ".restart.max_backoff", "must be at least backoff (10s), got 5s");
        assertOnly("    run:\n      command: ./app\n      restart:\n        policy: never\n        max_restarts: 3\n",
                8, RUN + ".restart.max_restarts", "only applies to policy: always or on-failure, not never");
    }

    @Test
    void restartPolicyNames() {
        assertOnly("    run: {command: ./app, restart: sometimes}\n", 4, RUN + ".restart",
                "unknown restart policy 'sometimes'; valid: always, on-failure, never");
        assertOnly("    run: {command: ./app, restart: on_failure}\n", 4, RUN + ".restart",
                "unknown restart policy 'on_failure'; valid: always, on-failure, never; did you mean on-failure?");
        assertOnly("    run: {command: ./app, restart: 'no'}\n", 4, RUN + ".restart",
                "unknown restart policy 'no'; valid: always, on-failure, never; compose's 'no' is never");
        assertOnly("    run: {command: ./app, restart: unless-stopped}\n", 4, RUN + ".restart",
                "unknown restart policy 'unless-stopped'; valid: always, on-failure, never; compose's 'unless-stopped' is always");
        assertOnly("    run: {command: ./app, restart: {policy: alway}}\n", 4, RUN + ".restart.policy",
                "unknown restart policy 'alway'; valid: always, on-failure, never; did you mean always?");
    }

    @Test
    void envNamesAndTheVariablesShoalSets() {
        assertOnly("    run:\n      command: ./app\n      env:\n        MY-VAR: x\n", 7, RUN + ".env.MY-VAR",
                "not a valid environment variable name (letters, digits and _, not starting with a digit)");
        assertOnly("    run:\n      command: ./app\n      env:\n        INSTANCE_ID: web\n", 7, RUN + ".env.INSTANCE_ID",
                "set by Shoal to each replica's id (web-1, web-2, ...); leave it out");
        assertOnly("    run:\n      command: ./app\n      env:\n        PORT: '3000'\n", 7, RUN + ".env.PORT",
                "set by Shoal to each replica's port (port_env: PORT); leave it out");
        assertOnly("    run:\n      command: ./app\n      port_env: HTTP_PORT\n      env: {PORT: '3000', HTTP_PORT: '1'}\n",
                7, RUN + ".env.HTTP_PORT", "set by Shoal to each replica's port (port_env: HTTP_PORT)");
        assertOnly("    run:\n      command: ./app\n      env:\n        GREETING: ~\n", 7, RUN + ".env.GREETING",
                "missing value; write '' for an empty one");
    }

    @Test
    void envListForm() {
        assertOnly("    run:\n      command: ./app\n      env:\n        - A=1\n        - NODE_ENV\n", 8, RUN + ".env[1]",
                "'NODE_ENV' has no value; write NAME=value");
        assertOnly("    run:\n      command: ./app\n      env:\n        - A=1\n        - A=2\n", 8, RUN + ".env[1]",
                "A is already set by env[0]");
        assertOnly("    run:\n      command: ./app\n      env:\n        - B=1\n        - INSTANCE_ID=${HOSTNAME}\n", 8,
                RUN + ".env[1]", "set by Shoal to each replica's id");
        assertOnly("    run:\n      command: ./app\n      env: ['1A=x']\n", 6, RUN + ".env[0]",
                "'1A' is not a valid environment variable name");
    }

    @Test
    void unknownKeysWithSuggestions() {
        assertOnly("    run:\n      command: ./app\n      replica: 2\n", 6, RUN + ".replica", "unknown key; did you mean replicas?");
        assertOnly("    run:\n      command: ./app\n      stopGracePeriod: 5s\n", 6, RUN + ".stopGracePeriod",
                "unknown key; did you mean stop_grace_period?");
        assertOnly("    run:\n      command: ./app\n      environment: {A: b}\n", 6, RUN + ".environment", "unknown key");
        assertOnly("    run:\n      command: ./app\n      restart: {policy: always, max_restart: 3}\n", 6,
                RUN + ".restart.max_restart", "unknown key; did you mean max_restarts?");
    }

    @Test
    void anUnreadableRunBlockIsOneProblem() {
        assertOnly("    run: java -jar app.jar\n", 4, RUN, "expected a mapping, got 'java -jar app.jar'");
    }

    @Test
    void everyProblemAtOnceInLineOrder() {
        List<ConfigProblem> problems = problems("""
                    run:
                      command: []
                      replicas: 2000
                      port_env: 9
                      env: {INSTANCE_ID: x}
                      restart: {max_restarts: 0}
                      ready_timeout: 0s
                """);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "shoal.yaml:5: " + RUN + ".command: must name at least the program to run",
                "shoal.yaml:6: " + RUN + ".replicas: must be between 0 and 1000, got 2000",
                "shoal.yaml:7: " + RUN + ".port_env: not a valid environment variable name"
                        + " (letters, digits and _, not starting with a digit), got '9'",
                "shoal.yaml:8: " + RUN + ".env.INSTANCE_ID: set by Shoal to each replica's id (web-1, web-2, ...); leave it out",
                "shoal.yaml:9: " + RUN + ".restart.max_restarts: must be at least 1, got 0",
                "shoal.yaml:10: " + RUN + ".ready_timeout: must be positive, got 0s");
    }

    private static void assertOnly(String serviceLines, int line, String key, String messageStart) {
        ServiceProblems.assertOnly(ServiceProblems.WEB, serviceLines, line, key, messageStart);
    }

    private static List<ConfigProblem> problems(String serviceLines) {
        return ServiceProblems.of(ServiceProblems.WEB, serviceLines);
    }
}
