package org.rnnlab.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Mojibake}: names garbled by a Windows-1252 reading are repaired, clean accented names are left alone. */
class MojibakeTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    /** {@code s}'s UTF-8 bytes read as Windows-1252, as iconv -f windows-1252 makes of a file that was UTF-8 already. */
    private static String garbled(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), CP1252);
    }

    @Test
    void namesOfUtf8ReadAsWindows1252OrLatin1AreRepaired() {
        for (String clean : List.of("Paris-Bd-Périphérique", "NO2 [µg/m³]", "Temperatur [°C]", "Köln-Clevischer-Ring", "Zürich",
                "ÖSTERREICH", "Straße", "it’s", "Ñandú", "Évry", "ÜBERLINGEN")) {
            assertThat(Mojibake.repaired(garbled(clean))).as(garbled(clean)).contains(clean);
        }
        assertThat(garbled("Paris-Bd-Périphérique")).isEqualTo("Paris-Bd-PÃ©riphÃ©rique");
        // Latin-1's reading keeps bytes that Windows-1252 does not define ('Á' is C3 81)
        assertThat(Mojibake.repaired(new String("Álvaro".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)))
                .contains("Álvaro");
        assertThat(Mojibake.shown("NO2 [Âµg/mÂ³]")).isEqualTo("'NO2 [Âµg/mÂ³]' is 'NO2 [µg/m³]' read as Windows-1252");
    }

    @Test
    void cleanNamesWithAccentsSignsAndOtherScriptsAreNotMojibake() {
        for (String clean : List.of("Évry", "Göttingen", "µg/m³", "NO2 [µg/m³]", "°C", "Temperatur [°C]", "Ñandú", "Straße",
                "São Paulo", "naïve café", "Łódź", "Ελλάδα", "東京", "«ÉTÉ»", "Île-de-France", "Ä", "PM2,5 [µg/m³]", "plain",
                "x²", "50 €", "it’s", "Œuvre", "Â", "Ã")) {
            assertThat(Mojibake.repaired(clean)).as(clean).isEmpty();
        }
        // valid UTF-8 only as a control character (U+0085): no repair
        assertThat(Mojibake.repaired("Â…")).isEmpty();
        assertThat(Mojibake.repaired("Â\u0085")).isEmpty();
    }

    @Test
    void aMismatchSaysWhichSideIsGarbled() {
        assertThat(Mojibake.mismatch("NO2 [µg/m³]", "NO2 [Âµg/mÂ³]")).contains(new Mojibake.Mismatch("NO2 [µg/m³]", "NO2 [Âµg/mÂ³]", false));
        assertThat(Mojibake.mismatch("NO2 [Âµg/mÂ³]", "NO2 [µg/m³]")).contains(new Mojibake.Mismatch("NO2 [Âµg/mÂ³]", "NO2 [µg/m³]", true));
        assertThat(Mojibake.mismatch("NO2 [µg/m³]", "PM10 [µg/m³]")).isEmpty();
        assertThat(Mojibake.mismatch(null, "NO2 [µg/m³]")).isEmpty();
        assertThat(Mojibake.explained(List.of(new Mojibake.Mismatch("NO2 [Âµg/mÂ³]", "NO2 [µg/m³]", true),
                new Mojibake.Mismatch("O3 [Âµg/mÂ³]", "O3 [µg/m³]", true), new Mojibake.Mismatch("Région", "RÃ©gion", false))))
                .startsWith("the file has 'NO2 [µg/m³]' for 'NO2 [Âµg/mÂ³]', 'O3 [µg/m³]' for 'O3 [Âµg/mÂ³]' (the model's names are "
                        + "this file's read as Windows-1252: the training file went through a wrong encoding conversion; convert "
                        + "each of its source files from its own encoding and retrain), and 'RÃ©gion' for 'Région' (this file's "
                        + "name is the model's read as Windows-1252: this file went through a wrong encoding conversion")
                .contains("a file that was UTF-8 already must not go through iconv");
        assertThat(Mojibake.explained(List.of())).isEmpty();
    }
}
