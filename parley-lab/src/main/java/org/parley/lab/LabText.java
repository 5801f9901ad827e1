package org.parley.lab;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The lab's words in English ({@code lab.properties}) or Simplified Chinese
 * ({@code lab_zh_CN.properties}): the narrated trace of a run, the scoreboard, and the one-line
 * description of each scenario.
 */
public final class LabText {
    /** Base name of the bundles, for tests that compare their keys. */
    public static final String BUNDLE = "org.parley.lab.lab";

    private final ResourceBundle bundle;
    private final Locale locale;

    private LabText(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** Chinese for any {@code zh} locale, English otherwise (never the JVM default). */
    public static LabText forLocale(Locale locale) {
        Locale chosen = locale.getLanguage().equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
        return new LabText(ResourceBundle.getBundle(BUNDLE, chosen,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)), chosen);
    }

    /** The text of {@code key} with {@code args}; a missing key shows as itself in braces. */
    public String get(String key, Object... args) {
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            return "{" + key + "}";
        }
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /**
     * What a check observed, in this language: an alert stays as PROTOCOL.md writes it, a short id
     * such as {@code ciphertext-only} is translated ({@code observed.*} keys).
     */
    public String observed(String observed) {
        return has("observed." + observed) ? get("observed." + observed) : observed;
    }

    /** One line describing {@code scenario}. */
    public String summary(Scenario scenario) {
        return get("scenario." + scenario.name());
    }

    /** The narrated trace of one run, then the check and the verdict. */
    public List<String> narrate(ScenarioResult result) {
        List<String> lines = new ArrayList<>();
        lines.add(get("report.title", result.scenario(), result.variant().label()));
        for (Step step : result.steps()) {
            lines.add("  [" + get("actor." + step.actor().name()) + "] " + line(step));
        }
        result.outcome().flatMap(Outcome::check).ifPresent(c ->
                lines.add("  " + get("report.check", observed(c.observed()), c.section(), c.enforcer())));
        result.problem().ifPresent(p -> lines.add("  " + get("report.problem", p)));
        String verdict = result.outcome().map(o -> get("verdict." + o.verdict().name())).orElse("-");
        lines.add("  " + get("report.verdict", verdict, get("verdict." + result.expected().name()),
                result.asExpected() ? "✔" : "✘"));
        return lines;
    }

    /**
     * One step in this language. An argument written {@code @key} (or {@code @key|arg}) names a
     * phrase of the bundle, such as {@code @what.ping}, and is translated too.
     */
    public String line(Step step) {
        return say(new Phrase(step.key(), step.args()));
    }

    /** A phrase in this language; {@code @key} arguments are translated too. */
    public String say(Phrase phrase) {
        Object[] args = phrase.args().stream().map(this::argument).toArray();
        return get(phrase.key(), args);
    }

    private String argument(String arg) {
        if (!arg.startsWith("@")) {
            return arg;
        }
        if (arg.startsWith("@@")) {
            String[] parts = arg.substring(2).split("\\|", -1);
            return say(new Phrase(parts[0], List.of(parts).subList(1, parts.length)));
        }
        String[] parts = arg.substring(1).split("\\|", 2);
        return parts.length == 1 ? get(parts[0]) : get(parts[0], parts[1]);
    }

    /** The scoreboard table of {@code results}, with a total line. */
    public List<String> scoreboard(List<ScenarioResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {get("board.scenario"), get("board.variant"), get("board.expected"), get("board.result"),
            get("board.check"), get("board.section"), get("board.enforcer"), ""});
        for (ScenarioResult r : results) {
            var check = r.outcome().flatMap(Outcome::check);
            rows.add(new String[] {r.scenario(), r.variant().label(), get("verdict." + r.expected().name()),
                r.outcome().map(o -> get("verdict." + o.verdict().name())).orElse(get("board.error")),
                check.map(c -> observed(c.observed())).orElse("-"), check.map(Check::section).orElse("-"),
                check.map(Check::enforcer).orElse("-"), r.asExpected() ? "✔" : "✘"});
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - width(row[i]) + (i < row.length - 1 ? 2 : 0)));
            }
            lines.add(line.toString().stripTrailing());
        }
        long ok = results.stream().filter(ScenarioResult::asExpected).count();
        lines.add(get("board.total", ok, results.size()));
        return lines;
    }

    /** Display width: East Asian characters take two columns. */
    private static int width(String s) {
        return s.codePoints().map(cp -> cp >= 0x1100 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef) ? 2 : 1).sum();
    }
}
