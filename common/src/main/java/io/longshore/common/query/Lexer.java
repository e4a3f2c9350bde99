package io.longshore.common.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cluster query into tokens. Bare words run until whitespace or one of
 * {@code ()[],"'=!<>&|}; anything else (a regex with a group, a value with a space) is quoted with
 * {@code "} or {@code '}, where a backslash escapes the quote or a backslash.
 */
final class Lexer {
    private static final String SPECIAL = "()[],\"'=!<>&|";

    private Lexer() {
    }

    static boolean isBare(char c) {
        return !Character.isWhitespace(c) && SPECIAL.indexOf(c) < 0;
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int pos = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
                Token.Type type = switch (c) {
                    case '(' -> Token.Type.LPAREN;
                    case ')' -> Token.Type.RPAREN;
                    case '[' -> Token.Type.LBRACKET;
                    case ']' -> Token.Type.RBRACKET;
                    default -> Token.Type.COMMA;
                };
                tokens.add(new Token(type, String.valueOf(c), pos));
                i++;
            } else if (c == '"' || c == '\'') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < n && (text.charAt(j + 1) == c || text.charAt(j + 1) == '\\')) {
                        value.append(text.charAt(j + 1));
                        j += 2;
                    } else if (d == c) {
                        closed = true;
                        j++;
                        break;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                if (!closed) {
                    throw new QuerySyntaxException("unterminated quoted value", pos, text.substring(i),
                            "a closing " + c);
                }
                tokens.add(new Token(Token.Type.QUOTED, value.toString(), pos));
                i = j;
            } else if (isBare(c)) {
                int j = i;
                while (j < n && isBare(text.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Token.Type.WORD, text.substring(i, j), pos));
                i = j;
            } else {
                String symbol = symbolAt(text, i);
                tokens.add(new Token(Token.Type.SYMBOL, symbol, pos));
                i += symbol.length();
            }
        }
        tokens.add(new Token(Token.Type.END, "", n + 1));
        return tokens;
    }

    /** The longest operator symbol at i: {@code == =~ != !~ !exists !in >= <= && || > < !}, or the lone character. */
    private static String symbolAt(String text, int i) {
        for (String word : new String[] {"!exists", "!in"}) {
            int end = i + word.length();
            if (text.startsWith(word, i) && (end == text.length() || !isBare(text.charAt(end)))) {
                return word;
            }
        }
        for (String two : new String[] {"==", "=~", "!=", "!~", ">=", "<=", "&&", "||"}) {
            if (text.startsWith(two, i)) {
                return two;
            }
        }
        return String.valueOf(text.charAt(i));
    }
}
