// SPDX-License-Identifier: MIT
#include "ui/scene_info_panel.h"
#include "look/theme.h"

#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

namespace mpstage::app {

namespace {

QString html(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

} // namespace

SceneInfoPanel::SceneInfoPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_body(new QLabel)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(4, 4, 8, 4);
    column->setSpacing(6);
    m_title->setObjectName(QStringLiteral("sceneTitle"));
    m_title->setWordWrap(true);
    m_body->setWordWrap(true);
    m_body->setTextFormat(Qt::RichText);
    column->addWidget(m_title);
    column->addWidget(m_body);
    column->addStretch(1);
}

void SceneInfoPanel::setScene(const SceneInfo* scene)
{
    m_scene = scene;
    m_revealed = false;
    refresh();
}

void SceneInfoPanel::setRevealed(bool revealed)
{
    if (revealed != m_revealed) {
        m_revealed = revealed;
        refresh();
    }
}

void SceneInfoPanel::refresh()
{
    if (!m_scene) {
        m_title->clear();
        m_body->clear();
        return;
    }
    const QString accent = theme().accent.name();
    m_title->setText(QString::fromStdString(m_scene->title));
    QString body = QStringLiteral("<p>") + html(m_scene->summary) + QStringLiteral("</p>");
    const Narration& n = m_scene->narration;
    body += QStringLiteral("<p><b style='color:%1'>Look:</b> ").arg(accent) + html(n.look) + QStringLiteral("</p>");
    if (m_revealed)
        body += QStringLiteral("<p><b style='color:%1'>Why:</b> ").arg(accent) + html(n.explain)
            + QStringLiteral("</p>");
    else
        body += QStringLiteral("<p><b style='color:%1'>Predict:</b> ").arg(accent) + html(n.predict)
            + QStringLiteral("</p>");
    m_body->setText(body);
}

QString SceneInfoPanel::plainText() const
{
    QTextDocument doc;
    doc.setHtml(m_body->text());
    return m_title->text() + QLatin1Char('\n') + doc.toPlainText();
}

} // namespace mpstage::app
