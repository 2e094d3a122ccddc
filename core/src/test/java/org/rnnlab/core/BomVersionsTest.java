package org.rnnlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code bom/pom.xml}, the bill of materials library users import, has no parent (so that it pins nothing of theirs but
 * rnnlab and its natives) and so repeats versions of the parent POM: every entry must be the parent's, version and all,
 * so that the versions are still decided in one place.
 */
class BomVersionsTest {

    @Test
    void everyEntryOfTheBomIsTheParentsWithItsVersion() throws Exception {
        Document parent = read(Path.of("..", "pom.xml"));
        Document bom = read(Path.of("..", "bom", "pom.xml"));
        assertThat(child(bom.getDocumentElement(), "parent")).as("the BOM has no parent").isNull();
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
        assertThat(modules(parent)).contains("bom");

        Map<String, String> parentVersions = managed(parent);
        Map<String, String> bomVersions = managed(bom);
        assertThat(bomVersions).isNotEmpty().containsKeys("org.rnnlab:rnnlab-training", "org.bytedeco:javacpp:linux-x86_64",
                "org.bytedeco:openblas:linux-x86_64", "org.bytedeco:dnnl:linux-x86_64", "ch.qos.logback:logback-classic");
        for (Map.Entry<String, String> e : bomVersions.entrySet()) {
            assertThat(parentVersions).as("the parent manages %s", e.getKey()).containsKey(e.getKey());
            assertThat(e.getValue()).as("version of %s in bom/pom.xml", e.getKey()).isEqualTo(parentVersions.get(e.getKey()));
        }
        // and the other way: every native library the parent pins (but CUDA's, the cuda profile's) is in the BOM, so that a new
        // one, or a new classifier of one, cannot be left out of it
        for (String key : parentVersions.keySet()) {
            if (key.startsWith("org.bytedeco:") && !key.startsWith("org.bytedeco:cuda")) {
                assertThat(bomVersions).as("bom/pom.xml pins %s as the parent does", key).containsKey(key);
            }
        }
        for (String module : modules(parent)) {
            Path pom = Path.of("..", module, "pom.xml");
            String artifact = text(read(pom).getDocumentElement(), "artifactId");
            if (java.util.List.of("rnnlab-core", "rnnlab-datasets", "rnnlab-training", "rnnlab-export", "rnnlab-serving", "rnnlab-evaluation").contains(artifact)) {
                assertThat(bomVersions).as("the BOM lists the library module %s", artifact).containsKey("org.rnnlab:" + artifact);
            }
        }
    }

    private static Document read(Path pom) throws Exception {
        assertThat(pom).exists();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(Files.newInputStream(pom));
    }

    /** groupId:artifactId[:classifier] to the version, properties resolved, of the dependencyManagement (type pom left out). */
    private static Map<String, String> managed(Document pom) {
        Element project = pom.getDocumentElement();
        Map<String, String> properties = new HashMap<>();
        properties.put("project.version", text(project, "version"));
        Element props = child(project, "properties");
        if (props != null) {
            NodeList list = props.getChildNodes();
            for (int i = 0; i < list.getLength(); i++) {
                if (list.item(i) instanceof Element p) {
                    properties.put(p.getTagName(), p.getTextContent().trim());
                }
            }
        }
        Map<String, String> versions = new LinkedHashMap<>();
        Element deps = child(child(project, "dependencyManagement"), "dependencies");
        NodeList list = deps.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            if (d.getParentNode() != deps || "pom".equals(text(d, "type")) || "test-jar".equals(text(d, "type"))) {
                continue;
            }
            String classifier = text(d, "classifier");
            String version = text(d, "version");
            for (Map.Entry<String, String> p : properties.entrySet()) {
                version = version.replace("${" + p.getKey() + "}", p.getValue());
            }
            versions.put(text(d, "groupId") + ":" + text(d, "artifactId") + (classifier == null ? "" : ":" + classifier), version);
        }
        return versions;
    }

    private static java.util.List<String> modules(Document pom) {
        java.util.List<String> modules = new java.util.ArrayList<>();
        NodeList list = child(pom.getDocumentElement(), "modules").getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            modules.add(list.item(i).getTextContent().trim());
        }
        return modules;
    }

    private static Element child(Element e, String name) {
        if (e == null) {
            return null;
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent().trim();
    }
}
