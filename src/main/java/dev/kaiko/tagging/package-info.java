/**
 * Technology tagging: a curated taxonomy and automatic tags with provenance.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * @Inject TaxonomyInUse taxonomies;          // kaiko.tagging.* config + aliases admins stored in the database
 * Set<String> auto = taxonomies.tagger().tag(title, body); // canonical names, ancestors included
 * String canonical = taxonomies.taxonomy().mapArchiveTag("nodejs");   // "Node.js"; unknown → normalised free tag
 * }</pre>
 * Ask {@code TaxonomyInUse} at each use: an alias added through {@link dev.kaiko.tagging.TaxonomyAliases} (here or on
 * another instance) swaps taxonomy and tagger without a restart.
 * {@link dev.kaiko.tagging.TopicTagging} is the importer-facing facade (autoTags / archiveTags).
 *
 * <h2>Configuration</h2>
 * {@code kaiko.tagging.taxonomy=<path|classpath:res>} replaces the shipped {@code tagging/taxonomy.yaml};
 * {@code kaiko.tagging.taxonomy-extension=<path|classpath:res>} extends whichever taxonomy is in use (new
 * entries are added; an entry with an existing name adds aliases/context terms and may override category and
 * parent). Both are validated at start-up; an invalid file fails the start with a message naming the entry.
 *
 * <h2>Taxonomy file</h2>
 * <pre>
 * technologies:
 *   - {name: Sidecar containers, category: infrastructure, parent: Kubernetes,
 *      aliases: [SidecarContainers, sidecar, サイドカー, サイドカーコンテナ]}
 *   - name: Go
 *     category: language
 *     aliases: [Golang, Go言語]
 *     ambiguous: [Go]                 # counts only capitalised and with context:
 *     context:
 *       after:  ['v?1\.\d+', '(言語|の|で|は|を|が|…)']   # regexes right after the term
 *       before: ['(written|implemented) in\s*$']          # regexes ending right before it
 *       near:   [goroutine, gopher, go.mod, rust, python]  # terms anywhere in the topic
 * </pre>
 * Parents model "is a feature / component / sub-product of, or a framework or tool built for exactly one host":
 * Sidecar containers → Kubernetes, netkit → Linux kernel → Linux, Hubble → Cilium, Next.js → React,
 * Nuxt → Vue.js, Vitest → Vite, Tailwind CSS → CSS, Lerna → Monorepo. Tagging a child tags its ancestors.
 *
 * <h2>Matching and decision rules</h2>
 * See {@link dev.kaiko.tagging.TechnologyTagger}: NFKC + case folding, one Aho–Corasick pass per field,
 * Latin word boundaries (Japanese aliases match inside unsegmented text), version/file-extension/CLI-flag
 * guards, context rules for ambiguous names, analogies ("X のような", "X-like", "alternative to X") dropped,
 * longest match wins. A technology is tagged when it is in the title (minus a trailing site-name segment
 * such as "| WebKit"), in the body's first sentence, the grammatical topic/subject of a clause (X は / X が /
 * X という), or mentioned at least twice in the body — except that in release notes (first sentence announces
 * a release) repeated body mentions do not count.
 */
package dev.kaiko.tagging;
