// SPDX-License-Identifier: MIT
#pragma once
// Colours and type sizes for a room with a projector: strong contrast, one colour per process (the same on
// the stage, in the listing markers and in the console), a light, a dark and a high-contrast palette (white
// on black, for presenter mode and rooms where the projector washes colours out).

#include <mp/telemetry/ids.h>

#include <QColor>
#include <QFont>
#include <QPalette>

namespace mpstage::app {

struct Theme {
    bool dark = false;
    QColor window;
    QColor panel;
    QColor border;
    QColor text;
    QColor muted;
    QColor accent;
    QColor stage; // the stage background
    QColor box; // process boxes and object bodies
    QColor tube; // the inside of a pipe
    QColor ok;
    QColor warn;
    QColor bad;
    QColor callout;
    QColor calloutBorder;
    QColor sentinel;
    QColor closed;

    QColor actor(mp::telemetry::ActorId id) const;
    // A faint tint of a colour for backgrounds (listing lines, selected boxes).
    QColor tint(const QColor& colour, int alpha = 48) const;
};

enum class PaletteKind { Light, Dark, Contrast };

const Theme& theme();
void setDarkTheme(bool dark);
void setThemePalette(PaletteKind kind);
PaletteKind themePalette();
QPalette paletteFor(const Theme& theme);

// Stage fonts, in scene pixels (the stage is laid out at about one scene pixel per screen pixel).
QFont stageFont(int pixels, bool bold = false);
QFont stageMono(int pixels, bool bold = false);

} // namespace mpstage::app
