package dev.kaiko.web.pages;

/**
 * What every page's layout needs: the page language and the link that switches to the other one.
 *
 * @param lang ja or en
 * @param switchLang the other language
 * @param switchUrl the current page in the other language
 */
public record Ui(String lang, String switchLang, String switchUrl) {

    public String switchLabel() {
        return "ja".equals(switchLang) ? "日本語" : "English";
    }
}
