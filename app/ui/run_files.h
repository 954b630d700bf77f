// SPDX-License-Identifier: MIT
#pragma once
// The File menu: save a run and open a saved one (app/replay/run_file.h), save the steps of a stepped run and
// run them again, export the stage as a PNG at any
// size, the run as a Chrome trace, and the charts' data as CSV. Each action is a function that returns what
// went wrong in words (empty on success), so the tests drive them without dialogs; the menu adds the dialogs.

#include <QSize>
#include <QString>

namespace mpstage::app {

class MainWindow;

QString saveRun(const MainWindow& window, const QString& path);
// Opens the run's scene with its parameters and replays it into the stage, starting no process.
QString openRun(MainWindow& window, const QString& path);
QString exportStagePng(const MainWindow& window, const QString& path, QSize size);
QString exportTrace(const MainWindow& window, const QString& path);
// One CSV file per chart, written into `directory`; `written` counts them.
QString exportChartData(const MainWindow& window, const QString& directory, int* written = nullptr);
// One PNG per chart at `size`, written into `directory`.
QString exportChartImages(MainWindow& window, const QString& directory, QSize size, int* written = nullptr);

// The steps of the last stepped run (the gate grants, as mpstage-host --record-schedule writes them), and
// running the current scene again with the steps read from a file.
QString saveSchedule(const MainWindow& window, const QString& path);
QString runScheduleFile(MainWindow& window, const QString& path);

void addFileMenu(MainWindow& window);

} // namespace mpstage::app
