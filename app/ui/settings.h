// SPDX-License-Identifier: MIT
#pragma once
// What mpstage remembers between sessions (QSettings, ~/.config/mpstage/mpstage.conf): the type scale and
// palette of the window and of presenter mode, and whether to open in presenter mode.

#include "look/theme.h"

class QSettings;

namespace mpstage::app {

struct Look {
    int percent = 100; // type scale, 100 = the normal 14 pt body
    PaletteKind palette = PaletteKind::Light;
    friend bool operator==(const Look&, const Look&) = default;
};

struct AppSettings {
    static constexpr int MIN_PERCENT = 80;
    static constexpr int MAX_PERCENT = 250;

    Look window;
    Look presenter { 150, PaletteKind::Contrast };
    bool startPresenting = false;
    friend bool operator==(const AppSettings&, const AppSettings&) = default;

    // Values out of range or unknown fall back to the defaults.
    static AppSettings load(QSettings& store);
    void save(QSettings& store) const;
    // The user's settings file.
    static AppSettings load();
    void save() const;
};

} // namespace mpstage::app
