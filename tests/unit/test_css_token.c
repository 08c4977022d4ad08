/* Unit tests for the CSS tokenizer: every token kind, numbers, positions
 * (line and column in characters), escapes, comments, bad strings and
 * urls, block matching, and garbage (NUL, invalid UTF-8). */
#include "testing.h"

#include "../../src/style/css_internal.h"

typedef test_env fixture;

static css_tokens lexn(fixture *fx, const char *s, size_t n)
{
    css_tokens t;
    css_tokenize(fx->a, &fx->d, "t.css", s, n, &t);
    return t;
}

static css_tokens lex(fixture *fx, const char *s)
{
    return lexn(fx, s, strlen(s));
}

/* The token types without whitespace, as a compact string for asserting. */
static void assert_types(css_tokens t, const css_tok_type *want, int n)
{
    assert_int_equal(t.n, n + 1);
    for (int i = 0; i < n; i++) {
        if (t.t[i].type != want[i])
            fail_msg("token %d: %s, want %s", i, css_tok_type_name(t.t[i].type),
                     css_tok_type_name(want[i]));
    }
    assert_int_equal(t.t[n].type, CT_EOF);
}

static void test_every_kind(void **state)
{
    fixture *fx = *state;
    css_tokens t = lex(fx, "a f( @k #h 'q' url(x) 1 2% 3em <!-- --> : ; , [ ] ( ) { } ~");
    static const css_tok_type want[] = {
        CT_IDENT, CT_WS, CT_FUNCTION, CT_WS, CT_AT_KEYWORD, CT_WS, CT_HASH, CT_WS, CT_STRING, CT_WS,
        CT_URL, CT_WS, CT_NUMBER, CT_WS, CT_PERCENTAGE, CT_WS, CT_DIMENSION, CT_WS, CT_CDO, CT_WS,
        CT_CDC, CT_WS, CT_COLON, CT_WS, CT_SEMICOLON, CT_WS, CT_COMMA, CT_WS, CT_LBRACKET, CT_WS,
        CT_RBRACKET, CT_WS, CT_LPAREN, CT_WS, CT_RPAREN, CT_WS, CT_LBRACE, CT_WS, CT_RBRACE, CT_WS,
        CT_DELIM,
    };
    assert_types(t, want, (int)COUNT_OF(want));
    assert_string_equal(t.t[0].value, "a");
    assert_string_equal(t.t[2].value, "f");
    assert_string_equal(t.t[4].value, "k");
    assert_string_equal(t.t[6].value, "h");
    assert_true(t.t[6].hash_id);
    assert_string_equal(t.t[8].value, "q");
    assert_string_equal(t.t[10].value, "x");
    assert_string_equal(t.t[16].value, "em");
    assert_int_equal(t.t[40].delim, '~');
    /* ( ) pair up, so f( is left open until EOF */
    assert_int_equal(t.t[32].match, 34);
    assert_int_equal(t.t[36].match, 38);
    assert_int_equal(t.t[2].match, t.n - 1);
    assert_string_equal(test_env_log(fx), "");
}

static void test_numbers(void **state)
{
    fixture *fx = *state;
    css_tokens t = lex(fx, "+1.5e2 -3 .5 10px 1e3 7% -0.25em 12.");
    assert_int_equal(t.t[0].type, CT_NUMBER);
    assert_true(t.t[0].num == 150.0);
    assert_false(t.t[0].is_int);
    assert_true(t.t[2].num == -3.0);
    assert_true(t.t[2].is_int);
    assert_true(t.t[4].num == 0.5);
    assert_int_equal(t.t[6].type, CT_DIMENSION);
    assert_string_equal(t.t[6].value, "px");
    assert_true(t.t[6].num == 10.0);
    assert_true(t.t[8].num == 1000.0);
    assert_int_equal(t.t[8].type, CT_NUMBER);
    assert_int_equal(t.t[10].type, CT_PERCENTAGE);
    assert_true(t.t[10].num == 7.0);
    assert_int_equal(t.t[12].type, CT_DIMENSION);
    assert_true(t.t[12].num == -0.25);
    /* "12." is the number 12 and a delim '.' */
    assert_int_equal(t.t[14].type, CT_NUMBER);
    assert_int_equal(t.t[15].type, CT_DELIM);
    /* huge exponents stay finite */
    t = lex(fx, "1e99999 -1e99999");
    assert_true(t.t[0].num == 1e30);
    assert_true(t.t[2].num == -1e30);
}

static void test_signs_and_idents(void **state)
{
    fixture *fx = *state;
    css_tokens t = lex(fx, "-x --y -1 - 1 +n -n-1 2n+1");
    assert_int_equal(t.t[0].type, CT_IDENT);
    assert_string_equal(t.t[0].value, "-x");
    assert_int_equal(t.t[2].type, CT_IDENT);
    assert_string_equal(t.t[2].value, "--y");
    assert_int_equal(t.t[4].type, CT_NUMBER);
    assert_int_equal(t.t[6].type, CT_DELIM);
    assert_int_equal(t.t[8].type, CT_NUMBER);
    assert_int_equal(t.t[10].type, CT_DELIM); /* + */
    assert_int_equal(t.t[11].type, CT_IDENT); /* n */
    assert_string_equal(t.t[13].value, "-n-1");
    assert_int_equal(t.t[15].type, CT_DIMENSION);
    assert_string_equal(t.t[15].value, "n");
    assert_int_equal(t.t[16].type, CT_NUMBER); /* +1 */
    assert_true(t.t[16].num == 1.0);
    t = lex(fx, "#1a #-b");
    assert_false(t.t[0].hash_id);
    assert_true(t.t[2].hash_id);
}

static void test_positions(void **state)
{
    fixture *fx = *state;
    /* columns count characters: é is two bytes, one column; CR LF is one line break */
    css_tokens t = lex(fx, "é{\r\n  b: c;\n\tдд }");
    assert_int_equal(t.t[0].type, CT_IDENT);
    assert_int_equal(t.t[0].line, 1);
    assert_int_equal(t.t[0].col, 1);
    assert_int_equal(t.t[1].type, CT_LBRACE);
    assert_int_equal(t.t[1].col, 2);
    assert_int_equal(t.t[1].off, 2);
    const css_token *b = &t.t[3];
    assert_string_equal(b->value, "b");
    assert_int_equal(b->line, 2);
    assert_int_equal(b->col, 3);
    const css_token *dd = &t.t[9];
    assert_string_equal(dd->value, "дд");
    assert_int_equal(dd->line, 3);
    assert_int_equal(dd->col, 2);
    assert_int_equal(t.t[11].type, CT_RBRACE);
    assert_int_equal(t.t[11].col, 5);
    assert_int_equal(t.t[1].match, 11);
}

static void test_escapes(void **state)
{
    fixture *fx = *state;
    css_tokens t = lex(fx, "\\41 bc \"a\\\"b\" '\\26 B' \\0  x\\\"y \"line\\\ncont\" \\1F600");
    assert_string_equal(t.t[0].value, "Abc");
    assert_string_equal(t.t[2].value, "a\"b");
    assert_string_equal(t.t[4].value, "&B");
    assert_string_equal(t.t[6].value, "\xEF\xBF\xBD"); /* \0 is U+FFFD */
    assert_string_equal(t.t[8].value, "x\"y");
    assert_string_equal(t.t[10].value, "linecont");
    assert_string_equal(t.t[12].value, "\xF0\x9F\x98\x80");
    /* a surrogate or out-of-range escape is U+FFFD */
    t = lex(fx, "\\D800  \\110000");
    assert_string_equal(t.t[0].value, "\xEF\xBF\xBD");
    assert_string_equal(t.t[2].value, "\xEF\xBF\xBD");
    assert_string_equal(test_env_log(fx), "");
    /* a backslash before a newline is not an escape */
    t = lex(fx, "\\\n");
    assert_int_equal(t.t[0].type, CT_DELIM);
    assert_non_null(strstr(test_env_log(fx), "stray backslash"));
}

static void test_comments(void **state)
{
    fixture *fx = *state;
    css_tokens t = lex(fx, "a/* x */b /**/ c/* never closed");
    assert_int_equal(t.t[0].type, CT_IDENT);
    assert_int_equal(t.t[1].type, CT_IDENT); /* no whitespace from a comment */
    assert_string_equal(t.t[1].value, "b");
    assert_int_equal(t.t[2].type, CT_WS);
    assert_int_equal(t.t[3].type, CT_WS);
    assert_string_equal(t.t[4].value, "c");
    assert_int_equal(t.t[5].type, CT_EOF);
    assert_non_null(strstr(test_env_log(fx), "t.css:1:17: warning: unterminated comment"));
}

static void test_bad_string_and_url(void **state)
{
    fixture *fx = *state;
    css_tokens t = lex(fx, "\"abc\nd");
    assert_int_equal(t.t[0].type, CT_BAD_STRING);
    assert_int_equal(t.t[1].type, CT_WS);
    assert_int_equal(t.t[2].type, CT_IDENT);
    assert_non_null(strstr(test_env_log(fx), "t.css:1:1: warning: unterminated string"));
    t = lex(fx, "url(a b) url(  \"q\" ) url( c ) url(x");
    assert_int_equal(t.t[0].type, CT_BAD_URL);
    assert_int_equal(t.t[2].type, CT_FUNCTION);
    assert_string_equal(t.t[2].value, "url");
    assert_int_equal(t.t[3].type, CT_WS);
    assert_int_equal(t.t[4].type, CT_STRING);
    int u = t.t[2].match + 2;
    assert_int_equal(t.t[u].type, CT_URL);
    assert_string_equal(t.t[u].value, "c");
    assert_int_equal(t.t[u + 2].type, CT_URL);
    assert_string_equal(t.t[u + 2].value, "x");
    assert_non_null(strstr(test_env_log(fx), "unterminated url()"));
    /* EOF inside a string: a string, with a warning */
    t = lex(fx, "'open");
    assert_int_equal(t.t[0].type, CT_STRING);
    assert_string_equal(t.t[0].value, "open");
}

static void test_block_matching(void **state)
{
    fixture *fx = *state;
    /* a closer of another kind inside a block is an ordinary token */
    css_tokens t = lex(fx, "{(]})");
    assert_int_equal(t.t[0].type, CT_LBRACE);
    assert_int_equal(t.t[1].match, 4); /* ( ... ) */
    assert_int_equal(t.t[0].match, t.n - 1); /* { never closed: EOF */
    t = lex(fx, "a{b[c]d}");
    assert_int_equal(t.t[1].match, 7);
    assert_int_equal(t.t[3].match, 5);
}

static void test_garbage(void **state)
{
    fixture *fx = *state;
    const char bytes[] = {'a', 0, 'b', (char)0xFF, (char)0xC3, '{', 0, (char)0xE2, (char)0x82};
    css_tokens t = lexn(fx, bytes, sizeof bytes);
    assert_int_equal(t.t[0].type, CT_IDENT);
    /* NUL and invalid bytes became U+FFFD, which is a name character */
    assert_string_equal(t.t[0].value, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(t.t[1].type, CT_LBRACE);
    assert_int_equal(t.t[t.n - 1].type, CT_EOF);
    /* the empty sheet */
    t = lexn(fx, "", 0);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.t[0].type, CT_EOF);
    /* lone specials at the end never read past it */
    const char *ends[] = {"\\", "#", "@", "-", "+", ".", "<!-", "u", "url(", "'", "/", "/*", "1e", "1e+"};
    for (size_t i = 0; i < COUNT_OF(ends); i++) {
        t = lexn(fx, ends[i], strlen(ends[i]));
        assert_int_equal(t.t[t.n - 1].type, CT_EOF);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_kind, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_numbers, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_signs_and_idents, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_positions, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_escapes, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_comments, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_bad_string_and_url, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_block_matching, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_garbage, test_env_setup, test_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
