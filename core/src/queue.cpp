// SPDX-License-Identifier: MIT
#include <mp/errors.h>
#include <mp/pickle.h>
#include <mp/queues.h>

#include "posix_call.h"
#include "queue_state.h"

#include <cstdio>

namespace mp {

namespace detail {

QueueState::QueueState(int maxsize_, const char* className_, std::pair<Connection, Connection> pipe)
    : className(className_)
    , maxsize(maxsize_ <= 0 ? static_cast<int>(MAX_SEMAPHORE_VALUE) : maxsize_)
    , reader(std::move(pipe.first))
    , writer(std::move(pipe.second))
    , sem(maxsize)
    , local(std::make_unique<QueueLocal>())
{
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

void QueueState::sendSentinel()
{
    std::lock_guard lock(local->mutex);
    local->buffer.emplace_back(std::nullopt);
    local->notempty.notify_one();
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
    std::snprintf(buf, sizeof buf, "<multiprocessing.queues.%s object at %p>", className, static_cast<const void*>(this));
    return buf;
}

void QueueState::startFeeder(const std::shared_ptr<QueueState>& self)
{
    QueueLocal& l = *local;
    l.buffer.clear();
    l.feeder = std::thread([this, &l] { feed(l); });
    std::weak_ptr<QueueState> weak = self;
    if (!l.joinCancelled)
        l.joinFinalizer = Finalizer(-5, [weak, &l] {
            if (auto s = weak.lock(); s && l.feeder.joinable())
                l.feeder.join();
        });
    l.closeFinalizer = Finalizer(10, [weak] {
        if (auto s = weak.lock())
            s->sendSentinel();
    });
}

// Queue.put's third step, under the local buffer's lock.
void QueueState::appendLocked(QueueLocal& l, Object obj)
{
    l.buffer.emplace_back(std::move(obj));
    l.notempty.notify_one();
}

} // namespace detail

Queue::Queue(int maxsize)
    : Queue(maxsize, "Queue")
{
}

Queue::Queue(int maxsize, const char* className)
    : m(std::make_shared<detail::QueueState>(maxsize, className, Pipe(false)))
{
    detail::QueueState* raw = m.get();
    detail::registerAfterFork(m, [raw] { raw->resetAfterFork(); });
}

void Queue::put(const Object& obj, bool block, Timeout timeout)
{
    if (m->local->closed)
        throw ValueError("Queue " + repr() + " is closed");
    if (!m->sem.acquire(block, timeout))
        throw Full();
    detail::QueueLocal& l = *m->local;
    std::lock_guard lock(l.mutex);
    if (!l.feeder.joinable())
        m->startFeeder(m);
    m->appendLocked(l, obj);
}

Object Queue::get(bool block, Timeout timeout)
{
    if (m->local->closed)
        throw ValueError("Queue " + repr() + " is closed");
    Bytes res;
    if (block && !timeout) {
        Guard g(m->rlock);
        res = m->reader.recv_bytes();
        m->sem.release();
    } else {
        const double deadline = block ? detail::monotonic() + *timeout : 0.0;
        if (!m->rlock.acquire(block, timeout))
            throw Empty();
        try {
            const bool ready = block ? m->reader.poll(deadline - detail::monotonic()) : m->reader.poll();
            if (!ready)
                throw Empty();
            res = m->reader.recv_bytes();
            m->sem.release();
        } catch (...) {
            m->rlock.release();
            throw;
        }
        m->rlock.release();
    }
    // Decode after letting go of the reader lock, as CPython unpickles outside it.
    return loads(res.data);
}

int Queue::qsize() const { return m->maxsize - m->sem.get_value(); }
bool Queue::empty() const { return !m->reader.poll(); }
bool Queue::full() const { return m->sem.is_zero(); }

void Queue::close()
{
    detail::QueueLocal& l = *m->local;
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

std::string Queue::repr() const { return m->repr(); }

void Queue::set_feeder_delay(double seconds) { m->feederDelay = seconds; }

JoinableQueue::JoinableQueue(int maxsize)
    : Queue(maxsize, "JoinableQueue")
{
}

void JoinableQueue::put(const Object& obj, bool block, Timeout timeout)
{
    if (m->local->closed)
        throw ValueError("Queue " + repr() + " is closed");
    if (!m->sem.acquire(block, timeout))
        throw Full();
    detail::QueueLocal& l = *m->local;
    std::lock_guard lock(l.mutex);
    Guard g(m_cond);
    if (!l.feeder.joinable())
        m->startFeeder(m);
    l.buffer.emplace_back(obj);
    m_unfinished.release();
    l.notempty.notify_one();
}

void JoinableQueue::task_done()
{
    Guard g(m_cond);
    if (!m_unfinished.acquire(false))
        throw ValueError("task_done() called too many times");
    if (m_unfinished.is_zero())
        m_cond.notify_all();
}

void JoinableQueue::join()
{
    Guard g(m_cond);
    if (!m_unfinished.is_zero())
        m_cond.wait();
}

} // namespace mp
