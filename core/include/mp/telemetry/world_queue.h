// SPDX-License-Identifier: MIT
#pragma once
// The contents of one multiprocessing Queue as the stage draws them: each producer's local buffer, the
// feeder thread moving items into the OS pipe, the items in the pipe, and the ones consumers got. CPython's
// queues.py works this way (put() appends to a buffer; a feeder thread pickles and writes), which is why
// empty() can answer True right after put().
//
// Events of different actors may arrive out of order, so every step is matched by item id or pipe index and
// the result does not depend on the order in which producers' and consumers' frames arrived.

#include <mp/telemetry/event.h>
#include <mp/telemetry/id_ranges.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace mp::telemetry {

enum class ItemStage : std::uint8_t { Putting, Buffered, InPipe, Delivered };

struct QueueItem {
    ItemId id; // 0 for a delivered item whose FeederWritten has not arrived
    ActorId producer;
    std::string repr;
    bool sentinel = false; // repr "None": the conventional "stop" message
    ItemStage stage = ItemStage::Putting;
    std::int64_t index = -1; // its message index in the pipe, once written
    ActorId consumer;
    std::uint64_t putNs = 0;
    std::uint64_t bufferedNs = 0;
    std::uint64_t writtenNs = 0;
    std::uint64_t deliveredNs = 0;

    friend bool operator==(const QueueItem&, const QueueItem&) = default;
};

// The last answer to empty(), qsize() or full(), beside the truth at that moment (as far as the World knew
// when the answer arrived), so the stage can show the lag between the two.
struct QueueAnswer {
    bool valid = false;
    std::int64_t answer = 0;
    ActorId actor;
    std::uint64_t timeNs = 0;
    std::size_t buffered = 0; // items in producers' local buffers, not yet in the pipe
    std::size_t inPipe = 0;
    std::vector<std::pair<ActorId, std::size_t>> bufferedBy; // producer -> items in its buffer

    friend bool operator==(const QueueAnswer&, const QueueAnswer&) = default;
};

class QueueState {
public:
    explicit QueueState(ObjectKind kind = ObjectKind::Queue, std::size_t deliveredLimit = 256);

    ObjectKind kind() const { return m_kind; }
    // An item still on its way (putting, buffered or in the pipe), or null.
    const QueueItem* item(ItemId id) const;
    // Items in one producer's local buffer, oldest first.
    std::vector<const QueueItem*> buffer(ActorId producer) const;
    // Producers with at least one item in their buffer, in actor order.
    std::vector<ActorId> producers() const;
    // Items whose put() has started but not reached the buffer (a put() blocked on a full queue).
    std::vector<const QueueItem*> putting() const;
    // Items in the pipe, in the order they will be read.
    std::vector<const QueueItem*> inPipe() const;
    // The last few delivered items, by pipe index.
    const std::map<std::int64_t, QueueItem>& delivered() const { return m_delivered; }

    std::size_t bufferedCount() const { return m_buffered; }
    std::size_t inPipeCount() const { return m_pipe.size(); }
    // Items put so far (reached a buffer or the pipe) and items got so far.
    std::uint64_t putCount() const { return m_written + m_buffered; }
    std::uint64_t gotCount() const { return m_got; }
    std::uint64_t lostCount() const { return m_lost; } // dropped with the buffer of a process that died
    std::uint64_t sentinelsDelivered() const { return m_sentinelsGot; }
    std::size_t sentinelsInFlight() const; // buffered or in the pipe
    // Actors that called get() on it.
    const std::set<ActorId>& consumers() const { return m_consumers; }

    // JoinableQueue: items put and not yet marked done (puts - task_done calls), and the engine's own count
    // from the last TaskDone.
    std::uint64_t unfinished() const;
    std::uint64_t taskDoneCount() const { return m_taskDones; }
    std::int64_t reportedUnfinished() const { return m_reportedUnfinished; }

    const QueueAnswer& emptyAnswer() const { return m_empty; }
    const QueueAnswer& qsizeAnswer() const { return m_qsize; }
    const QueueAnswer& fullAnswer() const { return m_full; }
    bool closed() const { return m_closed; }

    void putCalled(ItemId item, ActorId producer, const std::string& repr, std::uint64_t timeNs);
    void putBuffered(ItemId item, ActorId producer, std::uint64_t timeNs);
    void putFailed(ItemId item);
    void feederWritten(ItemId item, ActorId producer, std::int64_t index, std::uint64_t timeNs);
    void getCalled(ActorId consumer);
    void getReturned(std::int64_t index, ActorId consumer, const std::string& repr, std::uint64_t timeNs);
    void taskDone(std::int64_t unfinishedAfter, std::uint64_t timeNs);
    void answered(EventType question, std::int64_t answer, ActorId actor, std::uint64_t timeNs);
    void close() { m_closed = true; }
    // A process's buffer dies with it: what it still held was never written.
    void producerExited(ActorId producer);
    // A producer died while its feeder thread was blocked writing into the pipe: the pipe may now hold the
    // first part of a message whose rest will never come (a reader then waits for it for ever).
    void writeCutShort(ActorId writer) { m_cutShortBy = writer; }
    ActorId cutShortBy() const { return m_cutShortBy; }

    friend bool operator==(const QueueState&, const QueueState&) = default;

private:
    QueueItem& live(ItemId item, ActorId producer);
    void deliver(QueueItem item, std::int64_t index);
    void setStage(QueueItem& item, ItemStage stage);

    ObjectKind m_kind;
    std::size_t m_deliveredLimit;
    std::map<ItemId, QueueItem> m_live; // putting, buffered or in the pipe
    std::map<std::int64_t, ItemId> m_pipe; // pipe index -> item
    std::map<std::int64_t, QueueItem> m_delivered;
    std::set<std::int64_t> m_readFirst; // read before their FeederWritten arrived
    IdRanges m_done; // items written and read: later events about them change nothing
    std::set<ActorId> m_consumers;
    std::size_t m_buffered = 0;
    std::uint64_t m_written = 0; // distinct pipe indices seen
    std::uint64_t m_got = 0;
    std::uint64_t m_lost = 0;
    std::uint64_t m_sentinelsGot = 0;
    std::uint64_t m_taskDones = 0;
    std::int64_t m_reportedUnfinished = 0;
    std::uint64_t m_reportedAtNs = 0;
    QueueAnswer m_empty;
    QueueAnswer m_qsize;
    QueueAnswer m_full;
    bool m_closed = false;
    ActorId m_cutShortBy;
};

} // namespace mp::telemetry
