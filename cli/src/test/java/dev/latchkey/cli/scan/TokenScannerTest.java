package dev.latchkey.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.latchkey.core.common.KeyFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenScannerTest {
    private final TokenScanner scanner = new TokenScanner(new KeyFormat("lk"));

    @Test
    void scanFindsKeysWithTheirLineAndColumn() {
        String first = TestKeys.apiKey();
        String second = TestKeys.apiKey();
        String text = "intro\r\n  apikey: " + first + "\r\nx=\"" + second + "\";y=1\n";

        List<TokenScanner.Match> found = scanner.scan(text);

        assertThat(found).extracting(TokenScanner.Match::line, TokenScanner.Match::column, TokenScanner.Match::token)
                .containsExactly(
                        tuple(2, 11, first),
                        tuple(3, 4, second));
        assertThat(found).extracting(TokenScanner.Match::kind).containsOnly(TokenKind.API_KEY);
    }

    @Test
    void scanFindsSeveralKeysOnOneLineAndAtTheEdgesOfTheText() {
        String first = TestKeys.apiKey();
        String second = TestKeys.apiKey();

        List<TokenScanner.Match> found = scanner.scan(first + "," + second);

        assertThat(found).extracting(TokenScanner.Match::column).containsExactly(1, first.length() + 2);
    }

    @Test
    void scanCountsColumnsInCharactersAfterNonAsciiText() {
        String key = TestKeys.apiKey();

        assertThat(scanner.scan("clé→" + key)).extracting(TokenScanner.Match::column).containsExactly(5);
    }

    @Test
    void scanFindsInvitationTokensAsTheirOwnKind() {
        String invitation = TestKeys.invitation();

        List<TokenScanner.Match> found = scanner.scan("token: " + invitation);

        assertThat(found).singleElement().satisfies(match -> {
            assertThat(match.kind()).isEqualTo(TokenKind.INVITATION);
            assertThat(scanner.displayPrefix(match)).isEqualTo(invitation.substring(0, 10) + "…");
        });
    }

    @Test
    void scanIgnoresEveryKeyWithOneCharacterChanged() {
        String key = TestKeys.apiKey();
        List<String> nearMisses = TestKeys.nearMisses(key);

        assertThat(nearMisses).hasSize(key.length()).doesNotContain(key);
        assertThat(scanner.scan(String.join("\n", nearMisses))).isEmpty();
        assertThat(scanner.scan(String.join("\n", TestKeys.nearMisses(TestKeys.invitation())))).isEmpty();
    }

    @Test
    void scanIgnoresRandomStringsShapedLikeKeys() {
        List<String> lookAlikes = TestKeys.lookAlikes("lk", 2000, 20240611L);
        lookAlikes.addAll(TestKeys.lookAlikes("lkinv", 2000, 20240612L));

        assertThat(scanner.scan(String.join(" ", lookAlikes))).isEmpty();
    }

    @Test
    void scanIgnoresKeysGluedToOtherWordCharacters() {
        String key = TestKeys.apiKey();

        assertThat(scanner.scan("x" + key)).isEmpty();
        assertThat(scanner.scan("my_" + key)).isEmpty();
        assertThat(scanner.scan(key + "_v2")).isEmpty();
        assertThat(scanner.scan(key + "Z")).isEmpty();
        assertThat(scanner.scan("\"" + key + "\"")).hasSize(1);
    }

    @Test
    void scanWithAnotherPrefixFindsThoseKeysAndStillInvitations() {
        TokenScanner acme = new TokenScanner(new KeyFormat("acme"));
        String acmeKey = TestKeys.key("acme");

        List<TokenScanner.Match> found = acme.scan(TestKeys.apiKey() + "\n" + acmeKey + "\n" + TestKeys.invitation());

        assertThat(found).extracting(TokenScanner.Match::line, TokenScanner.Match::kind).containsExactly(
                tuple(2, TokenKind.API_KEY),
                tuple(3, TokenKind.INVITATION));
        assertThat(acme.displayPrefix(found.get(0))).isEqualTo(acmeKey.substring(0, 9) + "…");
    }

    @Test
    void matchToStringHidesTheToken() {
        String key = TestKeys.apiKey();

        assertThat(scanner.scan(key).get(0).toString()).doesNotContain(key).contains("redacted");
    }
}
