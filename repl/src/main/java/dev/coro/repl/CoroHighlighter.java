package dev.coro.repl;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Colours the input as it is typed: keywords, strings, numbers, comments, and REPL commands. */
final class CoroHighlighter implements Highlighter {

    private static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
    private static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT);
    private static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        if (Commands.isCommand(buffer)) {
            int end = buffer.strip().indexOf(' ');
            int split = end < 0 ? buffer.length() : buffer.indexOf(buffer.strip()) + end;
            sb.styled(COMMAND, buffer.substring(0, split)).append(buffer.substring(split));
            return sb.toAttributedString();
        }
        for (Tokens.Token t : Tokens.of(buffer)) {
            AttributedStyle style = switch (t.kind()) {
                case KEYWORD -> KEYWORD;
                case STRING -> STRING;
                case NUMBER -> NUMBER;
                case COMMENT -> COMMENT;
                default -> AttributedStyle.DEFAULT;
            };
            sb.styled(style, t.text());
        }
        return sb.toAttributedString();
    }
}
