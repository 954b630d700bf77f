// SPDX-License-Identifier: MIT
#pragma once
// Every scene the window can open: the built-in catalogue, the Python scene files mpstage ships
// (scenes/programs/), the teacher's own folders (~/.local/share/mpstage/scenes and each --scenes DIR), and
// programs opened with File → Open. A folder's files are read again when they change; a file whose header is
// malformed is listed as broken, with its one sentence, and nothing else is affected.

#include <mpstage/scene_info.h>

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace mpstage::app {

struct BrokenScene {
    QString path;
    QString error; // "scene header line 5: 'difficulty' must be 1, 2 or 3, not 'hard'"
};

class SceneLibrary : public QObject {
    Q_OBJECT

public:
    // The folders scanned for *.py scene files besides the built-in catalogue.
    explicit SceneLibrary(QStringList folders, QObject* parent = nullptr);

    static QStringList defaultFolders(); // the shipped scene files, then ~/.local/share/mpstage/scenes
    const QStringList& folders() const { return m_folders; }

    // Built-in scenes first, then the scene files by title. Pointers stay valid until the next changed().
    const std::vector<const SceneInfo*>& scenes() const { return m_all; }
    const std::vector<BrokenScene>& broken() const { return m_broken; }
    // By id, or a shipped scene file by its short id too (pipe-both-send: pipe_both_send.py).
    const SceneInfo* find(const std::string& id) const;

    // Opens a program (a scene file or an ordinary one) from a file, or from an editor's text as if it were
    // that file. Throws std::runtime_error with the sentence to show when it cannot be read or is malformed.
    const SceneInfo* open(const QString& path);
    const SceneInfo* openText(const QString& path, const QString& text);

    void reload();

signals:
    void changed();

private:
    void watch();

    QStringList m_folders;
    QFileSystemWatcher m_watcher;
    std::deque<SceneInfo> m_files; // the folders' scene files
    std::deque<SceneInfo> m_opened; // programs opened by hand (kept: the window may show one)
    std::vector<const SceneInfo*> m_all;
    std::vector<BrokenScene> m_broken;
};

} // namespace mpstage::app
