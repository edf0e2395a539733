package uk.ac.lsst.pipeline.local.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.alert.AlertRewriter;
import uk.ac.lsst.pipeline.alert.SchemaSource;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFileException;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * Publishes alert files into a topic: the upstream simulator. The first pass over the files sends their bytes
 * unchanged; further passes send copies made distinct by {@link AlertRewriter} (fresh alert id, optionally a
 * jittered position). Records have no key.
 *
 * <p>Before the first send it waits until every partition of the topic takes writes (an idempotent producer
 * started right after topic creation can lose its first batch, KAFKA-15591). Deliveries are counted through
 * producer callbacks, and {@link #run} returns only after {@code flush()}, so the result is final.
 *
 * <p>Thread-safety: {@link #run} is called by one thread at a time; {@link #stop()} may be called from any thread
 * and is permanent (a later run returns at once).
 */
public final class Replayer implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final SchemaSource schemas;
    private final boolean ownsClients;
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    /**
     * Uses clients owned by the caller ({@link #close()} leaves them open).
     *
     * @param producer configured with at least {@code acks=all} (see {@link #producerDefaults()})
     * @param admin    on the same cluster, to check the topic
     * @param schemas  writer schemas of Confluent wire-format files, needed to cycle them
     *                 ({@link uk.ac.lsst.pipeline.alert.SchemaSources#none()} for OCF only)
     */
    public Replayer(Producer<byte[], byte[]> producer, Admin admin, SchemaSource schemas) {
        this(producer, admin, schemas, false);
    }

    private Replayer(Producer<byte[], byte[]> producer, Admin admin, SchemaSource schemas, boolean ownsClients) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.ownsClients = ownsClients;
    }

    /**
     * Creates its own producer ({@link #producerDefaults()} overridden by {@code clientConfig}) and admin client
     * ({@code clientConfig} only); {@link #close()} closes them.
     *
     * @param clientConfig at least {@code bootstrap.servers}; security settings go here too
     * @param schemas      as in {@link #Replayer(Producer, Admin, SchemaSource)}
     */
    public static Replayer connect(Map<String, Object> clientConfig, SchemaSource schemas) {
        Objects.requireNonNull(schemas, "schemas");
        Map<String, Object> producerConfig = new HashMap<>(producerDefaults());
        producerConfig.putAll(clientConfig);
        Admin admin = Admin.create(clientConfig);
        try {
            return new Replayer(new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                    new ByteArraySerializer()), admin, schemas, true);
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    /**
     * Producer settings for alerts: acks=all, idempotent, requests and batches large enough for several alerts of
     * up to a few hundred KB (Rubin alerts with cutouts are 100-300 KB), a short linger to fill batches.
     */
    public static Map<String, Object> producerDefaults() {
        return Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    }

    /**
     * Replays as the request says and blocks until every sent alert is acknowledged or has failed.
     *
     * @param listener told about progress about once a second, on this thread
     * @throws ReplayException when the replay cannot start: no or unknown alert files, wire-format files to cycle
     *                         without a schema source, an alert whose position cannot be read for jitter, a
     *                         missing topic (unless created), a topic not ready in time
     */
    public ReplayResult run(ReplayRequest request, ProgressListener listener) {
        List<AlertFile> files;
        try {
            files = AlertFiles.discover(request.alertDirs());
        } catch (AlertFileException e) {
            throw new ReplayException(e.getMessage(), e);
        }
        long count = request.count().orElse(files.size());
        int cycledFiles = (int) Math.min(files.size(), Math.max(0, count - files.size()));
        requireSchemasFor(files.subList(0, cycledFiles));
        double[][] positions = positionsForJitter(files.subList(0, cycledFiles), request.jitterArcsec());
        prepareTopic(request);
        AlertRewriter rewriter = cycledFiles == 0 ? null : new AlertRewriter(schemas);
        return new ReplayRun(producer, request, files, count, rewriter, positions, stopSignal, listener).execute();
    }

    /** Ends a running replay after the alert being sent (sent alerts are still flushed); permanent. */
    public void stop() {
        stopSignal.countDown();
    }

    /** Closes the clients this replayer created with {@link #connect}; borrowed ones are left open. */
    @Override
    public void close() {
        if (ownsClients) {
            try {
                producer.close();
            } finally {
                admin.close();
            }
        }
    }

    /** Fails before anything is sent when a cycled wire-format file's writer schema cannot be had. */
    private void requireSchemasFor(List<AlertFile> cycled) {
        Map<Integer, AlertFile> bySchema = new TreeMap<>();
        cycled.stream().filter(f -> f.format() == AlertFormat.CONFLUENT_WIRE)
                .forEach(f -> bySchema.putIfAbsent(f.schemaId(), f));
        for (Map.Entry<Integer, AlertFile> e : bySchema.entrySet()) {
            try {
                schemas.schema(e.getKey());
            } catch (AlertDecodeException ex) {
                throw new ReplayException("cycling Confluent wire-format alert file " + e.getValue().path()
                        + " needs the writer schema " + e.getKey() + " (from a schema directory or registry): "
                        + ex.getMessage(), ex);
            }
        }
    }

    /** The position of each cycled file, or null when no jitter is asked for. */
    private double[][] positionsForJitter(List<AlertFile> cycled, double jitterArcsec) {
        if (jitterArcsec == 0 || cycled.isEmpty()) {
            return null;
        }
        AlertDecoder decoder = new AlertDecoder(schemas, false, Integer.MAX_VALUE);
        double[][] positions = new double[cycled.size()][];
        for (int i = 0; i < cycled.size(); i++) {
            AlertFile file = cycled.get(i);
            try {
                Alert alert = decoder.decode(file.read());
                positions[i] = new double[] {alert.raDeg(), alert.decDeg()};
            } catch (AlertDecodeException e) {
                throw new ReplayException("cannot read the position of alert file " + file.path() + ": "
                        + e.getMessage(), e);
            }
        }
        return positions;
    }

    private void prepareTopic(ReplayRequest request) {
        TopicAdmin topics = new TopicAdmin(admin, request.readyTimeout());
        try {
            if (request.createTopic()) {
                topics.ensure(List.of(TopicSpec.of(request.topic(), request.partitions())));
            } else {
                requireTopic(request);
                topics.awaitReady(List.of(request.topic()));
            }
        } catch (IllegalStateException e) {
            throw new ReplayException(e.getMessage(), e);
        }
    }

    private void requireTopic(ReplayRequest request) {
        Set<String> names;
        try {
            names = admin.listTopics().names().get(request.readyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReplayException("cannot list the topics of the cluster: " + e, e);
        }
        if (!names.contains(request.topic())) {
            throw new ReplayException("topic " + request.topic() + " does not exist (ask for it to be created)");
        }
    }
}
