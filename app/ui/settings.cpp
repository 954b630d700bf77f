// SPDX-License-Identifier: MIT
#include "ui/settings.h"

#include <QSettings>

namespace mpstage::app {

namespace {

QString paletteName(PaletteKind kind)
{
    switch (kind) {
    case PaletteKind::Dark:
        return QStringLiteral("dark");
    case PaletteKind::Contrast:
        return QStringLiteral("contrast");
    case PaletteKind::Light:
        break;
    }
    return QStringLiteral("light");
}

PaletteKind paletteFrom(const QString& name, PaletteKind fallback)
{
    if (name == QStringLiteral("light"))
        return PaletteKind::Light;
    if (name == QStringLiteral("dark"))
        return PaletteKind::Dark;
    if (name == QStringLiteral("contrast"))
        return PaletteKind::Contrast;
    return fallback;
}

Look loadLook(QSettings& store, const QString& group, Look fallback)
{
    store.beginGroup(group);
    bool ok = false;
    const int percent = store.value(QStringLiteral("typeScale")).toInt(&ok);
    Look look;
    look.percent
        = ok && percent >= AppSettings::MIN_PERCENT && percent <= AppSettings::MAX_PERCENT ? percent : fallback.percent;
    look.palette = paletteFrom(store.value(QStringLiteral("palette")).toString(), fallback.palette);
    store.endGroup();
    return look;
}

void saveLook(QSettings& store, const QString& group, const Look& look)
{
    store.beginGroup(group);
    store.setValue(QStringLiteral("typeScale"), look.percent);
    store.setValue(QStringLiteral("palette"), paletteName(look.palette));
    store.endGroup();
}

} // namespace

AppSettings AppSettings::load(QSettings& store)
{
    const AppSettings defaults;
    AppSettings s;
    s.window = loadLook(store, QStringLiteral("window"), defaults.window);
    s.presenter = loadLook(store, QStringLiteral("presenter"), defaults.presenter);
    s.startPresenting = store.value(QStringLiteral("presenter/startPresenting"), false).toBool();
    return s;
}

void AppSettings::save(QSettings& store) const
{
    saveLook(store, QStringLiteral("window"), window);
    saveLook(store, QStringLiteral("presenter"), presenter);
    store.setValue(QStringLiteral("presenter/startPresenting"), startPresenting);
    store.sync();
}

AppSettings AppSettings::load()
{
    QSettings store(QStringLiteral("mpstage"), QStringLiteral("mpstage"));
    return load(store);
}

void AppSettings::save() const
{
    QSettings store(QStringLiteral("mpstage"), QStringLiteral("mpstage"));
    save(store);
}

} // namespace mpstage::app
