// SPDX-License-Identifier: MIT
#pragma once
// The listing of a Python program as an editor: line numbers and a marker per process on the real lines in
// the gutter, Python colours, and the line a syntax error or a traceback points at, marked with its words.
// Read-only while the program runs: what runs is what the editor held when Run was pressed.

#include "ui/listing_model.h"

#include <QPlainTextEdit>

#include <vector>

class QLabel;

namespace mpstage::app {

class PythonHighlighter;

class ProgramEditor : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit ProgramEditor(QWidget* parent = nullptr);

    void setProgram(const QString& text); // replaces the text and forgets the error
    void setMarkers(const std::vector<ListingMarker>& markers);
    // Marks `line` (1-based) as where the program failed; 0 clears it.
    void setError(int line, const QString& words);
    int errorLine() const { return m_errorLine; }
    const QString& errorWords() const { return m_errorWords; }
    void setDark(bool dark);
    void scrollToLine(int line);
    // Brings `line` into view if it is not, without moving the caret (the marker of the process followed).
    void showLine(int line);

    int gutterWidth() const;
    void paintGutter(QPaintEvent* event);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateGutter(const QRect& rect, int dy);
    void updateSelections();

    QWidget* m_gutter;
    PythonHighlighter* m_highlighter;
    std::vector<ListingMarker> m_markers;
    int m_errorLine = 0;
    QString m_errorWords;
    bool m_dark = false;
};

// The line and the words of the error a Python traceback or syntax error reports for `file`: the last
// `File "<file>", line N` of the text and its last line ("ZeroDivisionError: division by zero"); line 0 if
// the text holds none.
struct ProgramError {
    int line = 0;
    QString words;
};
ProgramError programErrorIn(const QString& stderrText, const QString& file);

} // namespace mpstage::app
