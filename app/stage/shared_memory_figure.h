// SPDX-License-Identifier: MIT
#pragma once
// A SharedMemory block (multiprocessing.shared_memory): its name, its size and the process that created it.
// Its bytes are not drawn, because no event reports what is written into them (model/shared_words.h); the
// figure says so rather than draw an empty box that seems to say nothing happened.

#include "stage/object_figure.h"
#include "stage/sync_context.h"

#include <QColor>
#include <QString>

namespace mpstage::app {

class SharedMemoryFigure : public ObjectFigure {
public:
    explicit SharedMemoryFigure(mp::telemetry::ObjectId id);

    void sync(const SyncContext& context) override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // What paint() shows, for tests.
    const QString& title() const { return m_title; }
    const QString& creator() const { return m_creator; }
    const QString& size() const { return m_size; }
    const QString& unseen() const { return m_unseen; }

private:
    QString m_title;
    QString m_size;
    QString m_creator;
    QColor m_creatorColour;
    QString m_unseen;
};

} // namespace mpstage::app
