// SPDX-License-Identifier: MIT
#include <mp/errors.h>
#include <mp/pickle.h>
#include <mp/queues.h>

#include "connection_io.h"
#include "instrument.h"
#include "posix_call.h"
#include "queue_state.h"
#include "started_thread.h"

#include <cstdio>
#include <optional>

namespace mp {

namespace detail {

QueueState::QueueState(int maxsize_, const char* className_, std::pair<Connection, Connection> pipe)
    : className(className_)
    , maxsize(maxsize_ <= 0 ? static_cast<int>(MAX_SEMAPHORE_VALUE) : maxsize_)
    , reader(std::move(pipe.first))
    , writer(std::move(pipe.second))
    , sem(maxsize)
    , local(std::make_unique<QueueLocal>())
    , aheadBlock(SharedBlock::create(sizeof(ReadAhead)))
{
    std::size_t offset = 0;
    ahead = placeShared<ReadAhead>(*aheadBlock, offset);
}

QueueState::~QueueState()
{
    QueueLocal& l = *local;
    l.closeFinalizer.cancel();
    l.joinFinalizer.cancel();
    if (!l.feeder.joinable())
        return;
    sendSentinel();
    if (l.joinCancelled) {
        l.feeder.detach();
        (void)local.release(); // the detached feeder still reads it; it dies with the process
    } else {
        l.feeder.join();
    }
}

void QueueState::release(QueueState* state)
{
    QueueLocal& l = *state->local;
    if (!l.joinCancelled || !l.feeder.joinable()) {
        delete state;
        return;
    }
    l.closeFinalizer.cancel();
    {
        std::lock_guard lock(l.mutex);
        l.feederFreesState = true;
    }
    l.feeder.detach();
    state->sendSentinel(); // from here on the feeder may free the state at any moment
}

void QueueState::sendSentinel()
{
    std::lock_guard lock(local->mutex);
    local->buffer.push_back(Buffered {});
    local->notempty.notify_one();
}

void QueueState::instrument(telemetry::ObjectKind kind)
{
    object = telemetry::probe::created(kind, maxsize);
    if (!object)
        return;
    Instrument::lend(rlock, object, "get");
    Instrument::lend(wlock, object, "feed");
    Instrument::lend(sem, object, "put");
    Instrument::lend(reader, object, 0, false);
    Instrument::lend(writer, object, 1, false);
    struct Counters {
        std::atomic<std::uint64_t> written;
        std::atomic<std::uint64_t> read;
    };
    countersBlock = SharedBlock::create(sizeof(Counters));
    std::size_t offset = 0;
    Counters* c = placeShared<Counters>(*countersBlock, offset);
    written = &c->written;
    read = &c->read;
}

void QueueState::resetAfterFork()
{
    // The parent's feeder thread does not exist here, and its mutex may have been held at fork time: leave
    // the old local state untouched (never destroyed) and start from a fresh one.
    (void)local.release();
    local = std::make_unique<QueueLocal>();
}

std::string QueueState::repr() const
{
    char buf[96];
    std::snprintf(
        buf, sizeof buf, "<multiprocessing.queues.%s object at %p>", className, static_cast<const void*>(this));
    return buf;
}

void QueueState::startFeeder(const std::shared_ptr<QueueState>& self)
{
    QueueLocal& l = *local;
    l.buffer.clear();
    l.feeder = startedThread([this, &l] { feed(l); });
    std::weak_ptr<QueueState> weak = self;
    if (!l.joinCancelled)
        l.joinFinalizer = Finalizer(-5, [weak, &l] {
            if (auto s = weak.lock(); s && l.feeder.joinable()) {
                // Exit waits here until everything this process put is in the pipe.
                telemetry::probe::Blocking blocking(s->object, "flush");
                l.feeder.join();
            }
        });
    l.closeFinalizer = Finalizer(10, [weak] {
        if (auto s = weak.lock())
            s->sendSentinel();
    });
}

// Queue.put's third step, under the local buffer's lock.
void QueueState::appendLocked(QueueLocal& l, Object obj, telemetry::ItemId item)
{
    l.buffer.push_back(Buffered { std::move(obj), item });
    l.notempty.notify_one();
    telemetry::probe::event(telemetry::EventType::PutBuffered, object, 0, 0, {}, item);
}

} // namespace detail

Queue::Queue(int maxsize)
    : Queue(maxsize, "Queue")
{
}

namespace {
std::shared_ptr<detail::QueueState> makeQueue(int maxsize, const char* className)
{
    telemetry::probe::Quiet quiet; // its pipe and locks are parts of the queue, not objects of their own
    return std::shared_ptr<detail::QueueState>(
        new detail::QueueState(maxsize, className, Pipe(false)), &detail::QueueState::release);
}

// put()'s first steps, shared by Queue and JoinableQueue: the closed check, the report, the semaphore.
telemetry::ItemId reservePut(detail::QueueState& q, const Object& obj, bool block, Timeout timeout)
{
    namespace probe = telemetry::probe;
    if (q.local->closed)
        throw ValueError("Queue " + q.repr() + " is closed");
    telemetry::ItemId item;
    if (probe::on()) {
        probe::gate(false, "put");
        item = telemetry::g_actor->newItem();
        probe::event(telemetry::EventType::PutCalled, q.object, 0, 0, probe::reprIfFull(obj), item);
    }
    if (!q.sem.acquire(block, timeout)) {
        probe::event(telemetry::EventType::GetRaised, q.object, 0, 0, "Full", item);
        throw Full();
    }
    probe::gate(true, "put: append to the local buffer");
    return item;
}
} // namespace

Queue::Queue(int maxsize, const char* className)
    : m(makeQueue(maxsize, className))
{
    m->instrument(std::string_view(className) == "JoinableQueue" ? telemetry::ObjectKind::JoinableQueue
                                                                 : telemetry::ObjectKind::Queue);
    detail::QueueState* raw = m.get();
    detail::registerAfterFork(m, [raw] { raw->resetAfterFork(); });
}

void Queue::put(const Object& obj, bool block, Timeout timeout)
{
    const telemetry::ItemId item = reservePut(*m, obj, block, timeout);
    detail::QueueLocal& l = *m->local;
    std::lock_guard lock(l.mutex);
    if (!l.feeder.joinable())
        m->startFeeder(m);
    m->appendLocked(l, obj, item);
}

Object Queue::get(bool block, Timeout timeout)
{
    namespace probe = telemetry::probe;
    using telemetry::EventType;
    if (m->local->closed)
        throw ValueError("Queue " + repr() + " is closed");
    probe::gate(false, "get");
    probe::event(EventType::GetCalled, m->object);
    std::string res;
    std::int64_t index = 0;
    auto takeOne = [&] {
        // recv_bytes() on the reader, without wrapping the payload in Bytes (the reader is readable and
        // reports no messages of its own), through the read-ahead every reader of this queue shares.
        res = detail::recvMessageAhead(m->reader.fileno(), *m->ahead);
        if (m->read)
            index = static_cast<std::int64_t>(m->read->fetch_add(1));
        m->sem.release();
    };
    if (block && !timeout) {
        probe::Blocking blocking(m->object, "get");
        Guard g(m->rlock);
        takeOne();
    } else {
        const double deadline = block ? detail::monotonic() + *timeout : 0.0;
        std::optional<probe::Blocking> blocking(std::in_place, m->object, "get", probe::Until::Timeout);
        bool ready = m->rlock.acquire(block, timeout);
        if (ready) {
            try {
                ready = m->ahead->holdsBytes()
                    || (block ? m->reader.poll(deadline - detail::monotonic()) : m->reader.poll());
                if (ready) {
                    // The rest of the message is read with no timeout, as CPython's recv_bytes() reads it: if its
                    // writer died mid-write, this waits for ever (a hang), whatever the timeout said.
                    blocking.emplace(m->object, "get");
                    takeOne();
                }
            } catch (...) {
                m->rlock.release();
                throw;
            }
            m->rlock.release();
        }
        if (!ready) {
            probe::event(EventType::GetRaised, m->object, 0, 0, "Empty");
            throw Empty();
        }
    }
    // Decode after letting go of the reader lock, as CPython unpickles outside it.
    Object obj = loads(res);
    probe::event(EventType::GetReturned, m->object, index, 0, probe::reprIfFull(obj));
    return obj;
}

int Queue::qsize() const
{
    const int n = m->maxsize - m->sem.get_value();
    telemetry::probe::event(telemetry::EventType::QsizeAnswer, m->object, n);
    return n;
}

bool Queue::empty() const
{
    // poll() first: on a reader the feeder has closed it raises OSError('handle is closed') (item 17).
    const bool answer = !m->reader.poll() && !m->ahead->holdsBytes();
    telemetry::probe::event(telemetry::EventType::EmptyAnswer, m->object, answer ? 1 : 0);
    return answer;
}

bool Queue::full() const
{
    const bool answer = m->sem.is_zero();
    telemetry::probe::event(telemetry::EventType::FullAnswer, m->object, answer ? 1 : 0);
    return answer;
}

void Queue::close()
{
    detail::QueueLocal& l = *m->local;
    if (!l.closed)
        telemetry::probe::event(telemetry::EventType::QueueClosed, m->object);
    l.closed = true;
    if (l.closeFinalizer)
        l.closeFinalizer();
}

void Queue::join_thread()
{
    detail::QueueLocal& l = *m->local;
    if (!l.closed)
        throw AssertionError("Queue " + repr() + " not closed");
    if (l.joinFinalizer)
        l.joinFinalizer();
}

void Queue::cancel_join_thread()
{
    detail::QueueLocal& l = *m->local;
    l.joinCancelled = true;
    l.joinFinalizer.cancel();
}

std::string Queue::repr() const
{
    return m->repr();
}

telemetry::ObjectId Queue::telemetry_id() const
{
    return m->object;
}

void Queue::set_feeder_delay(double seconds)
{
    m->feederDelay = seconds;
}

namespace {
template <typename T> T quietly(int value)
{
    telemetry::probe::Quiet quiet;
    return T(value);
}
Condition quietCondition()
{
    telemetry::probe::Quiet quiet;
    return Condition();
}
} // namespace

JoinableQueue::JoinableQueue(int maxsize)
    : Queue(maxsize, "JoinableQueue")
    , m_unfinished(quietly<Semaphore>(0))
    , m_cond(quietCondition())
{
}

void JoinableQueue::put(const Object& obj, bool block, Timeout timeout)
{
    const telemetry::ItemId item = reservePut(*m, obj, block, timeout);
    detail::QueueLocal& l = *m->local;
    std::lock_guard lock(l.mutex);
    Guard g(m_cond);
    if (!l.feeder.joinable())
        m->startFeeder(m);
    m_unfinished.release();
    m->appendLocked(l, obj, item);
}

void JoinableQueue::task_done()
{
    telemetry::probe::gate(false, "task_done");
    Guard g(m_cond);
    if (!m_unfinished.acquire(false))
        throw ValueError("task_done() called too many times");
    telemetry::probe::event(telemetry::EventType::TaskDone, m->object, m_unfinished.get_value());
    if (m_unfinished.is_zero())
        m_cond.notify_all();
}

void JoinableQueue::join()
{
    namespace probe = telemetry::probe;
    probe::gate(false, "join");
    probe::event(telemetry::EventType::JoinQueue, m->object, 0);
    {
        probe::Blocking blocking(m->object, "join");
        Guard g(m_cond);
        if (!m_unfinished.is_zero())
            m_cond.wait();
    }
    probe::event(telemetry::EventType::JoinQueue, m->object, 1);
}

} // namespace mp
