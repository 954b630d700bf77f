// SPDX-License-Identifier: MIT
#pragma once
// The strip above the stage that speaks when something happened: the hang explanation, the outcome of the
// run, an error in words, a hint about a step that cannot be taken. Hidden when there is nothing to say.

#include "run/run_controller.h"

#include <QFrame>

class QLabel;

namespace mpstage::app {

class Banner : public QFrame {
    Q_OBJECT

public:
    explicit Banner(QWidget* parent = nullptr);

    void setMessage(MessageKind kind, const QString& text);
    MessageKind kind() const { return m_kind; }
    QString text() const;
    void refreshTheme();

private:
    MessageKind m_kind = MessageKind::None;
    QLabel* m_icon;
    QLabel* m_text;
};

} // namespace mpstage::app
