package io.longshore.common.query;

/** One lexical token of a cluster query, with its 1-based position. */
record Token(Type type, String text, int position) {
    enum Type { WORD, QUOTED, SYMBOL, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, END }

    boolean isWord(String word) {
        return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }
}
