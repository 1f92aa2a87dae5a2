package dev.kaiko.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed issue (Neco Weekly 2023-12-22): each topic carries the technologies it is about. */
class SeedIssueTaggingTest {

    static final String REGISTRY = "大規模Kubernetesクラスタにおけるコンテナレジストリの高速化";
    static final String CILIUM = "CiliumにおけるGeneveプロトコルを用いたDSRの実装と導入";
    static final String SIDECAR = "Kubernetes 1.28でFeatureGateになったSidecar containersをJobで試す";
    static final String CVSS = "CVSSとその限界";
    static final String FAIL_IN_PLACE = "A fail-in-place approach for sustainable server operations";
    static final String EBPF_BOOK = "入門 eBPF";
    static final String NETKIT = "BPF Programmable Netdevice";
    static final String VAULT = "HashiCorp Vaultもフォークへ、「OpenBao」がLinux Foundation傘下で進行中";
    static final String OTEL_GO = "eBPFを使ったOpenTelemetryのGo自動計装ライブラリを調べる";
    static final List<String> TITLES = List.of(REGISTRY, CILIUM, SIDECAR, CVSS, FAIL_IN_PLACE, EBPF_BOOK, NETKIT,
            VAULT, OTEL_GO);
    static final Set<String> STOP = Set.of("👀 Notable Articles", "あとがき");

    static Taxonomy taxonomy;
    static TechnologyTagger tagger;
    static Map<String, Set<String>> tags = new LinkedHashMap<>();

    /** title line + following lines until the next known title or section heading. */
    static Map<String, String> topics(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String l : lines) {
            String line = l.strip();
            if (TITLES.contains(line) || STOP.contains(line)) {
                if (current != null) {
                    out.put(current, body.toString());
                }
                current = TITLES.contains(line) ? line : null;
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        return out;
    }

    @BeforeAll
    static void tagSeed() throws IOException {
        taxonomy = Taxonomy.loadDefault();
        tagger = new TechnologyTagger(taxonomy);
        Path seed = Path.of(System.getProperty("kaiko.corpora", "../shared/corpora"), "neco-weekly-2023-12-22.txt");
        Map<String, String> topics = topics(Files.readAllLines(seed));
        assertEquals(TITLES.size(), topics.size(), "all 9 seed topics found");
        topics.forEach((title, body) -> {
            Set<String> t = tagger.tag(title, body);
            tags.put(title, t);
            System.out.println(title + " -> " + t);
        });
    }

    static void assertTagged(String title, String... expected) {
        for (String e : expected) {
            assertTrue(tags.get(title).contains(e), title + " should carry " + e + " but has " + tags.get(title));
        }
    }

    @Test
    void ebpfTopics() {
        assertTagged(EBPF_BOOK, "eBPF");
        assertTagged(NETKIT, "eBPF", "netkit", "Cilium");
        assertTagged(OTEL_GO, "eBPF", "OpenTelemetry", "Go");
    }

    @Test
    void sidecarTopicCarriesParent() {
        assertTagged(SIDECAR, "Sidecar containers", "Kubernetes", "Feature gates");
    }

    @Test
    void cvssTopic() {
        assertTagged(CVSS, "CVSS", "EPSS");
    }

    @Test
    void vaultTopic() {
        assertTagged(VAULT, "Vault", "OpenBao", "Terraform", "OpenTofu");
    }

    @Test
    void ciliumTopic() {
        assertTagged(CILIUM, "Cilium", "Geneve", "DSR");
    }

    @Test
    void registryTopic() {
        assertTagged(REGISTRY, "Spegel", "Kubernetes", "Container registry");
    }

    @Test
    void failInPlaceCarriesNoLanguage() {
        for (String t : tags.get(FAIL_IN_PLACE)) {
            assertTrue(!"language".equals(taxonomy.find(t).orElseThrow().category()),
                    "fail-in-place topic got language tag " + t);
        }
        assertTrue(!tags.get(FAIL_IN_PLACE).contains("Go"));
    }
}
