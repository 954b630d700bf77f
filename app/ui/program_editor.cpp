// SPDX-License-Identifier: MIT
#include "ui/program_editor.h"
#include "ui/listing_delegate.h"
#include "ui/python_highlighter.h"

#include <QPainter>

#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <algorithm>

namespace mpstage::app {

namespace {

class Gutter : public QWidget {
public:
    explicit Gutter(ProgramEditor* editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return { m_editor->gutterWidth(), 0 }; }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintGutter(event); }

private:
    ProgramEditor* m_editor;
};

constexpr int PILL_WIDTH = 34;

} // namespace

ProgramEditor::ProgramEditor(QWidget* parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
    , m_highlighter(new PythonHighlighter(document()))
{
    setFont(ListingDelegate::codeFont());
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    setAccessibleName(QStringLiteral("Program editor"));
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &ProgramEditor::updateGutter);
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void ProgramEditor::setProgram(const QString& text)
{
    if (text != toPlainText())
        setPlainText(text);
    setError(0, {});
}

int ProgramEditor::gutterWidth() const
{
    const int digits = static_cast<int>(QString::number(std::max(1, blockCount())).size());
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(digits, 2) + 2 * PILL_WIDTH + 8;
}

void ProgramEditor::setMarkers(const std::vector<ListingMarker>& markers)
{
    if (markers == m_markers)
        return;
    m_markers = markers;
    m_gutter->update();
}

void ProgramEditor::setError(int line, const QString& words)
{
    m_errorLine = line;
    m_errorWords = words;
    updateSelections();
    m_gutter->update();
    if (line > 0)
        scrollToLine(line);
}

void ProgramEditor::setDark(bool dark)
{
    m_dark = dark;
    m_highlighter->setDark(dark);
    updateSelections();
}

void ProgramEditor::scrollToLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    QTextCursor c(block);
    setTextCursor(c);
    centerCursor();
}

void ProgramEditor::showLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return;
    const QRectF where = blockBoundingGeometry(block).translated(contentOffset());
    if (where.top() >= 0 && where.bottom() <= viewport()->height())
        return;
    // The scroll bar of a QPlainTextEdit counts blocks: put the line about a third of the way down.
    const int rows = std::max(1, viewport()->height() / std::max(1, fontMetrics().height()));
    verticalScrollBar()->setValue(std::max(0, block.blockNumber() - rows / 3));
}

void ProgramEditor::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (m_errorLine > 0) {
        QTextEdit::ExtraSelection s;
        s.format.setBackground(m_dark ? QColor(0x6b, 0x1d, 0x1d) : QColor(0xff, 0xd7, 0xd7));
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        s.format.setToolTip(m_errorWords);
        s.cursor = QTextCursor(document()->findBlockByNumber(m_errorLine - 1));
        selections.push_back(s);
    }
    setExtraSelections(selections);
}

void ProgramEditor::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

void ProgramEditor::updateGutter(const QRect& rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void ProgramEditor::paintGutter(QPaintEvent* event)
{
    QPainter p(m_gutter);
    p.fillRect(event->rect(), m_dark ? QColor(0x22, 0x26, 0x2e) : QColor(0xf0, 0xf2, 0xf5));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int lineHeight = fontMetrics().height();
    const int numberWidth = m_gutter->width() - 2 * PILL_WIDTH - 10;
    QFont pill = font();
    pill.setBold(true);
    pill.setPointSizeF(font().pointSizeF() * 0.8);
    while (block.isValid() && top <= event->rect().bottom()) {
        const int line = block.blockNumber() + 1;
        const QRect row(0, top, m_gutter->width(), lineHeight);
        if (line == m_errorLine)
            p.fillRect(row, QColor(0xc0, 0x1c, 0x28));
        p.setPen(line == m_errorLine ? Qt::white : (m_dark ? QColor(0x9a, 0xa5, 0xb1) : QColor(0x6a, 0x73, 0x7d)));
        p.setFont(font());
        p.drawText(QRect(4, top, numberWidth, lineHeight), Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
        int x = numberWidth + 8;
        p.setFont(pill);
        int shown = 0;
        for (const ListingMarker& m : m_markers) {
            if (m.line != line)
                continue;
            if (shown == 2) { // more processes than room: the second pill says how many more
                break;
            }
            const QRect r(x, top + 1, PILL_WIDTH - 2, lineHeight - 2);
            p.setPen(Qt::NoPen);
            p.setBrush(m.colour);
            p.drawRoundedRect(r, 4, 4);
            p.setPen(Qt::white);
            p.drawText(r, Qt::AlignCenter, m.name);
            x += PILL_WIDTH;
            ++shown;
        }
        block = block.next();
        top += qRound(blockBoundingRect(block.previous()).height());
    }
}

ProgramError programErrorIn(const QString& text, const QString& file)
{
    ProgramError e;
    static const QRegularExpression at(QStringLiteral("File \"([^\"]+)\", line (\\d+)"));
    auto it = at.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.captured(1) == file)
            e.line = m.captured(2).toInt();
    }
    if (e.line == 0)
        return e;
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (auto l = lines.crbegin(); l != lines.crend(); ++l) {
        const QString t = l->trimmed();
        if (!t.isEmpty() && !t.startsWith(QStringLiteral("File ")) && !t.startsWith(QLatin1Char('^'))
            && !t.startsWith(QLatin1Char('~'))) {
            e.words = t;
            break;
        }
    }
    return e;
}

} // namespace mpstage::app
