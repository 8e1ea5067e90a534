package dev.releasetrain.migrations;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How SQL splits into statements of tokens: what comments, literals and quoted names become, and each statement's line. */
class SqlStatementsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            two statements, each on its line            | ALTER TABLE t ADD c int;\\nDROP TABLE u;              | 1:ALTER TABLE T ADD C INT / 2:DROP TABLE U
            a comment is not SQL                        | -- DROP TABLE t\\nSELECT 1;                           | 2:SELECT 1
            a nested block comment                      | /* a /* DROP */ b */ SELECT 1;                        | 1:SELECT 1
            a string is one literal token               | INSERT INTO t VALUES ('DROP TABLE x; --');            | 1:INSERT INTO T VALUES ( '?' )
            an escaped string                           | SELECT E'it\\'s; DROP';                               | 1:SELECT '?'
            a dollar-quoted body                        | CREATE FUNCTION f() AS $$ DROP TABLE t; $$;           | 1:CREATE FUNCTION F ( ) AS '?'
            a quoted name is never a keyword            | ALTER TABLE "drop" ADD c int;                         | 1:ALTER TABLE "DROP" ADD C INT
            a statement's first line, after blank lines | \\n\\n  UPDATE t SET a = 1;                            | 3:UPDATE T SET A = 1
            the last statement needs no semicolon       | SELECT 1; SELECT 2                                    | 1:SELECT 1 / 1:SELECT 2
            """)
    void splits(String name, String sql, String expected) {
        List<String> got = SqlStatements.parse(sql.replace("\\n", "\n")).stream().map(s -> s.line() + ":" + s.text()).toList();
        assertEquals(List.of(expected.split(" / ")), got, name);
    }
}
