// SPDX-License-Identifier: MIT
#include "run/host_locator.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace mpstage::app {

namespace {

const QString HOST_NAME = QStringLiteral("mpstage-host");

bool isExecutable(const QString& path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

} // namespace

HostLookup findHost(const QString& appDir)
{
    HostLookup out;
    const QString fromEnv = qEnvironmentVariable("MPSTAGE_HOST");
    QStringList candidates;
    if (!fromEnv.isEmpty())
        candidates << fromEnv;
    const QDir dir(appDir);
    candidates << dir.filePath(HOST_NAME) << dir.filePath(QStringLiteral("../scenes/") + HOST_NAME)
               << dir.filePath(QStringLiteral("../libexec/") + HOST_NAME);
    for (const QString& c : candidates) {
        const QString clean = QDir::cleanPath(c);
        out.searched << clean;
        if (isExecutable(clean)) {
            out.path = clean;
            return out;
        }
    }
    out.searched << QStringLiteral("$PATH");
    out.path = QStandardPaths::findExecutable(HOST_NAME);
    return out;
}

} // namespace mpstage::app
