// SPDX-License-Identifier: MIT
#pragma once
// The look of the whole application for a projected classroom: Fusion style, a 14 pt body font (times the
// type scale the teacher chose), the palette from the theme, and a style sheet for headings, the transport
// bar and the caption strip.

#include "look/theme.h"

class QApplication;

namespace mpstage::app {

void applyAppearance(QApplication& app, bool dark);
// percent: the type scale, 100 = the 14 pt body.
void applyAppearance(QApplication& app, PaletteKind palette, int percent);

} // namespace mpstage::app
