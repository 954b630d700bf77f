// SPDX-License-Identifier: MIT
#include "ui/scene_library.h"

#include "program_info.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace mpstage::app {

SceneLibrary::SceneLibrary(QStringList folders, QObject* parent)
    : QObject(parent)
    , m_folders(std::move(folders))
{
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { reload(); });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { reload(); });
    reload();
}

namespace {

// Shipped scene files: beside the build tree's sources, or in the installed share directory.
QString shippedFolder()
{
    const QDir app(QCoreApplication::applicationDirPath());
    for (const QString& candidate : { app.filePath(QStringLiteral(MPSTAGE_SOURCE_SCENES)),
             app.filePath(QStringLiteral("../share/mpstage/scenes")) })
        if (QFileInfo(candidate).isDir())
            return QFileInfo(candidate).canonicalFilePath();
    return {};
}

// A shipped file that ports a built-in C++ scene (pipe_eof.py for pipe-eof) while its twin still
// exists: the catalogue lists the scene once, as the built-in one.
bool portsABuiltInScene(const QFileInfo& file)
{
    if (file.absolutePath() != shippedFolder())
        return false;
    const std::string id = file.completeBaseName().replace(QLatin1Char('_'), QLatin1Char('-')).toStdString();
    for (const SceneInfo& s : sceneInfos())
        if (s.id == id)
            return true;
    return false;
}

} // namespace

QStringList SceneLibrary::defaultFolders()
{
    QStringList out;
    if (const QString shipped = shippedFolder(); !shipped.isEmpty())
        out << shipped;
    out << QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
               .filePath(QStringLiteral("mpstage/scenes"));
    return out;
}

const SceneInfo* SceneLibrary::find(const std::string& id) const
{
    for (const SceneInfo* s : m_all)
        if (s->id == id)
            return s;
    for (const SceneInfo& s : m_opened)
        if (s.id == id)
            return &s;
    // a shipped scene file by its short id, as mpstage-host takes it (pipe-both-send is pipe_both_send.py)
    const QString shipped = shippedFolder();
    if (shipped.isEmpty() || id.empty()
        || id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
        return nullptr;
    const QString file = QString::fromStdString(id).replace(QLatin1Char('-'), QLatin1Char('_')) + QStringLiteral(".py");
    const std::string path = QDir(shipped).filePath(file).toStdString();
    for (const SceneInfo& s : m_files)
        if (s.id == path)
            return &s;
    return nullptr;
}

const SceneInfo* SceneLibrary::openText(const QString& path, const QString& text)
{
    ProgramInfo p = programInfoFrom(path.toStdString(), text.toStdString());
    for (SceneInfo& s : m_opened)
        if (s.id == p.info.id) {
            s = p.info;
            return &s;
        }
    m_opened.push_back(p.info);
    return &m_opened.back();
}

const SceneInfo* SceneLibrary::open(const QString& path)
{
    ProgramInfo p = programInfo(path.toStdString());
    return openText(path, QString::fromStdString(p.info.listing({})));
}

void SceneLibrary::reload()
{
    m_files.clear();
    m_broken.clear();
    for (const QString& folder : m_folders) {
        const QDir dir(folder);
        for (const QFileInfo& f : dir.entryInfoList({ QStringLiteral("*.py") }, QDir::Files, QDir::Name)) {
            if (portsABuiltInScene(f))
                continue;
            try {
                ProgramInfo p = programInfo(f.absoluteFilePath().toStdString());
                if (p.header.present)
                    m_files.push_back(std::move(p.info));
            } catch (const std::exception& e) {
                m_broken.push_back({ f.absoluteFilePath(), QString::fromUtf8(e.what()) });
            }
        }
    }
    m_all.clear();
    for (const SceneInfo& s : sceneInfos())
        m_all.push_back(&s);
    std::vector<const SceneInfo*> files;
    for (const SceneInfo& s : m_files)
        files.push_back(&s);
    std::stable_sort(files.begin(), files.end(), [](auto* a, auto* b) { return a->title < b->title; });
    m_all.insert(m_all.end(), files.begin(), files.end());
    watch();
    emit changed();
}

void SceneLibrary::watch()
{
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    for (const QString& folder : m_folders) {
        if (!QFileInfo(folder).isDir())
            continue;
        m_watcher.addPath(folder);
        for (const QFileInfo& f : QDir(folder).entryInfoList({ QStringLiteral("*.py") }, QDir::Files))
            m_watcher.addPath(f.absoluteFilePath());
    }
}

} // namespace mpstage::app
