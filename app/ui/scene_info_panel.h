// SPDX-License-Identifier: MIT
#pragma once
// The chosen scene in words, above the stage: its title and summary, what to look at, what to predict
// before pressing Run, and (once the run has ended) why it happened.

#include <mpstage/scene_info.h>

#include <QWidget>

class QLabel;

namespace mpstage::app {

class SceneInfoPanel : public QWidget {
    Q_OBJECT

public:
    explicit SceneInfoPanel(QWidget* parent = nullptr);

    void setScene(const SceneInfo* scene);
    void setRevealed(bool revealed); // show "Why"
    QString plainText() const; // for tests

private:
    void refresh();

    const SceneInfo* m_scene = nullptr;
    bool m_revealed = false;
    QLabel* m_title;
    QLabel* m_body;
};

} // namespace mpstage::app
