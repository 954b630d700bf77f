// SPDX-License-Identifier: MIT
#include <mp/connection.h>
#include <mp/pickle.h>
#include <mp/queues.h>

namespace mp {

struct SimpleQueue::Parts {
    Parts(std::pair<Connection, Connection> pipe)
        : reader(std::move(pipe.first))
        , writer(std::move(pipe.second))
    {
    }
    Connection reader;
    Connection writer;
    Lock rlock;
    Lock wlock;
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
    Bytes res;
    {
        Guard g(m->rlock);
        res = m->reader.recv_bytes();
    }
    return loads(res.data);
}

bool SimpleQueue::empty() { return !m->reader.poll(); }

void SimpleQueue::close()
{
    m->reader.close();
    m->writer.close();
}

} // namespace mp
