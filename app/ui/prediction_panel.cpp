// SPDX-License-Identifier: MIT
#include "ui/prediction_panel.h"

#include "look/theme.h"
#include "run/run_controller.h"
#include "timeline/scrubber.h"
#include "ui/main_window.h"
#include "ui/params_form.h"
#include "ui/scene_library.h"

#include "scene_header.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace mpstage::app {

std::vector<SceneQuestion> questionsOf(const SceneInfo& scene, const QStringList& folders)
{
    try {
        if (scene.program)
            return parseSceneHeader(scene.listing({})).questions;
        const QString file
            = QString::fromStdString(scene.id).replace(QLatin1Char('-'), QLatin1Char('_')) + QStringLiteral(".py");
        for (const QString& folder : folders) {
            QFile twin(QDir(folder).filePath(file));
            if (twin.open(QIODevice::ReadOnly))
                return parseSceneHeader(twin.readAll().toStdString()).questions;
        }
    } catch (const std::exception&) { // a broken twin is listed as broken by the library: no questions here
    }
    return {};
}

namespace {

QString letter(std::size_t i)
{
    return QString(QChar(static_cast<char16_t>(u'A' + i)));
}

QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

bool typing(const QWidget* w)
{
    return qobject_cast<const QLineEdit*>(w) || qobject_cast<const QPlainTextEdit*>(w)
        || qobject_cast<const QTextEdit*>(w) || qobject_cast<const QAbstractSpinBox*>(w);
}

} // namespace

PredictionPanel::PredictionPanel(MainWindow& window)
    : m_window(window)
    , m_column(new QVBoxLayout(this))
    , m_heading(new QLabel)
{
    setObjectName(QStringLiteral("predictions"));
    m_column->setContentsMargins(12, 8, 12, 8);
    m_column->setSpacing(6);
    m_heading->setObjectName(QStringLiteral("predictHeading"));
    m_heading->setWordWrap(true);
    m_column->addWidget(m_heading);
    qApp->installEventFilter(this);
    RunController& c = window.controller();
    connect(&c, &RunController::runReset, this, &PredictionPanel::clearReveal);
    connect(&c, &RunController::ended, this, &PredictionPanel::reveal);
    connect(&c, &RunController::hangChanged, this, [this] {
        if (!m_window.controller().hang().empty())
            reveal();
    });
    connect(&window.params(), &ParamsForm::changed, this, &PredictionPanel::refreshTexts);
    connect(&c, &RunController::phaseChanged, this, &PredictionPanel::refreshTexts);
    hide();
}

ParamValues PredictionPanel::values() const
{
    if (!m_scene)
        return {};
    // once there is a run, the values it ran with (the World's), else the form's
    const std::string& ran = m_window.controller().state().world().run().parameters;
    try {
        if (!ran.empty()) {
            std::vector<std::pair<std::string, std::string>> given;
            for (const QString& kv : QString::fromStdString(ran).split(QLatin1Char(','), Qt::SkipEmptyParts))
                given.push_back(splitAssignment(kv.toStdString()));
            return parseParams(m_scene->params, given);
        }
    } catch (const std::exception&) {
    }
    try {
        return parseParams(m_scene->params, m_window.params().values());
    } catch (const std::exception&) {
        return parseParams(m_scene->params, {});
    }
}

void PredictionPanel::setScene(const SceneInfo* scene)
{
    m_scene = scene;
    m_questions = scene ? questionsOf(*scene, m_window.library().folders()) : std::vector<SceneQuestion> {};
    m_chosen.assign(m_questions.size(), -1);
    m_reveals.clear();
    rebuild();
    setVisible(!m_questions.empty());
}

void PredictionPanel::setPresenting(bool on)
{
    if (on != m_presenting) {
        m_presenting = on;
        rebuild();
        if (!m_reveals.empty())
            reveal();
    }
    restyle();
}

void PredictionPanel::rebuild()
{
    std::vector<std::vector<int>> counts;
    for (const Card& c : m_cards) {
        counts.emplace_back();
        for (const QSpinBox* s : c.counts)
            counts.back().push_back(s->value());
    }
    for (Card& c : m_cards)
        if (c.question)
            delete c.question->parentWidget();
    m_cards.clear();
    m_again = nullptr;
    for (std::size_t q = 0; q < m_questions.size(); ++q) {
        auto* card = new QFrame;
        card->setObjectName(QStringLiteral("predictCard"));
        auto* column = new QVBoxLayout(card);
        column->setContentsMargins(10, 8, 10, 8);
        Card c;
        c.question = new QLabel;
        c.question->setObjectName(QStringLiteral("predictQuestion"));
        c.question->setWordWrap(true);
        auto* top = new QHBoxLayout;
        top->addWidget(c.question, 1);
        if (q == 0) { // after a run: a fresh vote before the next one; and the room back for the stage
            m_again = new QPushButton(QStringLiteral("Ask again"));
            m_again->setObjectName(QStringLiteral("predictAgain"));
            m_again->setFocusPolicy(Qt::NoFocus);
            m_again->setToolTip(QStringLiteral("Clear the choices and counts, and ask before the next run"));
            connect(m_again, &QPushButton::clicked, this, &PredictionPanel::askAgain);
            top->addWidget(m_again, 0, Qt::AlignTop);
            auto* hideButton = new QPushButton(QStringLiteral("Hide"));
            hideButton->setObjectName(QStringLiteral("predictHide"));
            hideButton->setFocusPolicy(Qt::NoFocus);
            hideButton->setToolTip(QStringLiteral("Hide the questions until another scene is chosen"));
            connect(hideButton, &QPushButton::clicked, this, [this] {
                hide();
                refreshTexts();
            });
            top->addWidget(hideButton, 0, Qt::AlignTop);
        }
        column->addLayout(top);
        // before Run: the choices, side by side (one a line in presenter mode, where the type is large)
        c.choiceBox = new QWidget;
        auto* grid = new QGridLayout(c.choiceBox);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setHorizontalSpacing(8);
        const std::size_t n = m_questions[q].choices.size();
        for (std::size_t i = 0; i < n; ++i) {
            auto* button = new QPushButton;
            button->setObjectName(QStringLiteral("predictChoice"));
            button->setCheckable(true);
            button->setFocusPolicy(Qt::NoFocus);
            button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
            connect(button, &QPushButton::clicked, this, [this, q, i] {
                choose(static_cast<int>(q), m_chosen[q] == static_cast<int>(i) ? -1 : static_cast<int>(i));
            });
            auto* count = new QSpinBox;
            count->setObjectName(QStringLiteral("predictCount"));
            count->setRange(0, 100000);
            count->setToolTip(QStringLiteral("How many in the class chose %1").arg(letter(i)));
            count->setSpecialValueText(QStringLiteral("class: –"));
            count->setPrefix(QStringLiteral("class: "));
            const int r = m_presenting ? static_cast<int>(i) : 0;
            const int col = m_presenting ? 0 : 2 * static_cast<int>(i);
            grid->addWidget(button, r, col);
            grid->addWidget(count, r, col + 1);
            grid->setColumnStretch(col, 1);
            c.choices.push_back(button);
            c.counts.push_back(count);
        }
        column->addWidget(c.choiceBox);
        auto* under = new QHBoxLayout;
        c.answer = new QLabel;
        c.answer->setObjectName(QStringLiteral("predictAnswer"));
        c.answer->setWordWrap(true);
        c.answer->setTextFormat(Qt::RichText);
        c.answer->hide();
        under->addWidget(c.answer, 1);
        c.seeIt = new QPushButton(QStringLiteral("Show that instant"));
        c.seeIt->setObjectName(QStringLiteral("predictSeeIt"));
        c.seeIt->setFocusPolicy(Qt::NoFocus);
        c.seeIt->setToolTip(QStringLiteral("Put the stage back at the instant the run showed the answer"));
        c.seeIt->hide();
        connect(c.seeIt, &QPushButton::clicked, this, [this, q] {
            if (q >= m_reveals.size() || !m_reveals[q].known)
                return;
            const std::uint64_t origin = m_window.controller().record().lanes.origin();
            const std::uint64_t at = m_reveals[q].timeNs;
            m_window.scrubber().scrubToTime(at > origin ? at - origin : 0);
        });
        under->addWidget(c.seeIt, 0, Qt::AlignTop);
        column->addLayout(under);
        m_column->addWidget(card);
        if (q < counts.size())
            for (std::size_t i = 0; i < counts[q].size() && i < c.counts.size(); ++i)
                c.counts[i]->setValue(counts[q][i]);
        m_cards.push_back(c);
    }
    refreshTexts();
}

void PredictionPanel::refreshTexts()
{
    if (!m_scene)
        return;
    const ParamValues v = values();
    const bool many = m_questions.size() > 1;
    bool anyCard = false;
    m_heading->setText(
        QStringLiteral("Predict, then run: choose with the mouse or the keys A–D, and type how many chose each."));
    m_heading->setVisible(m_reveals.empty() && !m_window.controller().active());
    for (std::size_t q = 0; q < m_cards.size(); ++q) {
        const bool asking = m_reveals.empty() && !m_window.controller().active();
        QString question = (many ? QStringLiteral("%1. ").arg(q + 1) : QString())
            + QString::fromStdString(fillIn(m_questions[q].text, v));
        if (!asking && m_chosen[q] >= 0)
            question += QStringLiteral("   Predicted: %1 %2")
                            .arg(letter(static_cast<std::size_t>(m_chosen[q])),
                                QString::fromStdString(
                                    fillIn(m_questions[q].choices[static_cast<std::size_t>(m_chosen[q])], v)));
        m_cards[q].question->setText(question);
        m_cards[q].choiceBox->setVisible(asking);
        if (q == 0 && m_again)
            m_again->setVisible(!m_reveals.empty() && !m_window.controller().active());
        anyCard = true;
        for (std::size_t i = 0; i < m_cards[q].choices.size(); ++i) {
            QString text
                = letter(i) + QStringLiteral("   ") + QString::fromStdString(fillIn(m_questions[q].choices[i], v));
            if (q < m_reveals.size() && m_reveals[q].known) {
                if (m_reveals[q].choice == static_cast<int>(i))
                    text += QStringLiteral("   ✓ this run");
                else if (m_chosen[q] == static_cast<int>(i))
                    text += QStringLiteral("   ✗");
            }
            m_cards[q].choices[i]->setText(text);
            m_cards[q].choices[i]->setChecked(m_chosen[q] == static_cast<int>(i));
        }
    }
    // Presenter mode has room for one large block of words under the stage: while the cards ask or reveal,
    // they are it, and the caption strip (Look / Predict / Why) waits until the run is on.
    if (auto* caption = m_window.findChild<QLabel*>(QStringLiteral("caption")))
        caption->setVisible(m_presenting && (!anyCard || isHidden() || m_window.controller().active()));
    restyle();
}

void PredictionPanel::restyle()
{
    const Theme& t = theme();
    const int big = m_presenting ? 22 : 13; // points: at least 12 px on a 1280×720 window either way
    const int mid = m_presenting ? 18 : 12;
    QColor fill = t.accent;
    fill.setAlpha(t.dark ? 40 : 22);
    QColor okFill = t.ok;
    okFill.setAlpha(t.dark ? 90 : 60);
    QString sheet
        = QStringLiteral("#predictions { background: %1; border: 2px solid %2; border-radius: 10px; }"
                         "#predictHeading { color: %3; font-size: %5pt; }"
                         "#predictQuestion { color: %3; font-size: %4pt; font-weight: bold; }"
                         "#predictChoice { font-size: %5pt; padding: 6px 10px; text-align: left; border: 2px solid %6;"
                         " border-radius: 8px; color: %3; background: transparent; }"
                         "#predictChoice:checked { border: 3px solid %2; font-weight: bold; }"
                         "#predictCount { font-size: %5pt; }"
                         "#predictAnswer { color: %3; font-size: %5pt; }"
                         "#predictSeeIt, #predictHide, #predictAgain { font-size: %5pt; }")
              .arg(fill.name(QColor::HexArgb), t.accent.name(), t.text.name())
              .arg(big)
              .arg(mid)
              .arg(t.text.name() + QStringLiteral("55"));
    setStyleSheet(sheet);
    for (std::size_t q = 0; q < m_cards.size() && q < m_reveals.size(); ++q) {
        if (!m_reveals[q].known)
            continue;
        const auto right = static_cast<std::size_t>(m_reveals[q].choice);
        m_cards[q].choices[right]->setStyleSheet(
            QStringLiteral("#predictChoice { background: %1; border: 3px solid %2; font-weight: bold; }")
                .arg(okFill.name(QColor::HexArgb), t.ok.name()));
        const int chosen = m_chosen[q];
        if (chosen >= 0 && static_cast<std::size_t>(chosen) != right)
            m_cards[q].choices[static_cast<std::size_t>(chosen)]->setStyleSheet(
                QStringLiteral("#predictChoice { border: 3px solid %1; }").arg(t.warn.name()));
    }
}

void PredictionPanel::choose(int question, int choice)
{
    if (question < 0 || question >= questionCount())
        return;
    const auto q = static_cast<std::size_t>(question);
    if (choice < -1 || choice >= static_cast<int>(m_questions[q].choices.size()))
        return;
    m_chosen[q] = choice;
    refreshTexts();
}

int PredictionPanel::chosen(int question) const
{
    return question >= 0 && question < questionCount() ? m_chosen[static_cast<std::size_t>(question)] : -1;
}

void PredictionPanel::setCount(int question, int choice, int n)
{
    if (question < 0 || question >= questionCount())
        return;
    const Card& c = m_cards[static_cast<std::size_t>(question)];
    if (choice >= 0 && choice < static_cast<int>(c.counts.size()))
        c.counts[static_cast<std::size_t>(choice)]->setValue(n);
}

std::vector<replay::SavedPrediction> PredictionPanel::saved() const
{
    std::vector<replay::SavedPrediction> out;
    const ParamValues v = values();
    for (std::size_t q = 0; q < m_questions.size(); ++q) {
        replay::SavedPrediction p;
        p.question = fillIn(m_questions[q].text, v);
        for (std::size_t i = 0; i < m_questions[q].choices.size(); ++i) {
            p.choices.push_back(fillIn(m_questions[q].choices[i], v));
            p.counts.push_back(m_cards[q].counts[i]->value());
        }
        p.chosen = m_chosen[q];
        out.push_back(std::move(p));
    }
    // nobody predicted anything: the run is saved as one without questions
    const bool any = std::any_of(out.begin(), out.end(), [](const replay::SavedPrediction& p) {
        return p.chosen >= 0 || std::any_of(p.counts.begin(), p.counts.end(), [](int n) { return n > 0; });
    });
    if (!any)
        out.clear();
    return out;
}

void PredictionPanel::restore(const std::vector<replay::SavedPrediction>& predictions)
{
    const ParamValues v = values();
    for (const replay::SavedPrediction& p : predictions)
        for (std::size_t q = 0; q < m_questions.size(); ++q) {
            if (fillIn(m_questions[q].text, v) != p.question || m_questions[q].choices.size() != p.choices.size())
                continue;
            m_chosen[q] = p.chosen;
            for (std::size_t i = 0; i < p.counts.size() && i < m_cards[q].counts.size(); ++i)
                m_cards[q].counts[i]->setValue(p.counts[i]);
        }
    if (!predictions.empty() && !m_questions.empty())
        show();
    if (m_window.controller().state().ended())
        reveal();
    else
        refreshTexts();
}

void PredictionPanel::askAgain()
{
    m_chosen.assign(m_questions.size(), -1);
    for (Card& c : m_cards)
        for (QSpinBox* count : c.counts)
            count->setValue(0);
    clearReveal();
}

void PredictionPanel::clearReveal()
{
    m_reveals.clear();
    for (Card& c : m_cards) {
        c.answer->hide();
        c.seeIt->hide();
        for (QPushButton* b : c.choices)
            b->setStyleSheet({});
    }
    refreshTexts();
}

void PredictionPanel::reveal()
{
    if (m_questions.empty() || !m_scene)
        return;
    const RunController& c = m_window.controller();
    const RunEvidence run = evidenceOf(c.record().history.events(), m_scene->hangAfter, !c.hang().empty());
    const ParamValues v = values();
    m_reveals.clear();
    for (std::size_t q = 0; q < m_questions.size(); ++q) {
        m_reveals.push_back(revealAnswer(m_questions[q], run, v));
        const Reveal& r = m_reveals.back();
        Card& card = m_cards[q];
        for (QPushButton* b : card.choices)
            b->setStyleSheet({});
        QString text;
        if (r.known) {
            const auto right = static_cast<std::size_t>(r.choice);
            const QString choice = QString::fromStdString(fillIn(m_questions[q].choices[right], v));
            const int chose = m_chosen[q];
            const QString verdict = chose < 0 ? QString()
                : chose == r.choice           ? QStringLiteral(" — as predicted.")
                                    : QStringLiteral(" — not %1.").arg(letter(static_cast<std::size_t>(chose)));
            int total = 0;
            for (const QSpinBox* s : card.counts)
                total += s->value();
            const QString counted = total > 0
                ? QStringLiteral(" %1 of %2 in the class chose it.").arg(card.counts[right]->value()).arg(total)
                : QString();
            text = QStringLiteral("<b>This run: %1 %2</b>%3%4<br>%5<br><b>Why:</b> %6")
                       .arg(letter(right), choice.toHtmlEscaped(), verdict, counted, esc(r.shown), esc(r.why));
        }
        if (!r.note.empty())
            text += (text.isEmpty() ? QString() : QStringLiteral("<br>"))
                + QStringLiteral("<span style='color:%1'><b>%2</b></span>").arg(theme().warn.name(), esc(r.note));
        card.answer->setText(text);
        card.answer->setVisible(!text.isEmpty());
        card.seeIt->setVisible(r.known && c.record().history.complete());
    }
    refreshTexts();
}

QString PredictionPanel::cardText(int question) const
{
    if (question < 0 || question >= questionCount())
        return {};
    const Card& c = m_cards[static_cast<std::size_t>(question)];
    QStringList parts { c.question->text() };
    for (const QPushButton* b : c.choices)
        parts << b->text();
    if (!c.answer->isHidden())
        parts << c.answer->text();
    return parts.join(QLatin1Char('\n'));
}

bool PredictionPanel::eventFilter(QObject* watched, QEvent* event)
{
    // A–D choose for the first question not yet answered (the last when all are), before Run: then C is
    // not Charts. While a run is on or has been revealed, the keys are the window's again.
    if ((event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride) || isHidden()
        || m_questions.empty() || !m_reveals.empty() || m_window.controller().active())
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    if ((key->modifiers() != Qt::NoModifier && key->modifiers() != Qt::KeypadModifier) || key->key() < Qt::Key_A
        || key->key() > Qt::Key_D)
        return false;
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || widget->window() != &m_window || typing(QApplication::focusWidget()))
        return false;
    std::size_t q = 0;
    while (q + 1 < m_questions.size() && m_chosen[q] >= 0)
        ++q;
    const int choice = key->key() - Qt::Key_A;
    if (choice >= static_cast<int>(m_questions[q].choices.size()))
        return false;
    if (event->type() == QEvent::KeyPress)
        choose(static_cast<int>(q), choice);
    event->accept();
    return true;
}

} // namespace mpstage::app
