package dev.kaiko.support;

import java.util.List;

/** The titles of the nine topics of the seed issue (Neco Weekly 2023-12-22), in archive order. */
public final class SeedTopics {

    public static final String REGISTRY = "大規模Kubernetesクラスタにおけるコンテナレジストリの高速化";
    public static final String CILIUM = "CiliumにおけるGeneveプロトコルを用いたDSRの実装と導入";
    public static final String SIDECAR = "Kubernetes 1.28でFeatureGateになったSidecar containersをJobで試す";
    public static final String CVSS = "CVSSとその限界";
    public static final String FAIL_IN_PLACE = "A fail-in-place approach for sustainable server operations";
    public static final String EBPF_BOOK = "入門 eBPF";
    public static final String NETKIT = "BPF Programmable Netdevice";
    public static final String VAULT = "HashiCorp Vaultもフォークへ、「OpenBao」がLinux Foundation傘下で進行中";
    public static final String OTEL_GO = "eBPFを使ったOpenTelemetryのGo自動計装ライブラリを調べる";

    public static final List<String> ALL =
            List.of(REGISTRY, CILIUM, SIDECAR, CVSS, FAIL_IN_PLACE, EBPF_BOOK, NETKIT, VAULT, OTEL_GO);

    private SeedTopics() {}
}
