package org.rnnlab.evaluation.report;

/** Minimal HTML helpers for rnnlab's self-contained reports. */
public final class Html {
    private Html() {
    }

    /** Escapes text for HTML content and attribute values. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The page header with a small inline style sheet. */
    public static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}th[scope=row]{font-weight:normal;background:none}"
                + "caption{caption-side:top;text-align:left;font-weight:bold;padding:.3em 0}img{max-width:100%;border:1px solid #eee}"
                + "figure{margin:1.5em 0}figcaption{margin-top:.4em}code,pre{background:#f6f6f6;padding:1px 4px}"
                + "pre{padding:.6em;overflow-x:auto}</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n";
    }

    /** A figure: the image (relative link) and its explanation. */
    public static String figure(String png, String alt, String explanation) {
        return figure(null, png, alt, explanation, null);
    }

    /**
     * A figure under its own {@code <h3>} heading (none when {@code heading} is null): the image (relative link) with its alt
     * text, its explanation, and a link to {@code data} (a CSV or JSON file of the report's folder that holds the chart's
     * numbers; none when null).
     */
    public static String figure(String heading, String png, String alt, String explanation, String data) {
        return (heading == null ? "" : "<h3>" + escape(heading) + "</h3>\n") + "<figure><img src=\"" + escape(png) + "\" alt=\""
                + escape(alt) + "\"><figcaption>" + escape(explanation)
                + (data == null ? "" : " The numbers: <a href=\"" + escape(data) + "\">" + escape(data) + "</a>.")
                + "</figcaption></figure>\n";
    }

    /** A table's opening with its caption (escaped) and header row of column headers ({@code scope="col"}, escaped). */
    public static String tableStart(String caption, java.util.List<String> columns) {
        StringBuilder sb = new StringBuilder("<table>\n<caption>").append(escape(caption)).append("</caption>\n<tr>");
        for (String c : columns) {
            sb.append(col(c));
        }
        return sb.append("</tr>\n").toString();
    }

    /** A column header, {@code <th scope="col">}, of escaped text. */
    public static String col(String text) {
        return "<th scope=\"col\">" + escape(text) + "</th>";
    }

    /** A row header, {@code <th scope="row">}, of escaped text: the first cell of a table's row. */
    public static String row(String text) {
        return "<th scope=\"row\">" + escape(text) + "</th>";
    }

    public static String tail() {
        return "</body>\n</html>\n";
    }
}
