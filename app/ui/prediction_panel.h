// SPDX-License-Identifier: MIT
#pragma once
// Predict, then reveal: before Run, the scene's questions as cards above the stage (large in presenter mode),
// each choice a button (keys A-D choose for the question in turn) with a box for how many in the class chose
// it; once the run has ended or hung, each card marks the choice the run showed, says when and what the run
// did, why in one sentence, and, if the run did not come out as the scene declares, says so. The answer is
// model/prediction_reveal.h's, from the run's own events. A built-in C++ scene asks the questions of its
// shipped Python twin (scenes/programs/ID.py).

#include "model/prediction_reveal.h"
#include "replay/run_file.h"

#include <mpstage/scene_info.h>

#include <QFrame>
#include <QStringList>

#include <vector>

class QLabel;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace mpstage::app {

class MainWindow;

// The questions a scene asks (none for a scene without any, or whose header cannot be read); a built-in
// scene's are its twin's, the first ID.py in these folders (the library's: the shipped scene files first).
std::vector<SceneQuestion> questionsOf(const SceneInfo& scene, const QStringList& folders);

class PredictionPanel : public QFrame {
    Q_OBJECT

public:
    explicit PredictionPanel(MainWindow& window);

    void setScene(const SceneInfo* scene);
    void setPresenting(bool on);
    int questionCount() const { return static_cast<int>(m_questions.size()); }
    // The class's choice for one question (-1: none), and the count typed in for one choice.
    void choose(int question, int choice);
    int chosen(int question) const;
    void setCount(int question, int choice, int n);
    // The predictions as a saved run keeps them, and put back from one (matched by the question's text).
    std::vector<replay::SavedPrediction> saved() const;
    void restore(const std::vector<replay::SavedPrediction>& predictions);
    // Decides each question from the run the controller holds (ended or hung), and shows it.
    void reveal();
    // After a run: clears the choices, the counts and the answer, so the class can predict the next run.
    void askAgain();
    const std::vector<Reveal>& reveals() const { return m_reveals; }
    QString cardText(int question) const; // what one card says, for tests

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Card {
        QLabel* question = nullptr;
        QWidget* choiceBox = nullptr; // shown before Run
        std::vector<QPushButton*> choices;
        std::vector<QSpinBox*> counts;
        QLabel* answer = nullptr;
        QPushButton* seeIt = nullptr;
    };
    void rebuild();
    void refreshTexts();
    void restyle();
    void clearReveal();
    ParamValues values() const;

    MainWindow& m_window;
    const SceneInfo* m_scene = nullptr;
    std::vector<SceneQuestion> m_questions;
    std::vector<int> m_chosen;
    std::vector<Reveal> m_reveals;
    std::vector<Card> m_cards;
    QVBoxLayout* m_column;
    QLabel* m_heading;
    QPushButton* m_again = nullptr; // Ask again, on the first card
    bool m_presenting = false;
};

} // namespace mpstage::app
