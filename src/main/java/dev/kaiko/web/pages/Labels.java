package dev.kaiko.web.pages;

import dev.kaiko.search.Facet;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * UI labels of the pages ({@code {msg:key}} in templates), in English here and in Japanese in
 * {@code messages/msg_ja.properties}; the page's locale picks one (see {@link Pages}).
 */
@MessageBundle(value = "msg", locale = "en")
public interface Labels {

    @Message("Skip to content")
    String skip_to_content();

    @Message("Kaiko home")
    String home();

    @Message("Site")
    String site_navigation();

    @Message("Search")
    String nav_search();

    @Message("Technologies")
    String nav_tags();

    @Message("Admin")
    String nav_admin();

    @Message("Kaiko — every topic of every weekly session, searchable.")
    String footer();

    @Message("Search the archive")
    String search_label();

    @Message("Search topics: eBPF, サイドカー, \"exact phrase\", -exclude")
    String search_placeholder();

    @Message("Search")
    String search_button();

    @Message("Filters")
    String facets_label();

    @Message("Filters / 絞り込み")
    String filters();

    /**
     * A facet's name, one message per {@link Facet} constant in the localized files ({@code facet_name_YEAR}, …;
     * English in {@code messages/msg.properties}), so that adding a facet adds no method here.
     */
    @Message
    String facet_name(Facet facet);

    /** The technologies of a topic (also {@code facet_name_TAG}). */
    @Message("Technology")
    String facet_tag();

    /** The labels of a topic (also {@code facet_name_LABEL}). */
    @Message("Label")
    String facet_label();

    @Message("Series")
    String series();

    @Message(
            "{issues} {#if issues == 1}issue{#else}issues{/if}, {topics} {#if topics == 1}topic{#else}topics{/if}, {first} – {last}")
    String series_figures(long issues, long topics, java.time.LocalDate first, java.time.LocalDate last);

    @Message("{count} {#if count == 1}issue{#else}issues{/if}")
    String issue_count(int count);

    @Message("Search this series")
    String search_this_series();

    @Message("All issues of {series}")
    String series_link(String series);

    @Message("Apply filters")
    String apply_filters();

    @Message("Results")
    String results_label();

    @Message("{total} {#if total == 1}topic{#else}topics{/if} ({took} ms)")
    String result_count(long total, long took);

    @Message("Sort")
    String sort_label();

    @Message("Relevance")
    String sort_relevance();

    @Message("Newest first")
    String sort_newest();

    @Message("Oldest first")
    String sort_oldest();

    @Message("Selected filters")
    String selected_filters();

    @Message("Remove filter {value}")
    String remove_filter(String value);

    @Message("Clear all filters")
    String clear_filters();

    @Message("Nothing found")
    String no_results_title();

    @Message("Did you mean")
    String did_you_mean();

    @Message("No topic has all the words — showing results without “{words}”.")
    String relaxed_notice(String words);

    @Message("Fewer filters may help:")
    String loosen_filters();

    @Message("Show everything with these filters")
    String search_without_words();

    @Message("Tip: fewer or shorter words find more; \"quotes\" search a phrase, -word excludes.")
    String search_hint();

    @Message("Original article")
    String original_article();

    @Message("Pages")
    String pagination();

    @Message("Previous")
    String previous();

    @Message("Next")
    String next();

    @Message("Page {current} of {last}")
    String page_of(int current, int last);

    @Message("The search could not be understood.")
    String bad_search();

    @Message("Search is starting up or temporarily unavailable. Please try again in a few seconds.")
    String search_unavailable();

    @Message("Start a new search")
    String start_over();

    @Message("No archive yet")
    String empty_title();

    @Message(
            "Kaiko has no topics yet. Import the archive of your weekly sessions (plain text, Markdown, JSON feeds, HTML, RSS/Atom or a zip of them) on the admin page or with the API:")
    String empty_text();

    @Message("demo")
    String demo_badge();

    @Message("From the bundled demo archive, not from your team's archive")
    String demo_badge_title();

    @Message("This instance still holds the bundled demo archive (topics marked \"demo\"), so a first run has"
            + " something to search. Importing your own archive does not remove it: an admin removes the demo"
            + " with one call, DELETE /api/demo, and it is not imported again.")
    String demo_notice();

    @Message("Import on the admin page")
    String empty_admin();

    @Message("Breadcrumbs")
    String breadcrumbs();

    @Message("presented by")
    String presented_by();

    @Message("in {title}")
    String in_issue(String title);

    @Message("Links")
    String links();

    @Message("Previous and next")
    String neighbours();

    @Message("Previous topic")
    String previous_topic();

    @Message("Next topic")
    String next_topic();

    @Message("In this issue")
    String this_issue();

    @Message("Related topics")
    String related_topics();

    @Message("Related topics are unavailable while the search engine is down.")
    String related_unavailable();

    @Message("No related topics: no other topic shares a distinctive technology or enough of its words.")
    String related_none();

    @Message("Shared before")
    String shared_before();

    @Message("Shared before in {series} #{number} ({date})")
    String shared_before_number(String series, Integer number, java.time.LocalDate date);

    @Message("Shared before in {series} of {date}")
    String shared_before_date(String series, java.time.LocalDate date);

    @Message("{count} {#if count == 1}topic{#else}topics{/if}")
    String topic_count(long count);

    @Message("Previous issue")
    String previous_issue();

    @Message("Next issue")
    String next_issue();

    @Message("Technologies")
    String tags_title();

    @Message("{count} technologies mentioned in the archive, by category.")
    String tags_lead(int count);

    @Message("No technologies yet: the archive is empty.")
    String no_tags();

    @Message("Also known as")
    String also_known_as();

    @Message("first mentioned in")
    String first_mentioned();

    @Message("Search topics about it")
    String search_this_tag();

    @Message("Topics about {name} per year")
    String topics_per_year(String name);

    @Message("All {count} in the search")
    String more_in_search(long count);

    @Message("Presenter")
    String presenter();

    @Message("Search their topics")
    String search_this_presenter();

    @Message("Page not found")
    String error_404();

    @Message("This request could not be handled")
    String error_4xx();

    @Message("Something went wrong on our side")
    String error_500();

    @Message("Try a search, or go back to the start page.")
    String error_help();

    @Message("Import archive files")
    String admin_title();

    @Message("The archive holds {issues} issues with {topics} topics.")
    String admin_status(long issues, long topics);

    @Message("Archive files")
    String admin_files();

    @Message(
            "Plain text, Markdown, JSON item feeds, Kaiko exports, HTML pages, RSS/Atom feeds, or a zip of them. Re-importing a file updates it in place.")
    String admin_files_help();

    @Message("Import")
    String admin_import();

    @Message("Importing… large archives take a while.")
    String admin_importing();

    @Message("Choose at least one file.")
    String admin_no_file();

    @Message("Uploads are accepted only from Kaiko's own admin page.")
    String admin_cross_origin();

    @Message("Import report")
    String admin_report();

    @Message("{filesDone} of {filesTotal} files, {topicsDone} topics imported.")
    String admin_progress(long filesDone, long filesTotal, long topicsDone);

    @Message("Topics: {added} added, {updated} updated, {unchanged} unchanged, {removed} removed.")
    String admin_totals(int added, int updated, int unchanged, int removed);

    @Message("File")
    String admin_file();

    @Message("Format")
    String admin_format();

    @Message("Issues")
    String admin_issues();

    @Message("Errors")
    String admin_errors();

    @Message("line {line}:")
    String admin_line(Integer line);

    @Message("Followed blogs and feeds")
    String admin_sources();

    @Message(
            "Kaiko fetches each source on a schedule, imports new and changed entries, and reads back through its older pages once.")
    String admin_sources_lead();

    @Message("Feed or blog archive URL")
    String admin_source_url();

    @Message("An RSS/Atom feed, or an archive page of a blog (Hatena Blog, Zenn, WordPress, a static site).")
    String admin_source_url_help();

    @Message("Follow")
    String admin_source_add();

    @Message("No sources yet.")
    String admin_no_sources();

    @Message("Status")
    String admin_source_status();

    @Message("Last fetch")
    String admin_source_last_fetch();

    @Message("Items")
    String admin_source_items();

    @Message("Last error")
    String admin_source_error();

    @Message("fetching…")
    String admin_source_fetching();

    @Message("Fetch now")
    String admin_source_fetch();

    @Message("Delete")
    String admin_source_delete();

    @Message("never")
    String admin_source_never();

    @Message("Changes are accepted only from Kaiko's own admin page.")
    String admin_sources_cross_origin();

    @Message("Changes the search index refused")
    String admin_dead_letters();

    @Message(
            "The search engine kept refusing these topics' documents; the rest of the index is current. Fix the cause (the error says what the engine objected to), then retry.")
    String admin_dead_letters_lead();

    @Message("Topic")
    String admin_dead_letter_topic();

    @Message("Attempts")
    String admin_dead_letter_attempts();

    @Message("Parked at")
    String admin_dead_letter_parked();

    @Message("Retry all refused changes")
    String admin_dead_letters_retry();

    @Message("What readers search for")
    String admin_queries();

    @Message(
            "Searches are counted per day (UTC) and query, with no data about who searched. A zero-hit query found nothing as typed: add it as an alias of the technology it means, and search and tags know it at once (topics are re-tagged in the background).")
    String admin_queries_lead();

    @Message("From")
    String admin_queries_since();

    @Message("To")
    String admin_queries_until();

    @Message("Show")
    String admin_queries_show();

    @Message("Top queries")
    String admin_queries_top();

    @Message("Zero-hit queries")
    String admin_queries_zero();

    @Message("Query")
    String admin_queries_query();

    @Message("Searches")
    String admin_queries_count();

    @Message("Latest hits")
    String admin_queries_last_hits();

    @Message("Last searched")
    String admin_queries_last_seen();

    @Message("Answered otherwise")
    String admin_queries_rescued();

    @Message("No searches in this period.")
    String admin_queries_none();

    @Message("No query found nothing in this period.")
    String admin_queries_no_zero();

    @Message("Technology")
    String admin_alias_technology();

    @Message("Add as alias")
    String admin_alias_add();

    @Message("Aliases added here")
    String admin_aliases();

    @Message("No aliases added yet.")
    String admin_aliases_none();

    @Message("Alias")
    String admin_alias();

    @Message("Remove")
    String admin_alias_delete();

    @Message("{alias} is now a spelling of {technology}; topics are being re-tagged.")
    String admin_alias_added(String alias, String technology);
    // Accessibility: names that tell the facet controls apart (read by screen readers and speech input)

    @Message("Show more: {facet}")
    String show_more(String facet);

    @Message("Show fewer: {facet}")
    String show_fewer(String facet);

    @Message("{count} {#if count == 1}topic{#else}topics{/if}")
    String facet_value_count(long count);

    // ---- admin login (web.security) ----

    @Message("Admin login")
    String login_title();

    @Message(
            "Writing to the archive needs the admin token. The browser then keeps a session, which ends after 30 minutes without use.")
    String login_lead();

    @Message("Admin token")
    String login_token();

    @Message(
            "The value of kaiko.admin.token, of one of kaiko.admin.tokens.*, or of the file admin-token in the data directory.")
    String login_token_help();

    @Message("Log in")
    String login_submit();

    @Message("That token is not accepted.")
    String login_failed();

    @Message("Log out")
    String admin_logout();
}
