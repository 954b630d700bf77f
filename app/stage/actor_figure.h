// SPDX-License-Identifier: MIT
#pragma once
// One process on the stage: its name and pid, what it is doing (running, blocked in which call on what,
// paused at a gate, exited with which code or signal), the listing line it is at, and a chip for each pipe
// or queue end it holds (struck through once it has closed it), from which the wires leave.

#include "stage/object_geometry.h"
#include "stage/stage_item.h"

#include <mp/telemetry/ids.h>

#include <QColor>
#include <QString>

#include <optional>
#include <vector>

namespace mpstage::app {

enum class ActorMood { Running, Blocked, Gate, Done, Failed, Unknown };

// One end of an object that the process holds (or held and closed).
struct ChipEnd {
    int end = 0;
    QString label; // "0", "put", "get"
    bool closed = false;
    bool highlighted = false; // held open: why a wait can never end
    bool waited = false; // the end this blocked process waits on
    friend bool operator==(const ChipEnd&, const ChipEnd&) = default;
};

// One object whose ends the process holds: its name, then a small box per end.
struct ActorChip {
    mp::telemetry::ObjectId object;
    QString name;
    std::vector<ChipEnd> ends;
    friend bool operator==(const ActorChip&, const ActorChip&) = default;
};

struct ActorCard {
    QString name;
    QString pid;
    QString state;
    QString since; // how long it has been in that state, when it is waiting
    QString code; // "12  q.put(1)"
    ActorMood mood = ActorMood::Unknown;
    std::vector<ActorChip> chips;
    friend bool operator==(const ActorCard&, const ActorCard&) = default;
};

class ActorFigure : public StageItem {
public:
    enum { Type = ActorItemType };
    explicit ActorFigure(mp::telemetry::ActorId id);
    int type() const override { return Type; }

    mp::telemetry::ActorId actor() const { return m_actor; }
    // `above`: the box stands above the objects, so its wires leave from its bottom edge (else its top).
    void setLayout(const QRectF& rect, bool compact, bool above);
    void setCard(ActorCard card);
    void setChosen(bool chosen);
    // Where the wire for this end leaves the box (scene coordinates), if the box shows a chip for it.
    std::optional<QPointF> chipAnchor(mp::telemetry::ObjectId object, int end) const;
    QPointF anchor() const; // the middle of the edge facing the objects

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void relayout() override;
    std::vector<QRectF> endBoxes(std::size_t chip) const;

    mp::telemetry::ActorId m_actor;
    bool m_compact = false;
    bool m_above = true;
    bool m_chosen = false;
    ActorCard m_card;
    std::vector<QRectF> m_chips;
    ActorGeometry m_geometry { QRectF(), false, true };
};

} // namespace mpstage::app
