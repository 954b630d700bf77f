// SPDX-License-Identifier: MIT
#include "look/theme.h"

#include <array>

namespace mpstage::app {

namespace {

// Ten process colours, chosen to stay apart from each other and from the red of sentinels and hangs.
constexpr std::array<QRgb, 10> LIGHT_ACTORS
    = { 0x2F62D0, 0xC25A00, 0x1B7F45, 0x8338C4, 0x00798A, 0xB82A72, 0x7D5428, 0x5F7000, 0x4A5A78, 0x9C3D3D };
constexpr std::array<QRgb, 10> DARK_ACTORS
    = { 0x7AA7FF, 0xFFA155, 0x5BD38E, 0xC795FF, 0x45CCD8, 0xFF7DB8, 0xD9A574, 0xBFD440, 0xA9B8D6, 0xFF8F8F };

Theme makeLight()
{
    Theme t;
    t.dark = false;
    t.window = QColor(0xF3F5F9);
    t.panel = QColor(0xFFFFFF);
    t.border = QColor(0xC9CFDA);
    t.text = QColor(0x141A26);
    t.muted = QColor(0x4B5567);
    t.accent = QColor(0x2F62D0);
    t.stage = QColor(0xFFFFFF);
    t.box = QColor(0xF7F9FC);
    t.tube = QColor(0xE3E7EF);
    t.ok = QColor(0x17803D);
    t.warn = QColor(0xA85F00);
    t.bad = QColor(0xC62828);
    t.callout = QColor(0xFFF6D6);
    t.calloutBorder = QColor(0xC99A06);
    t.sentinel = QColor(0xD32F2F);
    t.closed = QColor(0x8A93A3);
    return t;
}

Theme makeDark()
{
    Theme t;
    t.dark = true;
    t.window = QColor(0x11151C);
    t.panel = QColor(0x1A1F29);
    t.border = QColor(0x3A4252);
    t.text = QColor(0xF1F4F9);
    t.muted = QColor(0xB3BCCB);
    t.accent = QColor(0x7AA7FF);
    t.stage = QColor(0x161B24);
    t.box = QColor(0x202735);
    t.tube = QColor(0x2C3445);
    t.ok = QColor(0x5BD38E);
    t.warn = QColor(0xFFB454);
    t.bad = QColor(0xFF6B6B);
    t.callout = QColor(0x3A3214);
    t.calloutBorder = QColor(0xE5B931);
    t.sentinel = QColor(0xFF5A5A);
    t.closed = QColor(0x7D8799);
    return t;
}

Theme makeContrast()
{
    Theme t = makeDark();
    t.window = QColor(Qt::black);
    t.panel = QColor(Qt::black);
    t.border = QColor(0xFFFFFF);
    t.text = QColor(0xFFFFFF);
    t.muted = QColor(0xE6E6E6);
    t.accent = QColor(0xFFD400);
    t.stage = QColor(Qt::black);
    t.box = QColor(0x0A0A0A);
    t.tube = QColor(0x3A3A3A);
    t.ok = QColor(0x3DFF8A);
    t.warn = QColor(0xFFB000);
    t.bad = QColor(0xFF4D4D);
    t.callout = QColor(0x2A2400);
    t.calloutBorder = QColor(0xFFD400);
    t.sentinel = QColor(0xFF4D4D);
    t.closed = QColor(0xB0B0B0);
    return t;
}

Theme& current()
{
    static Theme t = makeLight();
    return t;
}

PaletteKind& currentKind()
{
    static PaletteKind kind = PaletteKind::Light;
    return kind;
}

} // namespace

QColor Theme::actor(mp::telemetry::ActorId id) const
{
    const auto& colours = dark ? DARK_ACTORS : LIGHT_ACTORS;
    if (!id)
        return muted;
    return QColor(colours[(id.value - 1) % colours.size()]);
}

QColor Theme::tint(const QColor& colour, int alpha) const
{
    QColor c = colour;
    c.setAlpha(alpha);
    return c;
}

const Theme& theme()
{
    return current();
}
void setDarkTheme(bool dark)
{
    setThemePalette(dark ? PaletteKind::Dark : PaletteKind::Light);
}

void setThemePalette(PaletteKind kind)
{
    currentKind() = kind;
    current() = kind == PaletteKind::Dark ? makeDark() : kind == PaletteKind::Contrast ? makeContrast() : makeLight();
}

PaletteKind themePalette()
{
    return currentKind();
}

QPalette paletteFor(const Theme& t)
{
    QPalette p;
    p.setColor(QPalette::Window, t.window);
    p.setColor(QPalette::WindowText, t.text);
    p.setColor(QPalette::Base, t.panel);
    p.setColor(QPalette::AlternateBase, t.box);
    p.setColor(QPalette::Text, t.text);
    p.setColor(QPalette::Button, t.panel);
    p.setColor(QPalette::ButtonText, t.text);
    p.setColor(QPalette::ToolTipBase, t.panel);
    p.setColor(QPalette::ToolTipText, t.text);
    p.setColor(QPalette::PlaceholderText, t.muted);
    p.setColor(QPalette::Highlight, t.accent);
    p.setColor(QPalette::HighlightedText, t.dark ? QColor(0x0B0E13) : QColor(0xFFFFFF));
    p.setColor(QPalette::Mid, t.border);
    p.setColor(QPalette::Dark, t.border.darker(130));
    p.setColor(QPalette::Light, t.panel.lighter(110));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, t.muted);
    p.setColor(QPalette::Disabled, QPalette::WindowText, t.muted);
    p.setColor(QPalette::Disabled, QPalette::Text, t.muted);
    return p;
}

QFont stageFont(int pixels, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

QFont stageMono(int pixels, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans Mono"));
    f.setStyleHint(QFont::Monospace);
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

} // namespace mpstage::app
