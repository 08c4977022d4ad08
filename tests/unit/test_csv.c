/* CSV reading (RFC 4180 through libcsv): quoted fields with commas,
 * doubled quotes and newlines, the line each row starts on, rows of
 * different widths kept as they are, malformed input reported at its
 * line. And :number-format: templates and what they do to cells. */
#include "testing.h"

#include "../../src/parse/parse_internal.h"

typedef test_env fixture;

static csv_table *read(fixture *fx, const char *text, int first_line)
{
    return csv_read(fx->a, &fx->d, "data.csv", first_line, text, strlen(text));
}

static void test_plain_rows(void **state)
{
    fixture *fx = *state;
    csv_table *t = read(fx, "Name,Year\nAbzhan,2023\nMamay,2023\n", 1);
    assert_non_null(t);
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->ncols, 2);
    assert_string_equal(t->cells[0][0], "Name");
    assert_string_equal(t->cells[2][1], "2023");
    for (int r = 0; r < 3; r++) {
        assert_int_equal(t->row_ncols[r], 2);
        assert_int_equal(t->row_line[r], r + 1);
    }
    assert_int_equal(fx->d.errors, 0);
}

static void test_quoting(void **state)
{
    fixture *fx = *state;
    /* a comma, doubled quotes and a newline inside quotes; the row after
     * the two-line field starts on line 4 */
    csv_table *t = read(fx,
                        "Person,Charge\n"
                        "\"Zhylanbaev, Marat\",\"\"\"extremism\"\", financing\"\n"
                        "Mamay,\"riots\nand false information\"\n"
                        "Batyrbayev,defamation\n",
                        10);
    assert_non_null(t);
    assert_int_equal(t->nrows, 4);
    assert_string_equal(t->cells[1][0], "Zhylanbaev, Marat");
    assert_string_equal(t->cells[1][1], "\"extremism\", financing");
    assert_string_equal(t->cells[2][1], "riots\nand false information");
    assert_int_equal(t->row_line[0], 10);
    assert_int_equal(t->row_line[1], 11);
    assert_int_equal(t->row_line[2], 12);
    assert_int_equal(t->row_line[3], 14);
}

static void test_utf8_and_empty_fields(void **state)
{
    fixture *fx = *state;
    csv_table *t = read(fx, "Имя,Город,\nЖанболат Мамай,,Алматы\n", 1);
    assert_non_null(t);
    assert_int_equal(t->ncols, 3);
    assert_string_equal(t->cells[0][0], "Имя");
    assert_string_equal(t->cells[0][2], "");
    assert_string_equal(t->cells[1][1], "");
    assert_string_equal(t->cells[1][2], "Алматы");
}

static void test_rows_of_different_widths(void **state)
{
    fixture *fx = *state;
    /* kept as read: the directive decides what a short row means */
    csv_table *t = read(fx, "a,b,c\n1,2\n1,2,3,4\n", 5);
    assert_non_null(t);
    assert_int_equal(t->ncols, 4);
    assert_int_equal(t->row_ncols[0], 3);
    assert_int_equal(t->row_ncols[1], 2);
    assert_int_equal(t->row_ncols[2], 4);
    assert_null(t->cells[1][2]);
    assert_string_equal(t->cells[2][3], "4");
    assert_int_equal(t->row_line[1], 6);
}

static void test_no_final_newline(void **state)
{
    fixture *fx = *state;
    csv_table *t = read(fx, "a,b\n1,\"two\"", 1);
    assert_non_null(t);
    assert_int_equal(t->nrows, 2);
    assert_string_equal(t->cells[1][1], "two");
}

static void test_empty(void **state)
{
    fixture *fx = *state;
    csv_table *t = read(fx, "", 1);
    assert_non_null(t);
    assert_int_equal(t->nrows, 0);
    assert_int_equal(fx->d.errors, 0);
}

static void test_unclosed_quote(void **state)
{
    fixture *fx = *state;
    assert_null(read(fx, "a,b\n1,\"never closed\n2,3\n", 1));
    assert_int_equal(fx->d.errors, 1);
    /* reported where the quoted field began */
    assert_non_null(strstr(test_env_log(fx), "data.csv:2:1: error: malformed CSV"));
}

static void test_stray_quote(void **state)
{
    fixture *fx = *state;
    /* a quote inside an unquoted field is not RFC 4180 */
    assert_null(read(fx, "a,b\n1,2\n3,say \"hi\" there\n", 7));
    assert_int_equal(fx->d.errors, 1);
    assert_non_null(strstr(test_env_log(fx), "data.csv:9:1: error: malformed CSV"));
}

/* ---- :number-format: ---------------------------------------------------- */

static const char *fmt(fixture *fx, const char *tmpl, const char *cell)
{
    number_format nf;
    assert_true(number_format_parse(tmpl, &nf));
    return number_format_apply(fx->a, &nf, cell);
}

static void test_number_format_templates(void **state)
{
    fixture *fx = *state;
    assert_string_equal(fmt(fx, "1,234.5", "1234567.891"), "1,234,567.9");
    assert_string_equal(fmt(fx, "1,234", "58"), "58");
    assert_string_equal(fmt(fx, "1,234", "128000"), "128,000");
    assert_string_equal(fmt(fx, "1.234,56", "1234.5"), "1.234,50");
    assert_string_equal(fmt(fx, "1234.0", "45.25"), "45.3");   /* half away from zero */
    assert_string_equal(fmt(fx, "1234.0", "45.24"), "45.2");
    assert_string_equal(fmt(fx, "1234", "0.5"), "1");
    assert_string_equal(fmt(fx, "1,234.00", "999.996"), "1,000.00"); /* the carry reaches a new digit */
    assert_string_equal(fmt(fx, "1,234", "-1234567"), "-1,234,567");
    assert_string_equal(fmt(fx, "1234.0", "-0.01"), "0.0");    /* no negative zero */
    assert_string_equal(fmt(fx, "1_234", "20000"), "20\xC2\xA0" "000");
    assert_string_equal(fmt(fx, "1 234,5", "1234.5"), "1 234,5");
    assert_string_equal(fmt(fx, "1'234", "1000"), "1'000");
    assert_string_equal(fmt(fx, "1,234.0", "45.3 %"), "45.3 %");
    assert_string_equal(fmt(fx, "1,234.0", "12%"), "12.0%");
    /* long identifiers keep every digit (no trip through a double) */
    assert_string_equal(fmt(fx, "1234", "12345678901234567890123"), "12345678901234567890123");
    assert_string_equal(fmt(fx, "1,234", "00042"), "42");
    /* not plain numbers: left alone */
    assert_null(fmt(fx, "1,234", "1,234"));
    assert_null(fmt(fx, "1,234", "12 cases"));
    assert_null(fmt(fx, "1,234", ""));
    assert_null(fmt(fx, "1,234", "3 July 2023"));
    assert_null(fmt(fx, "1,234", ".5"));
    /* Arabic-Indic and Persian digits with their separators */
    assert_string_equal(fmt(fx, "\u0661\u066C\u0662\u0663\u0664\u066B\u0665", "1234.56"),
                        "\u0661\u066C\u0662\u0663\u0664\u066B\u0666");
    assert_string_equal(fmt(fx, "\u06F1\u06F2\u06F3\u06F4", "-907"), "-\u06F9\u06F0\u06F7");
    assert_string_equal(fmt(fx, "1\u202F234,5", "12345.25"), "12\u202F" "345,3");
    /* decimals as the number has them (a style's format) */
    number_format as_written;
    assert_true(number_format_parse("1.234,5", &as_written));
    as_written.decimals = -1;
    assert_string_equal(number_format_apply(fx->a, &as_written, "1234.567"), "1.234,567");
    assert_string_equal(number_format_apply(fx->a, &as_written, "1234"), "1.234");
    /* "-" keeps a column as written */
    number_format nf;
    assert_true(number_format_parse("-", &nf));
    assert_null(number_format_apply(fx->a, &nf, "1234"));
}

static void test_number_format_bad_templates(void **state)
{
    (void)state;
    number_format nf;
    assert_false(number_format_parse("1,23", &nf));
    assert_false(number_format_parse("2,345.6", &nf));
    assert_false(number_format_parse("1,234.", &nf));
    assert_false(number_format_parse("1,234.5x", &nf));
    assert_false(number_format_parse("", &nf));
    assert_false(number_format_parse("1.234.5", &nf)); /* the same mark for both */
    assert_false(number_format_parse("1,\u0662\u0663\u0664", &nf)); /* two scripts of digits */
    assert_false(number_format_parse("\u0661\u066C\u0662\u0663\u0664\u066B5", &nf));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_plain_rows, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_quoting, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_utf8_and_empty_fields, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_rows_of_different_widths, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_no_final_newline, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_empty, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_unclosed_quote, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_stray_quote, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_number_format_templates, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_number_format_bad_templates, test_env_setup, test_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
