// SPDX-License-Identifier: MIT
#pragma once
// Where mpstage-host is: the app runs every scene through it (it never forks itself). Looked up, in order,
// in $MPSTAGE_HOST, beside the app, in ../scenes/ (the build tree), in ../libexec/ and on the PATH.

#include <QString>
#include <QStringList>

namespace mpstage::app {

struct HostLookup {
    QString path; // empty if not found
    QStringList searched; // every place looked at, for the error message
};

HostLookup findHost(const QString& appDir);

} // namespace mpstage::app
