// SPDX-License-Identifier: MIT
#include <mp/telemetry/session.h>

#include "../futex.h"
#include "../posix_call.h"
#include "../runtime.h"
#include "../runtime_access.h"
#include "../shared_block.h"
#include "actor_runtime.h"

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

namespace mp::telemetry {

struct Session::Impl {
    std::shared_ptr<mp::detail::SharedBlock> block;
    ControlBlock* control = nullptr;
    int readFd = -1;
    int writeFd = -1;
    std::vector<Grant> grants;
};

Session::Session(Detail detail)
    : m(std::make_unique<Impl>())
{
    m->block = mp::detail::SharedBlock::create(sizeof(ControlBlock));
    std::size_t offset = 0;
    m->control = mp::detail::placeShared<ControlBlock>(*m->block, offset);
    m->control->detail.store(static_cast<std::uint8_t>(detail));
    m->control->nextActor.store(2); // 1 is the main actor
    int fds[2];
    MP_POSIX_CALL(pipe2, fds, O_CLOEXEC);
    m->readFd = fds[0];
    m->writeFd = fds[1];
    ::fcntl(m->readFd, F_SETPIPE_SZ, 1 << 20); // room for bursts; fails harmlessly above the system limit
}

Session::~Session()
{
    if (m->readFd >= 0)
        ::close(m->readFd);
    if (m->writeFd >= 0)
        ::close(m->writeFd);
}

Detail Session::detail() const
{
    return static_cast<Detail>(m->control->detail.load());
}
int Session::readFd() const
{
    return m->readFd;
}

void Session::closeWriteEnd()
{
    if (m->writeFd >= 0)
        ::close(m->writeFd);
    m->writeFd = -1;
}

void Session::runMainActor(const std::function<void()>& scene)
{
    ::close(m->readFd);
    m->readFd = -1;
    mp::detail::resetAfterFork();
    // A fresh "interpreter": MainProcess, children numbered from Process-1.
    mp::detail::RuntimeAccess::becomeChild("MainProcess", {}, false);
    ActorRuntime::install(m->writeFd, m->control, ActorId { 1 }, "MainProcess");
    mp::detail::runAndExit(scene, "MainProcess");
}

void Session::pauseAll()
{
    m->control->mode.store(ControlBlock::Paused);
}

void Session::resumeAll()
{
    m->control->mode.store(ControlBlock::Run);
    for (auto& slot : m->control->slots)
        if (slot.atGate.load())
            mp::detail::futexWake(&slot.grants, 1 << 30);
}

bool Session::paused() const
{
    return m->control->mode.load() != ControlBlock::Run;
}
void Session::setMicroSteps(bool on)
{
    m->control->micro.store(on ? 1 : 0);
}
bool Session::microSteps() const
{
    return m->control->micro.load() != 0;
}

void Session::step(ActorId actor, bool micro)
{
    if (actor.value == 0 || actor.value > MAX_ACTORS)
        return;
    m->grants.push_back(Grant { actor, micro });
    auto& slot = m->control->slots[actor.value];
    slot.grants.fetch_add(1);
    mp::detail::futexWake(&slot.grants, 1 << 30);
}

bool Session::atGate(ActorId actor) const
{
    return actor.value > 0 && actor.value <= MAX_ACTORS && m->control->slots[actor.value].atGate.load() != 0;
}

int Session::pid(ActorId actor) const
{
    return actor.value > 0 && actor.value <= MAX_ACTORS ? m->control->slots[actor.value].pid.load() : 0;
}

std::string Session::unsent(ActorId actor) const
{
    if (!actor || actor.value > MAX_ACTORS)
        return {};
    const ControlBlock::Unsent& u = m->control->unsent[actor.value];
    const std::size_t n
        = std::min<std::size_t>(u.length.load(std::memory_order_acquire), ControlBlock::Unsent::CAPACITY);
    return std::string(u.bytes, n);
}

const std::vector<Grant>& Session::grants() const
{
    return m->grants;
}

void line(int lineNumber)
{
    if (!g_actor)
        return;
    g_actor->gate(false, "line");
    g_actor->emit(Event { .type = EventType::Line, .a = lineNumber });
}

void label(ObjectId object, const std::string& name)
{
    if (g_actor && object)
        g_actor->emit(Event { .type = EventType::ObjectLabel, .object = object, .text = name });
}

void label_end(ObjectId pipe, int end, const std::string& name)
{
    if (g_actor && pipe && (end == 0 || end == 1))
        g_actor->emit(Event { .type = EventType::ObjectLabel, .object = pipe, .a = end + 1, .text = name });
}

} // namespace mp::telemetry
