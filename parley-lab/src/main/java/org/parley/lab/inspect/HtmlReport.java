package org.parley.lab.inspect;

import java.util.Locale;
import org.parley.lab.LabText;
import org.parley.lab.net.Direction;

/**
 * The inspection as one self-contained HTML page in the manner of "The Illustrated TLS 1.3
 * Connection": a column per frame, client frames on the left and server frames on the right, each
 * with a short explanation (English and 简体中文, switched by a button or {@code ?lang=zh}) and its
 * details (fields with offsets, transcript hashes, key-schedule steps, ✔/✘ checks, content) behind a
 * click. No external resource is loaded; everything from the capture is HTML-escaped. A small script
 * only switches the language and opens or closes all details.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String page(Inspection inspection, Locale initial) {
        String lang = initial.getLanguage().equals("zh") ? "zh" : "en";
        LabText en = LabText.forLocale(Locale.ENGLISH);
        LabText zh = LabText.forLocale(Locale.SIMPLIFIED_CHINESE);
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Parley — the session, frame by frame / 逐帧解读会话</title>\n<style>\n")
                .append(HtmlText.CSS).append("</style>\n</head>\n<body>\n<header>\n")
                .append("<h1>").append(both("Parley: the session, frame by frame", "Parley：逐帧解读会话")).append("</h1>\n")
                .append("<p>").append(both(HtmlText.INTRO_EN, HtmlText.INTRO_ZH)).append("</p>\n")
                .append("<nav><button id=\"switch-lang\" type=\"button\">English / 中文</button> ")
                .append("<button id=\"toggle-all\" type=\"button\">").append(both("Open all details", "展开全部细节"))
                .append("</button></nav>\n")
                .append(summary(inspection)).append("</header>\n<main id=\"frames\">\n");
        for (InspectedFrame frame : inspection.frames()) {
            html.append(frame(frame, en, zh));
        }
        html.append("</main>\n");
        if (!inspection.notes().isEmpty()) {
            html.append("<section id=\"notes\"><h2>").append(both("Notes", "说明")).append("</h2><ul>\n");
            inspection.notes().forEach(n -> html.append("<li>").append(both(en.say(n), zh.say(n))).append("</li>\n"));
            html.append("</ul></section>\n");
        }
        html.append("<footer>").append(both(HtmlText.FOOTER_EN, HtmlText.FOOTER_ZH)).append("</footer>\n")
                .append("<script>\n").append(HtmlText.SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String summary(Inspection inspection) {
        long passed = count(inspection, Mark.PASS);
        long failed = count(inspection, Mark.FAIL);
        return "<p id=\"summary\" data-frames=\"" + inspection.frames().size() + "\" data-passed=\"" + passed
                + "\" data-failed=\"" + failed + "\">"
                + both(inspection.frames().size() + " frames; checks: " + passed + " ✔, " + failed + " ✘"
                        + (inspection.keyLogGiven() ? "" : " (no key log: records shown as ciphertext)"),
                        inspection.frames().size() + " 帧；检查：" + passed + " ✔，" + failed + " ✘"
                        + (inspection.keyLogGiven() ? "" : "（没有密钥日志：记录只显示为密文）"))
                + "</p>\n";
    }

    private static long count(Inspection inspection, Mark mark) {
        return inspection.frames().stream().flatMap(f -> f.details().stream()).filter(d -> d.check() == mark).count();
    }

    private static String frame(InspectedFrame f, LabText en, LabText zh) {
        boolean client = f.frame().direction() == Direction.CLIENT_TO_SERVER;
        boolean failed = f.details().stream().anyMatch(d -> d.check() == Mark.FAIL);
        StringBuilder s = new StringBuilder();
        s.append("<section class=\"frame ").append(client ? "client" : "server").append(failed ? " failed" : "")
                .append("\" id=\"frame-").append(f.number()).append("\">\n<h2><span class=\"who\">")
                .append(client ? both("Client → Server", "客户端 → 服务器") : both("Server → Client", "服务器 → 客户端"))
                .append("</span> #").append(f.number()).append(" · ").append(both(en.say(f.title()), zh.say(f.title()))).append("</h2>\n")
                .append("<p class=\"meta\">").append(both("connection " + f.frame().connection() + ", frame type "
                        + String.format("0x%02x", f.frame().type()) + ", " + f.frame().payloadLength() + " bytes",
                        "连接 " + f.frame().connection() + "，帧类型 " + String.format("0x%02x", f.frame().type()) + "，"
                                + f.frame().payloadLength() + " 字节"))
                .append("</p>\n<p class=\"explain\">").append(HtmlText.explanation(en.say(f.title()))).append("</p>\n")
                .append("<details><summary>").append(both("Details", "细节")).append("</summary>\n<ul class=\"details\">\n");
        for (Detail d : f.details()) {
            s.append("<li class=\"").append(d.kind().name().toLowerCase(Locale.ROOT)).append(d.check() == Mark.PASS ? " pass"
                    : d.check() == Mark.FAIL ? " fail" : "").append("\">")
                    .append(d.check() == Mark.NONE ? "" : "<b>" + d.check().mark() + "</b> ")
                    .append("<code>").append(both(en.say(d.text()), zh.say(d.text()))).append("</code></li>\n");
        }
        return s.append("</ul>\n</details>\n</section>\n").toString();
    }

    static String both(String english, String chinese) {
        return "<span class=\"en\">" + escape(english) + "</span><span class=\"zh\">" + escape(chinese) + "</span>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
