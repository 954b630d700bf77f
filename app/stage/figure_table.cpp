// SPDX-License-Identifier: MIT
#include "stage/figure_table.h"
#include "stage/lock_figure.h"
#include "stage/pipe_figure.h"
#include "stage/queue_figure.h"
#include "stage/shared_memory_figure.h"
#include "stage/value_figure.h"

#include <algorithm>
#include <map>

namespace mpstage::app {

using mp::telemetry::ObjectId;
using mp::telemetry::ObjectKind;

namespace {

template <class Figure> ObjectFigure* make(ObjectId id)
{
    return new Figure(id);
}

const FigureKind QUEUE { make<QueueFigure>, [](int lanes) { return 254.0 + 62.0 * std::max(0, lanes - 1); } };
const FigureKind SYNC { make<LockFigure>, [](int) { return 146.0; } };

const std::map<ObjectKind, FigureKind>& table()
{
    static const std::map<ObjectKind, FigureKind> rows {
        { ObjectKind::Queue, QUEUE },
        { ObjectKind::JoinableQueue, QUEUE },
        { ObjectKind::SimpleQueue, QUEUE },
        { ObjectKind::Pipe, { make<PipeFigure>, [](int) { return 206.0; } } },
        { ObjectKind::Value, { make<ValueFigure>, [](int) { return 262.0; }, true } },
        { ObjectKind::Array, { make<ValueFigure>, [](int) { return 300.0; }, true } },
        { ObjectKind::Lock, SYNC },
        { ObjectKind::RLock, SYNC },
        { ObjectKind::Semaphore, SYNC },
        { ObjectKind::BoundedSemaphore, SYNC },
        { ObjectKind::Condition, SYNC },
        { ObjectKind::Event, SYNC },
        { ObjectKind::Barrier, SYNC },
        { ObjectKind::SharedMemory, { make<SharedMemoryFigure>, [](int) { return 146.0; } } },
    };
    return rows;
}

} // namespace

const FigureKind& figureKind(ObjectKind kind)
{
    const auto it = table().find(kind);
    return it == table().end() ? SYNC : it->second;
}

} // namespace mpstage::app
