import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** Binds an in-memory MongoDB wire-protocol server to 127.0.0.1 on the port given as the only argument. */
public final class MongoStandin {
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1 || !args[0].matches("\\d{1,5}")) {
            System.err.println("usage: MongoStandin <port>; got " + String.join(" ", args));
            System.exit(2);
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("mongo-standin listening on 127.0.0.1:" + args[0]);
        Thread.currentThread().join();
    }
}
