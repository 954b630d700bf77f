// SPDX-License-Identifier: MIT
#pragma once
// Python's keywords, strings, comments, numbers and names after def/class, coloured for the program editor.

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace mpstage::app {

class PythonHighlighter : public QSyntaxHighlighter {
public:
    explicit PythonHighlighter(QTextDocument* document);
    void setDark(bool dark);

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0;
    };
    std::vector<Rule> m_rules;
    QTextCharFormat m_string;
    bool m_dark = false;
    void build();
};

} // namespace mpstage::app
