// SPDX-License-Identifier: MIT
#include "ui/banner.h"
#include "look/theme.h"

#include <QHBoxLayout>
#include <QLabel>

namespace mpstage::app {

Banner::Banner(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel)
    , m_text(new QLabel)
{
    setObjectName(QStringLiteral("banner"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(14, 8, 14, 8);
    row->setSpacing(12);
    m_icon->setObjectName(QStringLiteral("bannerIcon"));
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("bannerText"));
    row->addWidget(m_icon);
    row->addWidget(m_text, 1);
    hide();
}

QString Banner::text() const
{
    return m_text->text();
}

void Banner::setMessage(MessageKind kind, const QString& text)
{
    m_kind = kind;
    m_text->setText(text);
    setVisible(kind != MessageKind::None && !text.isEmpty());
    refreshTheme();
}

void Banner::refreshTheme()
{
    const Theme& t = theme();
    QColor colour = t.accent;
    QString icon = QStringLiteral("i");
    switch (m_kind) {
    case MessageKind::Success:
        colour = t.ok;
        icon = QStringLiteral("✓");
        break;
    case MessageKind::Unexpected:
        colour = t.warn;
        icon = QStringLiteral("!");
        break;
    case MessageKind::Hang:
        colour = t.bad;
        icon = QStringLiteral("⚠");
        break;
    case MessageKind::Error:
        colour = t.bad;
        icon = QStringLiteral("✗");
        break;
    default:
        break;
    }
    QColor fill = colour;
    fill.setAlpha(t.dark ? 60 : 34);
    setStyleSheet(QStringLiteral("#banner { background: %1; border: 3px solid %2; border-radius: 10px; }"
                                 "#bannerIcon { color: %2; font-size: 24pt; font-weight: bold; min-width: 32px; }"
                                 "#bannerText { color: %3; font-size: 17pt; }")
                      .arg(fill.name(QColor::HexArgb), colour.name(), t.text.name()));
    m_icon->setText(icon);
}

} // namespace mpstage::app
