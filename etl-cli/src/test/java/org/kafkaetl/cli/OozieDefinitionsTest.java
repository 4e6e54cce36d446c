package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * conf/oozie against Oozie's own published schemas (the newest in oozie-client: workflow 1.0,
 * coordinator 0.5), plus what the schemas leave open: transitions that lead somewhere, the
 * controls and the exit-code handling we promise, and a job.properties that defines every
 * parameter without a default.
 */
class OozieDefinitionsTest {
  private static final Path OOZIE = Path.of("../conf/oozie");
  private static final String WORKFLOW_NS = "uri:oozie:workflow:1.0";
  private static final String COORDINATOR_NS = "uri:oozie:coordinator:0.5";
  private static final Pattern EL_VARIABLE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.]*)}");

  @Test
  void workflowIsValidAgainstOoziesSchema() throws Exception {
    assertThatNoException().isThrownBy(() -> validate("oozie-workflow-1.0.xsd", read("workflow.xml")));
  }

  @Test
  void coordinatorIsValidAgainstOoziesSchema() throws Exception {
    assertThatNoException().isThrownBy(() -> validate("oozie-coordinator-0.5.xsd", read("coordinator.xml")));
  }

  @Test
  void brokenCopiesAreRejected() throws IOException {
    String workflowWithoutMainClass = read("workflow.xml").replaceFirst("<main-class>[^<]*</main-class>", "");
    assertThatThrownBy(() -> validate("oozie-workflow-1.0.xsd", workflowWithoutMainClass))
        .isInstanceOf(SAXException.class).hasMessageContaining("main-class");
    String coordinatorWithTypo = read("coordinator.xml").replace("concurrency>", "concurency>");
    assertThatThrownBy(() -> validate("oozie-coordinator-0.5.xsd", coordinatorWithTypo))
        .isInstanceOf(SAXException.class).hasMessageContaining("concurency");
  }

  @Test
  void coordinatorRunsHourlyAtFivePastOneAtATimeInOrder() throws Exception {
    Element app = parse(read("coordinator.xml")).getDocumentElement();
    assertThat(app.getAttribute("frequency")).isEqualTo("5 * * * *");
    assertThat(app.getAttribute("timezone")).isEqualTo("${timezone}");
    assertThat(parameterDefault(app, COORDINATOR_NS, "timezone")).isEqualTo("UTC");
    assertThat(text(app, COORDINATOR_NS, "concurrency")).isEqualTo("1");
    assertThat(text(app, COORDINATOR_NS, "execution")).isEqualTo("FIFO");
    assertThat(Integer.parseInt(text(app, COORDINATOR_NS, "timeout"))).isBetween(1, 59);
  }

  @Test
  void workflowRunsTheToolAndEndsWellOnlyWhenItSucceededOrWasLocked() throws Exception {
    Element app = parse(read("workflow.xml")).getDocumentElement();
    String mainClass = text(app, WORKFLOW_NS, "main-class");
    assertThat(mainClass).isEqualTo(KafkaEtlMain.class.getName());
    assertThat(Class.forName(mainClass).getMethod("main", String[].class)).isNotNull();
    assertThat(texts(app, WORKFLOW_NS, "arg")).containsSubsequence("run", "--config", "kafka-etl.properties")
        .noneMatch(arg -> arg.contains("password")); // the launcher prints its arguments
    assertThat(transitionTargets(app)).isSubsetOf(nodeNames(app));
    assertThat(text(app, WORKFLOW_NS, "case")).isEqualTo("${wf:errorCode('run') eq '4'}");
    assertThat(text(app, WORKFLOW_NS, "message")).contains("${wf:errorCode('run')}", "${wf:errorMessage(");
  }

  @Test
  void jobPropertiesDefineEveryParameterWithoutADefault() throws Exception {
    Properties job = new Properties();
    try (Reader in = Files.newBufferedReader(OOZIE.resolve("job.properties"), StandardCharsets.UTF_8)) {
      job.load(in);
    }
    Set<String> required = new HashSet<>();
    required.addAll(parametersWithoutDefault(parse(read("workflow.xml")).getDocumentElement(), WORKFLOW_NS));
    required.addAll(parametersWithoutDefault(parse(read("coordinator.xml")).getDocumentElement(), COORDINATOR_NS));
    assertThat(required).contains("startTime", "etlConfig", "credentialProviderPath");
    assertThat(job.stringPropertyNames()).containsAll(required).contains("oozie.coord.application.path");
    for (String name : job.stringPropertyNames()) {
      assertThat(variables(job.getProperty(name))).as(name).allMatch(job::containsKey);
    }
  }

  private static void validate(String xsd, String xml) throws SAXException, IOException {
    URL schemaUrl = OozieDefinitionsTest.class.getClassLoader().getResource(xsd);
    assertThat(schemaUrl).as(xsd + " from oozie-client").isNotNull();
    // The system id lets the schema's <xs:include> of oozie-common-1.0.xsd resolve inside the jar.
    Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(new StreamSource(schemaUrl.toExternalForm()));
    schema.newValidator().validate(new StreamSource(new StringReader(xml)));
  }

  private static String read(String file) throws IOException {
    return Files.readString(OOZIE.resolve(file), StandardCharsets.UTF_8);
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static List<Element> elements(Element root, String ns, String name) {
    NodeList nodes = root.getElementsByTagNameNS(ns, name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static List<String> texts(Element root, String ns, String name) {
    return elements(root, ns, name).stream().map(e -> e.getTextContent().trim()).toList();
  }

  private static String text(Element root, String ns, String name) {
    List<String> texts = texts(root, ns, name);
    assertThat(texts).as("<" + name + ">").hasSize(1);
    return texts.get(0);
  }

  private static Set<String> nodeNames(Element app) {
    Set<String> names = new HashSet<>();
    for (String node : List.of("action", "decision", "fork", "join", "kill", "end")) {
      elements(app, WORKFLOW_NS, node).forEach(e -> names.add(e.getAttribute("name")));
    }
    return names;
  }

  private static Set<String> transitionTargets(Element app) {
    Set<String> targets = new HashSet<>();
    for (String transition : List.of("start", "ok", "error", "case", "default", "join")) {
      elements(app, WORKFLOW_NS, transition).forEach(e -> targets.add(e.getAttribute("to")));
    }
    return targets;
  }

  private static List<Element> parameters(Element app, String ns) {
    return elements(app, ns, "parameters").stream().flatMap(p -> elements(p, ns, "property").stream()).toList();
  }

  private static String parameterDefault(Element app, String ns, String name) {
    return parameters(app, ns).stream()
        .filter(p -> texts(p, ns, "name").equals(List.of(name)))
        .map(p -> texts(p, ns, "value"))
        .filter(values -> !values.isEmpty())
        .map(values -> values.get(0))
        .findFirst().orElse(null);
  }

  private static Set<String> parametersWithoutDefault(Element app, String ns) {
    Set<String> names = new HashSet<>();
    parameters(app, ns).stream().filter(p -> texts(p, ns, "value").isEmpty())
        .forEach(p -> names.add(texts(p, ns, "name").get(0)));
    return names;
  }

  private static Set<String> variables(String value) {
    Set<String> names = new HashSet<>();
    Matcher m = EL_VARIABLE.matcher(value);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
