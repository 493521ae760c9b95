package relgraph.testserver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j 5 Community with Bolt on 127.0.0.1 (a free port), authentication on and the password of user neo4j
 * taken from NEO4J_PASSWORD, and the settings of CONFIG_FILE (neo4j.conf syntax: the transaction memory limits).
 * Usage: java -Xmx... -cp ... relgraph.testserver.Neo4jTestServer DATA_DIR CONFIG_FILE.
 * Prints "bolt://127.0.0.1:PORT" when it accepts connections, and shuts down cleanly when standard input
 * closes or on SIGTERM.
 */
public final class Neo4jTestServer {
    public static void main(String[] args) throws IOException {
        String password = System.getenv("NEO4J_PASSWORD");
        if (args.length != 2 || password == null || password.length() < 8) {
            System.err.println("usage: NEO4J_PASSWORD=<at least 8 characters> Neo4jTestServer DATA_DIR CONFIG_FILE");
            System.exit(2);
        }
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(Path.of(args[0]))
                .loadPropertiesFromFile(Path.of(args[1]))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports: tests stay on this machine
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256)) // not half the machine
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown));
        service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        GraphDatabaseAPI database = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int port = database.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        System.out.println("bolt://127.0.0.1:" + port);
        System.out.flush();
        while (System.in.read() != -1) {
            // the test session holds our standard input open for as long as it wants the server
        }
        System.exit(0);
    }
}
