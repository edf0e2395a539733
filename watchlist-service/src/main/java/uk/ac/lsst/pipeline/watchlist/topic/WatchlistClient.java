package uk.ac.lsst.pipeline.watchlist.topic;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.buffer.TopicReader;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;

/**
 * Uploads, replaces, lists and deletes watch lists in the watch-lists topic of a buffer: the library behind
 * {@code pipeline watchlist} and the demo.
 *
 * <p>An upload writes the list's sources as a new generation, waits until the buffer acknowledged all of them,
 * then writes the metadata record naming that generation (the commit point: services switch to the new sources
 * only then, all at once), then tombstones the records of every older generation. If the sources cannot all be
 * written, the metadata is not written and the list stays as it was. Deleting writes a tombstone for the metadata
 * record first (the list stops matching), then for every source record.
 *
 * <p>Reads the whole topic to find a list's current records (small: one record per source). Concurrent uploads of
 * the same list from two clients are not coordinated: the last metadata record wins. Not thread-safe.
 */
public final class WatchlistClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchlistClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> clientProperties;
    private final String topic;
    private final Clock clock;
    private KafkaProducer<byte[], byte[]> producer;

    /**
     * What an upload did.
     *
     * @param info            the list's new metadata record
     * @param removedRecords  source records of older generations that were tombstoned
     */
    public record UploadResult(WatchlistInfo info, int removedRecords) {
    }

    /**
     * @param clientProperties bootstrap servers and security of the buffer that holds the topic (the ingest buffer)
     * @param topic            the watch-lists topic (compacted; created by {@code pipeline apply})
     */
    public WatchlistClient(Map<String, Object> clientProperties, String topic) {
        this(clientProperties, topic, Clock.systemUTC());
    }

    WatchlistClient(Map<String, Object> clientProperties, String topic, Clock clock) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Checks that the topic exists.
     *
     * @throws IllegalStateException naming the topic and how to create it, when it does not
     */
    public void checkTopic() {
        try (Admin admin = Admin.create(clientProperties)) {
            if (!topicNames(admin).contains(topic)) {
                throw new IllegalStateException("the watch-lists topic " + topic + " does not exist on "
                        + clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                        + ": create it with `pipeline apply -f <pipeline file>` (it is compacted, one partition)");
            }
        }
    }

    private java.util.Set<String> topicNames(Admin admin) {
        try {
            return admin.listTopics().names().get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the topics", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of "
                    + clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + ": " + e, e);
        }
    }

    /** Uploads or replaces one list. @throws IllegalArgumentException for an invalid list (nothing written) */
    public UploadResult upload(WatchlistDefinition list) {
        return uploadAll(List.of(list)).get(0);
    }

    /**
     * Uploads or replaces several lists with one read of the topic (many lists, e.g. a benchmark's): all their
     * sources first, then all their metadata records, then the tombstones of their older generations.
     *
     * @throws IllegalArgumentException for an invalid list or a list id given twice (nothing written)
     * @throws WatchlistWriteException  when the buffer did not acknowledge the writes
     */
    public List<UploadResult> uploadAll(Collection<WatchlistDefinition> lists) {
        Map<String, WatchlistDefinition> byId = new HashMap<>();
        for (WatchlistDefinition list : lists) {
            list.validate();
            if (byId.putIfAbsent(list.id(), list) != null) {
                throw new IllegalArgumentException("list id " + list.id() + " given twice");
            }
        }
        WatchlistCatalog current = read();
        long now = clock.millis();
        List<WatchlistInfo> infos = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (WatchlistDefinition list : lists) {
            long generation = current.maxGeneration(list.id()) + 1;
            infos.add(new WatchlistInfo(list.id(), list.name(), list.owner(), list.defaultRadiusArcsec(), generation,
                    list.sources().size(), now));
            for (WatchlistSource source : list.sources()) {
                sends.add(send(new WatchlistKey.Source(list.id(), generation, source.name()),
                        WatchlistRecords.value(source)));
            }
        }
        awaitAll(sends, "the sources (no list was changed)");
        sends.clear();
        for (WatchlistInfo info : infos) {
            sends.add(send(new WatchlistKey.Metadata(info.id()), WatchlistRecords.value(info)));
        }
        awaitAll(sends, "the metadata records (lists may be partly replaced: upload again)");
        List<UploadResult> results = new ArrayList<>();
        sends.clear();
        for (WatchlistInfo info : infos) {
            List<WatchlistKey.Source> old = current.sourceKeys(info.id(), info.generation());
            old.forEach(key -> sends.add(send(key, null)));
            results.add(new UploadResult(info, old.size()));
        }
        try {
            awaitAll(sends, "tombstones of older generations");
        } catch (WatchlistWriteException e) {
            // the lists are replaced; stale records are harmless and removed by the next upload
            log.warn("lists uploaded, but older records could not all be removed: {}", e.getMessage());
        }
        return results;
    }

    /**
     * Deletes a list: it stops matching as soon as services read the metadata tombstone.
     *
     * @return false when no such list exists
     */
    public boolean delete(String listId) {
        WatchlistCatalog current = read();
        Optional<WatchlistInfo> info = current.info(listId);
        List<WatchlistKey.Source> sources = current.sourceKeys(listId, Long.MIN_VALUE);
        if (info.isEmpty() && sources.isEmpty()) {
            return false;
        }
        awaitAll(List.of(send(new WatchlistKey.Metadata(listId), null)), "the metadata tombstone");
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        sources.forEach(key -> sends.add(send(key, null)));
        awaitAll(sends, "source tombstones (the list is deleted; stale records remain)");
        return info.isPresent();
    }

    /** The lists that services match now (complete generations), sorted by id. */
    public List<WatchlistInfo> list() {
        return read().active().stream().map(ActiveWatchlist::info).sorted(Comparator.comparing(WatchlistInfo::id))
                .toList();
    }

    /** One active list with its sources, in upload order. */
    public Optional<ActiveWatchlist> get(String listId) {
        return read().active(listId);
    }

    /** Every record of the topic now, applied in order. */
    public WatchlistCatalog read() {
        checkTopic();
        WatchlistCatalog catalog = new WatchlistCatalog();
        for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(clientProperties, List.of(topic), TIMEOUT)) {
            String key = r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                catalog.apply(key, r.value());
            } catch (IllegalArgumentException e) {
                log.warn("ignored unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
        return catalog;
    }

    private Future<RecordMetadata> send(WatchlistKey key, byte[] value) {
        return producer().send(new ProducerRecord<>(topic, WatchlistRecords.key(key), value));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(clientProperties);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void awaitAll(List<Future<RecordMetadata>> sends, String what) {
        producer().flush();
        int failed = 0;
        Exception first = null;
        for (Future<RecordMetadata> f : sends) {
            try {
                f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WatchlistWriteException("interrupted while writing " + what, e);
            } catch (ExecutionException | TimeoutException e) {
                failed++;
                first = first == null ? e : first;
            }
        }
        if (failed > 0) {
            throw new WatchlistWriteException(failed + " of " + sends.size() + " records were not acknowledged while"
                    + " writing " + what + ": " + first.getMessage(), first);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
        }
    }
}
