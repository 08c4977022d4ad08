/* Diagnostics stay readable whatever the input: one line each, a length
 * bound, and no more than DIAG_REPEAT_LIMIT of one kind. */
#include "testing.h"

typedef struct {
    char *buf;
    size_t len;
    FILE *f;
    diag d;
} log_fixture;

static void open_log(log_fixture *l)
{
    l->buf = NULL;
    l->len = 0;
    l->f = open_memstream(&l->buf, &l->len);
    diag_init(&l->d, l->f);
}

static void close_log(log_fixture *l)
{
    diag_free(&l->d);
    fclose(l->f);
    free(l->buf);
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_control_characters_are_escaped(void **state)
{
    (void)state;
    log_fixture l;
    open_log(&l);
    WARN(&l.d, srcpos_make("a.md", 3, 7), "raw HTML '%s' is not rendered", "<a href=\"x\ny\">\t\x01");
    fflush(l.f);
    assert_string_equal(l.buf, "a.md:3:7: warning: raw HTML '<a href=\"x\\ny\">\\t\\x01' is not rendered\n");
    close_log(&l);
}

static void test_long_messages_are_cut_at_a_character(void **state)
{
    (void)state;
    log_fixture l;
    open_log(&l);
    char big[3000];
    /* two-byte characters, so a cut at a byte count could split one */
    for (size_t i = 0; i + 2 < sizeof big; i += 2)
        big[i] = (char)0xD0, big[i + 1] = (char)0x96;
    big[sizeof big - 2] = 0;
    ERROR(&l.d, srcpos_make("b.md", 1, 1), "'%s'", big);
    fflush(l.f);
    assert_int_equal(count_lines(l.buf), 1);
    assert_true(l.len < 1100);
    assert_non_null(strstr(l.buf, "...\n"));
    /* the line is still valid UTF-8 */
    assert_int_equal(utf8_validate(l.buf, l.len), l.len);
    close_log(&l);
}

static void test_repeats_are_counted_not_printed(void **state)
{
    (void)state;
    log_fixture l;
    open_log(&l);
    for (int i = 1; i <= 500; i++)
        ERROR(&l.d, srcpos_make("c.md", i, 1), "image '%s' not found", "x.png");
    WARN(&l.d, srcpos_make("c.md", 600, 2), "another kind");
    diag_flush(&l.d);
    fflush(l.f);
    assert_int_equal(l.d.errors, 500); /* every one still counts */
    assert_int_equal(count_lines(l.buf), DIAG_REPEAT_LIMIT + 2);
    assert_non_null(strstr(l.buf, "c.md:50:1: error: image 'x.png' not found\n"));
    assert_null(strstr(l.buf, "c.md:51:1: error"));
    assert_non_null(strstr(l.buf, "c.md:600:2: warning: another kind\n"));
    assert_non_null(strstr(l.buf, "c.md: error: 450 more like the errors above were not shown, from c.md:51:1 on\n"));
    close_log(&l);
}

static void test_diag_once_says_whether_it_reported(void **state)
{
    (void)state;
    log_fixture l;
    open_log(&l);
    assert_true(diag_once(&l.d, "k", DIAG_WARNING, srcpos_make("d.md", 1, 1), "first"));
    assert_false(diag_once(&l.d, "k", DIAG_WARNING, srcpos_make("d.md", 2, 1), "first"));
    fflush(l.f);
    assert_int_equal(count_lines(l.buf), 1);
    close_log(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_control_characters_are_escaped),
        cmocka_unit_test(test_long_messages_are_cut_at_a_character),
        cmocka_unit_test(test_repeats_are_counted_not_printed),
        cmocka_unit_test(test_diag_once_says_whether_it_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
