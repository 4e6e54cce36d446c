package research;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.*;
import java.io.File;

/** Writes day 1 with schema v1 (3 records) and day 2 with schema v2 (2 records, added optional field). */
public class AvroFiles {
  static final String V1 = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
  static final String V2 = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"page\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
  public static void main(String[] a) throws Exception {
    String root = a[0];
    write(new File(root, "2026-12-01/part-00000.avro"), V1, 3);
    write(new File(root, "2026-12-02/part-00000.avro"), V2, 2);
    new File(root, "2026-12-01/_COMPLETE").createNewFile();
  }
  static void write(File f, String s, int n) throws Exception {
    f.getParentFile().mkdirs();
    Schema schema = new Schema.Parser().parse(s);
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      w.create(schema, f);
      for (int i = 0; i < n; i++) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", (long) i);
        if (schema.getField("page") != null) r.put("page", "/p" + i);
        w.append(r);
      }
    }
  }
}
