// SPDX-License-Identifier: MIT
#pragma once
// View > Settings… (Ctrl+,): the type scale and palette of the window and of presenter mode, and whether to
// open in presenter mode. OK keeps them (AppSettings::save) and the window applies them at once.

#include "ui/settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QSpinBox;

namespace mpstage::app {

class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit SettingsDialog(const AppSettings& settings, QWidget* parent = nullptr);
    AppSettings settings() const;

private:
    struct LookFields {
        QSpinBox* percent;
        QComboBox* palette;
    };
    LookFields addLook(QFormLayout& form, const Look& look);

    LookFields m_window;
    LookFields m_presenter;
    QCheckBox* m_startPresenting;
};

} // namespace mpstage::app
