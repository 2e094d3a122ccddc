package org.rnnlab.evaluation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per series name, kept across every chart of a report: the report builds one palette from its
 * configurations in their order (first configuration blue, second orange, ...) and hands it to each chart, so
 * "gru" is the same green in the accuracy bars, the by-distance lines, the learning curves and the gradient
 * chart. The colours are the Okabe-Ito set (distinguishable with the common colour-vision deficiencies), then
 * a few darker ones and ten more. Colour alone does not tell lines apart for every reader (in grayscale rnn's blue, gru's
 * green and bigru's sky blue are nearly one grey): each name also gets its own marker shape ({@link #marker}) and line dash
 * ({@link #stroke}: solid, dashed, dotted, dash-dot in turn), the same in every chart; the 21st name reuses the first
 * colour with another dash. A name the palette has not seen gets the next free colour when first asked for, and keeps it.
 */
public final class Palette {
    private static final Color[] COLORS = {
        new Color(0x0072B2), // blue
        new Color(0xE69F00), // orange
        new Color(0x009E73), // bluish green
        new Color(0xD55E00), // vermillion
        new Color(0xCC79A7), // reddish purple
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0xB8A100), // dark yellow (Okabe-Ito yellow is too light on white)
        new Color(0x7F7F7F), // grey
        new Color(0x8C564B), // brown
        // then ten more, so that a comparison of up to 20 configurations has a colour each in every chart (bars have no dash
        // to tell a repeated colour apart; a user's 12 configurations gave 'bigru clip=l2:0.001' the blue of 'rnn')
        new Color(0x1B9E77), // teal
        new Color(0x7570B3), // slate violet
        new Color(0xE7298A), // magenta
        new Color(0x66A61E), // grass green
        new Color(0xA6761D), // ochre
        new Color(0x1F78B4), // mid blue
        new Color(0xFB9A99), // salmon
        new Color(0x6A3D9A), // deep purple
        new Color(0xB15928), // rust
        new Color(0x17BECF), // cyan
    };

    /** Names with a colour of their own; later names reuse the colours (with another dash than the first name of that colour). */
    public static final int SOLID = COLORS.length;

    /** The dash patterns of lines in turn: solid, dashed, dotted, dash-dot. */
    static final float[][] DASHES = {null, {9f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}};

    /** The marker shapes in turn: 8 shapes, so the n-th and (n+8)-th names also differ in colour and dash. */
    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
        org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE,
        org.knowm.xchart.style.markers.SeriesMarkers.SQUARE,
        org.knowm.xchart.style.markers.SeriesMarkers.TRIANGLE_UP,
        org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND,
        org.knowm.xchart.style.markers.SeriesMarkers.TRIANGLE_DOWN,
        org.knowm.xchart.style.markers.SeriesMarkers.CROSS,
        org.knowm.xchart.style.markers.SeriesMarkers.PLUS,
        org.knowm.xchart.style.markers.SeriesMarkers.RECTANGLE,
    };

    private final Map<String, Integer> index = new LinkedHashMap<>();

    private Palette() {
    }

    /** A palette that gives the names their colours in this order. */
    public static Palette of(Iterable<String> names) {
        Palette p = new Palette();
        for (String n : names) {
            p.indexOf(n);
        }
        return p;
    }

    private synchronized int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            i = index.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            index.put(name, i);
        }
        return i;
    }

    /**
     * Gives {@code name} the colour of {@code sameAs} (e.g. an architecture the colour of its configuration), unless
     * it already has one.
     */
    public synchronized Palette alias(String name, String sameAs) {
        int i = indexOf(sameAs);
        index.putIfAbsent(name, i);
        return this;
    }

    /** The colour of a name (a new name gets the next colour). */
    public Color color(String name) {
        return COLORS[indexOf(name) % COLORS.length];
    }

    /** The same colour with the given alpha (0..255), for bands behind a line. */
    public Color translucent(String name, int alpha) {
        Color c = color(name);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /**
     * The line stroke of a name: solid, dashed, dotted, dash-dot in the order of the names (the 1st, 5th, 9th, ... name solid),
     * shifted by one for each round of the colours, so that no two of the first 80 names share both colour and dash.
     */
    public BasicStroke stroke(String name, float width) {
        return dashed(dash(name), width);
    }

    /** The index in {@link #DASHES} of a name's dash pattern (0: solid). */
    public int dash(String name) {
        int i = indexOf(name);
        return (i + i / COLORS.length) % DASHES.length;
    }

    /** A stroke of the given dash pattern ({@link #DASHES}, taken modulo their number; 0: solid). */
    static BasicStroke dashed(int dash, float width) {
        float[] pattern = DASHES[Math.floorMod(dash, DASHES.length)];
        return pattern == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern, 0f);
    }

    /** The marker shape of a name (circle, square, triangle, diamond, ... in the order of the names). */
    public org.knowm.xchart.style.markers.Marker marker(String name) {
        return MARKERS[indexOf(name) % MARKERS.length];
    }

    /** The names in the order they got their colours. */
    public synchronized List<String> names() {
        return new ArrayList<>(index.keySet());
    }
}
