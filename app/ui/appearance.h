// SPDX-License-Identifier: MIT
#pragma once
// The look of the whole application for a projected classroom: Fusion style, a 14 pt body font, the light or
// dark palette from the theme, and a style sheet for headings and the transport bar.

class QApplication;

namespace mpstage::app {

void applyAppearance(QApplication& app, bool dark);

} // namespace mpstage::app
