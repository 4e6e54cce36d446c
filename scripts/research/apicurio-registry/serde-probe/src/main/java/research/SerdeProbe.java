package research;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import java.net.URI;
import java.net.http.*;
import java.nio.ByteBuffer;
import java.util.*;

public class SerdeProbe {
  public static void main(String[] a) throws Exception {
    String base = a.length > 0 ? a[0] : "http://127.0.0.1:18081";
    Map<String, Object> cfg = new HashMap<>();
    cfg.put(SerdeConfig.REGISTRY_URL, base + "/apis/registry/v2");
    cfg.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
    cfg.put(SerdeConfig.ENABLE_HEADERS, false);
    cfg.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true);   // magic 0 + 4-byte id
    cfg.put(SerdeConfig.USE_ID, "contentId");                  // the id ccompat hands out
    String[] schemas = {
      "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}",
      "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"page\",\"type\":[\"null\",\"string\"],\"default\":null}]}"};
    HttpClient http = HttpClient.newHttpClient();
    long t0 = System.nanoTime();
    for (String s : schemas) {
      Schema schema = new Schema.Parser().parse(s);
      GenericRecord r = new GenericData.Record(schema);
      r.put("id", 42L);
      if (schema.getField("page") != null) r.put("page", "/home");
      try (AvroKafkaSerializer<GenericRecord> ser = new AvroKafkaSerializer<>()) {
        ser.configure(cfg, false);
        byte[] b = ser.serialize("clicks", r);
        ByteBuffer bb = ByteBuffer.wrap(b);
        byte magic = bb.get(); int id = bb.getInt();
        System.out.printf("len=%d magic=%d id=%d first bytes=%s%n", b.length, magic, id, HexFormat.of().formatHex(b, 0, Math.min(12, b.length)));
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(base + "/apis/ccompat/v7/schemas/ids/" + id)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("ccompat by id -> " + resp.statusCode() + " " + resp.body());
        try (AvroKafkaDeserializer<GenericRecord> de = new AvroKafkaDeserializer<>()) {
          de.configure(cfg, false);
          System.out.println("round trip: " + de.deserialize("clicks", b));
        }
      }
    }
    HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(base + "/apis/ccompat/v7/subjects")).build(), HttpResponse.BodyHandlers.ofString());
    System.out.println("subjects: " + resp.body());
    resp = http.send(HttpRequest.newBuilder(URI.create(base + "/apis/ccompat/v7/subjects/clicks-value/versions")).build(), HttpResponse.BodyHandlers.ofString());
    System.out.println("clicks-value versions: " + resp.body());
    // an incompatible third version once the subject asks for BACKWARD compatibility
    resp = http.send(HttpRequest.newBuilder(URI.create(base + "/apis/ccompat/v7/config/clicks-value"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    System.out.println("set BACKWARD: " + resp.statusCode() + " " + resp.body());
    Schema bad = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    GenericRecord r3 = new GenericData.Record(bad);
    r3.put("id", "x");
    try (AvroKafkaSerializer<GenericRecord> ser = new AvroKafkaSerializer<>()) {
      ser.configure(cfg, false);
      ser.serialize("clicks", r3);
      System.out.println("incompatible schema was accepted");
    } catch (RuntimeException e) {
      System.out.println("incompatible schema refused: " + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    System.out.printf("took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
  }
}
