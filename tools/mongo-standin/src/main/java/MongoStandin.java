import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Binds a MongoDB wire-protocol server to 127.0.0.1 on the port given as the first argument.
 *
 * <p>With a data folder as the second argument, the data is kept in {@code <folder>/standin.mv.db}
 * (mongo-java-server's H2 backend: an MVStore file) and is there again on the next start; only its
 * page cache is held in memory. Without one, everything lives in memory and is lost when it stops.
 */
public final class MongoStandin {
    /** MVStore's page cache, in MiB: the working set of the default data set's queries fits in it. */
    private static final int CACHE_MIB = Integer.getInteger("standin.cacheMiB", 64);

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || !args[0].matches("\\d{1,5}")) {
            System.err.println("usage: MongoStandin <port> [<data folder>]; got " + String.join(" ", args));
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        MongoBackend backend;
        String where;
        if (args.length == 2) {
            Path folder = Path.of(args[1]).toAbsolutePath();
            Files.createDirectories(folder);
            Path file = folder.resolve("standin.mv.db");
            // Commits every second in the background; closing the store (the shutdown hook) writes the rest.
            MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MIB).open();
            backend = new H2Backend(store);
            where = "data in " + file;
        } else {
            backend = new MemoryBackend();
            where = "data in memory only";
        }
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        // shutdownNow closes the backend, which commits and closes the MVStore file.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("mongo-standin listening on 127.0.0.1:" + port + " (" + where + ")");
        Thread.currentThread().join();
    }
}
