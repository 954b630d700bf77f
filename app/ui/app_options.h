// SPDX-License-Identifier: MIT
#pragma once
// The command line of `mpstage`:
//   mpstage [--scene ID] [--param KEY=VALUE]... [--run] [--dark] [--present]
//   mpstage --screenshot FILE.png --scene ID [--param KEY=VALUE]... [--at-end | --steps N] [--size 1920x1080] [--dark]
//           [--charts] [--present] [--predict B,A]
//   mpstage --screenshot FILE.png --scene ID [--param ...] --explore [--steps N]   Find a schedule that …, then
//           render its result, or (--steps) replay the found schedule N steps and render the stage
//   mpstage --open-run RUN.mpstage-run [--export-trace TRACE.json] [--screenshot FILE.png [--charts]]
//   mpstage --perf --scene ID [--param ...]   run, print frame times and memory when the run ends, quit

#include <QSize>
#include <QString>
#include <QStringList>

#include <string>
#include <utility>
#include <vector>

namespace mpstage::app {

struct AppOptions {
    QString scene; // empty: the default scene
    std::vector<std::pair<std::string, std::string>> params;
    QString screenshot;
    bool atEnd = false;
    int steps = 0; // with --screenshot: take this many steps from the start, then render
    std::vector<int> stepActors; // --steps 1,1,2,2: the process of each step (1 is MainProcess)
    QSize size { 1920, 1080 };
    bool explore = false; // with --screenshot: run the explorer first (Run > Find a schedule that …)
    bool dark = false;
    bool charts = false; // show the charts panel
    bool present = false; // presenter mode
    std::vector<int> predict; // --predict B,A: the class's choice for each of the scene's questions (0 is A)
    QString openRun; // replay this saved run
    QString exportTrace; // with openRun: write its Chrome trace here and quit
    bool run = false;
    bool perf = false;
    QStringList sceneFolders; // --scenes DIR (repeatable): Python scene files for the catalogue
    QString error; // set if the command line was wrong
};

AppOptions parseAppOptions(const QStringList& arguments);

} // namespace mpstage::app
