// SPDX-License-Identifier: MIT
#include <mp/connection.h>
#include <mp/pickle.h>
#include <mp/queues.h>

#include "actor/probe.h"
#include "queue_read_ahead.h"
#include "shared_block.h"

namespace mp {

struct SimpleQueue::Parts {
    Parts(std::pair<Connection, Connection> pipe)
        : reader(std::move(pipe.first))
        , writer(std::move(pipe.second))
        , aheadBlock(detail::SharedBlock::create(sizeof(detail::ReadAhead)))
    {
        std::size_t offset = 0;
        ahead = detail::placeShared<detail::ReadAhead>(*aheadBlock, offset);
    }
    Connection reader;
    Connection writer;
    Lock rlock;
    Lock wlock;
    // What get() has read out of the pipe ahead of the messages it hands out, shared by every reader, as a
    // Queue's (queue_read_ahead.h). An observed run reads through the Connection instead, which reports each
    // message it receives; every process of a run is observed or none is.
    std::shared_ptr<detail::SharedBlock> aheadBlock;
    detail::ReadAhead* ahead = nullptr;
};

SimpleQueue::SimpleQueue()
    : m(std::make_shared<Parts>(Pipe(false)))
{
}

void SimpleQueue::put(const Object& obj)
{
    const std::string payload = dumps(obj); // encoding errors surface here, in the caller
    Guard g(m->wlock);
    m->writer.send_bytes(payload);
}

Object SimpleQueue::get()
{
    std::string res;
    {
        Guard g(m->rlock);
        if (telemetry::probe::on() && !m->ahead->holdsBytes()) // bytes read ahead still go first
            res = m->reader.recv_bytes().str();
        else
            res = detail::recvMessageAhead(m->reader.fileno(), *m->ahead);
    }
    return loads(res);
}

// poll() first: on a closed reader it raises OSError('handle is closed').
bool SimpleQueue::empty()
{
    return !m->reader.poll() && !m->ahead->holdsBytes();
}

void SimpleQueue::close()
{
    m->reader.close();
    m->writer.close();
}

} // namespace mp
