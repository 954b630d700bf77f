// SPDX-License-Identifier: MIT
#include "ui/python_highlighter.h"

namespace mpstage::app {

PythonHighlighter::PythonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
    build();
}

void PythonHighlighter::setDark(bool dark)
{
    m_dark = dark;
    build();
    rehighlight();
}

void PythonHighlighter::build()
{
    auto format = [](const QColor& colour, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(colour);
        f.setFontWeight(bold ? QFont::Bold : QFont::Normal);
        f.setFontItalic(italic);
        return f;
    };
    const QColor keyword = m_dark ? QColor(0xff, 0x9e, 0x64) : QColor(0x8b, 0x1e, 0x8b);
    const QColor builtin = m_dark ? QColor(0x7d, 0xcf, 0xff) : QColor(0x00, 0x55, 0xaa);
    const QColor number = m_dark ? QColor(0xb4, 0xf9, 0xa8) : QColor(0x0a, 0x7a, 0x2f);
    const QColor comment = m_dark ? QColor(0x9a, 0xa5, 0xb1) : QColor(0x6a, 0x73, 0x7d);
    const QColor name = m_dark ? QColor(0x9e, 0xce, 0x6a) : QColor(0x0b, 0x5c, 0x8c);
    m_string = format(m_dark ? QColor(0xe6, 0xdb, 0x74) : QColor(0xa3, 0x15, 0x15));
    m_rules.clear();
    m_rules.push_back({ QRegularExpression(QStringLiteral(
                            "\\b(False|None|True|and|as|assert|break|class|continue|def|del|elif|else|except|"
                            "finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|"
                            "try|while|with|yield)\\b")),
        format(keyword, true) });
    m_rules.push_back({ QRegularExpression(QStringLiteral(
                            "\\b(print|range|len|list|dict|tuple|set|int|float|str|bytes|bytearray|isinstance|"
                            "sorted|sum|max|min|enumerate|zip|map|iter|next|super|Exception|ValueError|KeyError|"
                            "EOFError|RuntimeError)\\b")),
        format(builtin) });
    m_rules.push_back({ QRegularExpression(QStringLiteral("\\b[0-9]+(\\.[0-9]*)?\\b")), format(number) });
    m_rules.push_back(
        { QRegularExpression(QStringLiteral("\\b(?:def|class)\\s+([A-Za-z_][A-Za-z0-9_]*)")), format(name, true), 1 });
    m_rules.push_back({ QRegularExpression(QStringLiteral(
                            "[rbf]?'[^'\\\\]*(\\\\.[^'\\\\]*)*'|[rbf]?\"[^\"\\\\]*(\\\\.[^\"\\\\]*)*\"")),
        m_string });
    m_rules.push_back({ QRegularExpression(QStringLiteral("#[^\\n]*")), format(comment, false, true) });
}

void PythonHighlighter::highlightBlock(const QString& text)
{
    for (const Rule& rule : m_rules) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(static_cast<int>(m.capturedStart(rule.group)), static_cast<int>(m.capturedLength(rule.group)),
                rule.format);
        }
    }
    // Triple-quoted strings (docstrings) span blocks: state 1 = inside """, 2 = inside '''.
    int start = 0;
    int state = previousBlockState();
    while (start <= text.size()) {
        if (state == 1 || state == 2) {
            const QString quote = state == 1 ? QStringLiteral("\"\"\"") : QStringLiteral("'''");
            const int end = static_cast<int>(text.indexOf(quote, start));
            if (end < 0) {
                setFormat(start, static_cast<int>(text.size()) - start, m_string);
                setCurrentBlockState(state);
                return;
            }
            setFormat(start, end + 3 - start, m_string);
            start = end + 3;
            state = 0;
        }
        const int dq = static_cast<int>(text.indexOf(QStringLiteral("\"\"\""), start));
        const int sq = static_cast<int>(text.indexOf(QStringLiteral("'''"), start));
        if (dq < 0 && sq < 0)
            break;
        const bool isDouble = dq >= 0 && (sq < 0 || dq < sq);
        const int at = isDouble ? dq : sq;
        state = isDouble ? 1 : 2;
        setFormat(at, 3, m_string);
        start = at + 3;
    }
    setCurrentBlockState(state == 1 || state == 2 ? state : 0);
}

} // namespace mpstage::app
