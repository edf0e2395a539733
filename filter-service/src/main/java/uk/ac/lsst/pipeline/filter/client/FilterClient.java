package uk.ac.lsst.pipeline.filter.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.buffer.TopicReader;
import uk.ac.lsst.pipeline.filter.definition.FilterChange;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.definition.FilterRecordException;
import uk.ac.lsst.pipeline.filter.definition.FilterRecords;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;

/**
 * Registers, lists and deletes filters in the filters topic of a buffer: the library behind {@code pipeline filter}.
 * A filter is compiled before it is written, so that one that does not compile is refused with its problems and
 * never registered. filter-service applies each record within moments, and creates the filter's topic. Not
 * thread-safe; close it once.
 */
public final class FilterClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FilterClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> clientProperties;
    private final String topic;
    private FilterCompiler compiler;
    private KafkaProducer<byte[], byte[]> producer;

    /**
     * @param clientProperties bootstrap servers and security of the buffer of the filters topic (the science buffer)
     * @param topic            the filters topic (compacted; created by {@code pipeline apply})
     */
    public FilterClient(Map<String, Object> clientProperties, String topic) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
    }

    /**
     * Compiles, then registers (or replaces) a filter.
     *
     * @return the topic its matches go to
     * @throws ExpressionException   when the expression does not compile: nothing is written
     * @throws IllegalStateException when the topic is missing or the buffer did not acknowledge the write
     */
    public String add(FilterDefinition definition) throws ExpressionException {
        compiler().compile(definition.expression());
        checkTopic();
        send(FilterRecords.key(definition.key()), FilterRecords.value(definition));
        return definition.topic();
    }

    /** Deletes a filter; false when there is none of that key. */
    public boolean delete(FilterKey key) {
        if (get(key).isEmpty()) {
            return false;
        }
        send(FilterRecords.key(key), null);
        return true;
    }

    /** The registered filters, by key in order of registration (the latest record of each key). */
    public List<FilterDefinition> list() {
        checkTopic();
        Map<FilterKey, FilterDefinition> filters = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(clientProperties, List.of(topic), TIMEOUT)) {
            try {
                FilterChange change = FilterRecords.parse(r.key(), r.value());
                if (change instanceof FilterChange.Upsert upsert) {
                    filters.put(change.key(), upsert.definition());
                } else {
                    filters.remove(change.key());
                }
            } catch (FilterRecordException e) {
                log.warn("ignored unreadable filters record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                        e.getMessage());
            }
        }
        return new ArrayList<>(filters.values());
    }

    /** One registered filter. */
    public Optional<FilterDefinition> get(FilterKey key) {
        return list().stream().filter(d -> d.key().equals(key)).findFirst();
    }

    private FilterCompiler compiler() {
        if (compiler == null) {
            compiler = FilterCompiler.create();
        }
        return compiler;
    }

    /** @throws IllegalStateException naming the topic and how to create it, when it does not exist */
    private void checkTopic() {
        try (Admin admin = Admin.create(clientProperties)) {
            if (!admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                throw new IllegalStateException("the filters topic " + topic + " does not exist on "
                        + clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                        + ": create it with `pipeline apply -f <pipeline file>` (it is compacted, one partition)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of "
                    + clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + ": " + e, e);
        }
    }

    private void send(byte[] key, byte[] value) {
        if (producer == null) {
            Map<String, Object> config = new LinkedHashMap<>(clientProperties);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the buffer did not acknowledge the write to " + topic + ": "
                    + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
