// SPDX-License-Identifier: MIT
#include <mp/telemetry/world_queue.h>

#include <algorithm>

namespace mp::telemetry {

namespace {
// Reads whose FeederWritten never comes (the writer was killed before its frames left) must not pile up.
constexpr std::size_t READ_FIRST_LIMIT = 4096;

bool isSentinel(const std::string& repr)
{
    return repr == "None";
}
} // namespace

QueueState::QueueState(ObjectKind kind, std::size_t deliveredLimit)
    : m_kind(kind)
    , m_deliveredLimit(std::max<std::size_t>(deliveredLimit, 1))
{
}

const QueueItem* QueueState::item(ItemId id) const
{
    const auto it = m_live.find(id);
    return it == m_live.end() ? nullptr : &it->second;
}

std::vector<const QueueItem*> QueueState::buffer(ActorId producer) const
{
    std::vector<const QueueItem*> out;
    for (const auto& [id, item] : m_live)
        if (item.producer == producer && item.stage == ItemStage::Buffered)
            out.push_back(&item);
    return out;
}

std::vector<ActorId> QueueState::producers() const
{
    std::set<ActorId> found;
    for (const auto& [id, item] : m_live)
        if (item.stage == ItemStage::Buffered)
            found.insert(item.producer);
    return { found.begin(), found.end() };
}

std::vector<const QueueItem*> QueueState::putting() const
{
    std::vector<const QueueItem*> out;
    for (const auto& [id, item] : m_live)
        if (item.stage == ItemStage::Putting)
            out.push_back(&item);
    return out;
}

std::vector<const QueueItem*> QueueState::inPipe() const
{
    std::vector<const QueueItem*> out;
    out.reserve(m_pipe.size());
    for (const auto& [index, id] : m_pipe)
        out.push_back(&m_live.at(id));
    return out;
}

std::size_t QueueState::sentinelsInFlight() const
{
    return static_cast<std::size_t>(std::count_if(m_live.begin(), m_live.end(),
        [](const auto& entry) { return entry.second.sentinel && entry.second.stage != ItemStage::Putting; }));
}

std::uint64_t QueueState::unfinished() const
{
    const std::uint64_t put = putCount();
    return put > m_taskDones ? put - m_taskDones : 0;
}

QueueItem& QueueState::live(ItemId item, ActorId producer)
{
    auto [it, inserted] = m_live.try_emplace(item);
    if (inserted) {
        it->second.id = item;
        it->second.producer = producer;
    }
    return it->second;
}

void QueueState::setStage(QueueItem& item, ItemStage stage)
{
    if (item.stage == ItemStage::Buffered)
        --m_buffered;
    item.stage = stage;
    if (stage == ItemStage::Buffered)
        ++m_buffered;
}

void QueueState::deliver(QueueItem item, std::int64_t index)
{
    m_delivered.insert_or_assign(index, std::move(item));
    while (m_delivered.size() > m_deliveredLimit)
        m_delivered.erase(m_delivered.begin());
}

void QueueState::putCalled(ItemId item, ActorId producer, const std::string& repr, std::uint64_t timeNs)
{
    if (m_done.contains(item.value))
        return;
    QueueItem& it = live(item, producer);
    if (it.putNs == 0)
        it.putNs = timeNs;
    if (it.repr.empty()) {
        it.repr = repr;
        it.sentinel = isSentinel(repr);
    }
}

// The producer's main thread reports PutBuffered after waking the feeder, so the feeder's FeederWritten
// can come first: a buffered report for an item already further on changes nothing.
void QueueState::putBuffered(ItemId item, ActorId producer, std::uint64_t timeNs)
{
    if (m_done.contains(item.value))
        return;
    QueueItem& it = live(item, producer);
    if (it.stage != ItemStage::Putting)
        return;
    it.bufferedNs = timeNs;
    setStage(it, ItemStage::Buffered);
}

void QueueState::putFailed(ItemId item)
{
    const auto it = m_live.find(item);
    if (it != m_live.end() && it->second.stage == ItemStage::Putting)
        m_live.erase(it);
}

void QueueState::feederWritten(ItemId item, ActorId producer, std::int64_t index, std::uint64_t timeNs)
{
    if (m_done.contains(item.value))
        return;
    if (m_readFirst.erase(index)) { // a consumer already got it: complete its delivered record
        QueueItem it = QueueItem { .id = item, .producer = producer };
        if (const auto found = m_live.find(item); found != m_live.end()) {
            setStage(found->second, ItemStage::Delivered);
            it = std::move(found->second);
            m_live.erase(found);
        }
        if (const auto d = m_delivered.find(index); d != m_delivered.end()) {
            QueueItem& out = d->second;
            out.id = item;
            out.producer = producer;
            out.putNs = it.putNs;
            out.bufferedNs = it.bufferedNs;
            out.writtenNs = timeNs;
            if (out.repr.empty()) {
                out.repr = it.repr;
                out.sentinel = it.sentinel;
            }
        }
        m_done.insert(item.value);
        return;
    }
    QueueItem& it = live(item, producer);
    if (it.stage == ItemStage::InPipe)
        return;
    setStage(it, ItemStage::InPipe);
    it.index = index;
    it.writtenNs = timeNs;
    m_pipe[index] = item;
    ++m_written;
}

void QueueState::getCalled(ActorId consumer)
{
    m_consumers.insert(consumer);
}

void QueueState::getReturned(std::int64_t index, ActorId consumer, const std::string& repr, std::uint64_t timeNs)
{
    ++m_got;
    m_consumers.insert(consumer);
    if (isSentinel(repr))
        ++m_sentinelsGot;
    const auto inPipe = m_pipe.find(index);
    if (inPipe == m_pipe.end()) { // its FeederWritten has not arrived yet
        ++m_written;
        m_readFirst.insert(index);
        if (m_readFirst.size() > READ_FIRST_LIMIT)
            m_readFirst.erase(m_readFirst.begin());
        deliver(QueueItem { .repr = repr,
                    .sentinel = isSentinel(repr),
                    .stage = ItemStage::Delivered,
                    .index = index,
                    .consumer = consumer,
                    .deliveredNs = timeNs },
            index);
        return;
    }
    const auto found = m_live.find(inPipe->second);
    QueueItem item = std::move(found->second);
    m_live.erase(found);
    m_pipe.erase(inPipe);
    m_done.insert(item.id.value);
    item.stage = ItemStage::Delivered;
    item.consumer = consumer;
    item.deliveredNs = timeNs;
    if (item.repr.empty()) {
        item.repr = repr;
        item.sentinel = isSentinel(repr);
    }
    deliver(std::move(item), index);
}

void QueueState::taskDone(std::int64_t unfinishedAfter, std::uint64_t timeNs)
{
    ++m_taskDones;
    if (timeNs >= m_reportedAtNs) {
        m_reportedUnfinished = unfinishedAfter;
        m_reportedAtNs = timeNs;
    }
}

void QueueState::answered(EventType question, std::int64_t answer, ActorId actor, std::uint64_t timeNs)
{
    QueueAnswer& out = question == EventType::EmptyAnswer ? m_empty
        : question == EventType::QsizeAnswer              ? m_qsize
                                                          : m_full;
    if (out.valid && timeNs < out.timeNs) // another actor's later answer arrived first
        return;
    out = QueueAnswer { .valid = true,
        .answer = answer,
        .actor = actor,
        .timeNs = timeNs,
        .buffered = m_buffered,
        .inPipe = m_pipe.size() };
    for (const ActorId producer : producers())
        out.bufferedBy.emplace_back(producer, buffer(producer).size());
}

void QueueState::producerExited(ActorId producer)
{
    for (auto it = m_live.begin(); it != m_live.end();) {
        QueueItem& item = it->second;
        if (item.producer == producer && item.stage != ItemStage::InPipe) {
            if (item.stage == ItemStage::Buffered)
                ++m_lost;
            setStage(item, ItemStage::Delivered);
            it = m_live.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace mp::telemetry
