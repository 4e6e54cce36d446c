package org.kafkaetl.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.HadoopFixture;
import org.kafkaetl.it.fixtures.KafkaFixture;
import org.kafkaetl.it.fixtures.MariaDbFixture;

/** Proves that every part of the shared integration-test environment really works. */
@ExtendWith(EtlEnvironmentExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FixturesSmokeIT {

    @BeforeAll
    static void environment(EtlTestEnvironment env) {
        assertThat(env.totalStartup()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    @Order(1)
    void mariaDbCreateInsertSelect(MariaDbFixture db) throws SQLException {
        String table = EtlTestEnvironment.uniqueName("smoke");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL) ENGINE=InnoDB");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "row-" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            assertThat(selectNames(c, table)).containsExactly("row-1", "row-2", "row-3");
        }
        assertThat(db.jdbcUrl()).contains("127.0.0.1:" + db.port() + "/kafka_etl");
        assertThat(db.user()).isEqualTo("etl");
    }

    @Test
    @Order(2)
    void mariaDbSurvivesStopAndStart(MariaDbFixture db) throws SQLException {
        String table = EtlTestEnvironment.uniqueName("restart");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL)");
            s.execute("INSERT INTO " + table + " VALUES (1, 'before-restart')");
        }
        int port = db.port();
        long t0 = System.nanoTime();
        db.stop();
        assertThat(db.isRunning()).isFalse();
        long stopped = System.nanoTime();
        db.start();
        long started = System.nanoTime();
        System.out.printf("[etl-it] MariaDB stop %d ms, restart %d ms%n",
                (stopped - t0) / 1_000_000, (started - stopped) / 1_000_000);
        assertThat(db.port()).isEqualTo(port);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(selectNames(c, table)).containsExactly("before-restart");
            s.execute("INSERT INTO " + table + " VALUES (2, 'after-restart')");
            assertThat(selectNames(c, table)).containsExactly("before-restart", "after-restart");
        }
    }

    @Test
    @Order(3)
    void kafkaProduceAndConsumeWithAssignAndSeek(KafkaFixture kafka) throws Exception {
        String topic = EtlTestEnvironment.uniqueName("smoke-topic");
        int partitions = 4;
        int messages = 100;
        kafka.createTopic(topic, partitions);

        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            sent.add(kafka.produce(topic, i % partitions, bytes("k" + i), bytes("v" + i)));
        }
        kafka.flush();
        for (Future<RecordMetadata> f : sent) {
            assertThat(f.get().topic()).isEqualTo(topic);
        }
        Map<TopicPartition, Long> end = kafka.endOffsets(topic, partitions);
        assertThat(end.values()).containsOnly(25L);

        List<TopicPartition> tps = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        List<ConsumerRecord<byte[], byte[]>> all = kafka.consume(tps, messages, Duration.ofSeconds(60));
        assertThat(all).hasSize(messages);
        assertThat(all.stream().map(r -> str(r.value())).collect(Collectors.toSet()))
                .isEqualTo(IntStream.range(0, messages).mapToObj(i -> "v" + i).collect(Collectors.toSet()));
        for (ConsumerRecord<byte[], byte[]> r : all) {
            int i = Integer.parseInt(str(r.key()).substring(1));
            assertThat(r.partition()).isEqualTo(i % partitions);
        }

        // seek into the middle of one partition: offsets 20..24 of partition 2
        TopicPartition p2 = new TopicPartition(topic, 2);
        try (KafkaConsumer<byte[], byte[]> c = kafka.newConsumer()) {
            c.assign(List.of(p2));
            c.seek(p2, 20);
            List<ConsumerRecord<byte[], byte[]>> tail = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tail.size() < 5 && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(tail::add);
            }
            assertThat(tail).extracting(ConsumerRecord::offset).containsExactly(20L, 21L, 22L, 23L, 24L);
            // records in partition 2 are messages 2, 6, 10, ...: offset n holds message 2 + 4n
            assertThat(str(tail.get(0).value())).isEqualTo("v" + (2 + 4 * 20));
        }
    }

    @Test
    @Order(4)
    void kafkaBrokerRestart(KafkaFixture kafka) {
        String topic = EtlTestEnvironment.uniqueName("restart-topic");
        kafka.createTopic(topic, 1);
        kafka.produceSync(topic, 0, bytes("a"), bytes("before"));
        String bootstrap = kafka.bootstrapServers();
        long t0 = System.nanoTime();
        kafka.stopBroker();
        long stopped = System.nanoTime();
        kafka.restartBroker();
        System.out.printf("[etl-it] Kafka broker stop %d ms, restart %d ms%n",
                (stopped - t0) / 1_000_000, (System.nanoTime() - stopped) / 1_000_000);
        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        kafka.produceSync(topic, 0, bytes("b"), bytes("after"));
        List<ConsumerRecord<byte[], byte[]>> recs =
                kafka.consume(List.of(new TopicPartition(topic, 0)), 2, Duration.ofSeconds(60));
        assertThat(recs).extracting(r -> str(r.value())).containsExactly("before", "after");
    }

    @Test
    @Order(5)
    void hdfsWriteReadAppend(HadoopFixture hadoop) throws IOException {
        FileSystem fs = hadoop.fileSystem();
        Path file = new Path("/smoke/" + EtlTestEnvironment.uniqueName("append") + "/data.txt");
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(bytes("line-1\n"));
        }
        assertThat(readAll(fs, file)).isEqualTo("line-1\n");
        try (FSDataOutputStream out = fs.append(file)) {
            out.write(bytes("line-2\n"));
            out.hsync();
        }
        try (FSDataOutputStream out = fs.append(file)) {
            out.write(bytes("line-3\n"));
        }
        assertThat(readAll(fs, file)).isEqualTo("line-1\nline-2\nline-3\n");
        assertThat(fs.getFileStatus(file).getLen()).isEqualTo(21);
        assertThat(fs.getUri().getScheme()).isEqualTo("hdfs");
        assertThat(hadoop.configuration().get(FileSystem.FS_DEFAULT_NAME_KEY)).startsWith("hdfs://");
    }

    @Test
    @Order(6)
    void mapReduceJobRunsOnYarn(HadoopFixture hadoop) throws Exception {
        Configuration conf = hadoop.configuration();
        FileSystem fs = hadoop.fileSystem();
        Path dir = new Path("/smoke/" + EtlTestEnvironment.uniqueName("mr"));
        Path in = new Path(dir, "in");
        Path out = new Path(dir, "out");
        try (FSDataOutputStream o = fs.create(new Path(in, "words.txt"))) {
            o.write(bytes("alpha\nbeta\ngamma\n"));
        }

        Job job = Job.getInstance(conf, "smoke-uppercase");
        job.setJarByClass(UpperCaseMapper.class);
        job.setMapperClass(UpperCaseMapper.class);
        job.setNumReduceTasks(0);
        job.setInputFormatClass(TextInputFormat.class);
        job.setOutputFormatClass(TextOutputFormat.class);
        job.setOutputKeyClass(Text.class);
        job.setOutputValueClass(NullWritable.class);
        FileInputFormat.addInputPath(job, in);
        FileOutputFormat.setOutputPath(job, out);

        long t0 = System.nanoTime();
        boolean ok = job.waitForCompletion(false);
        System.out.printf("[etl-it] map-only MapReduce job on YARN took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(ok).as("job %s succeeded (state %s, diagnostics in target/kafka-etl-it)", job.getJobID(),
                job.getStatus().getState()).isTrue();
        assertThat(job.getCounters().findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue()).isEqualTo(3);

        assertThat(fs.exists(new Path(out, "_SUCCESS"))).isTrue();
        StringBuilder result = new StringBuilder();
        for (FileStatus st : fs.listStatus(out, p -> p.getName().startsWith("part-"))) {
            result.append(readAll(fs, st.getPath()));
        }
        assertThat(result.toString().lines().sorted().toList()).containsExactly("ALPHA", "BETA", "GAMMA");
    }

    /** Trivial map-only mapper: upper-cases each line. Runs inside a YARN container. */
    public static class UpperCaseMapper extends Mapper<LongWritable, Text, Text, NullWritable> {
        private final Text outKey = new Text();

        @Override
        protected void map(LongWritable key, Text value, Context ctx) throws IOException, InterruptedException {
            outKey.set(value.toString().toUpperCase(java.util.Locale.ROOT));
            ctx.write(outKey, NullWritable.get());
        }
    }

    private static List<String> selectNames(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String readAll(FileSystem fs, Path p) throws IOException {
        try (FSDataInputStream in = fs.open(p);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[4096];
            int n;
            while ((n = r.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

}
