package org.assetmap.launcher;

import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * assetmap's local Neo4j: one Neo4j Community database management service with a Bolt
 * connector on 127.0.0.1, as Neo4j's Java reference describes for an embedded database
 * reached over Bolt. graph/local_neo4j.py starts it and talks to it with the official
 * Python driver, exactly as to an external server.
 *
 * <p>Arguments: {@code HOME PORT PAGECACHE_BYTES IDLE_SECONDS}. HOME holds the store, the logs and the
 * file {@code password} (written by the Python side, mode 0600) whose text becomes the
 * password of the user {@code neo4j}. The launcher prints one line, {@code READY PORT},
 * once Bolt accepts connections, or {@code FAILED <cause>: <detail>} and exits 2. SIGTERM
 * shuts the database down cleanly. With IDLE_SECONDS above 0 the server also shuts itself
 * down once no Bolt client has been connected for that long, so a server started by one
 * command does not hold memory for ever.
 */
public final class LocalNeo4j {

    private LocalNeo4j() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            fail("usage", "LocalNeo4j HOME PORT PAGECACHE_BYTES IDLE_SECONDS");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCacheBytes = Long.parseLong(args[2]);
        long idleSeconds = Long.parseLong(args[3]);
        DatabaseManagementService service = null;
        try {
            String password = readPassword(home.resolve("password"));
            service = build(home, port, pageCacheBytes);
            setPassword(service, password);
        } catch (Throwable failure) {
            if (service != null) {
                service.shutdown();
            }
            fail(cause(failure), rootMessage(failure));
        }
        DatabaseManagementService running = service;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.shutdown();
            stopped.countDown();
        }, "assetmap-shutdown"));
        System.out.println("READY " + port);
        System.out.flush();
        if (idleSeconds > 0) {
            watchForIdle(running, idleSeconds);
        }
        stopped.await();
    }

    private static DatabaseManagementService build(Path home, int port, long pageCacheBytes) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                // Recovery needs only the logs since the last checkpoint; keeping 512 MB
                // more bounds the disk a large import takes (days of logs took 6 GB).
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "512M size")
                .build();
    }

    /**
     * The user neo4j gets the password of the file (parameters keep it out of query text).
     * The file stays authoritative: an edited file changes the password at the next start.
     */
    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException failure) {
            if (!String.valueOf(failure.getMessage()).contains("cannot be the same")) {
                throw failure;
            }
        }
    }

    /** Exit (and so shut down through the hook) after IDLE_SECONDS with no Bolt client. */
    private static void watchForIdle(DatabaseManagementService service, long idleSeconds) {
        long checkEveryMillis = Math.min(15_000L, idleSeconds * 1000L);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "assetmap-idle-watch");
            thread.setDaemon(true);
            return thread;
        });
        long[] lastBusy = {System.nanoTime()};
        timer.scheduleWithFixedDelay(() -> {
            if (boltConnections(service) > 0) {
                lastBusy[0] = System.nanoTime();
            } else if (System.nanoTime() - lastBusy[0] >= idleSeconds * 1_000_000_000L) {
                System.out.println("IDLE for " + idleSeconds + " s: shutting down");
                System.out.flush();
                System.exit(0);
            }
        }, checkEveryMillis, checkEveryMillis, TimeUnit.MILLISECONDS);
    }

    private static long boltConnections(DatabaseManagementService service) {
        try {
            return service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
                    .executeTransactionally(
                            "CALL dbms.listConnections() YIELD connector RETURN connector",
                            Map.of(), result -> result.stream()
                                    .filter(row -> "bolt".equals(row.get("connector")))
                                    .count());
        } catch (RuntimeException failure) {
            System.out.println("idle check failed: " + rootMessage(failure));
            System.out.flush();
            return 1; // cannot tell: count it as busy rather than stop under a client
        }
    }

    private static String readPassword(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.length() < 8) {
            throw new IOException("the password file " + file + " holds fewer than 8 characters");
        }
        return password;
    }

    /** One word for the Python side to turn into a one-line explanation. */
    private static String cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage()).toLowerCase();
            if (t instanceof BindException || message.contains("address already in use")) {
                return "port-taken";
            }
            if (name.contains("FileLock") || message.contains("lock file has been locked")) {
                return "store-locked";
            }
            if (t instanceof OutOfMemoryError || message.contains("cannot allocate")) {
                return "memory";
            }
        }
        return "error";
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (root.getClass().getSimpleName() + ": " + root.getMessage()).replace('\n', ' ');
    }

    private static void fail(String cause, String detail) {
        System.out.println("FAILED " + cause + ": " + detail);
        System.out.flush();
        System.exit(2);
    }
}
