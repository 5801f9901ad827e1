package org.parley.lab.inspect;

/** The fixed texts, style and script of the HTML page (English and 简体中文). */
final class HtmlText {
    private HtmlText() {
    }

    static final String INTRO_EN = "Every byte a network observer saw, explained. Client frames are on the left, server frames on "
            + "the right. Click a frame for its fields with their byte offsets, the transcript hash, the key schedule and "
            + "the checks recomputed from the key log (✔ passed, ✘ failed). Section numbers refer to docs/PROTOCOL.md.";
    static final String INTRO_ZH = "网络观察者看到的每个字节，逐一解释。左边是客户端发出的帧，右边是服务器发出的帧。"
            + "点击一帧可查看各字段及其字节偏移、转录哈希、密钥调度，以及根据密钥日志重新计算的检查（✔ 通过，✘ 失败）。"
            + "章节号指 docs/PROTOCOL.md。";
    static final String FOOTER_EN = "Written by parley inspect --html. Anyone holding the key log can read and forge this session.";
    static final String FOOTER_ZH = "由 parley inspect --html 生成。持有密钥日志的任何人都能读取并伪造此会话。";

    static String explanation(String title) {
        String t = title.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("clienthello")) {
            return HtmlReport.both("The client opens: a fresh random, the components it offers (most preferred first) and one "
                    + "ephemeral public key per offered key exchange (5.3). Sent in the clear.",
                    "客户端开场：一个新的随机数、按偏好排列的可选组件，以及每种密钥交换各一个临时公钥（5.3）。明文发送。");
        } else if (t.startsWith("serverhello")) {
            return HtmlReport.both("The server picks one component of each kind and answers the chosen key exchange (5.4). From "
                    + "here on both sides share a secret; everything after this is encrypted.",
                    "服务器为每类组件各选一个，并回应所选的密钥交换（5.4）。此后双方共享秘密，之后的一切都加密。");
        } else if (t.startsWith("serveridentity")) {
            return HtmlReport.both("The server's long-term public key, encrypted so an observer does not learn who it is (5.5).",
                    "服务器的长期公钥，加密发送，观察者无法得知服务器身份（5.5）。");
        } else if (t.startsWith("serversignature")) {
            return HtmlReport.both("The server signs the transcript hash: proof that it holds the key and saw the same "
                    + "handshake, which defeats downgrade and substitution (5.6).",
                    "服务器对转录哈希签名：证明它持有该私钥并看到了同一个握手，从而挫败降级和替换攻击（5.6）。");
        } else if (t.startsWith("finished")) {
            return HtmlReport.both("A MAC over the whole transcript with a key only the two ends can derive (5.7).",
                    "用只有通信双方才能导出的密钥对整个转录计算的 MAC（5.7）。");
        } else if (t.startsWith("application data")) {
            return HtmlReport.both("An application record: a chat request, answer or message, decrypted with the logged "
                    + "traffic secret (10).", "应用记录：聊天请求、应答或消息，用日志中的流量密钥解密（10）。");
        } else if (t.startsWith("encrypted record")) {
            return HtmlReport.both("Ciphertext and tag only: without the keys an observer sees the size, the direction and the "
                    + "3-byte header, nothing else (10.2).", "只有密文和标签：没有密钥的观察者只能看到大小、方向和 3 字节帧头（10.2）。");
        } else if (t.startsWith("keyupdate")) {
            return HtmlReport.both("The sender moves to its next traffic key (10.6).", "发送方切换到下一个流量密钥（10.6）。");
        } else if (t.contains("alert")) {
            return HtmlReport.both("An alert ends the connection and names the reason (11).", "告警结束连接并说明原因（11）。");
        }
        return HtmlReport.both("See the details.", "见细节。");
    }

    static final String CSS = """
            body { font-family: "DejaVu Sans", "WenQuanYi Micro Hei", sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px;
                   background: #fafafa; color: #222; }
            html[lang="en"] .zh, html[lang="zh"] .en { display: none; }
            header h1 { margin-bottom: 4px; }
            nav button { margin-right: 8px; padding: 4px 10px; }
            #summary { font-weight: bold; }
            .frame { width: 62%; margin: 14px 0; padding: 10px 14px; border-radius: 8px; border: 1px solid #bbb; }
            .frame.client { background: #e8f1ff; margin-right: auto; }
            .frame.server { background: #fff1e0; margin-left: auto; }
            .frame.failed { border: 2px solid #b71c1c; }
            .frame h2 { font-size: 1.05em; margin: 0 0 4px 0; }
            .who { color: #555; font-weight: normal; }
            .meta { color: #555; font-size: 0.9em; margin: 2px 0; }
            .details { list-style: none; padding-left: 0; font-size: 0.85em; }
            .details li { margin: 2px 0; overflow-wrap: anywhere; }
            .details li.transcript code { color: #4a148c; }
            .details li.key_schedule code { color: #1b5e20; }
            .details li.pass b { color: #1b5e20; }
            .details li.fail b, .details li.fail code { color: #b71c1c; }
            footer { margin-top: 24px; color: #666; font-size: 0.85em; }
            """;

    static final String SCRIPT = """
            (function () {
              var root = document.documentElement;
              var wanted = new URLSearchParams(location.search).get('lang');
              if (wanted === 'zh' || wanted === 'en') { root.lang = wanted; }
              document.getElementById('switch-lang').addEventListener('click', function () {
                root.lang = root.lang === 'zh' ? 'en' : 'zh';
              });
              var open = false;
              document.getElementById('toggle-all').addEventListener('click', function () {
                open = !open;
                document.querySelectorAll('details').forEach(function (d) { d.open = open; });
              });
              if (location.hash === '#open') { document.querySelectorAll('details').forEach(function (d) { d.open = true; }); }
              document.body.setAttribute('data-ready', 'yes');
            })();
            """;
}
