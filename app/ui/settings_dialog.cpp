// SPDX-License-Identifier: MIT
#include "ui/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mpstage::app {

SettingsDialog::SettingsDialog(const AppSettings& settings, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(QStringLiteral("mpstage settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    auto* column = new QVBoxLayout(this);
    auto* windowBox = new QGroupBox(QStringLiteral("Window"));
    auto* windowForm = new QFormLayout(windowBox);
    m_window = addLook(*windowForm, settings.window);
    auto* presenterBox = new QGroupBox(QStringLiteral("Presenter mode (F5)"));
    auto* presenterForm = new QFormLayout(presenterBox);
    m_presenter = addLook(*presenterForm, settings.presenter);
    m_startPresenting = new QCheckBox(QStringLiteral("Open mpstage in presenter mode"));
    m_startPresenting->setChecked(settings.startPresenting);
    presenterForm->addRow(m_startPresenting);
    column->addWidget(windowBox);
    column->addWidget(presenterBox);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    column->addWidget(buttons);
}

SettingsDialog::LookFields SettingsDialog::addLook(QFormLayout& form, const Look& look)
{
    LookFields fields { new QSpinBox, new QComboBox };
    fields.percent->setRange(AppSettings::MIN_PERCENT, AppSettings::MAX_PERCENT);
    fields.percent->setSingleStep(10);
    fields.percent->setSuffix(QStringLiteral(" %"));
    fields.percent->setValue(look.percent);
    fields.palette->addItem(QStringLiteral("Light"), static_cast<int>(PaletteKind::Light));
    fields.palette->addItem(QStringLiteral("Dark"), static_cast<int>(PaletteKind::Dark));
    fields.palette->addItem(QStringLiteral("High contrast (white on black)"), static_cast<int>(PaletteKind::Contrast));
    fields.palette->setCurrentIndex(fields.palette->findData(static_cast<int>(look.palette)));
    form.addRow(QStringLiteral("Type size"), fields.percent);
    form.addRow(QStringLiteral("Palette"), fields.palette);
    return fields;
}

AppSettings SettingsDialog::settings() const
{
    const auto look = [](const LookFields& f) {
        return Look { f.percent->value(), static_cast<PaletteKind>(f.palette->currentData().toInt()) };
    };
    AppSettings s;
    s.window = look(m_window);
    s.presenter = look(m_presenter);
    s.startPresenting = m_startPresenting->isChecked();
    return s;
}

} // namespace mpstage::app
